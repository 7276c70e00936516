using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace SignOnLetters.Web.Infrastructure.Background;

/// <summary>
/// Verifies the signature tallies against the rows, letter by letter, and repairs any drift,
/// logging what it found (issue 20; the UK petitions site's nightly recount). Each letter's rows
/// are counted by <see cref="SignatureFacets"/>, the rule the tallies are kept by, and compared
/// with its tallies read in the same snapshot (a deferred read transaction on SQLite, REPEATABLE
/// READ on PostgreSQL), where the two agree exactly unless something bypassed
/// <see cref="SignatureTallies"/>. The repair adds the difference as a delta in a short
/// transaction of its own, so signatures committed meanwhile (which moved the tallies themselves)
/// are neither lost nor counted twice, and signing is never held up for the length of a count.
/// </summary>
public sealed class SignatureRecount(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SignatureRecount> logger)
    : PeriodicJob(clock, logger)
{
    /// <summary>Keys named in the log per letter; the rest are summed up.</summary>
    private const int LoggedKeys = 20;

    protected override TimeSpan Interval => TimeSpan.FromHours(6);

    protected override string Description => "Recounting signature tallies";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RecountAsync(cancellationToken);

    /// <summary>One pass over every letter. Returns how many tally rows it repaired.</summary>
    public async Task<int> RecountAsync(CancellationToken cancellationToken)
    {
        List<int> letters;
        await using (var scope = scopes.CreateAsyncScope())
            letters = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Letters.AsNoTracking()
                .OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken);
        var repaired = 0;
        foreach (var letterId in letters)
            repaired += await RecountAsync(letterId, cancellationToken);
        return repaired;
    }

    /// <summary>Recounts one letter; returns how many tally rows were wrong (and are now repaired).</summary>
    public async Task<int> RecountAsync(int letterId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        var drift = await strategy.ExecuteAsync(ct => DriftAsync(db, letterId, ct), cancellationToken);
        if (drift.Count == 0)
            return 0;
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await SignatureTallies.ApplyAsync(transaction.GetDbTransaction(), drift.ToDictionary(d => d.Key, d => d.Counted - d.Stored), ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        logger.LogWarning("Signature tallies of letter {LetterId} had drifted from its signatures in {Rows} rows, now repaired: {Details}",
            letterId, drift.Count,
            string.Join("; ", drift.Take(LoggedKeys).Select(d => $"{d.Key.Facet} {d.Key.Key}: stored {d.Stored}, counted {d.Counted}"))
            + (drift.Count > LoggedKeys ? $"; and {drift.Count - LoggedKeys} more" : string.Empty));
        return drift.Count;
    }

    internal sealed record Drift(TallyKey Key, int Stored, int Counted);

    /// <summary>The letter's tallies that differ from a count of its rows, both read in one snapshot (the scale benchmark checks its run with it).</summary>
    internal static async Task<List<Drift>> DriftAsync(AppDbContext db, int letterId, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var snapshot = await BeginSnapshotAsync(db, cancellationToken);
            var counted = new Dictionary<TallyKey, int>();
            // Streamed: a million rows pass through one small record at a time.
            await foreach (var row in db.Signatures.AsNoTracking().Where(s => s.LetterId == letterId)
                               .Select(s => new TallySnapshot(s.LetterId, s.State, s.Kind, s.CountryCode, s.Visibility, s.OrganisationName != null,
                                   s.Source, s.EmbedHost, s.CreatedAt, s.ConfirmedAt))
                               .AsStreamed().WithCancellation(cancellationToken))
                SignatureFacets.AddDelta(counted, null, row);
            // The list stamp is a sum of past changes, not a count: there is nothing in the rows to check it against.
            var stored = await db.SignatureTallies.AsNoTracking().Where(t => t.LetterId == letterId && t.Facet != SignatureFacets.ListChanges)
                .ToDictionaryAsync(t => new TallyKey(t.LetterId, t.Facet, t.Key), t => t.Count, cancellationToken);
            await snapshot.CommitAsync(cancellationToken);
            return counted.Keys.Union(stored.Keys)
                .Select(key => new Drift(key, stored.GetValueOrDefault(key), counted.GetValueOrDefault(key)))
                .Where(d => d.Stored != d.Counted)
                .OrderBy(d => d.Key)
                .ToList();
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A read transaction in which the rows and the tallies are seen as of one moment, holding no write lock.</summary>
    private static async Task<IDbContextTransaction> BeginSnapshotAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            // BEGIN (deferred): a WAL read snapshot from the first read; the default BEGIN IMMEDIATE would block every writer.
            return (await db.Database.UseTransactionAsync(sqlite.BeginTransaction(deferred: true), cancellationToken))!;
        return await db.Database.BeginTransactionAsync(db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, cancellationToken);
    }
}
