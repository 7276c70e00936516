using System.Text;
using SignOnLetters.Pdf.Text.Hyphenation;

namespace SignOnLetters.Pdf.Text;

/// <summary>How a paragraph set to justify is justified: the engine's one rule for it (ADR on hyphenation).</summary>
internal enum Justification
{
    /// <summary>Ragged: the paragraph's language has no hyphenation patterns, and widening its spaces alone leaves holes.</summary>
    None,

    /// <summary>Spaces widen; no hyphenation (the text's language is not known).</summary>
    BetweenWords,

    /// <summary>Spaces widen, and a word is hyphenated when a line would otherwise be loose.</summary>
    BetweenWordsWithHyphenation,

    /// <summary>
    /// Space is shared between grapheme clusters: Chinese and Japanese are set without spaces, and
    /// Thai has few (between phrases), so widening them alone would leave holes.
    /// </summary>
    BetweenCharacters,
}

internal static class JustificationRule
{
    /// <summary>
    /// Scripts first (a Japanese paragraph in an English letter is still Japanese), then the
    /// language: with patterns, hyphenate; without, ragged; unknown, widen spaces as before.
    /// </summary>
    public static Justification For(string paragraph, string? language)
    {
        if (IsMostlySetWithoutSpaces(paragraph))
            return Justification.BetweenCharacters;
        if (string.IsNullOrWhiteSpace(language))
            return Justification.BetweenWords;
        return HyphenationPatterns.For(language) is not null ? Justification.BetweenWordsWithHyphenation : Justification.None;
    }

    /// <summary>Whether most letters are Han, kana, Thai, Lao, Khmer or Myanmar: scripts written without spaces between words.</summary>
    internal static bool IsMostlySetWithoutSpaces(string text)
    {
        int withoutSpaces = 0, otherLetters = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWrittenWithoutSpaces(rune.Value))
                withoutSpaces++;
            else if (Rune.IsLetter(rune))
                otherLetters++;
        }
        return withoutSpaces > otherLetters;
    }

    private static bool IsWrittenWithoutSpaces(int c) =>
        c is >= 0x0E00 and <= 0x0EFF // Thai, Lao
            or >= 0x1000 and <= 0x109F // Myanmar
            or >= 0x1780 and <= 0x17FF // Khmer
            or >= 0x3040 and <= 0x30FF // Hiragana, Katakana
            or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF // Han
            or >= 0x20000 and <= 0x3FFFF;
}
