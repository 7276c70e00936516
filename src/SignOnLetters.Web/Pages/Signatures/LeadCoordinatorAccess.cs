using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Web.Infrastructure;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// Moderation and exports show private fields: only coordinators of the letter's lead organisation
/// (and site administrators) get them. Anyone else is told the letter does not exist (404), so
/// private letters cannot be probed; a member who is not a coordinator gets 403.
/// </summary>
internal static class LeadCoordinatorAccess
{
    public static async Task<int> RequireLeadCoordinatorAsync(this AppDbContext db, string slug, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (!LetterSlug.IsWellFormed(slug) || user.UserId is not { } userId)
            throw new NotFoundException("The letter");
        var letter = await db.Letters.AsNoTracking()
            .Where(l => l.Slug == slug)
            .Select(l => new
            {
                l.Id,
                Role = db.OrganisationMemberships
                    .Where(m => m.OrganisationId == l.LeadOrganisationId && m.UserId == userId)
                    .Select(m => (OrganisationRole?)m.Role)
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The letter");
        if (user.IsAdministrator || letter.Role == OrganisationRole.Coordinator)
            return letter.Id;
        throw letter.Role is null
            ? new NotFoundException("The letter")
            : new ForbiddenException("Only coordinators of the lead organisation may do this.");
    }
}
