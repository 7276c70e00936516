using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SignOnLetters.Domain.Record;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Data;

/// <summary>
/// The one hook of the signatory record (docs/decisions/0015-signatory-record.md): called by
/// <see cref="AppDbContext"/> before every SaveChanges, it compares each tracked signature's public
/// appearance before and after (<see cref="RecordSubject"/>) and appends an entry for every change,
/// stored by the same SaveChanges, so in the same transaction as the change. Whatever changes a
/// signature through EF (confirmation, moderation, merge, withdrawal, erasure, anonymisation, a
/// coordinator's paper entry, a backup import) is recorded without the caller doing anything; a save
/// that changes nothing public costs one pass over the tracked signatures and no query.
/// <para>
/// The group-commit writer of new signatures bypasses EF, but what it writes waits for confirmation
/// or review, so the public list does not change with it (<c>SignatureCommits</c> sends a counted
/// signature through EF).
/// </para>
/// </summary>
public static class SignatoryRecordAppender
{
    /// <summary>
    /// One appender per letter at a time in this process, from reading the head to the end of the
    /// save, so two saves cannot both append after the same head. Across processes the unique index
    /// on (letter, sequence) refuses the second; the chain never forks.
    /// </summary>
    private static readonly ConcurrentDictionary<int, SemaphoreSlim> Locks = new();

    /// <param name="SignerAct">The signature changed state in this save (confirmed, approved), rather than arriving counted (an import, a paper entry) or being recorded late.</param>
    private sealed record Change(Signature Signature, RecordSubject? Before, RecordSubject? After, bool ErasedNow, DateTime? At = null, bool SignerAct = false);

