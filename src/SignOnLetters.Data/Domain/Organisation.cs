namespace SignOnLetters.Domain;

/// <summary>A network or organisation that co-authors and signs letters through its members.</summary>
public class Organisation
{
    public const int NameMaxLength = 200;
    public const int WebsiteMaxLength = 500;

    public int Id { get; private set; }
    public string Name { get; private set; } = null!;

    /// <summary>The duplicate-detection key (<see cref="NameNormalizer"/>), unique across organisations.</summary>
    public string NormalizedName { get; private set; } = null!;

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string CountryCode { get; private set; } = null!;

    public string? Website { get; private set; }
    public OrganisationLogo? Logo { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public List<OrganisationMembership> Memberships { get; } = [];
    public List<OrganisationInvitation> Invitations { get; } = [];

    private Organisation() { }

    public static Organisation Create(string name, string countryCode, string? website, string founderUserId, DateTime now)
    {
        var organisation = new Organisation { CreatedAt = now };
        organisation.Update(name, countryCode, website);
        organisation.Memberships.Add(new OrganisationMembership(organisation, founderUserId, OrganisationRole.Coordinator, now));
        return organisation;
    }

    public void Update(string name, string countryCode, string? website)
    {
        Name = name.Trim();
        NormalizedName = NameNormalizer.Normalize(Name);
        CountryCode = countryCode.ToUpperInvariant();
        Website = string.IsNullOrWhiteSpace(website) ? null : website.Trim();
    }

    public void ReplaceLogo(OrganisationLogo? logo) => Logo = logo;

    public OrganisationMembership? MembershipOf(string? userId) =>
        userId is null ? null : Memberships.FirstOrDefault(m => m.UserId == userId);

    public bool IsCoordinator(string? userId) => MembershipOf(userId)?.Role == OrganisationRole.Coordinator;

    public OrganisationMembership AddMember(string userId, OrganisationRole role, DateTime now)
    {
        var existing = MembershipOf(userId);
        if (existing is not null)
            return existing;
        var membership = new OrganisationMembership(this, userId, role, now);
        Memberships.Add(membership);
        return membership;
    }

    public void ChangeRole(string userId, OrganisationRole role)
    {
        var membership = MembershipOf(userId) ?? throw new DomainRuleException("That person is not a member of this organisation.");
        if (membership.Role == OrganisationRole.Coordinator && role != OrganisationRole.Coordinator)
            EnsureAnotherCoordinatorRemains(userId);
        membership.Role = role;
    }

    public void RemoveMember(string userId)
    {
        var membership = MembershipOf(userId) ?? throw new DomainRuleException("That person is not a member of this organisation.");
        if (membership.Role == OrganisationRole.Coordinator)
            EnsureAnotherCoordinatorRemains(userId);
        Memberships.Remove(membership);
    }

    // An organisation without a coordinator could never be managed again.
    private void EnsureAnotherCoordinatorRemains(string leavingUserId)
    {
        if (!Memberships.Any(m => m.UserId != leavingUserId && m.Role == OrganisationRole.Coordinator))
            throw new DomainRuleException("An organisation needs at least one coordinator. Make someone else a coordinator first.");
    }
}

/// <summary>A logo re-encoded by the app (never the uploaded bytes), so what is served is known to be a plain PNG.</summary>
public record OrganisationLogo(byte[] Png, int Width, int Height);
