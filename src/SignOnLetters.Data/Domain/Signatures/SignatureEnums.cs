namespace SignOnLetters.Domain.Signatures;

public enum SignerKind
{
    Organisation = 0,
    Individual = 1,
}

/// <summary>How a signer appears publicly. Whatever they choose, e-mail addresses and IPs never appear.</summary>
public enum SignatureVisibility
{
    NameAndOrganisation = 0,

    /// <summary>Only the organisation's name and country are shown, not the person's.</summary>
    OrganisationOnly = 1,

    /// <summary>Counted in the totals, never listed.</summary>
    CountedNotNamed = 2,
}

/// <summary>
/// PendingConfirmation → (confirmed by e-mail) → Approved under automatic moderation, or
/// HeldForReview under manual moderation → Approved | Rejected. Withdrawn and Erased end any state;
/// Expired ends an unconfirmed signature whose link lapsed, so its claims can be taken again;
/// Merged ends a duplicate a coordinator merged into the signature kept.
/// The first three are "active"; an active signature that has taken its claims
/// (<see cref="Signature.ClaimedAt"/>, at confirmation) holds the letter's organisation and e-mail
/// claims, which the filtered unique indexes rely on (<see cref="Signature.ActiveStateLimit"/>): keep
/// them numbered below 3.
/// </summary>
public enum SignatureState
{
    PendingConfirmation = 0,
    HeldForReview = 1,
    Approved = 2,
    Rejected = 3,
    Withdrawn = 4,
    Erased = 5,
    Expired = 6,
    Merged = 7,
}

public enum SignatureSource
{
    PublicForm = 0,

    /// <summary>A signed-in representative or coordinator of the organisation signed for it.</summary>
    Representative = 1,

    /// <summary>A partner's own form, through <c>POST /api/letters/{slug}/signatures</c>.</summary>
    Api = 2,

    /// <summary>Entered by a coordinator from a paper or e-mailed signature.</summary>
    Paper = 3,

    /// <summary>The embedded sign form on a partner's website (<see cref="Signature.EmbedHost"/> says which).</summary>
    Embed = 4,

    /// <summary>Signed from the link of a partner invitation the coordinators sent.</summary>
    Invitation = 5,

    /// <summary>Imported from a CSV file by a coordinator or, on the command line, by the site's administrator (the file is named in its history).</summary>
    Imported = 6,
}

/// <summary>Why a signature waits in the review queue.</summary>
public enum HoldReason
{
    None = 0,

    /// <summary>The letter's moderation is manual.</summary>
    ManualModeration = 1,

    /// <summary>
    /// Too many submissions from one network for this letter: stored without sending any e-mail and
    /// without telling the submitter, so the limit cannot be probed.
    /// </summary>
    RateLimit = 2,

    /// <summary>
    /// Confirmed from a mailbox, but another mailbox already holds the organisation's signature: that
    /// one stays, and the coordinators decide about this one (approve it once the other has gone,
    /// merge or reject it). The signer is not told.
    /// </summary>
    OrganisationAlreadySigned = 3,

    /// <summary>
    /// Confirmed from a mailbox, naming a registered organisation, but neither signed by one of its
    /// members nor confirmed from an address on its web domain: held for that organisation's
    /// coordinators (or the letter's), who are told by e-mail. The signer is not told
    /// (<see cref="OrganisationSignatureVerification"/>).
    /// </summary>
    HeldForOrganisation = 4,
}

/// <summary>
/// How an organisation signature is known to come from that organisation (issue 18, row 3). Anything
/// but <see cref="Unverified"/> is verified; individuals' signatures are never marked either way.
/// </summary>
public enum OrganisationVerification
{
    /// <summary>Nobody has checked that the signer speaks for the organisation: listed with an "unverified" note.</summary>
    Unverified = 0,

    /// <summary>A signed-in member of the registered organisation signed for it.</summary>
    Representative = 1,

    /// <summary>Confirmed from a mailbox on the registered organisation's own web domain (or a sub-domain of it).</summary>
    OrganisationDomain = 2,

    /// <summary>A coordinator of the letter or of the organisation approved it, or a letter coordinator entered it from paper.</summary>
    Coordinator = 3,
}

/// <summary>Who caused an entry of the audit trail.</summary>
public enum SignatureActor
{
    Signer = 0,
    Coordinator = 1,
    System = 2,
}
