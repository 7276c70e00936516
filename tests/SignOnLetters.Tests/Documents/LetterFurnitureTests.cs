using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Web.Documents;
using UglyToad.PdfPig;

namespace SignOnLetters.Tests.Documents;

/// <summary>What surrounds the letter's text on each page: running head, page numbers, version.</summary>
public sealed class LetterFurnitureTests
{
    private static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(page => PdfText.Normalise(page.Text)).ToList();
    }

    private static LetterDocumentModel LongLetter() => SampleLetters.Letter(
        individuals: Enumerable.Range(1, 600).Select(i => new IndividualSignatory($"Person {i}", "DE")).ToList());

    [Fact]
    public void Should_print_no_page_numbers_on_a_one_page_letter_but_keep_the_version_in_its_footer()
    {
        var pages = PageTexts(LetterDocument.Generate(SampleLetters.Letter(body: "A short letter.")));

        Assert.Single(pages);
        Assert.DoesNotContain(PdfText.Normalise("Page 1"), pages[0]);
        Assert.Contains(PdfText.Normalise("Version 2: Added the third demand"), pages[0]);
    }

    [Fact]
    public void Should_number_the_pages_of_a_longer_letter_and_run_a_head_from_page_two()
    {
        var pages = PageTexts(LetterDocument.Generate(LongLetter()));

        Assert.True(pages.Count >= 2);
        var runningHead = PdfText.Normalise("Clean air is a right, not a privilege — Friends of the Air");
        Assert.DoesNotContain(runningHead, pages[0]);
        for (var number = 1; number <= pages.Count; number++)
        {
            Assert.Contains(PdfText.Normalise($"Page {number} of {pages.Count}"), pages[number - 1]);
            if (number > 1)
                Assert.StartsWith(runningHead, pages[number - 1]);
        }
    }

    [Fact]
    public void Should_not_print_the_version_under_the_title()
    {
        var firstPage = PageTexts(LetterDocument.Generate(SampleLetters.Letter()))[0];

        var title = firstPage.IndexOf(PdfText.Normalise("Clean air is a right, not a privilege"), StringComparison.Ordinal);
        var version = firstPage.IndexOf(PdfText.Normalise("Version 2"), StringComparison.Ordinal);
        var body = firstPage.IndexOf(PdfText.Normalise("We, the undersigned"), StringComparison.Ordinal);
        Assert.True(title >= 0 && body > title && version > body, $"title at {title}, body at {body}, version at {version}");
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_keep_the_order_of_labels_in_another_direction_than_the_letter()
    {
        // The interface has no Hebrew: a Hebrew letter gets English labels, which must not reverse.
        var model = SampleLetters.Letter(organisations: [new OrganisationSignatory("עמותת אוויר נקי", "IL")], language: "he", body: "אנו, החתומים מטה, פונים אליכם.") with
        {
            DateLine = new LetterDateLine(new DateOnly(2025, 3, 1), "ירושלים"),
        };
        using var directory = new TempDirectory();

        var raw = PdfText.WithPdftotext(directory.Write("letter.pdf", LetterDocument.Generate(model)));
        var text = PdfText.Normalise(raw);

        foreach (var label in new[] { "1 March 2025", "To:", LetterDocumentTexts.English.CountsLine(model.Signatories.Counts), "Version 2: Added the third demand" })
            Assert.True(text.Contains(PdfText.Normalise(label), StringComparison.Ordinal), $"\"{label}\" is not in: {raw}");
    }
}
