namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>
/// Loads an organisation with its members for a command and checks what the current user may do.
/// Non-members get "not found" (membership lists are private); members without the coordinator
/// role get "forbidden". Site administrators may act as coordinators.
/// </summary>
public static class OrganisationAccess
{
    public static async Task<Organisation> LoadForMemberAsync(this AppDbContext db, int organisationId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations
            .Include(o => o.Memberships)
            .SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null || (organisation.MembershipOf(user.UserId) is null && !user.IsAdministrator))
            throw new NotFoundException("The organisation");
        return organisation;
    }

    public static async Task<Organisation> LoadForCoordinatorAsync(this AppDbContext db, int organisationId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var organisation = await db.LoadForMemberAsync(organisationId, user, cancellationToken);
        if (!organisation.IsCoordinator(user.UserId) && !user.IsAdministrator)
            throw new ForbiddenException("Only the organisation's coordinators may do this.");
        return organisation;
    }
}
