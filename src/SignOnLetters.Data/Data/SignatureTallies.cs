using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Data;

/// <summary>
/// Keeps <see cref="SignatureTally"/> rows in step with the signatures, in the same transaction as
/// the change that moves them (issue 20). One mechanism for every change saved through EF (confirm,
/// withdraw, moderation, merge, erasure, import, anonymisation…): before a save it compares each
/// changed signature's original and current values (<see cref="SignatureFacets.AddChange"/>: the counts and the
/// letter's list stamp), then
/// adds the differences with one upsert per 200 rows inside the save's transaction, after its
/// rows are written (so a letter restored with its signatures in one save has its id), EF being
/// told to open a transaction even for a one-statement save. The group-commit writer, which bypasses EF,
/// calls <see cref="ApplyAsync"/> itself once per batch.
/// <para>
/// Increments, never read-modify-write: <c>INSERT … ON CONFLICT DO UPDATE SET Count = Count + n</c>
/// (SQLite, PostgreSQL) and <c>MERGE … WITH (HOLDLOCK)</c> (SQL Server) are safe under concurrent
/// writers, and rows are written in key order so two writers cannot deadlock on them. Inside a
/// retrying execution strategy EF opens a new transaction per attempt and the deltas are written
/// again before each commit (a failed attempt rolled back its own). Changes that bypass the change tracker
/// (ExecuteUpdate, raw SQL) are not seen: none of the app's touches a counted column, and the
/// periodic recount repairs what slips through.
/// </para>
/// </summary>
public sealed class SignatureTallies : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static SignatureTallies Instance { get; } = new();

    /// <summary>Rows per statement: 800 parameters, under SQL Server's 2,100 and SQLite's limits.</summary>
    private const int RowsPerStatement = 200;

    private sealed class Pending
    {
        /// <summary>Changed and removed signatures, from their original values (gone once the save is accepted).</summary>
        public required Dictionary<TallyKey, int> Deltas;

        /// <summary>New signatures, read when the rows are written: a letter added in the same save has its id only then.</summary>
        public required List<Signature> Added;

        /// <summary>The save runs inside the caller's transaction: the deltas go in after its commands, before the caller commits.</summary>
        public bool InCallersTransaction;

        public AutoTransactionBehavior? Previous;

        public Dictionary<TallyKey, int> All()
        {
            var all = new Dictionary<TallyKey, int>(Deltas);
            foreach (var signature in Added)
                SignatureFacets.AddChange(all, null, SignatureFacets.Snapshot(signature));
            return all;
        }
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    private SignatureTallies() { }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>EF is about to commit the save's own transaction, its rows written: the deltas go in now, and commit or roll back with them.</summary>
    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending) && !pending.InCallersTransaction)
            Apply(transaction, pending.All());
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending) && !pending.InCallersTransaction)
            await ApplyAsync(transaction, pending.All(), cancellationToken);
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending) && pending.InCallersTransaction)
            Apply(context.Database.CurrentTransaction!.GetDbTransaction(), pending.All());
        Forget(eventData.Context);
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending) && pending.InCallersTransaction)
            await ApplyAsync(context.Database.CurrentTransaction!.GetDbTransaction(), pending.All(), cancellationToken);
        Forget(eventData.Context);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>The tallies' changes for the signatures added, changed or removed by the coming save.</summary>
    public static Dictionary<TallyKey, int> DeltasOf(IEnumerable<EntityEntry<Signature>> entries)
    {
        var deltas = new Dictionary<TallyKey, int>();
        foreach (var entry in entries)
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    SignatureFacets.AddChange(deltas, null, SignatureFacets.Snapshot(entry.Entity));
                    break;
                case EntityState.Deleted:
                    SignatureFacets.AddChange(deltas, Original(entry), null);
                    break;
                case EntityState.Modified:
                    SignatureFacets.AddChange(deltas, Original(entry), SignatureFacets.Snapshot(entry.Entity));
                    break;
            }
        }
        return deltas;
    }

    /// <summary>The tallies' changes for new signatures (the group-commit writer's batch).</summary>
    public static Dictionary<TallyKey, int> DeltasOf(IEnumerable<Signature> added)
    {
        var deltas = new Dictionary<TallyKey, int>();
        foreach (var signature in added)
            SignatureFacets.AddChange(deltas, null, SignatureFacets.Snapshot(signature));
        return deltas;
    }

    private static TallySnapshot Original(EntityEntry<Signature> entry)
    {
        var values = entry.OriginalValues;
        return new TallySnapshot(
            values.GetValue<int>(nameof(Signature.LetterId)),
            values.GetValue<SignatureState>(nameof(Signature.State)),
            values.GetValue<SignerKind>(nameof(Signature.Kind)),
            values.GetValue<string>(nameof(Signature.CountryCode)),
            values.GetValue<SignatureVisibility>(nameof(Signature.Visibility)),
            values.GetValue<string?>(nameof(Signature.OrganisationName)) is not null,
            values.GetValue<SignatureSource>(nameof(Signature.Source)),
            values.GetValue<string?>(nameof(Signature.EmbedHost)),
            values.GetValue<DateTime>(nameof(Signature.CreatedAt)),
            values.GetValue<DateTime?>(nameof(Signature.ConfirmedAt)));
    }

    /// <summary>
    /// Notes what the coming save moves: deltas of changed and removed signatures now (their
    /// original values), new signatures by reference (see <see cref="Pending.Added"/>). Inside the
    /// caller's transaction they are written after the save's commands (<see cref="SavedChanges"/>);
    /// otherwise EF is told to open a transaction even for one statement, and they are written
    /// just before it commits (<see cref="TransactionCommitting"/>), once per attempt of a
    /// retrying strategy (a failed attempt rolled back its own).
    /// </summary>
    private void Collect(DbContext? context)
    {
        if (context is null)
            return;
        Forget(context);
        var entries = context.ChangeTracker.Entries<Signature>().ToList();
        var added = entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var deltas = DeltasOf(entries.Where(e => e.State != EntityState.Added));
        if (added.Count == 0 && !deltas.Values.Any(d => d != 0))
            return;
        var pending = new Pending { Deltas = deltas, Added = added, InCallersTransaction = context.Database.CurrentTransaction is not null };
        if (!pending.InCallersTransaction)
        {
            pending.Previous = context.Database.AutoTransactionBehavior;
            context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
        _pending.AddOrUpdate(context, pending);
    }

    private void Forget(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
            return;
        if (pending.Previous is { } previous)
            context.Database.AutoTransactionBehavior = previous;
        _pending.Remove(context);
    }

    /// <summary>Adds the deltas to the tallies inside <paramref name="transaction"/> (rows in key order).</summary>
    public static async Task ApplyAsync(DbTransaction transaction, IReadOnlyDictionary<TallyKey, int> deltas, CancellationToken cancellationToken)
    {
        foreach (var command in Commands(transaction, deltas))
            await using (command)
                await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbTransaction transaction, IReadOnlyDictionary<TallyKey, int> deltas)
    {
        foreach (var command in Commands(transaction, deltas))
            using (command)
                command.ExecuteNonQuery();
    }

    private static IEnumerable<DbCommand> Commands(DbTransaction transaction, IReadOnlyDictionary<TallyKey, int> deltas)
    {
        var connection = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection.");
        var isSqlServer = connection.GetType().Name == "SqlConnection";
        var rows = deltas.Where(d => d.Value != 0).OrderBy(d => d.Key).ToList();
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = new List<string>();
            foreach (var (key, delta) in rows.Skip(start).Take(RowsPerStatement))
            {
                var i = values.Count;
                values.Add($"(@l{i}, @f{i}, @k{i}, @c{i})");
                Add(command, $"@l{i}", key.LetterId);
                Add(command, $"@f{i}", key.Facet);
                Add(command, $"@k{i}", key.Key);
                Add(command, $"@c{i}", delta);
            }
            command.CommandText = isSqlServer
                ? "MERGE [SignatureTallies] WITH (HOLDLOCK) AS t USING (VALUES " + string.Join(", ", values) + ") AS s ([LetterId], [Facet], [Key], [Count]) "
                  + "ON t.[LetterId] = s.[LetterId] AND t.[Facet] = s.[Facet] AND t.[Key] = s.[Key] "
                  + "WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.[Count] "
                  + "WHEN NOT MATCHED THEN INSERT ([LetterId], [Facet], [Key], [Count]) VALUES (s.[LetterId], s.[Facet], s.[Key], s.[Count]);"
                : "INSERT INTO \"SignatureTallies\" (\"LetterId\", \"Facet\", \"Key\", \"Count\") VALUES " + string.Join(", ", values)
                  + " ON CONFLICT (\"LetterId\", \"Facet\", \"Key\") DO UPDATE SET \"Count\" = \"SignatureTallies\".\"Count\" + excluded.\"Count\"";
            yield return command;
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
