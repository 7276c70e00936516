using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;

namespace SignOnLetters.Pdf.Tests;

public sealed class PdfStructureTests
{
    private static readonly string[] ManySignatories = Enumerable.Range(1, 400)
        .Select(i => $"{SampleDocuments.MultilingualNames[i % SampleDocuments.MultilingualNames.Length]} {i}")
        .ToArray();

    private static readonly byte[] LongLetter = SampleDocuments.Letter(ManySignatories).GeneratePdf();

    [RequiresToolsFact("qpdf")]
    public void Should_pass_qpdf_check()
    {
        using var directory = new TempDirectory();
        var (exitCode, output, error) = ExternalTool.Run("qpdf", "--check", directory.Write("letter.pdf", LongLetter));

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("No syntax or stream encoding errors", output);
    }

    [RequiresToolsFact("pdffonts")]
    public void Should_embed_every_font()
    {
        using var directory = new TempDirectory();
        var (exitCode, output, _) = ExternalTool.Run("pdffonts", directory.Write("letter.pdf", LongLetter));
        var fontLines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();

        Assert.Equal(0, exitCode);
        Assert.NotEmpty(fontLines);
        // Columns: name, type (may contain spaces), encoding, emb, sub, uni, object, generation.
        Assert.All(fontLines, line => Assert.Equal("yes", line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^5]));
    }

    [RequiresToolsFact("pdftoppm")]
    public void Should_render_every_page_with_pdftoppm()
    {
        using var directory = new TempDirectory();
        var pdf = directory.Write("letter.pdf", LongLetter);
        using var document = PdfDocument.Open(LongLetter);

        var (exitCode, _, error) = ExternalTool.Run("pdftoppm", "-r", "40", "-png", pdf, Path.Combine(directory.Path, "page"));

        Assert.True(exitCode == 0, error);
        Assert.True(document.NumberOfPages > 1);
        var images = Directory.GetFiles(directory.Path, "page-*.png");
        Assert.Equal(document.NumberOfPages, images.Length);
        Assert.All(images, image => Assert.True(new FileInfo(image).Length > 1000, $"{image} looks blank"));
    }

    [Fact]
    public void Should_write_the_metadata_passed_in()
    {
        using var document = PdfDocument.Open(LongLetter);

        Assert.Equal("Joint letter on clean air", document.Information.Title);
        Assert.Equal("Friends of the Air", document.Information.Author);
        Assert.Equal("Sign-on letter", document.Information.Subject);
        Assert.Equal("air, letter", document.Information.Keywords);
        Assert.StartsWith("D:20250301120000", document.Information.CreationDate);
        Assert.StartsWith("D:20250302120000", document.Information.ModifiedDate);
    }

    [Fact]
    public void Should_make_hyperlinks_clickable()
    {
        using var document = PdfDocument.Open(LongLetter);

        var links = document.GetPage(1).GetHyperlinks();

        Assert.Contains(links, link => link.Uri == "https://www.who.int/health-topics/air-pollution" && link.Text.Contains("World"));
    }

    [Fact]
    public void Should_write_an_outline_with_a_bookmark_per_section_pointing_at_its_page()
    {
        using var document = PdfDocument.Open(LongLetter);

        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var entries = bookmarks.GetNodes().OfType<DocumentBookmarkNode>().ToList();
        Assert.Equal(["Letter", "Signatories"], entries.Select(entry => entry.Title));
        Assert.All(entries, entry => Assert.Equal(1, entry.PageNumber));
    }

    [Fact]
    public void Should_nest_outline_entries_by_level()
    {
        var pdf = Document.Create(document => document.Page(page => page.Content().Column(column =>
        {
            column.Item().Bookmark("Letter").Text("Letter");
            column.Item().Bookmark("Body", level: 1).Text("Body");
            column.Item().PageBreak();
            column.Item().Bookmark("Signatories").Text("Signatories");
        }))).GeneratePdf();
        using var document = PdfDocument.Open(pdf);

        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var roots = bookmarks.Roots.Cast<DocumentBookmarkNode>().ToList();
        Assert.Equal(["Letter", "Signatories"], roots.Select(root => root.Title));
        Assert.Equal("Body", Assert.Single(roots[0].Children).Title);
        Assert.Equal(2, roots[1].PageNumber);
    }

    [Fact]
    public void Should_produce_the_same_bytes_for_the_same_input()
    {
        var again = SampleDocuments.Letter(ManySignatories).GeneratePdf();
        var document = SampleDocuments.Letter(ManySignatories);

        Assert.Equal(LongLetter, again);
        Assert.Equal(document.GeneratePdf(), document.GeneratePdf());
    }

    [Fact]
    public void Should_give_the_same_bytes_when_documents_are_generated_concurrently()
    {
        var letters = Enumerable.Range(0, 4).Select(_ => SampleDocuments.Letter(ManySignatories)).ToList();

        var results = letters.AsParallel().WithDegreeOfParallelism(4).Select(letter => letter.GeneratePdf()).ToList();

        Assert.All(results, pdf => Assert.Equal(LongLetter, pdf));
    }

    [Fact]
    public void Should_keep_a_latin_only_letter_under_300_kilobytes_by_subsetting_fonts()
    {
        var latinNames = Enumerable.Range(1, 2000).Select(i => $"Organisation Ångström-Dupré n° {i} — France").ToArray();

        var pdf = SampleDocuments.Letter(latinNames).GeneratePdf();

        Assert.True(pdf.Length <= 300 * 1024, $"{pdf.Length:N0} bytes");
    }
}
