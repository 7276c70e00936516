using SignOnLetters.Web.Infrastructure.Background;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// Confirmation e-mails that were owed and never sent: the app stopped with them in
/// <see cref="ConfirmationMailer"/>'s queue, or the mail server refused them every time. Once a
/// minute, signatures whose mark is older than <see cref="OwedFor"/> get fresh links (the first
/// ones were only ever in memory) and their e-mail is queued again, within the signer's resend limit.
/// Works from the database alone: with several app instances, the signature's concurrency token lets
/// one instance reissue it; another instance's queue is not visible here, which is why the mark must
/// first be this old.
/// </summary>
public sealed class OwedConfirmationSweep(
    IServiceScopeFactory scopes, ConfirmationMailer mailer, ConfirmationLinks links, TimeProvider clock, ILogger<OwedConfirmationSweep> logger)
    : PeriodicJob(clock, logger)
{
    /// <summary>Far longer than a queue takes to drain, even through a mail server's retries.</summary>
    public static readonly TimeSpan OwedFor = TimeSpan.FromMinutes(15);

    public const int BatchSize = 200;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override string Description => "Resending owed confirmation e-mails";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => ResendOwedAsync(cancellationToken);

    /// <summary>One pass; returns how many e-mails it queued.</summary>
    public async Task<int> ResendOwedAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var cutoff = now - OwedFor;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var emails = scope.ServiceProvider.GetRequiredService<SignatureEmails>();

        // A mark that can no longer be honoured (the link expired, the resend limit is reached):
        // the signer can sign again, which mails a new link.
        await db.Signatures
            .Where(s => s.ConfirmationMailDueAt != null && s.ConfirmationMailDueAt < cutoff
                        && (s.State != SignatureState.PendingConfirmation || s.ConfirmationExpiresAt <= now
                            || s.ConfirmationEmailsSent >= Signature.MaxConfirmationEmails))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationMailDueAt, (DateTime?)null), cancellationToken);

        var owed = (await db.Signatures.AsNoTracking()
                .Where(s => s.ConfirmationMailDueAt != null && s.ConfirmationMailDueAt < cutoff)
                .OrderBy(s => s.Id).Take(BatchSize)
                .Select(s => new { s.Id, s.LetterId })
                .ToListAsync(cancellationToken))
            .Where(s => !mailer.IsQueued(s.Id))
            .ToList();
        if (owed.Count == 0)
            return 0;
        // The letter's titles and language as signing takes them (LetterForSigning), by slug.
        var letterIds = owed.Select(s => s.LetterId).Distinct().ToList();
        var slugs = await db.Letters.Where(l => letterIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Slug, cancellationToken);
        var letters = new Dictionary<int, LetterForSigning>();
        foreach (var (letterId, slug) in slugs)
            letters[letterId] = await LetterForSigning.FindAsync(db, slug, cancellationToken);

        var queued = 0;
        foreach (var (id, letterId) in owed.Select(s => (s.Id, s.LetterId)))
        {
            // Each in a context of its own, so one that lost a race leaves nothing tracked behind.
            await using var own = scopes.CreateAsyncScope();
            var ownDb = own.ServiceProvider.GetRequiredService<AppDbContext>();
            var signature = await ownDb.Signatures.SingleAsync(s => s.Id == id, cancellationToken);
            var issued = links.Issue();
            if (!signature.TryReissueOwedConfirmation(issued.Hashes, now, OwedFor))
                continue;
            try
            {
                await ownDb.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance reissued it, or the signer acted on it meanwhile: theirs stands.
                continue;
            }
            var letter = letters[letterId];
            mailer.Enqueue(signature.Id, emails.Confirmation(
                letter.ForSigner(signature.Language), signature.Email!, issued.ConfirmToken, issued.WithdrawToken,
                signature.ConfirmationExpiresAt!.Value));
            queued++;
        }
        if (queued > 0)
            logger.LogWarning("Queued {Count} confirmation e-mails again with new links: they had not been sent", queued);
        return queued;
    }
}
