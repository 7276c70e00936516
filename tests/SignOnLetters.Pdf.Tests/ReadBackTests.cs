using SignOnLetters.Pdf.Tests.Support;

namespace SignOnLetters.Pdf.Tests;

public sealed class ReadBackTests
{
    private static readonly byte[] MultilingualLetter = SampleDocuments.Letter(SampleDocuments.MultilingualNames).GeneratePdf();

    [Fact]
    public void Should_read_back_every_signatory_name_with_PdfPig()
    {
        var text = PdfText.Normalise(PdfText.WithPdfPig(MultilingualLetter));

        var missing = SampleDocuments.MultilingualNames
            .Where(name => !PdfText.ContainsInLogicalOrVisualOrder(text, PdfText.WithoutDevanagariReph(name)))
            .ToList();

        Assert.True(missing.Count == 0, $"PdfPig did not find: {string.Join(" | ", missing)}\nText: {text}");
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_read_back_every_signatory_name_in_logical_order_with_pdftotext()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", MultilingualLetter);
        var layoutText = PdfText.Normalise(PdfText.WithPdftotext(path));
        var rawText = PdfText.Normalise(PdfText.WithPdftotext(path, "-raw"));

        // Layout mode puts colour-emoji (Type 3) glyphs on a line of their own, so a name ending in
        // an emoji is found in content-stream order (-raw) instead; everything else in layout mode,
        // which is the one that gives right-to-left text in logical order.
        var missing = SampleDocuments.MultilingualNames
            .Where(name => !layoutText.Contains(PdfText.Normalise(name), StringComparison.Ordinal)
                && !(PdfText.HasEmoji(name) && rawText.Contains(PdfText.Normalise(name), StringComparison.Ordinal)))
            .ToList();

        Assert.True(missing.Count == 0, $"pdftotext did not find: {string.Join(" | ", missing)}\nText: {layoutText}");
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_read_back_the_letter_body_with_links_and_emphasis()
    {
        using var directory = new TempDirectory();
        var text = PdfText.Normalise(PdfText.WithPdftotext(directory.Write("letter.pdf", MultilingualLetter)));

        Assert.Contains(PdfText.Normalise("call on you to act now on air quality"), text);
        Assert.Contains(PdfText.Normalise("summarised by the World Health Organization."), text);
        Assert.Contains(PdfText.Normalise("Page 1 of 1"), text);
    }
}
