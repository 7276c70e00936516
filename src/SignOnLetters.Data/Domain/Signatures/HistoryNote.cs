using System.Globalization;

namespace SignOnLetters.Domain.Signatures;

/// <summary>
/// What the app writes into a signature's history, stored as this kind plus at most one argument and
/// rendered in the reader's language (issue 19: the history once held English sentences that were
/// parsed back with regular expressions). Stored as numbers: append new kinds, never renumber.
/// </summary>
public enum HistoryNoteKind
{
    Signed = 1,
    ConfirmationSentAgain = 2,
    ConfirmationSentAgainFirstNotSent = 3,
    /// <summary>Argument: the <see cref="HoldReason"/>'s name.</summary>
    HeldForReview = 4,
    SignedByRepresentative = 5,
    EnteredFromPaper = 6,
    VerifiedByCoordinator = 7,
    ReplacedByVerified = 8,
    /// <summary>Argument: the id of the unverified signature this one replaced.</summary>
    ReplacedUnverified = 9,
    /// <summary>Argument: the id of the signature kept.</summary>
    MergedInto = 10,
    /// <summary>Argument: the id of the duplicate merged into this one.</summary>
    MergedHere = 11,
    ErasedKeptAnonymous = 12,
    Erased = 13,
    Anonymised = 14,
    NeverConfirmed = 15,
    ConfirmationLinkExpired = 16,
    ApprovedAutomatically = 17,
    HeldForManualModeration = 18,
    ReleasedFromNetworkLimit = 19,
    ApprovedOnReleaseConfirmed = 20,
    /// <summary>Argument: the imported file's name. Approved on the coordinator's authority (the entry's actor).</summary>
    ImportedByCoordinator = 21,
    /// <summary>Argument: the imported file's name. Approved on the authority of the administrator who ran the command line.</summary>
    ImportedByAdministrator = 22,
}

/// <summary>
/// One history entry's note: a kind the app wrote (with its argument), or the words a coordinator
/// typed (a rejection's reason), shown as typed; or nothing.
/// </summary>
public readonly record struct HistoryNote(HistoryNoteKind? Kind, string? Argument, string? Words)
{
    public static implicit operator HistoryNote(HistoryNoteKind kind) => new(kind, null, null);

    public static HistoryNote Of(HistoryNoteKind kind, object argument) =>
        new(kind, Convert.ToString(argument, CultureInfo.InvariantCulture), null);

    public static HistoryNote Written(string? words) => new(null, null, words);

    /// <summary>The note as an English sentence, the record's plain text (logs, tests); pages render it in the reader's language.</summary>
    public string? InEnglish => Kind is { } kind ? string.Format(CultureInfo.InvariantCulture, Template(kind), Argument) : Words;

    /// <summary>
    /// The English sentence of each kind: the key its translations are found under, and how entries
    /// written before kinds existed (and backups of them) said it.
    /// </summary>
    public static string Template(HistoryNoteKind kind) => kind switch
    {
        HistoryNoteKind.Signed => "Signed; confirmation e-mail sent",
        HistoryNoteKind.ConfirmationSentAgain => "Confirmation e-mail sent again",
        HistoryNoteKind.ConfirmationSentAgainFirstNotSent => "Confirmation e-mail sent again (the first was not sent)",
        HistoryNoteKind.HeldForReview => "Held for review: {0}",
        HistoryNoteKind.SignedByRepresentative => "Signed by a representative (account confirmed)",
        HistoryNoteKind.EnteredFromPaper => "Entered from a paper or e-mailed signature",
        HistoryNoteKind.VerifiedByCoordinator => "Verified as the organisation's signature",
        HistoryNoteKind.ReplacedByVerified => "Replaced by a verified signature of the organisation",
        HistoryNoteKind.ReplacedUnverified => "Replaced the unverified signature {0} of the same organisation",
        HistoryNoteKind.MergedInto => "Merged into signature {0} as a duplicate",
        HistoryNoteKind.MergedHere => "Signature {0} merged into this one as a duplicate",
        HistoryNoteKind.ErasedKeptAnonymous => "Personal data erased on request; kept as an anonymous count (letter delivered)",
        HistoryNoteKind.Erased => "Personal data erased on request",
        HistoryNoteKind.Anonymised => "Personal data anonymised after the retention period",
        HistoryNoteKind.NeverConfirmed => "Never confirmed",
        HistoryNoteKind.ConfirmationLinkExpired => "Confirmation link expired",
        HistoryNoteKind.ApprovedAutomatically => "Approved automatically",
        HistoryNoteKind.HeldForManualModeration => "Held for review (manual moderation)",
        HistoryNoteKind.ReleasedFromNetworkLimit => "Released from the network limit; confirmation e-mail sent",
        HistoryNoteKind.ApprovedOnReleaseConfirmed => "Approved when confirmed: a coordinator had approved it",
        HistoryNoteKind.ImportedByCoordinator => "Imported from the file {0} and approved by a coordinator",
        HistoryNoteKind.ImportedByAdministrator => "Imported from the file {0} by the administrator on the command line",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// An entry as stored: its kind and argument, or, for an entry written before kinds existed (no
    /// kind, the English sentence in <paramref name="reason"/>), the kind whose sentence it is. Any
    /// other text is a coordinator's own words.
    /// </summary>
    public static HistoryNote Stored(HistoryNoteKind? kind, string? argument, string? reason) =>
        kind is not null || reason is null ? new HistoryNote(kind, argument, reason) : FromSentence(reason);

    private static HistoryNote FromSentence(string sentence)
    {
        foreach (var kind in Enum.GetValues<HistoryNoteKind>())
        {
            var template = Template(kind);
            var hole = template.IndexOf("{0}", StringComparison.Ordinal);
            if (hole < 0)
            {
                if (sentence == template)
                    return kind;
                continue;
            }
            var (before, after) = (template[..hole], template[(hole + 3)..]);
            if (sentence.Length > before.Length + after.Length && sentence.StartsWith(before, StringComparison.Ordinal)
                && sentence.EndsWith(after, StringComparison.Ordinal))
                return new HistoryNote(kind, sentence[before.Length..^after.Length], null);
        }
        return Written(sentence);
    }
}