    /// <summary>Appends the entries; returns the letters locked (released by <see cref="Release"/> after the save).</summary>
    public static async Task<IReadOnlyList<int>> AppendAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var changes = Changes(db);
        if (changes.Count == 0)
            return [];
        var letters = await LockAsync(changes.Select(c => c.Signature.LetterId), cancellationToken);
        try
        {
            db.RecordEntries.AddRange(await AppendAsync(db, changes, letters, cancellationToken));
            return letters;
        }
        catch
        {
            Release(letters);
            throw;
        }
    }

    /// <summary>
    /// Starts the record of a letter whose counted signatures were stored before the record existed
    /// (or without EF): one "counted" entry each, in the order they counted, dated as the list dates
    /// them. Does nothing to a letter that has a record: a signature counted behind the app's back
    /// there is what the self-check reports, not something to paper over. Returns the entries added.
    /// </summary>
    public static async Task<int> StartAsync(AppDbContext db, int letterId, CancellationToken cancellationToken)
    {
        var locks = Locks.GetOrAdd(letterId, _ => new SemaphoreSlim(1, 1));
        await locks.WaitAsync(cancellationToken);
        try
        {
            // A signature with a salt has been in the record: a letter whose entries are gone was
            // tampered with, and the self-check says so rather than starting a new record over it.
            if (await db.RecordEntries.AnyAsync(e => e.LetterId == letterId, cancellationToken)
                || await db.Signatures.AnyAsync(s => s.LetterId == letterId && s.RecordSalt != null, cancellationToken))
                return 0;
            var counted = await db.Signatures
                .Where(s => s.LetterId == letterId && s.State == SignatureState.Approved)
                .OrderBy(s => s.ConfirmedAt ?? s.CreatedAt).ThenBy(s => s.Id)
                .ToListAsync(cancellationToken);
            var changes = counted.Select(s => new Change(s, null, RecordSubject.Of(s), false, s.ConfirmedAt ?? s.CreatedAt)).ToList();
            db.RecordEntries.AddRange(await AppendAsync(db, changes, [letterId], cancellationToken));
            // The signatures now have salts; their appearance did not change, so this save appends nothing more.
            await db.SaveChangesAsync(cancellationToken);
            return changes.Count;
        }
        finally
        {
            locks.Release();
        }
    }

    /// <summary>
    /// The "counted" entries of new, counted signatures stored without SaveChanges (the importer's
    /// row insert, <c>SignatureRowInsert</c>), one per signature in the given order, continuing each
    /// letter's chain from its head; the caller stores them in the transaction that stores the
    /// signatures, holding the letters' locks (<see cref="LockAsync"/>) from before this call until
    /// it commits. Each signature gets its salt here, so it must be inserted after this call; an
    /// entry's signature id is read from its signature once that has its key. The same entries as
    /// the SaveChanges hook would make, without tracking a row: a batch of thousands costs one query.
    /// </summary>
    /// <param name="knownHead">
    /// The letter's head as the caller already knows it, so it is not read: the last entry of the
    /// previous batch of an import whose batches are written on several connections, which is not
    /// committed yet when the next batch's entries are made (<c>SignatureImporter</c>). Every
    /// signature must then be of one letter. Null reads each letter's head from the database.
    /// </param>
    public static async Task<List<RecordEntry>> CountedEntriesAsync(AppDbContext db, IReadOnlyList<Signature> signatures, CancellationToken cancellationToken,
        (int LetterId, int Sequence, string Head)? knownHead = null)
    {
        var changes = signatures.Select(s => new Change(s, null, RecordSubject.Of(s), false)).Where(c => c.After is not null).ToList();
        var letters = changes.Select(c => c.Signature.LetterId).Distinct().ToList();
        if (knownHead is { } known && letters.Any(l => l != known.LetterId))
            throw new ArgumentException("A known head is for batches of one letter.", nameof(knownHead));
        return await AppendAsync(db, changes, letters, cancellationToken, knownHead);
    }

    /// <summary>Takes the appender's lock of each letter, in id order (so two savers cannot deadlock); <see cref="Release"/> gives them back.</summary>
    public static async Task<IReadOnlyList<int>> LockAsync(IEnumerable<int> letterIds, CancellationToken cancellationToken)
    {
        var letters = letterIds.Where(id => id != 0).Distinct().Order().ToList();
        var taken = new List<int>(letters.Count);
        try
        {
            foreach (var letterId in letters)
            {
                await Locks.GetOrAdd(letterId, _ => new SemaphoreSlim(1, 1)).WaitAsync(cancellationToken);
                taken.Add(letterId);
            }
            return letters;
        }
        catch
        {
            Release(taken);
            throw;
        }
    }

    public static void Release(IReadOnlyList<int> letters)
    {
        foreach (var letterId in letters)
            Locks[letterId].Release();
    }

    private static List<Change> Changes(AppDbContext db)
    {
        var changes = new List<Change>();
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries<Signature>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            var signature = entry.Entity;
            var before = entry.State == EntityState.Added ? null : Before(entry);
            var after = RecordSubject.Of(signature);
            var erasedNow = entry.State == EntityState.Modified && signature.ErasedAt is not null
                            && entry.OriginalValues[nameof(Signature.ErasedAt)] is null;
            if (before != after || erasedNow)
                changes.Add(new Change(signature, before, after, erasedNow, SignerAct: entry.State == EntityState.Modified));
        }
        return changes;
    }

    private static RecordSubject? Before(EntityEntry<Signature> entry)
    {
        var original = entry.OriginalValues;
        return RecordSubject.Of(
            original.GetValue<SignatureState>(nameof(Signature.State)),
            original.GetValue<SignerKind>(nameof(Signature.Kind)),
            original.GetValue<SignatureVisibility>(nameof(Signature.Visibility)),
            original.GetValue<string?>(nameof(Signature.SignerName)),
            original.GetValue<string?>(nameof(Signature.Role)),
            original.GetValue<string?>(nameof(Signature.OrganisationName)),
            original.GetValue<string?>(nameof(Signature.CountryCode)),
            original.GetValue<OrganisationVerification>(nameof(Signature.Verification)));
    }

    /// <summary>The entries for the changes, in order, each after the previous one of its letter (not yet added to the context).</summary>
    private static async Task<List<RecordEntry>> AppendAsync(AppDbContext db, List<Change> changes, IReadOnlyList<int> letters, CancellationToken cancellationToken,
        (int LetterId, int Sequence, string Head)? knownHead = null)
    {
        var entries = new List<RecordEntry>(changes.Count);
        var letterIds = letters.ToList();
        // Each letter's head by its own seek of (LetterId, Sequence) from the end: one statement for
        // all the letters, "the entry whose sequence is the letter's highest", made PostgreSQL check
        // every entry of the letter against that highest (a subquery per entry), a cost that grew
        // with the record on every batch of an import.
        var heads = new Dictionary<int, (int Sequence, string Head)>();
        if (knownHead is { } known)
            heads[known.LetterId] = (known.Sequence, known.Head);
        foreach (var letterId in letterIds.Where(l => !heads.ContainsKey(l)))
        {
            var head = await db.RecordEntries.AsNoTracking().Where(e => e.LetterId == letterId).OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Head }).FirstOrDefaultAsync(cancellationToken);
            if (head is not null)
                heads[letterId] = (head.Sequence, head.Head);
        }
        var signatureIds = changes.Select(c => c.Signature.Id).Where(id => id != 0).ToList();
        var latest = signatureIds.Count == 0
            ? []
            : await db.RecordEntries.AsNoTracking()
                .Where(e => signatureIds.Contains(e.SignatureId))
                .GroupBy(e => e.SignatureId)
                .Select(g => new { SignatureId = g.Key, Sequence = g.Max(e => e.Sequence) })
                .ToDictionaryAsync(e => e.SignatureId, e => e.Sequence, cancellationToken);
        // A letter saved in this same SaveChanges (an import) starts its record here.
        var newLetterHeads = new Dictionary<object, (int Sequence, string Head)>(ReferenceEqualityComparer.Instance);

        foreach (var change in changes)
        {
            var signature = change.Signature;
            if (change.ErasedNow && signature.Id != 0)
                await RedactAsync(db, signature.Id, cancellationToken);
            if (change.Before == change.After)
                continue;
            var (sequence, head) = signature.LetterId != 0
                ? heads.GetValueOrDefault(signature.LetterId, (0, RecordHashes.EmptyHead))
                : newLetterHeads.GetValueOrDefault(signature.Letter, (0, RecordHashes.EmptyHead));
            int? of = latest.TryGetValue(signature.Id, out var previous) ? previous : null;
            // An erased signature's salt is gone: a commitment made now is with a salt nobody keeps.
            var salt = signature.ErasedAt is null ? signature.SaltForRecord() : RecordHashes.NewSalt();
            var recordEvent = EventOf(change);
            var receiptOwed = recordEvent == RecordEvent.Counted && change.SignerAct && signature.Email is not null;
            var entry = RecordEntry.Append(signature, sequence + 1, head, of, recordEvent, change.At ?? At(signature), change.After, salt, receiptOwed);
            entries.Add(entry);
            if (signature.LetterId != 0)
                heads[signature.LetterId] = (entry.Sequence, entry.Head);
            else
                newLetterHeads[signature.Letter] = (entry.Sequence, entry.Head);
            if (signature.Id != 0)
                latest[signature.Id] = entry.Sequence;
        }
        return entries;
    }

    private static RecordEvent EventOf(Change change) => (change.Before, change.After) switch
    {
        (null, _) => RecordEvent.Counted,
        (_, null) => change.Signature.State switch
        {
            SignatureState.Withdrawn => RecordEvent.Withdrawn,
            SignatureState.Rejected => RecordEvent.Rejected,
            SignatureState.Merged => RecordEvent.Merged,
            SignatureState.Erased => RecordEvent.Erased,
            _ => RecordEvent.Removed,
        },
        _ => change.ErasedNow ? RecordEvent.Erased : RecordEvent.Changed,
    };

    /// <summary>When the change happened on the app's clock: the latest history entry made in this save.</summary>
    private static DateTime At(Signature signature) =>
        signature.Events.Where(e => e.Id == 0).Select(e => e.At).DefaultIfEmpty(DateTime.UtcNow).Max();

    private static async Task RedactAsync(AppDbContext db, int signatureId, CancellationToken cancellationToken)
    {
        var entries = await db.RecordEntries.Where(e => e.SignatureId == signatureId && e.Salt != null).ToListAsync(cancellationToken);
        foreach (var entry in entries)
            entry.Redact();
    }
}
