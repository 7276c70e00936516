using SignOnLetters.Pdf.Fluent;
using SkiaSharp;

namespace SignOnLetters.Pdf.Text;

/// <summary>A <see cref="TextStyle"/> with every property decided and its font chain looked up.</summary>
internal sealed record ResolvedStyle(FontChain Chain, float Size, SKColor Color, float LineHeight)
{
    // Styles are few and records compare by value: resolving each span's style again (colour
    // parsing, font-chain lookup) for 2,000 signatories was measurable work and garbage.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<TextStyle, ResolvedStyle> Resolved = new();

    public static ResolvedStyle From(TextStyle style) => Resolved.GetOrAdd(style, Resolve);

    private static ResolvedStyle Resolve(TextStyle style)
    {
        var complete = TextStyle.Default.With(style);
        return new ResolvedStyle(
            FontCatalog.Shared.GetChain(complete.FontFamily!, complete.Bold!.Value, complete.Italic!.Value),
            Math.Clamp(complete.FontSize!.Value, 1f, 500f),
            TextStyle.ParseColor(complete.Color!),
            Math.Clamp(complete.LineHeight!.Value, 0.5f, 5f));
    }
}

/// <summary>A piece of a paragraph in one style, optionally a link.</summary>
internal sealed record StyledRange(int Start, int End, ResolvedStyle Style, string? Url);
