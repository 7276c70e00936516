using SignOnLetters.Domain.Record;

namespace SignOnLetters.Web.Pages.Record;

/// <summary>
/// <c>/letters/{slug}/verify</c>: anyone pastes a record head or a receipt and learns, without
/// JavaScript, whether it belongs to this letter's signatory record. Nothing pasted is stored or
/// logged, and nothing pasted is shown back except as the canonical hash it was read as. Each check
/// is a form of its own with a handler of its own (<c>OnPost{Check}Async</c>), so a new check (a
/// delivered PDF) is one more section and one more handler. The POSTs are throttled per network.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(PublicCheckThrottling.Policy)]
// The PDF upload stays in memory (files are never written, not even to ASP.NET's temporary folder),
// and a 20 MB file still reaches the handler, which refuses it with a message rather than a bare 413.
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit, MemoryBufferThreshold = UploadLimit)]
public class Verify(IMediator mediator) : PageModel
{
    private const int UploadLimit = 32 * 1024 * 1024;

    public Query.Model Record { get; private set; } = null!;

    /// <summary>The answer to the head form, or null when it was not sent.</summary>
    public HeadCheck.Outcome? Head { get; private set; }

    /// <summary>The answer to the receipt form, or null when it was not sent.</summary>
    public ReceiptCheck.Outcome? Receipt { get; private set; }

    /// <summary>The PDF form, with its answer when a file was sent (ADR 0016).</summary>
    public CheckPdfView PdfCheck => new(Record.Slug, Pdf);

