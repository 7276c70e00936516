namespace SignOnLetters.Domain.Osdi;

/// <summary>
/// A key an organisation's coordinators gave to a partner system (a CRM speaking OSDI) to read the
/// letters the organisation leads or co-authors through <c>/api/osdi/v1</c>. Only the SHA-256 hash
/// of its secret is kept: the secret is 256 random bits, so a fast hash is enough (no dictionary or
/// brute force reaches a 256-bit space, unlike a password, which is why this is not a slow KDF) and
/// a copy of the database opens nothing. Revoked keys stay listed, so the coordinators see what was
/// given out and when.
/// </summary>
public class OrganisationApiKey
{
    public const int NameMaxLength = 100;

    /// <summary>Hex SHA-256 of the secret part of the key.</summary>
    public const int HashLength = 64;

    public int Id { get; private set; }
    public int OrganisationId { get; private set; }

    /// <summary>What the coordinators call it ("Our CiviCRM"), shown in the list only.</summary>
    public string Name { get; private set; } = null!;

    public string SecretHash { get; private set; } = null!;
    public string CreatedByUserId { get; private set; } = null!;
    public DateTime CreatedAt { get; private set; }

    /// <summary>Last accepted request, to the minute at most (a key in use is not revoked by mistake).</summary>
    public DateTime? LastUsedAt { get; private set; }

    public DateTime? RevokedAt { get; private set; }
    public string? RevokedByUserId { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    private OrganisationApiKey() { }

    public static OrganisationApiKey Create(int organisationId, string name, string secretHash, string userId, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength)
            throw new DomainRuleException("Give the key a name.");
        if (secretHash.Length != HashLength)
            throw new ArgumentException("A key is stored by its SHA-256 hash.", nameof(secretHash));
        return new OrganisationApiKey
        {
            OrganisationId = organisationId,
            Name = name.Trim(),
            SecretHash = secretHash,
            CreatedByUserId = userId,
            CreatedAt = now,
        };
    }

    public void Revoke(string userId, DateTime now)
    {
        if (IsRevoked)
            throw new DomainRuleException("This key was already revoked.");
        RevokedAt = now;
        RevokedByUserId = userId;
    }
}
