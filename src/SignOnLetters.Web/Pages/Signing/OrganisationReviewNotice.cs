using SignOnLetters.Domain.Mailings;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// Tells a registered organisation's coordinators that an unverified signature in its name waits for
/// them (<see cref="HoldReason.HeldForOrganisation"/>), and where to approve or reject it: their
/// organisation's signatures page, behind sign-in (the e-mail carries no token that would let
/// whoever reads it decide). The messages are added to the outbox in the confirmation's own save,
/// so they leave through the background queue and never in the signer's request; the e-mail does
/// not name the signer or their address.
/// <para>
/// The same reads run for every confirmed organisation signature, held or not, so that following a
/// confirmation link takes as long whether or not the name is a registered organisation's.
/// </para>
/// </summary>
public sealed class OrganisationReviewNotice(AppDbContext db, IPublicUrls urls, [FromKeyedServices(EmailKind.Record)] IEmailQueue mail, IStringLocalizer<SharedResource> T)
{
    /// <summary>Adds the e-mails (unsaved) when <paramref name="signature"/> is held for its organisation; reads the same either way.</summary>
    public async Task TellCoordinatorsAsync(Signature signature, OrganisationSignatureVerification organisation, string slug, CancellationToken cancellationToken)
    {
        if (signature.Kind != SignerKind.Organisation)
            return;
        var organisationId = organisation.RegisteredOrganisationId ?? 0;
        var letter = await TitleAndLanguageAsync(slug, cancellationToken);
        var coordinators = await db.OrganisationMemberships.AsNoTracking()
            .Where(m => m.OrganisationId == organisationId && m.Role == OrganisationRole.Coordinator && m.User.Email != null)
            .Select(m => new { Organisation = m.Organisation.Name, m.User.Email })
            .ToListAsync(cancellationToken);
        if (signature.HoldReason != HoldReason.HeldForOrganisation)
            return;
        using var _ = ReaderLanguage.Use(letter.Language);
        foreach (var coordinator in coordinators)
        {
            var subject = T["A signature in the name of {0} waits for you", coordinator.Organisation].Value;
            var body =
                EmailHtml.Paragraph(T["Someone signed the letter {0} in the name of {1}, from an address that is not on its web domain."],
                    EmailHtml.Strong(letter.Title), EmailHtml.Strong(coordinator.Organisation)) +
                EmailHtml.Paragraph(T["The signature is not shown until a coordinator of {0} or of the letter approves it. If it is not your organisation's, reject it."],
                    EmailHtml.Strong(coordinator.Organisation)) +
                EmailHtml.LinkParagraph(urls.Absolute($"/organisations/{organisationId}/signatures"), T["Approve or reject (sign-in required)"]);
            mail.Enqueue(new EmailMessage(coordinator.Email!, subject, body));
        }
    }

    private async Task<(string Title, string Language)> TitleAndLanguageAsync(string slug, CancellationToken cancellationToken)
    {
        var letter = await LetterForSigning.FindAsync(db, slug, cancellationToken);
        return (letter.Title, letter.Language);
    }
}
