namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// A signed-in member signs for their organisation in one step on the sign page: the account proved
/// the mailbox, so the signature takes its claims at once and is saved here (SaveChanges, not the
/// group commit), and the answer says plainly what happened.
/// </summary>
public sealed class SigningAsRepresentative(AppDbContext db, ICurrentUser user, SignatureEmails emails, ConfirmationMailer mailer)
{
    internal async Task<Sign.Outcome> SignAsync(Sign.Command command, int organisationId, LetterForSigning letter, DateTime now, CancellationToken cancellationToken)
    {
        var userId = user.RequireUserId();
        var organisation = await db.Organisations.Include(o => o.Memberships)
            .SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        // The one membership check: the domain takes the membership itself as the proof.
        var membership = organisation?.MembershipOf(userId) ?? throw new ForbiddenException("Only members of an organisation can sign for it.");
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken);
        var (withdrawToken, withdrawHash) = SecureToken.Create();
        var signature = letter.Terms.SignAsRepresentative(command.Details with { Email = email }, membership, withdrawHash, now);
        signature.RecordClientNetwork(ClientNetwork.Of(command.ClientAddress));
        signature.RecordLanguage(command.Language);

        // A signed-in member of the organisation, whose account proved the mailbox: told plainly.
        // An unverified signature in the organisation's name gives way to this verified one.
        var holder = await SignatureClaims.FindHolderAsync(db, signature, cancellationToken);
        if (holder is not null && SignatureClaims.Replaces(signature, signature.Verification, holder))
        {
            if (!await SignatureClaims.TrySaveReplacingAsync(db, holder, signature, () => db.Signatures.Add(signature), now, cancellationToken))
                throw new DomainRuleException("{0} has already signed this letter.", organisation!.Name);
        }
        else
        {
            if (holder is not null)
                throw holder.OrganisationKey == signature.OrganisationKey
                    ? new DomainRuleException("{0} has already signed this letter.", organisation!.Name)
                    : new DomainRuleException("Your e-mail address has already signed this letter. Withdraw that signature first to sign for your organisation.");
            db.Signatures.Add(signature);
            if (!await SignatureClaims.TrySaveAsync(db, signature, cancellationToken))
                throw new DomainRuleException("{0} has already signed this letter.", organisation!.Name);
        }

        var awaitingReview = signature.State == SignatureState.HeldForReview;
        mailer.Enqueue(emails.RepresentativeReceipt(letter.ForSigner(signature.Language), email!, organisation!.Name,
            awaitingReview, withdrawToken));
        return awaitingReview ? Sign.Outcome.AwaitingReview : Sign.Outcome.SignedForOrganisation;
    }
}
