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
    /// <summary>A line as drawn; <see cref="Paragraph"/> is the shaped paragraph of its first word (the inserted hyphen has its own).</summary>
    private sealed record Line(string Text, bool IsHeading, bool IsFooter, object Paragraph, bool IsHyphenated, bool IsJustifiedBetweenCharacters,
        bool IsPageFurniture);

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
                return new Line(text, isHeading, text.StartsWith(LetterDocumentTexts.English.PageNumberPrefix, StringComparison.Ordinal) && fragments[0].Fragment.Run.Style.Style.Size <= 8,
                    fragments.First(glyphs => !glyphs.Fragment.IsInsertedHyphen).Fragment.Run.Paragraph,
                    fragments.Any(glyphs => glyphs.Fragment.IsInsertedHyphen), fragments[0].ExtraPerCluster > 0,
                    fragments.All(glyphs => glyphs.Scope is { IsArtifact: true }));
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

    /// <summary>Paragraphs of real sentences in the language, so English hyphenates and Japanese and Thai justify between characters.</summary>
    private static string Body(Random random, int paragraphs, string language)
    {
        var sentences = SignOnLetters.Pdf.Tests.Support.PageImageLetters.Sentences(language);
        var separator = language == "ja" ? "" : " ";
        var builder = new System.Text.StringBuilder();
        for (var p = 1; p <= paragraphs; p++)
        {
            if (random.Next(3) == 0)
                builder.Append($"## Section {p}\n\n");
            builder.Append(string.Join(separator, Enumerable.Range(0, random.Next(1, 12)).Select(_ => sentences[random.Next(sentences.Length)]))).Append("\n\n");
        }
        return builder.ToString();
    }

    [Theory]
    [InlineData("en", 12, 40)]
    [InlineData("en", 60, 5000)]
    [InlineData("ja", 25, 300)]
    [InlineData("ja", 60, 0)]
    [InlineData("th", 25, 300)]
    [InlineData("th", 1, 5000)]
    public void Should_keep_the_rules_for_hyphenated_English_and_justified_Japanese_and_Thai_bodies(string language, int paragraphs, int signatories)
    {
        var random = new Random(paragraphs * 7919 + signatories);
        int hyphenated = 0, betweenCharacters = 0;
        for (var variant = 0; variant < 2; variant++)
        {
            var organisations = Enumerable.Range(1, signatories / 3).Select(i => new OrganisationSignatory($"Organisation {i}", "FR")).ToList();
            var individuals = Enumerable.Range(1, signatories - signatories / 3).Select(i => new IndividualSignatory($"Person {i}", "JP")).ToList();
            var pages = Pages(SampleLetters.Letter(organisations, individuals, language: language, body: Body(random, paragraphs, language)));

            hyphenated += pages.Sum(page => page.Count(line => line.IsHyphenated));
            betweenCharacters += pages.Sum(page => page.Count(line => line.IsJustifiedBetweenCharacters));
            for (var index = 0; index < pages.Count - 1; index++)
            {
                var body = pages[index].Where(line => !line.IsFooter).ToList();
                Assert.False(body[^1].IsHeading, $"Page {index + 1} of {pages.Count} ends with the heading \"{body[^1].Text}\" ({language}, variant {variant})");
            }
            // Every paragraph, body or signatory entry, keeps two lines on each side of a page break;
            // the running head and the footer (artifacts) are one paragraph drawn on every page.
            var linesPerParagraphPerPage = pages.Select(page => page.Where(line => !line.IsPageFurniture)
                .GroupBy(line => line.Paragraph).ToDictionary(group => group.Key, group => group.Count())).ToList();
            foreach (var paragraph in linesPerParagraphPerPage.SelectMany(page => page.Keys).Distinct())
            {
                var counts = linesPerParagraphPerPage.Where(page => page.ContainsKey(paragraph)).Select(page => page[paragraph]).ToList();
                Assert.True(counts.Count == 1 || counts.All(count => count >= 2),
                    $"A paragraph is split {string.Join(" + ", counts)} lines over pages ({language}, variant {variant})");
            }
        }
        if (language == "en")
            Assert.True(hyphenated > 0, "No line of the English bodies was hyphenated.");
        else
            Assert.True(betweenCharacters > 0, $"No line of the {language} bodies was justified between characters.");
    }
}
