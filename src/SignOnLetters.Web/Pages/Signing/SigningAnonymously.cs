using SignOnLetters.Web.Pages.Signatures;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// Signing without an account, from the public form, a partner's embedded form or the JSON API:
/// the signature is stored through the group commit (<see cref="SignatureCommits"/>) and confirmed
/// by e-mail (double opt-in). Everything it needs to know about the request (language, client
/// address) comes on the command, so it runs the same from a page, an endpoint or a test.
/// </summary>
public sealed class SigningAnonymously(
    AppDbContext db, SigningRateLimiter rateLimiter, SignatureCommits commits, ConfirmationLinks links, SignatureEmails emails,
    ConfirmationMailer mailer, ILogger<SigningAnonymously> logger)
{
    internal async Task<Sign.Outcome> SignAsync(Sign.Command command, LetterForSigning letter, DateTime now, CancellationToken cancellationToken)
    {
        var issued = links.Issue();
        var withinLimit = rateLimiter.TryAcquire(command.ClientAddress, letter.Terms.LetterId);
        var source = await SourceAsync(command, letter, cancellationToken);
        var signature = withinLimit
            ? letter.Terms.Sign(command.Details, source, issued.Hashes, now)
            : letter.Terms.SignHeld(command.Details, source, HoldReason.RateLimit, issued.Hashes.WithdrawHash, now);
        signature.RecordClientNetwork(ClientNetwork.Of(command.ClientAddress));
        signature.RecordLanguage(command.Language);
        if (command.Source == SignatureSource.Embed)
            signature.RecordEmbedHost(command.EmbedHost!);

        // Every submission is stored as a new signature that claims nothing yet, and gets the same
        // "please confirm" e-mail from the queue: nothing here looks at earlier signatures, so
        // neither the answer, nor its timing, nor the e-mail can tell the submitter that this
        // address or organisation signed before. Duplicates are settled when the link is followed
        // (Confirm), from the mailbox it proves. An alias is applied first because it changes
        // which organisation this signature will claim (the letter's aliases come cached with its
        // terms, and a new alias drops them like any change to the letter).
        letter.ApplyAlias(signature);
        // Not cancelled when the client goes away (a phone losing its signal): the signature is
        // stored anyway, and the signer still gets its e-mail.
        await commits.StoreAsync(signature, CancellationToken.None);
        // Stored: the e-mail goes after the answer, and the signature keeps a mark until it went.
        if (withinLimit)
            mailer.Enqueue(signature.Id, emails.Confirmation(letter.ForSigner(signature.Language), signature.Email!,
                issued.ConfirmToken, issued.WithdrawToken, signature.ConfirmationExpiresAt!.Value));
        else
            logger.LogInformation("Signing over the rate limit; held for review without e-mail");
        // The signer is told the truth about the hold: it depends on their network only (see Sign.Outcome).
        return withinLimit ? Sign.Outcome.CheckYourInbox : Sign.Outcome.HeldByNetworkLimit;
    }

    /// <summary>The public form opened from a partner invitation's link counts as that invitation's; a wrong token changes nothing.</summary>
    private async Task<SignatureSource> SourceAsync(Sign.Command command, LetterForSigning letter, CancellationToken cancellationToken)
    {
        if (command.Source != SignatureSource.PublicForm || command.InvitationToken is null)
            return command.Source;
        return await db.PartnerInvitations.WithLinkToken(letter.Terms.LetterId, command.InvitationToken).AnyAsync(cancellationToken)
            ? SignatureSource.Invitation
            : command.Source;
    }
}
