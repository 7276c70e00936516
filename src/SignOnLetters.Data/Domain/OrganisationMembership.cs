namespace SignOnLetters.Domain;

public class OrganisationMembership
{
    public int OrganisationId { get; private set; }
    public Organisation Organisation { get; private set; } = null!;
    public string UserId { get; private set; } = null!;
    public ApplicationUser User { get; private set; } = null!;
    public OrganisationRole Role { get; internal set; }
    public DateTime JoinedAt { get; private set; }

    private OrganisationMembership() { }

    internal OrganisationMembership(Organisation organisation, string userId, OrganisationRole role, DateTime joinedAt)
    {
        Organisation = organisation;
        OrganisationId = organisation.Id;
        UserId = userId;
        Role = role;
        JoinedAt = joinedAt;
    }
}
