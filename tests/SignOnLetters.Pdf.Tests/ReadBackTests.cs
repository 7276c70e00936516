using SignOnLetters.Pdf.Fluent;
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

    [RequiresToolsFact("pdftotext")]
    public void Should_read_each_signatory_name_followed_by_its_own_country_in_content_order()
    {
        // Names and countries are drawn in two colours; a page drawn one colour at a time read
        // fifty names and then fifty countries to a screen reader or to `pdftotext -raw`.
        var entries = Enumerable.Range(1, 120).Select(i => ($"Signatory{i:000} Name", $"Country{i:000}")).ToList();
        var document = Document.Create(document => document.Page(page =>
        {
            page.Size(PageSizes.A4);
            page.Margin(50);
            page.Content().MultiColumn(3).Column(names =>
            {
                foreach (var (name, country) in entries)
                    names.Item().Text(text =>
                    {
                        text.Span(name);
                        text.Span($" — {country}").FontColor("#777777");
                    });
            });
        }));
        using var directory = new TempDirectory();
        var path = directory.Write("entries.pdf", document.GeneratePdf());

        var words = PdfText.WithPdftotext(path, "-raw").Split((char[])[' ', '\n', '\f', '—'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.StartsWith("Signatory", StringComparison.Ordinal) || word.StartsWith("Country", StringComparison.Ordinal))
            .ToList();

        var expected = entries.SelectMany(entry => new[] { entry.Item1.Split(' ')[0], entry.Item2 }).ToList();
        Assert.Equal(expected, words);
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_read_back_Arabic_names_with_ligatures_in_logical_order()
    {
        string[] names = ["ليلى أحمد", "لانا الحلبي", "عبد الله لؤي", "جمعية لا للإدمان"];
        using var directory = new TempDirectory();
        var path = directory.Write("arabic.pdf", SampleDocuments.Letter(names).GeneratePdf());

        var missing = PdfText.NamesMissingFromPdftotext(path, names);

        Assert.True(missing.Count == 0, $"pdftotext did not find: {string.Join(" | ", missing)}\nText: {PdfText.WithPdftotext(path)}");
    }
}
