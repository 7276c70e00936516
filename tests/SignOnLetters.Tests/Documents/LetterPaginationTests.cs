using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Web.Documents;

namespace SignOnLetters.Tests.Documents;

/// <summary>
/// The letter's pages as a careful reader turns them: no page ends with a heading (the body's,
/// "Signatories", the counts line, "Organisations", "Individuals"), and no paragraph of the body
/// leaves one line alone on either side of a page break; over letters of 1 to 60 paragraphs and
/// 0 to 5,000 signatories.
/// </summary>
public sealed class LetterPaginationTests
{
    private sealed record Line(string Text, bool IsHeading, bool IsFooter);

    private static List<List<Line>> Pages(LetterDocumentModel model) =>
        LetterDocument.Compose(model).Layout().Pages.Select(page => page.Commands.OfType<GlyphRunCommand>()
            .GroupBy(glyphs => MathF.Round(glyphs.Y, 1))
            .OrderBy(line => line.Key)
            .Select(line =>
            {
                var fragments = line.OrderBy(glyphs => glyphs.X).ToList();
                var text = string.Concat(fragments.Select(glyphs => glyphs.Text));
                // Headings and the counts line are bold at body size or larger; names are bold but smaller.
                var isHeading = fragments.All(glyphs => glyphs.Fragment.Run.Style.Style.Bold && glyphs.Fragment.Run.Style.Style.Size >= 10.5f);
                return new Line(text, isHeading, text.StartsWith(LetterDocumentTexts.English.PageNumberPrefix, StringComparison.Ordinal) && fragments[0].Fragment.Run.Style.Style.Size <= 8);
            })
            .ToList()).ToList();

    private static string Body(Random random, int paragraphs)
    {
        var builder = new System.Text.StringBuilder();
        for (var p = 1; p <= paragraphs; p++)
        {
            if (random.Next(3) == 0)
                builder.Append($"## Section {p}\n\n");
            var words = Enumerable.Range(1, random.Next(5, 160)).Select(w => $"p{p}w{w}");
            builder.Append(string.Join(' ', words)).Append("\n\n");
        }
        return builder.ToString();
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(4, 1)]
    [InlineData(12, 40)]
    [InlineData(25, 300)]
    [InlineData(60, 0)]
    [InlineData(60, 5000)]
    public void Should_end_no_page_with_a_heading_and_split_no_paragraph_into_a_single_line(int paragraphs, int signatories)
    {
        var random = new Random(paragraphs * 7919 + signatories);
        for (var variant = 0; variant < 4; variant++)
        {
            var organisations = Enumerable.Range(1, signatories / 3).Select(i => new OrganisationSignatory($"Organisation {i}", "FR")).ToList();
            var individuals = Enumerable.Range(1, signatories - signatories / 3).Select(i => new IndividualSignatory($"Person {i}", "DE")).ToList();
            var model = SampleLetters.Letter(organisations, individuals, body: Body(random, paragraphs));

            var pages = Pages(model);

            for (var index = 0; index < pages.Count - 1; index++)
            {
                var body = pages[index].Where(line => !line.IsFooter).ToList();
                Assert.False(body[^1].IsHeading, $"Page {index + 1} of {pages.Count} ends with the heading \"{body[^1].Text}\" (variant {variant})");
            }
            // Words are p{paragraph}w{word}: count each paragraph's lines on each page it is on.
            var linesPerParagraphPerPage = pages.Select(page => page
                .Where(line => line.Text.StartsWith('p'))
                .GroupBy(line => line.Text[..line.Text.IndexOf('w')])
                .ToDictionary(group => group.Key, group => group.Count())).ToList();
            foreach (var paragraph in linesPerParagraphPerPage.SelectMany(page => page.Keys).Distinct())
            {
                var counts = linesPerParagraphPerPage.Where(page => page.ContainsKey(paragraph)).Select(page => page[paragraph]).ToList();
                Assert.True(counts.Count == 1 || counts.All(count => count >= 2),
                    $"Paragraph {paragraph} is split {string.Join(" + ", counts)} lines over pages (variant {variant})");
            }
        }
    }
}
