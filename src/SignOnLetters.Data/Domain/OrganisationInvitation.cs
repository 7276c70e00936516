namespace SignOnLetters.Domain;

/// <summary>
/// An e-mailed invitation to join an organisation. Only the SHA-256 hash of its token is stored, so
/// a database leak gives no working links; it expires and can be accepted once.
/// </summary>
public class OrganisationInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public int Id { get; private set; }
    public int OrganisationId { get; private set; }
    public Organisation Organisation { get; private set; } = null!;
    public string Email { get; private set; } = null!;
    public string NormalizedEmail { get; private set; } = null!;
    public OrganisationRole Role { get; private set; }
    public string TokenHash { get; private set; } = null!;
    public string InvitedByUserId { get; private set; } = null!;
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public string? AcceptedByUserId { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    private OrganisationInvitation() { }

    public static OrganisationInvitation Create(Organisation organisation, string email, OrganisationRole role,
        string tokenHash, string invitedByUserId, DateTime now) => new()
    {
        Organisation = organisation,
        OrganisationId = organisation.Id,
        Email = email.Trim(),
        NormalizedEmail = NameNormalizer.NormalizeEmail(email),
        Role = role,
        TokenHash = tokenHash,
        InvitedByUserId = invitedByUserId,
        CreatedAt = now,
        ExpiresAt = now + Lifetime,
    };

    public bool IsPending(DateTime now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    public OrganisationMembership Accept(string userId, DateTime now)
    {
        if (AcceptedAt is not null)
            throw new DomainRuleException("This invitation has already been used.");
        if (RevokedAt is not null)
            throw new DomainRuleException("This invitation was withdrawn by the organisation.");
        if (now >= ExpiresAt)
            throw new DomainRuleException("This invitation has expired. Ask the organisation's coordinator for a new one.");
        AcceptedAt = now;
        AcceptedByUserId = userId;
        return Organisation.AddMember(userId, Role, now);
    }

    public void Revoke(DateTime now) => RevokedAt ??= now;
}
