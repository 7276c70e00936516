namespace SignOnLetters.Domain.Signatures;

/// <summary>
/// Another name a letter's coordinators know an organisation by ("MSF" for "Médecins Sans
/// Frontières"): a signature under the alias claims the organisation's name, so the duplicate rule
/// and its unique index treat both as one organisation. Kept per letter, by the coordinators who
/// see the signatures come in. Names are compared by their <see cref="NameNormalizer"/> keys.
/// </summary>
public class OrganisationAlias
{
    public const int MaxPerLetter = 500;

    public int Id { get; private set; }
    public int LetterId { get; private set; }

    /// <summary>The other name, as typed.</summary>
    public string Alias { get; private set; } = null!;

    public string AliasKey { get; private set; } = null!;

    /// <summary>The organisation's name as it signs, as typed.</summary>
    public string OrganisationName { get; private set; } = null!;

    public string OrganisationKey { get; private set; } = null!;

    public string CreatedByUserId { get; private set; } = null!;
    public DateTime CreatedAt { get; private set; }

    private OrganisationAlias() { }

    /// <summary>
    /// A new alias. <paramref name="existing"/> are the letter's aliases so far: an alias may not point
    /// at another alias, nor may a name that aliases point at become an alias itself (no chains).
    /// </summary>
    public static OrganisationAlias Create(int letterId, string alias, string organisationName, IReadOnlyCollection<OrganisationAlias> existing,
        string userId, DateTime now)
    {
        var aliasKey = NameNormalizer.Normalize(alias);
        var organisationKey = NameNormalizer.Normalize(organisationName);
        if (aliasKey.Length == 0 || organisationKey.Length == 0)
            throw new DomainRuleException("Give both names with letters or digits in them.");
        if (aliasKey == organisationKey)
            throw new DomainRuleException("The two names already count as the same organisation.");
        if (existing.Count >= MaxPerLetter)
            throw new DomainRuleException("A letter may have at most {0} organisation aliases.", MaxPerLetter);
        if (existing.FirstOrDefault(a => a.AliasKey == aliasKey) is { } taken)
            throw new DomainRuleException("\"{0}\" is already an alias of {1}.", alias.Trim(), taken.OrganisationName);
        if (existing.FirstOrDefault(a => a.AliasKey == organisationKey) is { } chained)
            throw new DomainRuleException("\"{0}\" is itself an alias of {1}: use that name.", organisationName.Trim(), chained.OrganisationName);
        if (existing.Any(a => a.OrganisationKey == aliasKey))
            throw new DomainRuleException("Other aliases point at \"{0}\": it cannot become an alias itself.", alias.Trim());
        return new OrganisationAlias
        {
            LetterId = letterId,
            Alias = alias.Trim(),
            AliasKey = aliasKey,
            OrganisationName = organisationName.Trim(),
            OrganisationKey = organisationKey,
            CreatedByUserId = userId,
            CreatedAt = now,
        };
    }
}
