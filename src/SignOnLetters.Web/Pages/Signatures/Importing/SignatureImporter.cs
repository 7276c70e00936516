using SignOnLetters.Web.Infrastructure.Caching;
using SignOnLetters.Web.Infrastructure.Webhooks;
using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Web.Pages.Signatures.Importing;

/// <summary>What an import did: rows imported, rows skipped as duplicates, rows refused (each given to the caller's sink with its line).</summary>
public sealed record ImportSummary(int Imported, int Duplicates, int Refused);

/// <summary>A refused row: its line in the file (the header is line 1) and why, in the reader's language.</summary>
public sealed record RefusedRow(long Line, string Reason);

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
    ILogger<SignatureImporter> logger)
{
    public const int BatchSize = 2_000;

    private static readonly EnteredSignerValidator Validator = new();

    /// <param name="coordinatorUserId">The coordinator on whose authority the rows are approved; null for the administrator on the command line.</param>
    public async Task<ImportSummary> ImportAsync(string slug, SignatureFile file, ImportMapping mapping, string? coordinatorUserId, string fileName,
        Action<RefusedRow> refused, CancellationToken cancellationToken)
    {
        if (mapping.Problem() is { } problem)
            throw new DomainRuleException(problem);
        var letter = await LetterForSigning.FindAsync(db, slug, cancellationToken);
        letter.Terms.EnsureOpen();
        var letterId = letter.Terms.LetterId;
        var unnamedIndividuals = await UnnamedIndividualKeysAsync(letterId, cancellationToken);

        var (imported, duplicates, refusedCount) = (0, 0, 0);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var batch = new List<(long Line, Signature Signature)>(BatchSize);
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
                if (batch.Count == BatchSize)
                    await SaveBatchAsync();
            }
            await SaveBatchAsync();

            async Task SaveBatchAsync()
            {
                if (batch.Count == 0)
                    return;
                var (saved, skipped) = await SaveAsync(letterId, batch, unnamedIndividuals, cancellationToken);
                imported += saved;
                duplicates += skipped;
                batch.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
        // Counts only: names and addresses in the file must not reach the logs.
        logger.LogInformation("Signatures imported into letter {LetterId} by {Importer}: {Imported} imported, {Duplicates} duplicates skipped, {Refused} refused",
            letterId, coordinatorUserId ?? "the command line", imported, duplicates, refusedCount);
        return new ImportSummary(imported, duplicates, refusedCount);
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

    /// <summary>Skips the batch's duplicates (of the letter and of each other), then saves the rest; a claim taken meanwhile by a signer is a duplicate too.</summary>
    private async Task<(int Saved, int Skipped)> SaveAsync(int letterId, List<(long Line, Signature Signature)> batch, HashSet<string> unnamedIndividuals,
        CancellationToken cancellationToken)
    {
        var emailKeys = batch.Select(b => b.Signature.EmailKey).OfType<string>().Distinct().ToList();
        var organisationKeys = batch.Select(b => b.Signature.OrganisationKey).OfType<string>().Distinct().ToList();
        var takenEmails = (await Holding(letterId).Where(s => emailKeys.Contains(s.EmailKey!)).Select(s => s.EmailKey!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var takenOrganisations = (await Holding(letterId).Where(s => organisationKeys.Contains(s.OrganisationKey!)).Select(s => s.OrganisationKey!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = new List<Signature>(batch.Count);
        foreach (var (_, signature) in batch)
        {
            var duplicate = signature.EmailKey is { } email && !takenEmails.Add(email)
                            || signature.OrganisationKey is { } organisation && !takenOrganisations.Add(organisation)
                            || UnnamedIndividualKey(signature) is { } key && !unnamedIndividuals.Add(key);
            if (!duplicate)
                fresh.Add(signature);
        }
        try
        {
            if (SignatureRowInsert.For(db) is { } insert)
            {
                // Its own transaction, so under a retrying strategy (PostgreSQL, SQL Server) each attempt runs whole.
                await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => insert.InsertCountedAsync(db, fresh, (entries, inTransaction) => webhooks.QueueImportedAsync(db, entries, inTransaction), ct),
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
            // A signer confirmed, or a coordinator typed, the same organisation or address while the
            // batch was checked: save the batch one by one, and the one that lost is a duplicate.
            db.ChangeTracker.Clear();
            var saved = 0;
            foreach (var signature in fresh)
            {
                db.Signatures.Add(signature);
                if (await SignatureClaims.TrySaveAsync(db, signature, cancellationToken))
                    saved++;
                db.ChangeTracker.Clear();
            }
            return (saved, batch.Count - saved);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private IQueryable<Signature> Holding(int letterId) =>
        db.Signatures.AsNoTracking().Where(s => s.LetterId == letterId && (int)s.State < Signature.ActiveStateLimit && s.ClaimedAt != null);

    private async Task<HashSet<string>> UnnamedIndividualKeysAsync(int letterId, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var s in Holding(letterId).Where(s => s.Kind == SignerKind.Individual && s.EmailKey == null)
                           .Select(s => new { s.SignerName, s.OrganisationName, s.CountryCode }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            keys.Add(Key(s.SignerName, s.OrganisationName, s.CountryCode));
        return keys;
    }

    private static string? UnnamedIndividualKey(Signature signature) =>
        signature is { Kind: SignerKind.Individual, EmailKey: null } ? Key(signature.SignerName, signature.OrganisationName, signature.CountryCode) : null;

    private static string Key(string name, string? organisation, string country) =>
        $"{NameNormalizer.Normalize(name)}\u001F{(organisation is null ? string.Empty : NameNormalizer.Normalize(organisation))}\u001F{country}";
}
