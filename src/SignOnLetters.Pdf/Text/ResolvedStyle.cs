using SignOnLetters.Pdf.Fluent;
using SkiaSharp;

namespace SignOnLetters.Pdf.Text;

/// <summary>A <see cref="TextStyle"/> with every property decided and its font chain looked up.</summary>
internal sealed record ResolvedStyle(FontCatalog Fonts, string Family, bool Bold, bool Italic, CjkRegion Region,
    FontChain Chain, float Size, SKColor Color, float LineHeight, string? Language)
{
    // Styles are few and records compare by value: resolving each span's style again (colour
    // parsing, font-chain lookup) for 2,000 signatories was measurable work and garbage.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(FontCatalog, TextStyle), ResolvedStyle> Resolved = new();

    public static ResolvedStyle From(TextStyle style, FontCatalog fonts) => Resolved.GetOrAdd((fonts, style), key => Resolve(key.Item2, key.Item1));

    /// <summary>
    /// The chain for one word: kana make it Japanese and Hangul Korean whatever the style's
    /// language said, so a Japanese name among Chinese ones keeps its own letterforms.
    /// </summary>
    public FontChain ChainFor(ReadOnlySpan<char> word)
    {
        var region = CjkRegions.FromScripts(word, Region);
        return region == Region ? Chain : Fonts.GetChain(Family, Bold, Italic, region);
    }

    private static ResolvedStyle Resolve(TextStyle style, FontCatalog fonts)
    {
        var complete = TextStyle.Default.With(style);
        var region = CjkRegions.FromLanguage(complete.Language);
        return new ResolvedStyle(
            fonts, complete.FontFamily!, complete.Bold!.Value, complete.Italic!.Value, region,
            fonts.GetChain(complete.FontFamily!, complete.Bold!.Value, complete.Italic!.Value, region),
            Math.Clamp(complete.FontSize!.Value, 1f, 500f),
            TextStyle.ParseColor(complete.Color!),
            Math.Clamp(complete.LineHeight!.Value, 0.5f, 5f),
            string.IsNullOrWhiteSpace(complete.Language) ? null : complete.Language);
    }
}

/// <summary>A piece of a paragraph in one style, optionally a link.</summary>
internal sealed record StyledRange(int Start, int End, ResolvedStyle Style, string? Url);
