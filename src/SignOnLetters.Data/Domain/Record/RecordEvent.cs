namespace SignOnLetters.Domain.Record;

/// <summary>
/// What happened to the public list in one <see cref="RecordEntry"/>. Published in the record as
/// the lower-case name ("counted", "withdrawn"): the names are part of docs/record-format.md.
/// </summary>
public enum RecordEvent
{
    /// <summary>A signature began to be counted (approved, confirmed under automatic moderation, entered from paper, imported, restored).</summary>
    Counted = 0,

    /// <summary>A counted signature shows differently (visibility, verification, organisation).</summary>
    Changed = 1,

    Withdrawn = 2,

    /// <summary>A coordinator rejected a counted signature.</summary>
    Rejected = 3,

    /// <summary>A counted signature was found to duplicate another and merged into it.</summary>
    Merged = 4,

    /// <summary>The signer's personal data was erased: the signature is no longer counted, or stays counted without a name.</summary>
    Erased = 5,

    /// <summary>No longer counted for another reason.</summary>
    Removed = 6,
}
