using SignOnLetters.Domain.Record;
using SignOnLetters.Web.Infrastructure.Background;
using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Web.Pages.Record;

/// <summary>
/// E-mails each signer whose confirmed signature began to count its receipt of the signatory record
/// (<see cref="RecordEntry.ReceiptOwed"/>), through the outbox, in the signer's language. Not in the
/// confirmation's answer: that answer must read the same whether the signature counted or was held
/// for a reason the signer is not told (tests/…/Security/WhoSignedTests), so the receipt follows in
/// the background, as the public list does. Works from the database alone: the flag is cleared in the
/// same save that queues the message, so several instances may run it.
/// </summary>
public sealed class RecordReceipts(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RecordReceipts> logger) : PeriodicJob(clock, logger)
{
    public const int BatchSize = 200;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override string Description => "E-mailing receipts of the signatory record";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SendOwedAsync(cancellationToken);

    /// <summary>One pass; returns how many receipts it queued.</summary>
    public async Task<int> SendOwedAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var owed = await db.RecordEntries.Where(e => e.ReceiptOwed).OrderBy(e => e.Id).Take(BatchSize)
                .Select(e => new { Entry = e, e.Letter.Slug, e.Signature.Email, e.Signature.Language })
                .ToListAsync(cancellationToken);
            if (owed.Count == 0)
                return total;
            var emails = scope.ServiceProvider.GetRequiredService<SignatureEmails>();
            var mail = scope.ServiceProvider.GetRequiredKeyedService<IEmailQueue>(EmailKind.Record);
            var letters = new Dictionary<string, LetterForSigning>();
            foreach (var receipt in owed)
            {
                receipt.Entry.ReceiptQueued();
                // Erased since (no address any more): nothing to send.
                if (receipt.Email is null)
                    continue;
                if (!letters.TryGetValue(receipt.Slug, out var letter))
                    letters[receipt.Slug] = letter = await LetterForSigning.FindAsync(db, receipt.Slug, cancellationToken);
                mail.Enqueue(emails.Counted(letter.ForSigner(receipt.Language), receipt.Email,
                    new RecordReceipt(receipt.Slug, receipt.Entry.Sequence, receipt.Entry.Leaf)));
            }
            await db.SaveChangesAsync(cancellationToken);
            total += owed.Count;
        }
    }
}