    private CheckLetterPdf.Result? Pdf { get; set; }

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken) =>
        Record = await mediator.Send(new Query(slug), cancellationToken);

    public async Task OnPostPdfAsync(string slug, IFormFile? pdf, CancellationToken cancellationToken)
    {
        // Loaded first: a refused file re-renders this page with the message.
        Record = await mediator.Send(new Query(slug), cancellationToken);
        if (pdf is null || pdf.Length == 0)
            throw new Domain.DomainRuleException("Choose a PDF file to check.");
        await using var stream = pdf.OpenReadStream();
        Pdf = await mediator.Send(new CheckLetterPdf(slug, stream), cancellationToken);
    }

    public async Task OnPostHeadAsync(string slug, [FromForm(Name = "head")] string? head, CancellationToken cancellationToken)
    {
        Record = await mediator.Send(new Query(slug), cancellationToken);
        Head = await mediator.Send(new HeadCheck(Record.LetterId, head), cancellationToken);
    }

    public async Task OnPostReceiptAsync(string slug, [FromForm(Name = "receipt")] string? receipt, CancellationToken cancellationToken)
    {
        Record = await mediator.Send(new Query(slug), cancellationToken);
        Receipt = await mediator.Send(new ReceiptCheck(Record.LetterId, Record.Slug, receipt), cancellationToken);
    }

    public sealed record Query(string Slug) : IQuery<Query.Model>
    {
        public sealed record Model(int LetterId, string Slug, string Head, int Entries);
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Query.Model>
    {
        public async ValueTask<Query.Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var letter = await PublicRecord.LetterAsync(db, query.Slug, cancellationToken);
            var (head, entries) = await PublicRecord.HeadAsync(db, letter.Id, cancellationToken);
            return new Query.Model(letter.Id, letter.Slug, head, entries);
        }
    }

    /// <summary>Is a pasted head one of this letter's record, and which?</summary>
    public sealed record HeadCheck(int LetterId, string? Text) : IQuery<HeadCheck.Outcome>
    {
        public enum Verdict { NotAHead, Unknown, Current, Earlier }

        /// <param name="Head">The head as read (lower-case hex), for a well-formed one.</param>
        /// <param name="Entries">How many entries the record had at that head.</param>
        /// <param name="AddedSince">Entries appended after it.</param>
        public sealed record Outcome(Verdict Verdict, string? Head = null, int Entries = 0, int AddedSince = 0);
    }

    public sealed class HeadCheckHandler(AppDbContext db) : IQueryHandler<HeadCheck, HeadCheck.Outcome>
    {
        public async ValueTask<HeadCheck.Outcome> Handle(HeadCheck check, CancellationToken cancellationToken)
        {
            // Longer than any receipt: not read at all, whatever it holds.
            var head = check.Text is { Length: <= RecordReceipt.MaxLength } text ? RecordHashes.ReadPasted(text) : null;
            if (!RecordHashes.IsHash(head))
                return new HeadCheck.Outcome(HeadCheck.Verdict.NotAHead);
            var (current, entries) = await PublicRecord.HeadAsync(db, check.LetterId, cancellationToken);
            int? at = head == RecordHashes.EmptyHead
                ? 0
                : await db.RecordEntries.AsNoTracking().Where(e => e.LetterId == check.LetterId && e.Head == head)
                    .Select(e => (int?)e.Sequence).FirstOrDefaultAsync(cancellationToken);
            if (at is not { } sequence)
                return new HeadCheck.Outcome(HeadCheck.Verdict.Unknown, head);
            return head == current
                ? new HeadCheck.Outcome(HeadCheck.Verdict.Current, head, entries)
                : new HeadCheck.Outcome(HeadCheck.Verdict.Earlier, head, sequence, entries - sequence);
        }
    }

    /// <summary>Is a pasted receipt an entry of this letter's record, and does the chain from it reach the current head?</summary>
    public sealed record ReceiptCheck(int LetterId, string Slug, string? Text) : IQuery<ReceiptCheck.Outcome>
    {
        public enum Verdict { NotAReceipt, OtherLetter, NotInRecord, Included, Damaged }

        public sealed record Outcome(Verdict Verdict, RecordReceipt? Receipt = null, RecordEvent Event = default, string? At = null, int AddedSince = 0, string? Head = null);
    }

    public sealed class ReceiptCheckHandler(AppDbContext db) : IQueryHandler<ReceiptCheck, ReceiptCheck.Outcome>
    {
        public async ValueTask<ReceiptCheck.Outcome> Handle(ReceiptCheck check, CancellationToken cancellationToken)
        {
            if (RecordReceipt.TryParse(check.Text) is not { } receipt)
                return new ReceiptCheck.Outcome(ReceiptCheck.Verdict.NotAReceipt);
            if (receipt.Slug != check.Slug)
                return new ReceiptCheck.Outcome(ReceiptCheck.Verdict.OtherLetter, receipt);
            // The entry before (its head starts the link), the entry and every later one: the chain
            // from the receipt's leaf must lead to the head this page shows.
            var entries = await db.RecordEntries.AsNoTracking()
                .Where(e => e.LetterId == check.LetterId && e.Sequence >= receipt.Sequence - 1)
                .OrderBy(e => e.Sequence)
                .ToListAsync(cancellationToken);
            var chain = entries.Where(e => e.Sequence >= receipt.Sequence).ToList();
            if (chain.Count == 0 || chain[0].Sequence != receipt.Sequence || chain[0].Leaf != receipt.Leaf)
                return new ReceiptCheck.Outcome(ReceiptCheck.Verdict.NotInRecord, receipt);
            var head = receipt.Sequence == 1 ? RecordHashes.EmptyHead : entries.FirstOrDefault(e => e.Sequence == receipt.Sequence - 1)?.Head;
            var expected = receipt.Sequence;
            foreach (var entry in chain)
            {
                if (head is null || entry.Sequence != expected++ || entry.ComputeLeaf() != entry.Leaf || RecordHashes.Link(head, entry.Leaf) != entry.Head)
                    return new ReceiptCheck.Outcome(ReceiptCheck.Verdict.Damaged, receipt);
                head = entry.Head;
            }
            var first = chain[0];
            return new ReceiptCheck.Outcome(ReceiptCheck.Verdict.Included, receipt, first.Event, first.At, chain.Count - 1, head);
        }
    }
}

/// <summary>What <c>_CheckPdf.cshtml</c> shows: the form, and the last check's answer when there is one.</summary>
public sealed record CheckPdfView(string Slug, CheckLetterPdf.Result? Result);
