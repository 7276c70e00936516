using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using SignOnLetters.BrowserTests.Infrastructure;

namespace SignOnLetters.BrowserTests.Faults;

/// <summary>
/// The app is killed with SIGKILL while signatures pour in through the API, then started again on
/// the same SQLite file: every submission that was answered 202 is stored, none twice, and the file
/// passes SQLite's integrity check. (Submissions cut off mid-flight may or may not be stored; their
/// senders never heard "accepted", and retrying is safe: a second unconfirmed signature from one
/// mailbox is merged into the first when its link is followed, so it never counts twice.)
/// </summary>
public sealed class KillDuringSigningTests : IAsyncLifetime
{
    private const int Workers = 16;
    private readonly AppServer app = new();

    public async Task InitializeAsync()
    {
        // Every request comes from 127.0.0.1: the per-address limits are off by configuration for this run.
        app.Settings["Signing__RateLimit__Enabled"] = "false";
        await app.StartAsync();
    }

    public Task DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Should_keep_every_accepted_signature_exactly_once_after_a_kill_in_the_middle_of_signing()
    {
        var accepted = new ConcurrentBag<string>();
        var next = 0;
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var email = $"load-{Interlocked.Increment(ref next)}@example.org";
                try
                {
                    var response = await http.PostAsJsonAsync("/api/letters/demo/signatures", new
                    {
                        kind = "Individual", countryCode = "FR", signerName = "Load Signer", email, visibility = "NameAndOrganisation", consent = true,
                    });
                    if (response.StatusCode == HttpStatusCode.Accepted)
                        accepted.Add(email);
                    else
                        Assert.Fail($"{email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException)
                {
                    return; // The app is gone: this submission's fate is unknown to its sender.
                }
                catch (TaskCanceledException)
                {
                    return;
                }
            }
        })).ToList();

        // Let the load run until a good number were accepted, then pull the plug.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (accepted.Count < 150 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        await app.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        Assert.True(accepted.Count >= 150, $"only {accepted.Count} accepted before the kill");

        await app.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/letters/demo")).StatusCode);

        await using var db = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly");
        await db.OpenAsync();
        var stored = new Dictionary<string, int>();
        await using (var query = db.CreateCommand())
        {
            query.CommandText = "SELECT Email, COUNT(*) FROM Signatures WHERE Email LIKE 'load-%@example.org' GROUP BY Email";
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                stored[reader.GetString(0)] = reader.GetInt32(1);
        }
        var missing = accepted.Where(email => !stored.ContainsKey(email)).ToList();
        Assert.True(missing.Count == 0, $"accepted but not stored: {string.Join(", ", missing.Take(10))}");
        Assert.All(stored, pair => Assert.Equal(1, pair.Value));
        await using var check = db.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
    }
}
