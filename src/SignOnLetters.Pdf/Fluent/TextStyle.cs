using SkiaSharp;

namespace SignOnLetters.Pdf.Fluent;

/// <summary>
/// How text looks. Unset properties inherit: span, then text block, then page, then <see cref="Default"/>.
/// </summary>
public sealed record TextStyle
{
    public float? FontSize { get; init; }
    public string? FontFamily { get; init; }
    public bool? Bold { get; init; }
    public bool? Italic { get; init; }

    /// <summary>"#RRGGBB" or "#AARRGGBB".</summary>
    public string? Color { get; init; }

    /// <summary>Line height as a multiple of the font's natural line height.</summary>
    public float? LineHeight { get; init; }

    /// <summary>
    /// The text's language as a BCP 47 tag ("ja", "zh-Hant", "ko"). It chooses the letterforms of
    /// Han characters: Japanese, Korean, Simplified or Traditional Chinese.
    /// </summary>
    public string? Language { get; init; }

    public static TextStyle Default { get; } = new()
    {
        FontSize = 11,
        FontFamily = "Noto Sans",
        Bold = false,
        Italic = false,
        Color = "#000000",
        LineHeight = 1.0f,
    };

    /// <summary>This style with every property that <paramref name="overrides"/> sets replaced.</summary>
    public TextStyle With(TextStyle? overrides) => overrides is null ? this : new TextStyle
    {
        FontSize = overrides.FontSize ?? FontSize,
        FontFamily = overrides.FontFamily ?? FontFamily,
        Bold = overrides.Bold ?? Bold,
        Italic = overrides.Italic ?? Italic,
        Color = overrides.Color ?? Color,
        LineHeight = overrides.LineHeight ?? LineHeight,
        Language = overrides.Language ?? Language,
    };

    internal static SKColor ParseColor(string hex) =>
        SKColor.TryParse(hex, out var color) ? color : throw new ArgumentException($"'{hex}' is not a colour; use #RRGGBB.", nameof(hex));
}
