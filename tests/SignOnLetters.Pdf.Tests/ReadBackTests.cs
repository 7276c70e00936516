using SignOnLetters.Pdf.Tests.Support;

namespace SignOnLetters.Pdf.Tests;

public sealed class ReadBackTests
{
    private static readonly byte[] MultilingualLetter = SampleDocuments.Letter(SampleDocuments.MultilingualNames).GeneratePdf();

    [Fact]
    public void Should_read_back_every_signatory_name_with_PdfPig()
    {
        var missing = PdfText.NamesMissingFromPdfPig(MultilingualLetter, SampleDocuments.MultilingualNames);

        Assert.True(missing.Count == 0, $"PdfPig did not find: {string.Join(" | ", missing)}\nText: {PdfText.WithPdfPig(MultilingualLetter)}");
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_read_back_every_signatory_name_in_logical_order_with_pdftotext()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", MultilingualLetter);

        var missing = PdfText.NamesMissingFromPdftotext(path, SampleDocuments.MultilingualNames);

        Assert.True(missing.Count == 0, $"pdftotext did not find: {string.Join(" | ", missing)}\nText: {PdfText.WithPdftotext(path)}");
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
