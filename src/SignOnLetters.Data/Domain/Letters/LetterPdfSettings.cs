using System.Globalization;
using System.Text;

namespace SignOnLetters.Domain.Letters;

public enum PdfPaper
{
    A4,
    UsLetter,
}

/// <summary>How the signatory list is split under headings; organisations and individuals are always apart.</summary>
public enum PdfSignatoryGrouping
{
    ByKind,
    ByCountry,
    ByRegion,
}

/// <summary>Which letterforms a Han name takes: its signer's country's (Japanese for Japan, Traditional for Taiwan) or the letter language's.</summary>
public enum PdfCjkFaces
{
    BySignerCountry,
    ByLetterLanguage,
}

/// <summary>
/// How the letter's PDF is presented, chosen by its coordinators on <c>/letters/{slug}/pdf/options</c>
/// and remembered with the letter. Every default is stored as 0/false/null, so letters made before
/// these settings existed print as they did (A4, grouped by kind, everyone listed, Arabic comma).
/// The letterhead's address and reply-to contact belong to this letter (a coalition may answer from
/// a campaign address rather than the organisation's), so they are set here, not on the organisation.
/// </summary>
public sealed record LetterPdfSettings
{
    public const int AddressMaxLength = 300;
    public const int AddressMaxLines = 4;
    public const int ReplyToMaxLength = 200;
    public const int PlaceMaxLength = 100;

    public static LetterPdfSettings Default { get; } = new();

    public PdfPaper Paper { get; init; }
    public PdfSignatoryGrouping Grouping { get; init; }

    /// <summary>Individuals appear as a count only, never by name (a long list of people a minister will not read).</summary>
    public bool IndividualsCountedOnly { get; init; }

    /// <summary>The logos of signing organisations, as a wall after the counts.</summary>
    public bool LogoWall { get; init; }

    public PdfCjkFaces CjkFaces { get; init; }

    /// <summary>Stored the other way round so that "on" is the default: Arabic-script lines join name and role with "، ".</summary>
    public bool LatinCommaInArabic { get; init; }

    /// <summary>Printed under the letterhead; up to <see cref="AddressMaxLines"/> lines.</summary>
    public string? LetterheadAddress { get; init; }

    /// <summary>Where the addressees' office answers: an e-mail address, telephone or both, on one line.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>Where the letter is written from ("Brussels"), printed before the date: "Brussels, 4 December 2026".</summary>
    public string? Place { get; init; }

    /// <summary>
    /// The settings as they may be stored: known choices only, and the letterhead's text cleaned of
    /// what would let it disturb the page (direction overrides and isolates, control characters),
    /// with its lines trimmed. Too long or too many lines is refused rather than cut.
    /// </summary>
    public LetterPdfSettings Checked()
    {
        if (!Enum.IsDefined(Paper) || !Enum.IsDefined(Grouping) || !Enum.IsDefined(CjkFaces))
            throw new DomainRuleException("Choose one of the options offered.");
        var address = CleanLines(LetterheadAddress);
        if (address is not null && address.Split('\n').Length > AddressMaxLines)
            throw new DomainRuleException("The address has at most {0} lines.", AddressMaxLines);
        if (address?.Length > AddressMaxLength)
            throw new DomainRuleException("The address has at most {0} characters.", AddressMaxLength);
        var replyTo = CleanLine(ReplyTo);
        if (replyTo?.Length > ReplyToMaxLength)
            throw new DomainRuleException("The reply-to contact has at most {0} characters.", ReplyToMaxLength);
        var place = CleanLine(Place);
        if (place?.Length > PlaceMaxLength)
            throw new DomainRuleException("The place has at most {0} characters.", PlaceMaxLength);
        return this with { LetterheadAddress = address, ReplyTo = replyTo, Place = place };
    }

    /// <summary>One line (the reply-to contact, the place), cleaned as <see cref="CleanLines"/> does: a newline in it becomes a space.</summary>
    private static string? CleanLine(string? text) => CleanLines(text) is { } lines ? string.Join(' ', lines.Split('\n')) : null;

    /// <summary>Non-empty trimmed lines without control or bidi formatting characters; null when nothing is left.</summary>
    private static string? CleanLines(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')
            .Select(line => Clean(line).Trim())
            .Where(line => line.Length > 0)
            .ToList();
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }

    private static string Clean(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var rune in line.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            // Tabs and other controls read as nothing; format characters other than the joiners
            // (which Arabic and Indic names need) would reorder or hide the printed text.
            if (category == UnicodeCategory.Control)
                builder.Append(' ');
            else if (category == UnicodeCategory.Format && rune.Value is not (0x200C or 0x200D))
                continue;
            else
                builder.Append(rune.ToString());
        }
        return builder.ToString();
    }
}
