using System.Globalization;
using System.Text;
using UglyToad.PdfPig;

namespace SignOnLetters.Pdf.Tests.Support;

/// <summary>Reads text back from a PDF and normalises it for comparison.</summary>
internal static class PdfText
{
    /// <summary>
    /// NFKC (Skia may emit presentation forms and ligatures), without whitespace (extractors guess
    /// word gaps from glyph positions), without bidi controls (pdftotext wraps RTL runs in them) and
    /// with every hyphen read as U+002D.
    /// </summary>
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
                continue;
            // Names are printed with non-breaking hyphens (U+2011, NFKC U+2010): a hyphen is a hyphen.
            builder.Append(rune.Value == 0x2010 ? "-" : rune.ToString());
        }
        return builder.ToString();
    }

    public static string WithPdfPig(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join('\n', document.GetPages().Select(page => page.Text));
    }

    public static string WithPdftotext(string pdfPath, params string[] options)
    {
        var (exitCode, output, error) = ExternalTool.Run("pdftotext", [.. options, "-enc", "UTF-8", pdfPath, "-"]);
        Assert.True(exitCode == 0, $"pdftotext failed: {error}");
        return output;
    }

    /// <summary>PdfPig returns right-to-left runs in visual order: accept the name reversed too.</summary>
    public static bool ContainsInLogicalOrVisualOrder(string normalisedText, string name)
    {
        var normalisedName = Normalise(name);
        if (normalisedText.Contains(normalisedName, StringComparison.Ordinal))
            return true;
        var reversed = string.Concat(normalisedName.EnumerateRunes().Reverse().Select(rune => rune.ToString()));
        return normalisedText.Contains(reversed, StringComparison.Ordinal);
    }

    /// <summary>The names PdfPig does not read back, in logical or visual order (Devanagari reph aside).</summary>
    public static List<string> NamesMissingFromPdfPig(byte[] pdf, IEnumerable<string> names)
    {
        var text = Normalise(WithPdfPig(pdf));
        return names.Where(name => !ContainsInLogicalOrVisualOrder(text, WithoutDevanagariReph(name))).ToList();
    }

    /// <summary>
    /// The names pdftotext does not read back in logical order. Layout mode puts colour-emoji
    /// (Type 3) glyphs on a line of their own, so a name with an emoji is looked for in
    /// content-stream order (-raw) instead; everything else in layout mode, which is the one that
    /// gives right-to-left text in logical order.
    /// </summary>
    public static List<string> NamesMissingFromPdftotext(string pdfPath, IEnumerable<string> names)
    {
        var layoutText = Normalise(WithPdftotext(pdfPath));
        var rawText = Normalise(WithPdftotext(pdfPath, "-raw"));
        return names
            .Where(name => !layoutText.Contains(Normalise(name), StringComparison.Ordinal)
                && !(HasEmoji(name) && rawText.Contains(Normalise(name), StringComparison.Ordinal)))
            .ToList();
    }

    public static bool HasEmoji(string text) => text.EnumerateRunes().Any(rune => rune.Value >= 0x1F000);

    /// <summary>
    /// PdfPig reads glyphs through the font's ToUnicode map only and ignores /ActualText, so a glyph
    /// that shaping made from several characters without a map entry of its own, like the
    /// Devanagari reph (र् drawn above the next syllable), reads back as nothing. pdftotext honours
    /// /ActualText and reads the whole name (its test checks that).
    /// </summary>
    public static string WithoutDevanagariReph(string name) => name.Replace("र्", string.Empty, StringComparison.Ordinal);
}
