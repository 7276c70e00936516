using System.Threading.Channels;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SignOnLetters.Web.Infrastructure.Caching;
using SignOnLetters.Web.Infrastructure.Webhooks;
using SignOnLetters.Domain.Record;
using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Web.Pages.Signatures.Importing;

/// <summary>What an import did: rows imported, rows skipped as duplicates, rows refused (each given to the caller's sink with its line).</summary>
public sealed record ImportSummary(int Imported, int Duplicates, int Refused);

/// <summary>A refused row: its line in the file (the header is line 1) and why, in the reader's language.</summary>
public sealed record RefusedRow(long Line, string Reason);

/// <summary>
/// How an import spends memory for speed. <see cref="Page"/>: the coordinators' page, inside the
/// web server, whose memory other requests share. <see cref="CommandLine"/>: the administrator's
/// verb, a process of its own with the 500 MB of issue 20 to itself; on SQLite its connection
/// keeps 100 MB of pages in memory (the letter's indexes and the FTS5 trigram table outgrow
/// SQLite's default 2 MB within the first 100,000 rows, and every batch then reads them back from
/// the file) and larger batches (fewer commits, fewer and larger FTS5 segments to merge). The
/// budget: the app itself holds ~190 MB, three batches in flight ~70 MB, the letter's claimed keys
/// ~50 MB at 1,000,000; a 200 MB cache took the process to 503 MB at 200,000 rows, 128 MB to 414 MB.
/// </summary>
/// <param name="BatchSize">Rows per transaction on PostgreSQL and SQL Server; also the unit of the pipeline (with two writers, at most five batches in memory).
/// 10,000 rows took the process to 557 MB when PostgreSQL's batch was INSERTs holding every row's parameters; its binary COPY holds none.</param>
/// <param name="SqliteBatchSize">Rows per transaction on SQLite, in process, where a batch costs only its rows.</param>
/// <param name="SqliteCacheMegabytes">The import connection's SQLite page cache; 0 keeps the connection's default.</param>
/// <param name="PostgresWriters">Connections writing batches at once on PostgreSQL (see <see cref="SignatureImporter"/>); 1 writes one batch after another.</param>
public sealed record ImportTuning(int BatchSize, int SqliteBatchSize, int SqliteCacheMegabytes, int PostgresWriters = 1)
{
    public static ImportTuning Page { get; } = new(2_000, 2_000, 0);

    /// <summary>
    /// Two writers on PostgreSQL: the server's work (the indexes, the trigram indexes' pending lists, the foreign keys'
    /// checks) was 109 of an import's 153 CPU seconds at 1,000,000 rows, all of it on the one connection's backend,
    /// one core. Only the command line: the page's import shares the web server with signers, and holds the record's
    /// lock of the letter for the whole import while batches are in flight.
    /// </summary>
    public static ImportTuning CommandLine { get; } = new(5_000, 10_000, 100, PostgresWriters: 2);

    public int BatchSizeOn(DatabaseFacade database) => database.IsSqlite() ? SqliteBatchSize : BatchSize;
}

