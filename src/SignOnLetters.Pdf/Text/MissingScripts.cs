using System.Globalization;
using System.Text;
using Icu;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Text;

/// <summary>Names the scripts of characters no font had, by their Unicode block as ICU knows it.</summary>
internal static class MissingScripts
{
    private const int ExamplesPerScript = 8;

    public static IReadOnlyList<MissingScript> Describe(IEnumerable<int> codePoints) =>
        codePoints
            .GroupBy(BlockName)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new MissingScript(group.Key,
                string.Join(' ', group.Order().Take(ExamplesPerScript).Select(codePoint => new Rune(codePoint).ToString()))))
            .ToList();

    /// <summary>"TIBETAN" → "Tibetan", "CJK_UNIFIED_IDEOGRAPHS_EXTENSION_B" → "CJK Unified Ideographs Extension B".</summary>
    internal static string BlockName(int codePoint)
    {
        var block = (Character.UBlockCode)Character.GetIntPropertyValue(codePoint, Character.UProperty.BLOCK);
        if (block == Character.UBlockCode.NO_BLOCK)
            return $"U+{codePoint:X4}";
        var words = block.ToString().Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word is "CJK" or "NKO" or "UCAS" ? word : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(word.ToLowerInvariant()));
        return string.Join(' ', words);
    }
}
