using SignOnLetters.Web.Pages.Letters;

using SignOnLetters.Web.Pages.Signatures;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// The confirmation link from the signing e-mail. Opening it shows a button; only the POST confirms,
/// because mail scanners open links in e-mails (a GET that confirmed would confirm for them). The
/// link works once and for seven days.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Security.TokenLinkThrottling.Policy)]
public class Confirm(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public Model Link { get; private set; } = new(null, SignatureLinks.NotValid);

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        Link = await mediator.Send(new Query(token), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var outcome = await mediator.Send(new Command(token), cancellationToken);
        TempData["Notice"] = (outcome switch
        {
            { AlreadySigned: true } => T["You had already signed this letter with this address: your first signature stands, so nothing changed. We sent you an e-mail with a new link to withdraw it."],
            { Approved: true } => T["Thank you: your signature is confirmed and counted."],
            _ => T["Thank you: your signature is confirmed. It will appear once the letter's coordinators have reviewed it."],
        }).Value;
        // The same words whatever became of the signature (counted, or held for a reason the signer is
        // not told): its receipt of the signatory record comes by e-mail once it counts (RecordReceipts).
        if (!outcome.AlreadySigned)
            TempData["Notice"] += " " + T["Once your signature is counted, you receive by e-mail a receipt to check at any time that it is in the letter's public record."].Value;
        return Redirect($"/letters/{outcome.Slug}/signatories");
    }

    public sealed record Query(string Token) : IQuery<Model>;

    /// <param name="Problem">Why the link cannot be used, or null when it can.</param>
    public sealed record Model(LinkTarget? Target, string? Problem);

    public sealed class QueryHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var target = await db.Signatures.AsNoTracking().WithConfirmationToken(query.Token)
                .Select(SignatureLinks.ToTarget).SingleOrDefaultAsync(cancellationToken);
            if (target is null || target.State != SignatureState.PendingConfirmation)
                return new Model(null, SignatureLinks.NotValid);
            return clock.GetUtcNow().UtcDateTime >= target.ConfirmationExpiresAt
                ? new Model(null, "This confirmation link has expired. Sign again to receive a new one.")
                : new Model(target, null);
        }
    }

    public sealed record Command(string Token) : ICommand<Outcome>;

    /// <param name="Approved">Whether to say "counted" (as the letter's moderation would for a new signature).</param>
    /// <param name="AlreadySigned">The mailbox that followed the link had signed this letter before.</param>
    public sealed record Outcome(string Slug, bool Approved, bool AlreadySigned = false);

    /// <summary>
    /// Settles what signing could not say without telling the submitter: whether this mailbox or
    /// this organisation signed before. The link proves the mailbox, so a second signature from it
    /// is merged into the first and its owner told so (with a new withdraw link, by e-mail). An
    /// organisation another mailbox already signed for keeps that signature; this one goes to the
    /// letter's coordinators, and its signer is answered exactly as if it had been new.
    /// </summary>
    public sealed class CommandHandler(AppDbContext db, TimeProvider clock, SignatureEmails emails, ConfirmationMailer mailer,
        OrganisationReviewNotice organisationReview, Infrastructure.Outbox.OutboxSender outbox)
        : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // Another pass when something changed between our read and our save: another confirmation
            // took the same claim (the unique index refused ours), the same link was followed twice
            // at once, or the kept signature changed (ChangeCount). The next pass reads it all again.
            for (var pass = 1; pass <= MaxPasses; pass++)
            {
                try
                {
                    if (await TryConfirmAsync(command.Token, now, cancellationToken) is { } outcome)
                        return outcome;
                }
                catch (DbUpdateConcurrencyException)
                {
                    db.ChangeTracker.Clear();
                }
            }
            throw new DomainRuleException("This signature could not be recorded just now. Please follow the link again.");
        }

        private const int MaxPasses = 3;

        /// <summary>One attempt; null when a unique index refused the claim (the context is then cleared).</summary>
        private async Task<Outcome?> TryConfirmAsync(string token, DateTime now, CancellationToken cancellationToken)
        {
            var found = await db.Signatures.WithConfirmationToken(token)
                .Select(s => new { Signature = s, s.Letter.Slug, s.Letter.Moderation })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new DomainRuleException(SignatureLinks.NotValid);
            var signature = found.Signature;
            var holder = await SignatureClaims.FindHolderAsync(db, signature, cancellationToken);
            if (holder is not null && holder.EmailKey == signature.EmailKey)
                return await KeepTheFirstAsync(signature, holder, found.Slug, now, cancellationToken);
            // The answer is the letter's moderation whatever happens below (held for the organisation,
            // contested, replacing an unverified claim): following the link tells nothing about who
            // else signed or which organisations are registered.
            var outcome = new Outcome(found.Slug, found.Moderation == ModerationMode.Automatic);
            var organisation = await OrganisationSignatureVerification.ForAsync(db, signature, cancellationToken);
            if (holder is not null && SignatureClaims.Replaces(signature, organisation.ForConfirmedMailbox(signature.Email), holder))
                return await SignatureClaims.TrySaveReplacingAsync(db, holder, signature,
                    () => signature.Confirm(found.Moderation, organisation, now), now, cancellationToken) ? outcome : null;
            // The letter's moderation now, not when signing: a coordinator may have switched it.
            if (holder is null)
                signature.Confirm(found.Moderation, organisation, now);
            else
                signature.ConfirmContested(holder, organisation, now);
            await organisationReview.TellCoordinatorsAsync(signature, organisation, found.Slug, cancellationToken);
            // Two clicks at once: the ChangeCount token lets one save win.
            var saved = await SignatureClaims.TrySaveAsync(db, signature, cancellationToken);
            if (saved && signature.HoldReason == HoldReason.HeldForOrganisation)
                outbox.Wake();
            return saved ? outcome : null;
        }

        private async Task<Outcome> KeepTheFirstAsync(Signature duplicate, Signature kept, string slug, DateTime now, CancellationToken cancellationToken)
        {
            duplicate.ConfirmAsDuplicateOf(kept, now);
            var (withdrawToken, withdrawHash) = SecureToken.Create();
            kept.IssueWithdrawLink(withdrawHash);
            await db.SaveChangesAsync(cancellationToken);
            var letter = await LetterForSigning.FindAsync(db, slug, cancellationToken);
            mailer.Enqueue(emails.AlreadySigned(letter.ForSigner(duplicate.Language), kept.Email!, withdrawToken));
            return new Outcome(slug, kept.IsCounted, AlreadySigned: true);
        }
    }
}