/// <summary>
/// Imports the rows of a <see cref="SignatureFile"/> into a letter, for the coordinators' page and
/// the command line alike. Each row passes the checks a paper signature passes
/// (<see cref="ReadableText"/>, <see cref="EnteredSignerValidator"/>, the letter's
/// <see cref="SigningTerms"/>) and the same claims (one signature per organisation and per mailbox,
/// <see cref="SignatureClaims"/>, aliases applied); a row holding a claim someone already holds is a
/// duplicate, skipped and counted, so importing the same file twice adds nothing. An individual
/// without an e-mail address claims nothing on the public form; here a row with the same name,
/// organisation and country as such a signature already on the letter is a duplicate too, or a
/// re-imported paper list would count everyone twice. Rows are saved in batches, each in its own
/// transaction, so memory stays flat whatever the file's length. No e-mail is sent.
/// <para>
/// Two stages run side by side, on the two cores issue 20 gives the import: one thread reads,
/// parses and checks the rows and hands full batches over a bounded channel (two batches: memory
/// stays flat, and a slow database holds the reader back); the caller's thread stores them. The
/// reader alone reports refused rows, in file order, so lines and the sink's order are as they were
/// with one thread; duplicates are decided by the writer alone, batch after batch, as before.
/// </para>
/// <para>
/// A batch is stored as the group-commit writer stores signatures (<see cref="SignatureRowInsert"/>:
/// prepared or batched INSERTs, no change tracking), with what SaveChanges' hooks would have added
/// in the same transaction: each row's "counted" entry in the signatory record from the record's
/// own appender, the batch's tallies once, and the public page's cache told afterwards (issue 20:
/// EF's SaveChanges held an import to a few hundred rows a second). Each signature keeps its own
/// history entry ("imported by … from file …"): it is what the signature's page shows and what a
/// coordinator answering "why am I on this letter?" reads, and as a prepared insert it costs little
/// next to the signature's row. Webhooks hear of each stored batch by one summary event
/// (<see cref="WebhookEvents"/>), whichever way it was stored. Where the row insert is not used (SQL Server), or when the batch
/// meets a claim taken meanwhile, EF's SaveChanges stores the rows and its hooks do the rest.
/// </para>
/// </summary>
public sealed class SignatureImporter(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> T, LetterChanges changes, WebhookEvents webhooks,
    IServiceScopeFactory scopes, ILogger<SignatureImporter> logger)
{
    /// <summary>Batches handed from the reader to the writer and not yet taken: with the one being read and the one being written, three in memory.</summary>
    private const int BatchesWaiting = 1;

    private static readonly EnteredSignerValidator Validator = new();

    /// <param name="coordinatorUserId">The coordinator on whose authority the rows are approved; null for the administrator on the command line.</param>
    /// <param name="tuning">Batch size and memory; <see cref="ImportTuning.Page"/> when null.</param>
    public async Task<ImportSummary> ImportAsync(string slug, SignatureFile file, ImportMapping mapping, string? coordinatorUserId, string fileName,
        Action<RefusedRow> refused, CancellationToken cancellationToken, ImportTuning? tuning = null)
    {
        tuning ??= ImportTuning.Page;
        if (mapping.Problem() is { } problem)
            throw new DomainRuleException(problem);
        var letter = await LetterForSigning.FindAsync(db, slug, cancellationToken);
        letter.Terms.EnsureOpen();
        var letterId = letter.Terms.LetterId;
        var unnamedIndividuals = await UnnamedIndividualKeysAsync(letterId, cancellationToken);
        var claimed = await ClaimedKeys.LoadAsync(Holding(letterId), cancellationToken);

        var stages = new StageTimes();
        var (imported, duplicates) = (0, 0);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // One connection for the whole import (EF counts the opens, so the batches' own opens and
        // closes keep it), with its own cache; given back to the pool as it was.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var cache = SqliteImportCache.None;
        var batches = Channel.CreateBounded<List<(long Line, Signature Signature)>>(
            new BoundedChannelOptions(BatchesWaiting) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAsync(file, mapping, letter, coordinatorUserId, fileName, refused, tuning.BatchSizeOn(db.Database), batches.Writer, stages, stop.Token),
            stop.Token);
        try
        {
            cache = await SqliteImportCache.EnlargeAsync(db, tuning.SqliteCacheMegabytes, cancellationToken);
            if (tuning.PostgresWriters > 1 && db.Database.IsNpgsql() && SignatureRowInsert.For(db) is { } insert)
                (imported, duplicates) = await SaveOnSeveralConnectionsAsync(letterId, insert, batches.Reader, tuning.PostgresWriters, claimed, unnamedIndividuals,
                    stages, stop.Token);
            else
            {
                while (await WaitForBatchAsync(batches.Reader, stages, stop.Token))
                {
                    while (batches.Reader.TryRead(out var batch))
                    {
                        var (saved, skipped) = await SaveAsync(letterId, batch, claimed, unnamedIndividuals, stages, cancellationToken);
                        imported += saved;
                        duplicates += skipped;
                    }
                }
            }
        }
        catch
        {
            // The writer failed: the reader stops too, and its own error (if any) is not the one to report.
            await stop.CancelAsync();
            try
            {
                await reading;
            }
            catch (Exception)
            {
                // Already failing with the writer's exception.
            }
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            await cache.RestoreAsync();
            await db.Database.CloseConnectionAsync();
        }
        // A file the reader could not go on reading: its error, after the rows before it were stored (as with one thread).
        var refusedCount = await reading;
        if (imported > 0)
            await TidyAfterBulkLoadAsync();
        // Counts and times only: names and addresses in the file must not reach the logs.
        logger.LogInformation("Signatures imported into letter {LetterId} by {Importer}: {Imported} imported, {Duplicates} duplicates skipped, {Refused} refused; time by stage: {Stages}",
            letterId, coordinatorUserId ?? "the command line", imported, duplicates, refusedCount, stages);
        return new ImportSummary(imported, duplicates, refusedCount);
    }

    /// <summary>
    /// PostgreSQL: marks the pages the import wrote as visible to all and refreshes the planner's statistics, as
    /// PostgreSQL's manual advises after a bulk load; on both routes, the command line's and the coordinators' page.
    /// Until autovacuum gets there (after a fifth of the table has been added), an index-only scan reads the table
    /// for every entry on a page not yet so marked: the coordinators' table sorted by name, page 10,000 of a
    /// 1,000,000 letter, read 88,000 pages (690 ms) right after the import and 19,500 once vacuumed (docs/benchmarks.md,
    /// "after the fifteenth session"; 141.8 ms p99 in the sixteenth's run). VACUUM skips the pages already marked, so
    /// after a page's import it costs about what the file added (2 s for the first 1,000,000 rows). The rows are
    /// committed by then: a failure here is logged and the import stands, and it is not cancelled with the request
    /// (a coordinator closing the tab now would lose the import's report, not its rows).
    /// </summary>
    private async Task TidyAfterBulkLoadAsync()
    {
        if (!db.Database.IsNpgsql())
            return;
        try
        {
            await db.Database.ExecuteSqlRawAsync($"VACUUM (ANALYZE) \"{nameof(AppDbContext.Signatures)}\"", CancellationToken.None);
        }
        catch (Npgsql.NpgsqlException exception)
        {
            logger.LogWarning(exception, "The signatures are imported; tidying the table afterwards failed. PostgreSQL's autovacuum will do it later.");
        }
    }

    /// <summary>
    /// The reader's stage, on its own thread: parses and checks each row, reports the refused ones
    /// in file order, and hands the good ones on in batches; returns how many it refused.
    /// </summary>
    private async Task<int> ReadAsync(SignatureFile file, ImportMapping mapping, LetterForSigning letter, string? coordinatorUserId, string fileName,
        Action<RefusedRow> refused, int batchSize, ChannelWriter<List<(long Line, Signature Signature)>> batches, StageTimes stages,
        CancellationToken cancellationToken)
    {
        var refusedCount = 0;
        try
        {
            var batch = new List<(long Line, Signature Signature)>(batchSize);
            var reading = stages.Time("read, parse and check");
            foreach (var row in file.Rows())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var now = clock.GetUtcNow().UtcDateTime;
                var (signature, refusal) = Check(row, mapping, letter, coordinatorUserId, fileName, now);
                if (signature is null)
                {
                    refusedCount++;
                    refused(new RefusedRow(row.Line, refusal!));
                    continue;
                }
                batch.Add((row.Line, signature));
                if (batch.Count < batchSize)
                    continue;
                reading.Dispose();
                using (stages.Time("reader waiting for the writer"))
                    await batches.WriteAsync(batch, cancellationToken);
                batch = new List<(long Line, Signature Signature)>(batchSize);
                reading = stages.Time("read, parse and check");
            }
            reading.Dispose();
            if (batch.Count > 0)
                await batches.WriteAsync(batch, cancellationToken);
            return refusedCount;
        }
        finally
        {
            batches.TryComplete();
        }
    }

    /// <summary>The row as a signature, or why it is refused (in the reader's language).</summary>
    private (Signature? Signature, string? Refusal) Check(FileRow row, ImportMapping mapping, LetterForSigning letter, string? coordinatorUserId,
        string fileName, DateTime now)
    {
        var (fields, signedAt, problem, arguments) = mapping.Read(row, now);
        if (fields is null)
            return (null, T[problem!, arguments].Value);
        if (ReadableText.Failures(fields) is [var unreadable, ..])
            return (null, T.Describe(unreadable));
        if (Validator.Validate(fields) is { IsValid: false } invalid)
            // One reason a field: an address that is not one fails two rules saying the same thing.
            return (null, string.Join(" ", invalid.Errors.DistinctBy(e => e.PropertyName).Select(e => e.ErrorMessage)));
        try
        {
            var signature = letter.Terms.SignImported(fields.Details, coordinatorUserId, fileName, signedAt, now);
            letter.ApplyAlias(signature);
            return (signature, null);
        }
        catch (DomainRuleException rule)
        {
            return (null, T.Describe(rule));
        }
    }

    private static async Task<bool> WaitForBatchAsync(ChannelReader<List<(long Line, Signature Signature)>> batches, StageTimes stages, CancellationToken cancellationToken)
    {
        using (stages.Time("writer waiting for the reader"))
            return await batches.WaitToReadAsync(cancellationToken);
    }

    /// <summary>Skips the batch's duplicates (of the letter and of each other), then saves the rest; a claim taken meanwhile by a signer is a duplicate too.</summary>
    private async Task<(int Saved, int Skipped)> SaveAsync(int letterId, List<(long Line, Signature Signature)> batch, ClaimedKeys claimed,
        HashSet<string> unnamedIndividuals, StageTimes stages, CancellationToken cancellationToken)
    {
        var fresh = await FreshAsync(letterId, batch, claimed, unnamedIndividuals, stages, cancellationToken);
        try
        {
            if (SignatureRowInsert.For(db) is { } insert)
            {
                // Its own transaction, so under a retrying strategy (PostgreSQL, SQL Server) each attempt runs whole.
                await db.Database.CreateExecutionStrategy().ExecuteAsync(
                    ct => insert.InsertCountedAsync(db, fresh, (entries, inTransaction) => webhooks.QueueImportedAsync(db, entries, inTransaction), ct, stages),
                    cancellationToken);
                await changes.NotifyAsync([letterId]);
            }
            else
            {
                db.Signatures.AddRange(fresh);
                await db.SaveChangesAsync(cancellationToken);
            }
            return (fresh.Count, batch.Count - fresh.Count);
        }
        catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException)
        {
            var saved = await SaveOneByOneAsync(fresh, cancellationToken);
            return (saved, batch.Count - saved);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// A batch that met a claim taken meanwhile (a signer confirmed, or a coordinator typed, the same
    /// organisation or address while the batch was checked): saved one by one, and the one that lost
    /// is a duplicate. Returns how many were saved.
    /// </summary>
    private async Task<int> SaveOneByOneAsync(List<Signature> fresh, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var saved = 0;
        foreach (var signature in fresh)
        {
            db.Signatures.Add(signature);
            if (await SignatureClaims.TrySaveAsync(db, signature, cancellationToken))
                saved++;
            db.ChangeTracker.Clear();
        }
        return saved;
    }

    /// <summary>A batch handed to one of several writers: its new signatures, how many of the batch's rows were duplicates, and its store, running.</summary>
    private sealed record InFlight(List<Signature> Fresh, int Skipped, Task Stored);

    /// <summary>
    /// PostgreSQL on the command line (<see cref="ImportTuning.PostgresWriters"/>): each batch is
    /// written on one of several connections while the next one is written on another, so that the
    /// server works on two batches at once (on one connection its work, two thirds of the import's,
    /// ran on one core while the other held the reader and the writer). This thread keeps what must
    /// stay in file order: it decides duplicates, takes the keys and makes the record's entries,
    /// batch after batch, the head passed on from each batch's last entry; the writers commit in the
    /// same order (<see cref="SignatureRowInsert.InsertCountedAfterAsync"/>), so whatever stops the
    /// import leaves whole batches from the file's start. The record's lock of the letter is held
    /// from the first batch to the last, as one save holds it from reading the head to its commit;
    /// another process appending meanwhile breaks the unique (letter, sequence) index, and that
    /// batch and the ones after it are saved as the single writer saves them.
    /// </summary>
    private async Task<(int Imported, int Duplicates)> SaveOnSeveralConnectionsAsync(int letterId, SignatureRowInsert insert,
        ChannelReader<List<(long Line, Signature Signature)>> batches, int writerCount, ClaimedKeys claimed, HashSet<string> unnamedIndividuals,
        StageTimes stages, CancellationToken cancellationToken)
    {
        var (imported, duplicates) = (0, 0);
        var writers = new List<(AsyncServiceScope Scope, AppDbContext Db)>();
        var inFlight = new Queue<InFlight>();
        (int LetterId, int Sequence, string Head)? head = null;
        var locked = await SignatoryRecordAppender.LockAsync([letterId], cancellationToken);
        try
        {
            for (var i = 0; i < writerCount; i++)
            {
                var scope = scopes.CreateAsyncScope();
                var writer = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                writer.ChangeTracker.AutoDetectChangesEnabled = false;
                writers.Add((scope, writer));
            }
            var next = 0;
            while (await WaitForBatchAsync(batches, stages, cancellationToken))
            {
                while (batches.TryRead(out var batch))
                {
                    if (inFlight.Count == writerCount)
                        await SettleAsync(inFlight.Dequeue());
                    var fresh = await FreshAsync(letterId, batch, claimed, unnamedIndividuals, stages, cancellationToken);
                    if (fresh.Count == 0)
                    {
                        duplicates += batch.Count;
                        continue;
                    }
                    List<RecordEntry> entries;
                    using (stages.Time("record entries"))
                        entries = await SignatoryRecordAppender.CountedEntriesAsync(db, fresh, cancellationToken, head);
                    head = (letterId, entries[^1].Sequence, entries[^1].Head);
                    using (stages.Time("keys"))
                        await insert.TakeKeysAsync(db, fresh, cancellationToken);
                    var previous = inFlight.Count > 0 ? inFlight.Last().Stored : Task.CompletedTask;
                    var writer = writers[next++ % writerCount].Db;
                    var stored = Task.Run(() => writer.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
                    {
                        try
                        {
                            await insert.InsertCountedAfterAsync(writer, fresh, entries, previous,
                                (counted, inTransaction) => webhooks.QueueImportedAsync(writer, counted, inTransaction), ct, stages);
                        }
                        finally
                        {
                            writer.ChangeTracker.Clear();
                        }
                    }, cancellationToken), cancellationToken);
                    inFlight.Enqueue(new InFlight(fresh, batch.Count - fresh.Count, stored));
                }
            }
            while (inFlight.Count > 0)
                await SettleAsync(inFlight.Dequeue());
            return (imported, duplicates);
        }
        finally
        {
            // Stopped or failed: the batches still in flight end (each rolls back unless the one before it committed) before their connections go.
            foreach (var batch in inFlight)
            {
                try
                {
                    await batch.Stored;
                }
                catch (Exception)
                {
                    // Already failing with the first error.
                }
            }
            foreach (var (scope, _) in writers)
                await scope.DisposeAsync();
            SignatoryRecordAppender.Release(locked);
        }

        async Task SettleAsync(InFlight batch)
        {
            try
            {
                await batch.Stored;
                imported += batch.Fresh.Count;
                duplicates += batch.Skipped;
                await changes.NotifyAsync([letterId]);
            }
            catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException)
            {
                // A claim or the record's next sequence taken meanwhile by another process: the
                // batches after this one were made after it and fail with it. Each is saved as the
                // single writer saves a batch that failed, one by one, with the record's head read
                // again (the appender's own lock taken by each save, so this one is let go meanwhile).
                var failed = new List<InFlight> { batch };
                while (inFlight.Count > 0)
                    failed.Add(inFlight.Dequeue());
                SignatoryRecordAppender.Release(locked);
                locked = [];
                foreach (var other in failed)
                {
                    try
                    {
                        await other.Stored;
                    }
                    catch (Exception)
                    {
                        // Rolled back, as expected.
                    }
                    insert.ForgetKeys(other.Fresh);
                    var saved = await SaveOneByOneAsync(other.Fresh, cancellationToken);
                    imported += saved;
                    duplicates += other.Skipped + other.Fresh.Count - saved;
                }
                db.ChangeTracker.Clear();
                head = null;
                locked = await SignatoryRecordAppender.LockAsync([letterId], cancellationToken);
            }
        }
    }

    /// <summary>The batch's signatures that are not duplicates (of the letter, or of each other), their claims added to <paramref name="claimed"/>.</summary>
    private async Task<List<Signature>> FreshAsync(int letterId, List<(long Line, Signature Signature)> batch, ClaimedKeys claimed,
        HashSet<string> unnamedIndividuals, StageTimes stages, CancellationToken cancellationToken)
    {
        var checking = stages.Time("duplicate check");
        // Only the keys the letter may already hold are looked up; the others are free (see ClaimedKeys).
        var emailKeys = batch.Select(b => b.Signature.EmailKey).OfType<string>().Where(k => claimed.MayHold(ClaimKind.Email, k)).Distinct().ToList();
        var organisationKeys = batch.Select(b => b.Signature.OrganisationKey).OfType<string>().Where(k => claimed.MayHold(ClaimKind.Organisation, k))
            .Distinct().ToList();
        var takenEmails = emailKeys.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : (await Holding(letterId).Where(s => emailKeys.Contains(s.EmailKey!)).Select(s => s.EmailKey!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var takenOrganisations = organisationKeys.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : (await Holding(letterId).Where(s => organisationKeys.Contains(s.OrganisationKey!)).Select(s => s.OrganisationKey!).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
        var fresh = new List<Signature>(batch.Count);
        foreach (var (_, signature) in batch)
        {
            var duplicate = signature.EmailKey is { } email && !takenEmails.Add(email)
                            || signature.OrganisationKey is { } organisation && !takenOrganisations.Add(organisation)
                            || UnnamedIndividualKey(signature) is { } key && !unnamedIndividuals.Add(key);
            if (duplicate)
                continue;
            fresh.Add(signature);
            // Claimed from now on, for the batches after this one (if the save fails, a lookup too many).
            claimed.Add(ClaimKind.Email, signature.EmailKey);
            claimed.Add(ClaimKind.Organisation, signature.OrganisationKey);
        }
        checking.Dispose();
        return fresh;
    }

    private IQueryable<Signature> Holding(int letterId) =>
        db.Signatures.AsNoTracking().Where(s => s.LetterId == letterId && (int)s.State < Signature.ActiveStateLimit && s.ClaimedAt != null);

    private async Task<HashSet<string>> UnnamedIndividualKeysAsync(int letterId, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var s in Holding(letterId).Where(s => s.Kind == SignerKind.Individual && s.EmailKey == null)
                           .Select(s => new { s.SignerName, s.OrganisationName, s.CountryCode }).AsStreamed().WithCancellation(cancellationToken))
            keys.Add(Key(s.SignerName, s.OrganisationName, s.CountryCode));
        return keys;
    }

    private static string? UnnamedIndividualKey(Signature signature) =>
        signature is { Kind: SignerKind.Individual, EmailKey: null } ? Key(signature.SignerName, signature.OrganisationName, signature.CountryCode) : null;

    private static string Key(string name, string? organisation, string country) =>
        $"{NameNormalizer.Normalize(name)}\u001F{(organisation is null ? string.Empty : NameNormalizer.Normalize(organisation))}\u001F{country}";
}
