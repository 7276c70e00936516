namespace SignOnLetters.Domain.Letters;

public enum LetterKind
{
    /// <summary>A joint letter from organisations (and people) to named addressees.</summary>
    SignOnLetter = 0,

    /// <summary>A petition: usually many individual signers, often with a signature goal.</summary>
    Petition = 1,
}

/// <summary>
/// Where a letter is in its life. Draft → Open → Closed → Delivered; Reopen takes a closed or
/// delivered letter back to Open (late signatures); Archive puts away a draft, closed or delivered one.
/// </summary>
public enum LetterStatus
{
    Draft = 0,
    Open = 1,
    Closed = 2,
    Delivered = 3,
    Archived = 4,
}

public enum WhoMaySign
{
    OrganisationsAndIndividuals = 0,
    OrganisationsOnly = 1,
    IndividualsOnly = 2,
}

public enum ModerationMode
{
    /// <summary>Confirmed signatures appear at once.</summary>
    Automatic = 0,

    /// <summary>A coordinator approves each signature before it is shown or counted.</summary>
    Manual = 1,
}
