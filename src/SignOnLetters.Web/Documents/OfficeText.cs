using System.Text;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// What a Word or spreadsheet file may carry of a text someone typed, and which languages its runs
/// are tagged with. One place for both exports (ADR 0017).
/// </summary>
public static class OfficeText
{
    /// <summary>
    /// XML 1.0 cannot hold most control characters or a lone surrogate: a name carrying one would
    /// make the whole file unreadable. Each becomes U+FFFD, so the reader sees where something was.
    /// Bidi controls (U+202E and the like) are valid XML and kept: Word isolates them per run.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cleaned?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (!valid && cleaned is null)
                cleaned = new StringBuilder(text.Length).Append(text, 0, i);
            cleaned?.Append(valid ? c : '\uFFFD');
        }
        return cleaned?.ToString() ?? text;
    }

    /// <summary>Writing systems a run's language tag depends on (w:lang's w:val, w:bidi or w:eastAsia).</summary>
    public enum Script
    {
        Other,
        Hebrew,
        Arabic,
        Han,
        Kana,
        Hangul,
    }

    /// <summary>The first right-to-left or East Asian script in the text, else <see cref="Script.Other"/>.</summary>
    public static Script ScriptOf(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            var v = rune.Value;
            if (v is >= 0x0590 and <= 0x05FF or >= 0xFB1D and <= 0xFB4F)
                return Script.Hebrew;
            if (v is >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0x08A0 and <= 0x08FF or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF)
                return Script.Arabic;
            if (v is >= 0x3040 and <= 0x30FF)
                return Script.Kana;
            if (v is >= 0x1100 and <= 0x11FF or >= 0xAC00 and <= 0xD7AF or >= 0x3130 and <= 0x318F)
                return Script.Hangul;
            if (v is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x3FFFF or >= 0xF900 and <= 0xFAFF)
                return Script.Han;
        }
        return Script.Other;
    }

    public static bool IsRightToLeftLanguage(string languageCode) =>
        CultureInfo.GetCultureInfo(languageCode).TextInfo.IsRightToLeft;

    /// <summary>
    /// The w:bidi tag of a right-to-left run: the letter's language when it is written in that script
    /// (Persian stays Persian), else the script's main language.
    /// </summary>
    public static string BidiLanguage(Script script, string letterLanguage) => script switch
    {
        Script.Hebrew => Primary(letterLanguage) is "he" or "yi" ? letterLanguage : "he",
        _ => Primary(letterLanguage) is "ar" or "fa" or "ur" or "ps" or "ckb" or "sd" or "ug" ? letterLanguage : "ar",
    };

    /// <summary>The w:eastAsia tag of a CJK run: kana says Japanese, Hangul Korean; Han follows the letter, or the signer's country.</summary>
    public static string EastAsianLanguage(Script script, string letterLanguage, string? hanLanguage) => script switch
    {
        Script.Kana => "ja",
        Script.Hangul => "ko",
        _ => hanLanguage ?? (Primary(letterLanguage) is "zh" or "ja" or "ko" ? letterLanguage : "zh"),
    };

    private static string Primary(string language) => language.Split('-')[0].ToLowerInvariant();
}
