using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SignOnLetters.Data;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Web.Infrastructure.Security;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Benchmarks.Load;

/// <summary>The database the app under load uses, seen from the benchmark: seeding, the check and the ceiling.</summary>
internal sealed class LoadDatabase(DatabaseProvider provider, string connectionString)
{
    public DatabaseProvider Provider => provider;

    public AppDbContext Open()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(provider, connectionString);
        return new AppDbContext(options.Options);
    }

    /// <summary>
    /// Confirmed signatories for the public page, added with the domain's own methods (as if each
    /// had signed and clicked the link) until the letter has <paramref name="target"/> public ones.
    /// </summary>
    public async Task<int> SeedPublicSignatoriesAsync(string slug, int target)
    {
        await using var db = Open();
        var letter = await db.Letters.Include(l => l.Versions).SingleAsync(l => l.Slug == slug);
        var terms = letter.SigningTerms(letter.Versions.Single(v => v.Number == letter.LatestVersionNumber).Id);
        var existing = await db.Signatures.CountAsync(s => s.LetterId == letter.Id && s.State == SignatureState.Approved);
        var signers = new Signers("seed");
        var now = DateTime.UtcNow;
        for (var number = 1; existing + number - 1 < target; number++)
        {
            var signer = signers.For(number);
            var details = new SignerDetails(signer.Kind == "organisation" ? SignerKind.Organisation : SignerKind.Individual,
                signer.OrganisationName, signer.CountryCode, signer.Name, signer.Role, null, signer.Email,
                number % 10 == 0 ? SignatureVisibility.CountedNotNamed : SignatureVisibility.NameAndOrganisation, KeepMeUpdated: false);
            var signedAt = now.AddMinutes(-number);
            var signature = terms.Sign(details, SignatureSource.PublicForm, new ConfirmationTokens(SecureToken.Create().Hash, SecureToken.Create().Hash), signedAt);
            signature.Confirm(ModerationMode.Automatic, signedAt.AddMinutes(1));
            db.Signatures.Add(signature);
            if (number % 1000 == 0)
                await db.SaveChangesAsync();
        }
        await db.SaveChangesAsync();
        return await db.Signatures.CountAsync(s => s.LetterId == letter.Id && s.State == SignatureState.Approved);
    }

    /// <summary>Every accepted submission stored exactly once; what else the run stored, counted.</summary>
    public async Task<Verification> VerifyAsync(string runId, IReadOnlyCollection<string> accepted)
    {
        await using var db = Open();
        var suffix = $".{runId}@{Signers.EmailDomain}";
        var stored = await db.Signatures.AsNoTracking()
            .Where(s => s.Email!.EndsWith(suffix))
            .Select(s => s.Email!)
            .ToListAsync();
        var storedCounts = stored.GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());
        var acceptedSet = accepted.ToHashSet();
        return new Verification(
            Accepted: accepted.Count,
            AcceptedTwice: accepted.Count - acceptedSet.Count,
            Stored: stored.Count,
            Lost: acceptedSet.Count(e => !storedCounts.ContainsKey(e)),
            StoredTwice: storedCounts.Count(c => c.Value > 1),
            StoredWithoutSuccessAnswer: storedCounts.Keys.Count(e => !acceptedSet.Contains(e)));
    }

    /// <summary>Signatures of this run whose confirmation e-mail is still owed (queued in the app, not yet sent).</summary>
    public async Task<int> OwedConfirmationsAsync(string runId)
    {
        await using var db = Open();
        var suffix = $".{runId}@{Signers.EmailDomain}";
        return await db.Signatures.CountAsync(s => s.Email!.EndsWith(suffix) && s.ConfirmationMailDueAt != null);
    }

    /// <summary>
    /// The database ceiling: one loop of raw single-row INSERTs, each its own transaction, on the same
    /// database with the app's settings (SQLite: WAL, synchronous=NORMAL; PostgreSQL: the server's).
    /// </summary>
    public async Task<LoadResult> InsertCeilingAsync(TimeSpan duration)
    {
        await using var connection = provider == DatabaseProvider.Sqlite
            ? (DbConnection)new SqliteConnection(connectionString)
            : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, provider == DatabaseProvider.Sqlite
            ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; CREATE TABLE IF NOT EXISTS load_ceiling (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, created_at TEXT NOT NULL)"
            : "CREATE TABLE IF NOT EXISTS load_ceiling (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL, created_at timestamptz NOT NULL)");
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO load_ceiling (email, name, created_at) VALUES (@email, @name, @created)";
        var email = Parameter(insert, "@email");
        var name = Parameter(insert, "@name");
        var created = Parameter(insert, "@created");
        // Typed before preparing: PostgreSQL fixes a prepared parameter's type.
        created.Value = DateTime.UtcNow;
        await insert.PrepareAsync();
        var latencies = new List<double>(200_000);
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var started = Stopwatch.GetTimestamp();
            email.Value = $"ceiling{i}@{Signers.EmailDomain}.invalid";
            name.Value = "Ольга Смирнова";
            created.Value = DateTime.UtcNow;
            await insert.ExecuteNonQueryAsync();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var elapsed = clock.Elapsed;
        await ExecuteAsync(connection, "DROP TABLE load_ceiling");
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return new LoadResult("database ceiling (raw INSERT loop)", 1, elapsed, sorted.Length, 0, sorted, null, []);
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = string.Empty;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

internal sealed record Verification(int Accepted, int AcceptedTwice, int Stored, int Lost, int StoredTwice, int StoredWithoutSuccessAnswer)
{
    public bool Holds => Lost == 0 && StoredTwice == 0 && AcceptedTwice == 0;

    public override string ToString() =>
        $"accepted {Accepted:N0}, stored {Stored:N0}: lost {Lost}, stored twice {StoredTwice}, accepted twice {AcceptedTwice}, stored without a success answer (timed out or cut off) {StoredWithoutSuccessAnswer} → {(Holds ? "OK" : "FAILED")}";
}
