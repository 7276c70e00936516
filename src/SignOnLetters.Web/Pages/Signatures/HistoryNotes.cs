using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Web.Infrastructure;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// The notes the app writes into a signature's history are stored in English (the record of what
/// happened, kept as written, also in backups); they are translated when a coordinator reads them.
/// A coordinator's own words (a rejection reason) match none of them and are shown as typed.
/// </summary>
public static partial class HistoryNotes
{
    public static string? Describe(IStringLocalizer T, string? note)
    {
        if (note is null)
            return null;
        if (HeldFor().Match(note) is { Success: true } held && Enum.TryParse<HoldReason>(held.Groups[1].Value, out var reason))
            return T["Held for review: {0}", T.Of(reason)];
        if (MergedInto().Match(note) is { Success: true } into)
            return T["Merged into signature {0} as a duplicate", into.Groups[1].Value];
        if (MergedHere().Match(note) is { Success: true } here)
            return T["Signature {0} merged into this one as a duplicate", here.Groups[1].Value];
        // A known note has a translation; anything else (typed by a person) comes back unchanged.
        return T[note];
    }

    /// <summary>Who acted: a coordinator's address as it is, the signer and the system in the reader's language.</summary>
    public static string Actor(IStringLocalizer T, string actor) => actor switch
    {
        "signer" => T["the signer"],
        "system" => T["the system"],
        "a coordinator" => T["a coordinator"],
        _ => actor,
    };

    [GeneratedRegex(@"^Held for review: (\w+)$")]
    private static partial Regex HeldFor();

    [GeneratedRegex(@"^Merged into signature (\d+) as a duplicate$")]
    private static partial Regex MergedInto();

    [GeneratedRegex(@"^Signature (\d+) merged into this one as a duplicate$")]
    private static partial Regex MergedHere();
}
