namespace SignOnLetters.Web.Infrastructure.Security;

/// <summary>What someone may do with one letter.</summary>
public enum LetterRole
{
    /// <summary>May see it only once it is published.</summary>
    None,

    /// <summary>Invited to co-edit: edits drafts, amends open letters, reads the history.</summary>
    Editor,

    /// <summary>A coordinator of the lead organisation (or a site administrator): also opens, closes, delivers, archives, invites.</summary>
    LeadCoordinator,
}

/// <summary>
/// Loads a letter for a command after checking the current person's role. Someone with no role gets
/// "not found" (drafts are private and their slugs must not be probed); an editor asking for a
/// coordinator's action gets "forbidden". Malformed slugs are "not found" before any database work.
/// </summary>
public static class LetterAccess
{
    public static async Task<LetterRole> RoleInAsync(this AppDbContext db, int letterId, int leadOrganisationId, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (user.UserId is not { } userId)
            return LetterRole.None;
        if (user.IsAdministrator || await db.OrganisationMemberships.AnyAsync(
                m => m.OrganisationId == leadOrganisationId && m.UserId == userId && m.Role == OrganisationRole.Coordinator, cancellationToken))
            return LetterRole.LeadCoordinator;
        return await db.LetterEditors.AnyAsync(e => e.LetterId == letterId && e.UserId == userId, cancellationToken)
            ? LetterRole.Editor
            : LetterRole.None;
    }

    /// <summary>The letter (tracked, with its co-authors and editors) for someone who may edit it.</summary>
    public static async Task<(Letter Letter, LetterRole Role)> LoadForEditorAsync(this AppDbContext db, string slug, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (!LetterSlug.IsWellFormed(slug))
            throw new NotFoundException("The letter");
        var letter = await db.Letters
            .Include(l => l.CoAuthors)
            .Include(l => l.Editors)
            .AsSplitQuery()
            .SingleOrDefaultAsync(l => l.Slug == slug, cancellationToken)
            ?? throw new NotFoundException("The letter");
        var role = await db.RoleInAsync(letter.Id, letter.LeadOrganisationId, user, cancellationToken);
        if (role == LetterRole.None)
            throw new NotFoundException("The letter");
        return (letter, role);
    }

    public static async Task<Letter> LoadForLeadCoordinatorAsync(this AppDbContext db, string slug, ICurrentUser user, CancellationToken cancellationToken)
    {
        var (letter, role) = await db.LoadForEditorAsync(slug, user, cancellationToken);
        if (role != LetterRole.LeadCoordinator)
            throw new ForbiddenException("Only coordinators of the lead organisation may do this.");
        return letter;
    }

    /// <summary>For queries: the letter's id and the person's role, refusing (404) anyone who may not edit it.</summary>
    public static async Task<(int LetterId, LetterRole Role)> RequireEditorAsync(this AppDbContext db, string slug, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (!LetterSlug.IsWellFormed(slug))
            throw new NotFoundException("The letter");
        var letter = await db.Letters.AsNoTracking()
            .Where(l => l.Slug == slug)
            .Select(l => new { l.Id, l.LeadOrganisationId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The letter");
        var role = await db.RoleInAsync(letter.Id, letter.LeadOrganisationId, user, cancellationToken);
        return role == LetterRole.None ? throw new NotFoundException("The letter") : (letter.Id, role);
    }

    /// <summary>For queries and exports that show private fields: the letter's id, for its lead coordinators only.</summary>
    public static async Task<int> RequireLeadCoordinatorAsync(this AppDbContext db, string slug, ICurrentUser user, CancellationToken cancellationToken)
    {
        var (letterId, role) = await db.RequireEditorAsync(slug, user, cancellationToken);
        return role == LetterRole.LeadCoordinator
            ? letterId
            : throw new ForbiddenException("Only coordinators of the lead organisation may do this.");
    }
}
