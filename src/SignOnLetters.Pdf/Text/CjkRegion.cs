namespace SignOnLetters.Pdf.Text;

/// <summary>
/// Whose letterforms a Han character takes. The same code point is drawn differently in Japan,
/// Korea, mainland China and Taiwan or Hong Kong: a Japanese or Taiwanese name in the Simplified
/// Chinese face reads as a foreign spelling.
/// </summary>
internal enum CjkRegion
{
    /// <summary>Nothing says which: the Simplified Chinese face, the most widely read.</summary>
    Unspecified,
    Japanese,
    Korean,
    SimplifiedChinese,
    TraditionalChinese,
}

internal static class CjkRegions
{
    /// <summary>The region a BCP 47 language tag names ("ja", "ko", "zh-Hant", "zh-TW", "zh-CN").</summary>
    public static CjkRegion FromLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
            return CjkRegion.Unspecified;
        var parts = language.Split('-', '_');
        var primary = parts[0].ToLowerInvariant();
        switch (primary)
        {
            case "ja":
                return CjkRegion.Japanese;
            case "ko":
                return CjkRegion.Korean;
            case "zh" or "yue" or "cmn":
                var rest = parts.Skip(1).Select(part => part.ToLowerInvariant()).ToList();
                if (rest.Contains("hant") || rest.Contains("tw") || rest.Contains("hk") || rest.Contains("mo") || primary == "yue")
                    return CjkRegion.TraditionalChinese;
                return CjkRegion.SimplifiedChinese;
            default:
                return CjkRegion.Unspecified;
        }
    }

    /// <summary>
    /// Kana can only be Japanese and Hangul only Korean, whatever the style says; a paragraph of
    /// Han characters alone keeps the region it was given.
    /// </summary>
    public static CjkRegion FromScripts(ReadOnlySpan<char> text, CjkRegion given)
    {
        foreach (var c in text)
        {
            if (c is >= '\u3040' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' or >= '\uFF66' and <= '\uFF9F')
                return CjkRegion.Japanese;
            if (c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F')
                return CjkRegion.Korean;
        }
        return given;
    }

    /// <summary>The CJK families in the order a region prefers them; the others stay as fallbacks.</summary>
    public static IReadOnlyList<string> FamiliesInOrder(CjkRegion region) => region switch
    {
        CjkRegion.Japanese => [FontCatalog.CjkJapanese, FontCatalog.CjkSimplifiedChinese, FontCatalog.CjkTraditionalChinese, FontCatalog.CjkKorean],
        CjkRegion.Korean => [FontCatalog.CjkKorean, FontCatalog.CjkTraditionalChinese, FontCatalog.CjkSimplifiedChinese, FontCatalog.CjkJapanese],
        CjkRegion.TraditionalChinese => [FontCatalog.CjkTraditionalChinese, FontCatalog.CjkSimplifiedChinese, FontCatalog.CjkJapanese, FontCatalog.CjkKorean],
        _ => [FontCatalog.CjkSimplifiedChinese, FontCatalog.CjkTraditionalChinese, FontCatalog.CjkJapanese, FontCatalog.CjkKorean],
    };
}
