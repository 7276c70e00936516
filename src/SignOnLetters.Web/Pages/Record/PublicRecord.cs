using SignOnLetters.Domain.Record;

namespace SignOnLetters.Web.Pages.Record;

/// <summary>
/// A published letter's signatory record as the public sees it: its head, a signer's receipt, and
/// the letter it belongs to. Drafts have no public record (their page is not public either).
/// </summary>
public static class PublicRecord
{
    public sealed record Letter(int Id, string Slug);

    /// <summary>The published letter at <paramref name="slug"/>, or <see cref="NotFoundException"/>.</summary>
    public static async Task<Letter> LetterAsync(AppDbContext db, string slug, CancellationToken cancellationToken)
    {
        if (!LetterSlug.IsWellFormed(slug))
            throw new NotFoundException("The letter");
        return await db.Letters.AsNoTracking()
                   .Where(l => l.Slug == slug && l.LatestVersionNumber > 0)
                   .Select(l => new Letter(l.Id, l.Slug))
                   .SingleOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException("The letter");
    }

    /// <summary>The head and the number of entries (the empty head and 0 before the first).</summary>
    public static async Task<(string Head, int Entries)> HeadAsync(AppDbContext db, int letterId, CancellationToken cancellationToken)
    {
        var last = await LastEntry.For(db)(db, letterId, cancellationToken);
        return last is null ? (Head(null), 0) : (last.Head, last.Sequence);
    }

    /// <summary>The record's head from its last entry's, or the empty head before the first entry.</summary>
    /// <param name="lastEntrysHead">The head of the letter's entry with the highest sequence, or null when it has none.</param>
    public static string Head(string? lastEntrysHead) => lastEntrysHead ?? RecordHashes.EmptyHead;

    private sealed record HeadRow(string Head, int Sequence);

    // Compiled: the public letter page asks for the head on every cache miss (see View's Queries).
    private static readonly CompiledPerModel<Func<AppDbContext, int, CancellationToken, Task<HeadRow?>>> LastEntry = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, int letterId, CancellationToken _) => db.RecordEntries.AsNoTracking()
            .Where(e => e.LetterId == letterId)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new HeadRow(e.Head, e.Sequence))
            .FirstOrDefault()));

    /// <summary>The receipt of a signature's latest entry, or null when it has none.</summary>
    public static async Task<RecordReceipt?> ReceiptAsync(AppDbContext db, int signatureId, string slug, CancellationToken cancellationToken)
    {
        var entry = await db.RecordEntries.AsNoTracking()
            .Where(e => e.SignatureId == signatureId)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Leaf })
            .FirstOrDefaultAsync(cancellationToken);
        return entry is null ? null : new RecordReceipt(slug, entry.Sequence, entry.Leaf);
    }
}
