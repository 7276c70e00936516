using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Data;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Database;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Record;

namespace SignOnLetters.Tests.Letters;

/// <summary>
/// What the public letter page and <c>GET /api/letters/{slug}</c> send to the database (issue 20): on
/// PostgreSQL each statement is a round trip to another process on the same cores, and each
/// connection taken from the pool is reset by statements of its own, so both are counted here. The
/// API reads what it answers and no more (not the updates sent to signers, not how old a translation
/// is); the letter, its version's date and note and its record's head are one statement; one
/// connection serves a request.
/// </summary>
public abstract class LetterReadStatementTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_answer_the_letter_api_with_three_statements_on_one_connection()
    {
        var (letter, _, _) = await SigningScenario.OpenLetterAsync(App);
        await SigningScenario.SignAndConfirmAsync(App, SigningScenario.Organisation());
        using var http = ClientInTheTestsFlow();
        await http.GetAsync($"/api/letters/{SigningScenario.Slug}"); // the compiled queries and the start-up reads out of the way

        var (response, sent) = await CountedAsync(() => http.GetAsync($"/api/letters/{SigningScenario.Slug}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The letter (with its version's date and note and its record's head), the published texts, the tallies.
        Assert.Equal(3, sent.Statements);
        Assert.Equal(1, sent.Connections);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var head = await App.ExecuteDbContextAsync(db => PublicRecord.HeadAsync(db, letter.Id, CancellationToken.None));
        Assert.NotEqual(0, head.Entries);
        Assert.Equal(head.Head, body.GetProperty("recordHead").GetString());
        Assert.Equal(1, body.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal(SigningScenario.Title, body.GetProperty("title").GetString());
    }

    [SkippableFact]
    public async Task Should_read_the_letter_for_its_page_in_four_statements_and_its_translation_age_in_a_fifth()
    {
        await SigningScenario.OpenLetterAsync(App);

        var (page, sent) = await CountedAsync(() => App.SendAsync(new View.Query(SigningScenario.Slug, "en")));

        // The letter, the texts, the tallies, the updates sent to signers.
        Assert.Equal(4, sent.Statements);
        Assert.Equal(1, sent.Connections);
        Assert.Equal(1, page.VersionNumber);
        Assert.NotNull(page.VersionPublishedAt);
        Assert.Equal(PublicRecord.Head(null), page.RecordHead);

        var (api, sentForApi) = await CountedAsync(() => App.SendAsync(new View.Query(SigningScenario.Slug, "en") { WithPageParts = false }));

        Assert.Equal(3, sentForApi.Statements);
        Assert.Empty(api.Updates);
        Assert.Equal(
            (page.Title, page.BodyHtml, page.VersionNumber, page.VersionPublishedAt, page.Counts.Total, page.RecordHead, page.Authors.Count),
            (api.Title, api.BodyHtml, api.VersionNumber, api.VersionPublishedAt, api.Counts.Total, api.RecordHead, api.Authors.Count));
        Assert.Equal(page.Languages, api.Languages);
    }

    [SkippableFact]
    public async Task Should_send_the_pages_letter_sign_form_and_list_statements_on_one_connection()
    {
        await SigningScenario.OpenLetterAsync(App);
        await SigningScenario.SignAndConfirmAsync(App, SigningScenario.Organisation());
        using var http = ClientInTheTestsFlow();
        await http.GetAsync($"/letters/{SigningScenario.Slug}?warm=1");

        // A query string the page does not read: a cache miss.
        var (response, sent) = await CountedAsync(() => http.GetAsync($"/letters/{SigningScenario.Slug}?miss=2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Médecins du Monde", await response.Content.ReadAsStringAsync());
        Assert.True(sent.Statements >= 4, $"{sent.Statements} statements: the page was served from the cache");
        Assert.True(sent.Connections == 1, sent.ToString());
    }

    /// <summary>
    /// A client whose requests the test server runs in the test's flow (it does so only when asked, and a
    /// client takes the setting when made): then the flow's counter sees the app's statements.
    /// </summary>
    private HttpClient ClientInTheTestsFlow()
    {
        var server = App.Factory.Server;
        var preserved = server.PreserveExecutionContext;
        server.PreserveExecutionContext = true;
        try
        {
            return App.Factory.CreateClient();
        }
        finally
        {
            server.PreserveExecutionContext = preserved;
        }
    }

    /// <summary>The statements EF sent and the connections it opened while <paramref name="action"/> ran, in its flow alone.</summary>
    private static async Task<(T Result, Sent Sent)> CountedAsync<T>(Func<Task<T>> action)
    {
        var sent = new Sent();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new EfListeners());
        Sent.Current.Value = sent;
        try
        {
            return (await action(), sent);
        }
        finally
        {
            Sent.Current.Value = null;
        }
    }

    private sealed class Sent
    {
        public static readonly AsyncLocal<Sent?> Current = new();
        public readonly List<string> Texts = [];
        public int Connections;

        public int Statements => Texts.Count;

        /// <summary>The statements' first lines, for a failure's message.</summary>
        public override string ToString() => $"{Connections} connection(s): " + string.Join(" | ", Texts.Select(t => t.Split('\n')[0]));
    }

    private sealed class EfListeners : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private readonly List<IDisposable> _subscriptions = [];

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (Sent.Current.Value is not { } sent)
                return;
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed)
            {
                lock (sent.Texts)
                    sent.Texts.Add(executed.Command.CommandText);
            }
            else if (value.Key == RelationalEventId.ConnectionOpened.Name)
                Interlocked.Increment(ref sent.Connections);
        }

        public void OnCompleted()
        {
            foreach (var subscription in _subscriptions)
                subscription.Dispose();
        }

        public void OnError(Exception error)
        {
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LetterReadStatementTestsOnSqlite(SqliteSlice app) : LetterReadStatementTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LetterReadStatementTestsOnPostgres(PostgresSlice app) : LetterReadStatementTests(app);

/// <summary>The driver's settings the app sets on PostgreSQL, in the one place that builds its connection string.</summary>
public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void Should_turn_on_automatic_preparation_when_the_connection_string_leaves_it_unset()
    {
        var built = new Npgsql.NpgsqlConnectionStringBuilder(
            DatabaseProviderSetup.PostgresConnectionString("Host=db.example.org;Database=letters;Username=app;Password='a;b=c'"));

        Assert.Equal(100, built.MaxAutoPrepare);
        Assert.Equal(2, built.AutoPrepareMinUsages);
        Assert.Equal("db.example.org", built.Host);
        Assert.Equal("letters", built.Database);
        Assert.Equal("a;b=c", built.Password);
    }

    [Theory]
    [InlineData("Host=h;Max Auto Prepare=0", 0, 2)]
    [InlineData("Host=h;MaxAutoPrepare=7;auto prepare min usages=9", 7, 9)]
    [InlineData("Host=h;max auto prepare=20", 20, 2)]
    public void Should_keep_what_the_connection_string_sets_itself(string configured, int maxAutoPrepare, int minUsages)
    {
        var built = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseProviderSetup.PostgresConnectionString(configured));

        Assert.Equal(maxAutoPrepare, built.MaxAutoPrepare);
        Assert.Equal(minUsages, built.AutoPrepareMinUsages);
    }

    [Fact]
    public void Should_give_every_context_built_for_postgresql_the_defaults()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(DatabaseProvider.Postgres, "Host=h;Database=d");
        using var db = new AppDbContext(options.Options);

        var built = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());

        Assert.Equal(100, built.MaxAutoPrepare);
    }
}

/// <summary>On a real server: the app's connections prepare the statements they repeat.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAutoPrepareTests(PostgresSlice app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_prepare_the_letter_pages_statements_on_the_connection_that_repeats_them()
    {
        await SigningScenario.OpenLetterAsync(App);

        var prepared = await App.ExecuteScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            await using var connection = await OneConnection.HoldAsync(db, CancellationToken.None);
            var mediator = services.GetRequiredService<Mediator.IMediator>();
            for (var i = 0; i < 3; i++)
                await mediator.Send(new View.Query(SigningScenario.Slug, "en") { WithPageParts = false });
            return await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        });

        Assert.Contains(prepared, s => s.Contains("\"Slug\"", StringComparison.Ordinal) && s.Contains("\"Letters\"", StringComparison.Ordinal));
    }
}
