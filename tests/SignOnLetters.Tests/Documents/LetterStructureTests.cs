using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Web.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;

namespace SignOnLetters.Tests.Documents;

public sealed class LetterStructureTests
{
    [Fact]
    public void Should_make_the_title_markdown_headings_and_signatories_bookmarks()
    {
        using var document = PdfDocument.Open(LetterDocument.Generate(SampleLetters.Multilingual()));

        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var roots = bookmarks.Roots.Cast<DocumentBookmarkNode>().ToList();
        Assert.Equal(["Clean air is a right, not a privilege", "Signatories"], roots.Select(root => root.Title));
        Assert.Equal(["What we ask", "Who we are"], roots[0].Children.Select(child => child.Title));
    }

    [Fact]
    public void Should_make_markdown_links_clickable_and_leave_script_links_plain()
    {
        var body = "Read [the report](https://example.org/report), visit <https://example.org/auto> or [click](javascript:alert(1)).";
        using var document = PdfDocument.Open(LetterDocument.Generate(SampleLetters.Letter(body: body)));

        var links = document.GetPages().SelectMany(page => page.GetHyperlinks()).ToList();

        Assert.Contains(links, link => link.Uri == "https://example.org/report" && link.Text.Contains("report"));
        Assert.Contains(links, link => link.Uri == "https://example.org/auto");
        Assert.DoesNotContain(links, link => link.Uri?.StartsWith("javascript", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Fact]
    public void Should_ignore_raw_html_in_the_body()
    {
        var body = """
            Before the script.

            <script>alert("stolen")</script>

            <div class="x">Block of html</div>

            Inline <span style="color:red">tagged</span> words and <b>bold</b>.
            """;

        var text = PdfText.Normalise(PdfText.WithPdfPig(LetterDocument.Generate(SampleLetters.Letter(body: body))));

        Assert.Contains("Beforethescript.", text);
        Assert.DoesNotContain("stolen", text);
        Assert.DoesNotContain("<", text);
        Assert.DoesNotContain("Blockofhtml", text);
        Assert.Contains("Inlinetaggedwordsandbold.", text);
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_render_lists_quotes_and_emphasis_from_markdown()
    {
        var text = LetterDocumentReadBackTests.ReadInReadingOrder(LetterDocument.Generate(SampleLetters.Letter()));

        Assert.Contains(PdfText.Normalise("1. Write the guideline values into law"), text);
        Assert.Contains(PdfText.Normalise("3. Give citizens the right to go to court."), text);
        Assert.Contains(PdfText.Normalise("◦ with yearly reports,"), text);
        Assert.Contains(PdfText.Normalise("Clean air is a right, not a privilege."), text);
    }

    [Fact]
    public void Should_produce_the_same_bytes_for_the_same_model()
    {
        var first = LetterDocument.Generate(SampleLetters.Multilingual());
        var second = LetterDocument.Generate(SampleLetters.Multilingual());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Should_write_title_author_subject_and_the_given_creation_date()
    {
        using var document = PdfDocument.Open(LetterDocument.Generate(SampleLetters.Letter()));

        var information = document.Information;
        Assert.Equal("Clean air is a right, not a privilege", information.Title);
        Assert.Equal("Friends of the Air, Coalition for Clean Cities, Doctors for Clean Air", information.Author);
        Assert.Equal("Sign-on letter. Version 2: Added the third demand", information.Subject);
        // The language is the catalog's business, not a keyword.
        Assert.DoesNotContain("en", information.Keywords ?? string.Empty);
        Assert.Equal(SampleLetters.CreatedAt, information.GetCreatedDateTimeOffset());
    }

    [RequiresToolsFact("qpdf")]
    public void Should_pass_qpdf_check()
    {
        using var directory = new TempDirectory();

        var (exitCode, output, error) = ExternalTool.Run("qpdf", "--check", directory.Write("letter.pdf", LetterDocument.Generate(SampleLetters.Multilingual())));

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("No syntax or stream encoding errors", output);
    }

    [RequiresToolsFact("pdffonts")]
    public void Should_embed_every_font()
    {
        using var directory = new TempDirectory();

        var (exitCode, output, error) = ExternalTool.Run("pdffonts", directory.Write("letter.pdf", LetterDocument.Generate(SampleLetters.Multilingual())));

        Assert.True(exitCode == 0, error);
        // Columns: name, type, encoding, emb, sub, uni, object ID; the table starts after two header lines.
        var fonts = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, font => Assert.Matches(@"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", font));
    }

    [Fact]
    public void Should_set_an_arabic_letter_right_to_left()
    {
        var model = SampleLetters.Letter(individuals: [new IndividualSignatory("محمد عبد الرحمن", "EG")], language: "ar")
            with { Title = "رسالة مشتركة من أجل هواء نظيف", BodyMarkdown = "نحن الموقعين أدناه نطالب بهواء نظيف." };

        using var document = PdfDocument.Open(LetterDocument.Generate(model));

        var page = document.GetPage(1);
        var titleLetters = page.Letters.Where(letter => letter.PointSize > 16).ToList();
        Assert.NotEmpty(titleLetters);
        // A4 is 595 points wide with 56-point margins: a right-to-left title ends at the right margin.
        Assert.InRange(titleLetters.Max(letter => letter.BoundingBox.Right), 530, 540);
        Assert.True(titleLetters.Min(letter => letter.BoundingBox.Left) > 200);
    }
}
