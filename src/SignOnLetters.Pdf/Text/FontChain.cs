using System.Globalization;
using System.Text;

namespace SignOnLetters.Pdf.Text;

/// <summary>A primary face and the faces tried, in order, for characters it lacks.</summary>
internal sealed class FontChain(FontFace primary, IReadOnlyList<FontFace> fallbacks, FontFace? emoji)
{
    public FontFace Primary { get; } = primary;

    /// <summary>
    /// Picks the face for one grapheme cluster. Spaces stay in the current face. Other neutral
    /// characters (digits, punctuation) take the primary face when it has them, so numbers after a
    /// CJK or emoji name look like the rest of the text; otherwise they stay in the current face
    /// (Arabic comma, CJK full stop).
    /// </summary>
    public FontFace Select(ReadOnlySpan<char> grapheme, FontFace? current)
    {
        Rune.DecodeFromUtf16(grapheme, out var firstRune, out _);
        if (IsNeutral(firstRune))
        {
            var currentCovers = current is not null && current != emoji && CoversAll(current, grapheme);
            // Spaces stay in the run's face, so an Arabic or Hebrew phrase stays one run.
            if (currentCovers && Rune.GetUnicodeCategory(firstRune) == UnicodeCategory.SpaceSeparator)
                return current!;
            if (CoversAll(Primary, grapheme))
                return Primary;
            if (currentCovers)
                return current!;
        }
        if (emoji is not null && PrefersEmojiPresentation(grapheme) && CoversAll(emoji, grapheme))
            return emoji;
        if (CoversAll(Primary, grapheme))
            return Primary;
        foreach (var face in fallbacks)
            if (CoversAll(face, grapheme))
                return face;
        // Nothing has it: fall back to the face of the base character, then the primary, which
        // draws its replacement character instead (and the document reports the character as missing).
        foreach (var face in fallbacks)
            if (face.Covers(firstRune.Value))
                return face;
        return Primary;
    }

    private static bool CoversAll(FontFace face, ReadOnlySpan<char> grapheme)
    {
        foreach (var rune in grapheme.EnumerateRunes())
            if (!IsIgnorableForCoverage(rune) && !face.Covers(rune.Value))
                return false;
        return true;
    }

    private static bool IsNeutral(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.SpaceSeparator or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherPunctuation
            or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };

    // Joiners, variation selectors and tag characters are formatting, not glyphs a face must own.
    private static bool IsIgnorableForCoverage(Rune rune) =>
        rune.Value is 0x200C or 0x200D or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0020 and <= 0xE007F)
            or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    private static bool PrefersEmojiPresentation(ReadOnlySpan<char> grapheme)
    {
        foreach (var rune in grapheme.EnumerateRunes())
        {
            if (rune.Value == 0xFE0F || rune.Value >= 0x1F000 && rune.Value <= 0x1FAFF)
                return true;
        }
        return false;
    }
}
