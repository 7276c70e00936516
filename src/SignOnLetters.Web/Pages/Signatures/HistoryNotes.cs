namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// A signature's history in the reader's language: the app's notes are stored as a kind plus an
/// argument (<see cref="HistoryNote"/>) and written here with the kind's sentence as the translation
/// key; a coordinator's own words (a rejection reason) are shown as typed.
/// </summary>
public static class HistoryNotes
{
    public static string? Describe(IStringLocalizer T, HistoryNote note) => note switch
    {
        { Kind: null, Words: null } => null,
        // Typed by a person: as typed (a known key, such as "(erased)", has a translation).
        { Kind: null } => T[note.Words!].Value,
        { Kind: HistoryNoteKind.HeldForReview } when Enum.TryParse<HoldReason>(note.Argument, out var reason) =>
            T[HistoryNote.Template(HistoryNoteKind.HeldForReview), T.Of(reason)].Value,
        { Kind: { } kind } => T[HistoryNote.Template(kind), note.Argument ?? string.Empty].Value,
    };

    /// <summary>Who acted: a coordinator's address as it is, the signer and the system in the reader's language.</summary>
    public static string Actor(IStringLocalizer T, string actor) => actor switch
    {
        "signer" => T["the signer"],
        "system" => T["the system"],
        "a coordinator" => T["a coordinator"],
        _ => actor,
    };
}
