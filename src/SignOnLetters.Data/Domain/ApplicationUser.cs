using Microsoft.AspNetCore.Identity;

namespace SignOnLetters.Domain;

/// <summary>A person with an account: a coordinator or representative of one or more organisations.</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>How the person is named to co-members; never shown on public pages.</summary>
    public string? DisplayName { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<OrganisationMembership> Memberships { get; } = [];
}
