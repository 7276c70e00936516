using SignOnLetters.Domain.Mailings;
using SignOnLetters.Web.Infrastructure.Outbox;

namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>
/// Tells the coordinators of each newly invited organisation that a letter names it as co-author,
/// and where to accept or decline (their co-authorships page, behind sign-in: the e-mail carries no
/// token that would let whoever reads it answer). Queued in the outbox, not sent in the request.
/// </summary>
public sealed class CoAuthorshipNotices(AppDbContext db, IPublicUrls urls, [FromKeyedServices(EmailKind.Record)] IEmailQueue mail, IStringLocalizer<SharedResource> T)
{
    public async Task TellCoordinatorsAsync(Letter letter, IReadOnlyList<int> organisationIds, CancellationToken cancellationToken)
    {
        if (organisationIds.Count == 0)
            return;
        var lead = await db.Organisations.AsNoTracking().Where(o => o.Id == letter.LeadOrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var title = PrimaryTitle.In(letter);
        var coordinators = await db.OrganisationMemberships.AsNoTracking()
            .Where(m => organisationIds.Contains(m.OrganisationId) && m.Role == OrganisationRole.Coordinator && m.User.Email != null)
            .Select(m => new { m.OrganisationId, Organisation = m.Organisation.Name, m.User.Email })
            .ToListAsync(cancellationToken);
        if (coordinators.Count == 0)
            return;
        foreach (var coordinator in coordinators)
        {
            var subject = T["{0} invites {1} to co-author a letter", lead, coordinator.Organisation].Value;
            var body =
                EmailHtml.Paragraph(T["{0} names {1} as a co-author of the letter {2}."],
                    EmailHtml.Strong(lead), EmailHtml.Strong(coordinator.Organisation), EmailHtml.Strong(title)) +
                EmailHtml.Paragraph(T["{0} is not shown as an author anywhere until one of its coordinators accepts. If you do not answer, nothing is published in its name."],
                    EmailHtml.Strong(coordinator.Organisation)) +
                EmailHtml.LinkParagraph(urls.Absolute($"/organisations/{coordinator.OrganisationId}/co-authorships"), T["Accept or decline (sign-in required)"]);
            mail.Enqueue(new EmailMessage(coordinator.Email!, subject, body));
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
