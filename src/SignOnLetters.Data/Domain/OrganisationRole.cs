namespace SignOnLetters.Domain;

/// <summary>What a member may do for an organisation.</summary>
public enum OrganisationRole
{
    /// <summary>Signs letters on the organisation's behalf.</summary>
    Representative = 0,

    /// <summary>Drafts, opens, moderates and delivers letters; manages members.</summary>
    Coordinator = 1,
}
