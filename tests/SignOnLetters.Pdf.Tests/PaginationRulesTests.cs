using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Tests;

/// <summary>Keep-with-next for headings, and widow and orphan control for paragraphs.</summary>
public sealed class PaginationRulesTests
{
    private static Document SmallPage(Action<IContainer> content, float height = 400) =>
        Document.Create(document => document.Page(page =>
        {
            page.Size(300, height);
            page.Margin(20);
            page.DefaultTextStyle(new TextStyle { FontSize = 10 });
            content(page.Content());
        }));

    /// <summary>Each page's lines, top to bottom, as the text drawn at each baseline.</summary>
    private static List<List<string>> LinesPerPage(DocumentLayout layout) =>
        layout.Pages.Select(page => page.Commands.OfType<GlyphRunCommand>()
            .GroupBy(glyphs => MathF.Round(glyphs.Y, 1))
            .OrderBy(line => line.Key)
            .Select(line => string.Concat(line.OrderBy(glyphs => glyphs.X).Select(glyphs => glyphs.Text)))
            .ToList()).ToList();

    private static int FillerLinesLeavingRoomFor(int lines, float height = 400)
    {
        // Found by laying out: how many one-line items fill the page, then leave room for `lines`.
        var layout = SmallPage(content => content.Column(column =>
        {
            foreach (var i in Enumerable.Range(1, 200))
                column.Item().Text($"Filler {i}");
        }), height).Layout();
        return LinesPerPage(layout)[0].Count - lines;
    }

    /// <summary>A paragraph that wraps to exactly `lines` lines at this width: one word per line.</summary>
    private static string Paragraph(string id, int lines) =>
        string.Join(' ', Enumerable.Range(1, lines).Select(i => $"{id}w{i}" + new string('x', 40)));

    [Fact]
    public void Should_move_a_heading_to_the_next_page_when_its_text_does_not_start_on_this_one()
    {
        var filler = FillerLinesLeavingRoomFor(1);
        var pages = LinesPerPage(SmallPage(content => content.Column(column =>
        {
            foreach (var i in Enumerable.Range(1, filler))
                column.Item().Text($"Filler {i}");
            column.Item().KeepWithNext().Text("Signatories");
            column.Item().KeepWithNext().Text("Organisations");
            column.Item().Text("First name");
        })).Layout());

        Assert.Equal($"Filler {filler}", pages[0][^1]);
        Assert.Equal(["Signatories", "Organisations", "First name"], pages[1]);
    }

    [Fact]
    public void Should_leave_a_heading_in_place_when_it_and_what_follows_fit()
    {
        var filler = FillerLinesLeavingRoomFor(2);
        var pages = LinesPerPage(SmallPage(content => content.Column(column =>
        {
            foreach (var i in Enumerable.Range(1, filler))
                column.Item().Text($"Filler {i}");
            column.Item().KeepWithNext().Text("Signatories");
            column.Item().Text("First name");
        })).Layout());

        Assert.Single(pages);
        Assert.Equal(["Signatories", "First name"], pages[0][^2..]);
    }

    [Fact]
    public void Should_move_a_paragraph_whole_rather_than_leave_its_first_line_alone_at_a_page_foot()
    {
        var filler = FillerLinesLeavingRoomFor(1);
        var pages = LinesPerPage(SmallPage(content => content.Column(column =>
        {
            foreach (var i in Enumerable.Range(1, filler))
                column.Item().Text($"Filler {i}");
            column.Item().Text(Paragraph("P", 5));
        })).Layout());

        Assert.Equal($"Filler {filler}", pages[0][^1]);
        Assert.Equal(5, pages[1].Count);
    }

    [Fact]
    public void Should_carry_two_lines_over_rather_than_leave_a_paragraph_last_line_alone_on_the_next_page()
    {
        var filler = FillerLinesLeavingRoomFor(4);
        var pages = LinesPerPage(SmallPage(content => content.Column(column =>
        {
            foreach (var i in Enumerable.Range(1, filler))
                column.Item().Text($"Filler {i}");
            column.Item().Text(Paragraph("P", 5));
        })).Layout());

        Assert.Equal(3, pages[0].Count(line => line.StartsWith("Pw", StringComparison.Ordinal)));
        Assert.Equal(2, pages[1].Count(line => line.StartsWith("Pw", StringComparison.Ordinal)));
    }

    [Fact]
    public void Should_give_way_when_a_heading_and_its_text_do_not_fit_even_on_an_empty_page()
    {
        // A page two lines tall: the heading and two lines of its paragraph can never be together.
        var pages = LinesPerPage(SmallPage(content => content.Column(column =>
        {
            column.Item().KeepWithNext().Text("Heading");
            column.Item().Text(Paragraph("P", 3));
        }), height: 70).Layout());

        Assert.Equal(2, pages.Count);
        Assert.Equal("Heading", pages[0][0]);
        Assert.Equal(3, pages.Sum(page => page.Count(line => line.StartsWith("Pw", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Should_never_end_a_page_with_a_heading_nor_split_a_paragraph_into_fewer_than_two_lines(int seed)
    {
        var random = new Random(seed);
        for (var document = 0; document < 20; document++)
        {
            var paragraphCount = random.Next(1, 61);
            var blocks = new List<(string Id, bool IsHeading, int Lines)>();
            for (var p = 0; p < paragraphCount; p++)
            {
                if (random.Next(4) == 0)
                    blocks.Add(($"H{p}", true, 1));
                blocks.Add(($"P{p}", false, random.Next(1, 9)));
            }
            var pages = LinesPerPage(SmallPage(content => content.Column(column =>
            {
                column.Spacing(4);
                foreach (var (id, isHeading, lines) in blocks)
                {
                    if (isHeading)
                        column.Item().KeepWithNext().Text($"{id}w1").Bold();
                    else
                        column.Item().Text(Paragraph(id, lines));
                }
            })).Layout());

            var context = $"seed {seed}, document {document}: {string.Join(" | ", pages.Select(page => string.Join(' ', page.Select(line => line.Split('w')[0]))))}";
            foreach (var page in pages.SkipLast(1))
                Assert.False(page[^1].StartsWith('H'), $"A page ends with a heading; {context}");
            foreach (var (id, _, lines) in blocks.Where(block => !block.IsHeading && block.Lines > 1))
            {
                var perPage = pages.Select(page => page.Count(line => line.Split('w')[0] == id)).Where(count => count > 0).ToList();
                Assert.Equal(lines, perPage.Sum());
                Assert.True(perPage.All(count => count >= 2), $"{id} is split {string.Join('+', perPage)}; {context}");
            }
        }
    }

    [Theory]
    [InlineData("en", 1)]
    [InlineData("en", 2)]
    [InlineData("ja", 1)]
    [InlineData("th", 1)]
    public void Should_keep_the_rules_with_hyphenated_and_inter_character_justified_paragraphs(string language, int seed)
    {
        var random = new Random(seed);
        var sentences = PageImageLetters.Sentences(language);
        var separator = language == "en" ? " " : language == "th" ? " " : "";
        int hyphenatedLines = 0, interCharacterLines = 0;
        for (var document = 0; document < 12; document++)
        {
            var blocks = new List<(string Text, bool IsHeading)>();
            foreach (var p in Enumerable.Range(1, random.Next(1, 61)))
            {
                if (random.Next(4) == 0)
                    blocks.Add(($"H{p}", true));
                blocks.Add((string.Join(separator, Enumerable.Range(0, random.Next(1, 7)).Select(_ => sentences[random.Next(sentences.Length)])), false));
            }
            var layout = Document.Create(composition => composition.Page(page =>
            {
                page.Size(300, 400);
                page.Margin(20);
                page.DefaultTextStyle(new TextStyle { FontSize = 10, Language = language });
                page.Content().Column(column =>
                {
                    column.Spacing(4);
                    foreach (var (text, isHeading) in blocks)
                    {
                        if (isHeading)
                            column.Item().KeepWithNext().Text(text).Bold();
                        else
                            column.Item().Text(descriptor => descriptor.Justify().Span(text));
                    }
                });
            })).Layout();

            // Each line belongs to the paragraph its first word was shaped in (the inserted hyphen has its own).
            var pages = layout.Pages.Select(page => page.Commands.OfType<GlyphRunCommand>()
                .GroupBy(glyphs => MathF.Round(glyphs.Y, 1)).OrderBy(line => line.Key)
                .Select(line => line.OrderBy(glyphs => glyphs.X).ToList()).ToList()).ToList();
            hyphenatedLines += pages.Sum(page => page.Count(line => line.Any(glyphs => glyphs.Fragment.IsInsertedHyphen)));
            interCharacterLines += pages.Sum(page => page.Count(line => line[0].ExtraPerCluster > 0));
            var context = $"{language}, seed {seed}, document {document}";
            foreach (var page in pages.SkipLast(1))
                Assert.False(page[^1][0].Fragment.Run.Style.Style.Bold, $"A page ends with the heading {page[^1][0].Text}; {context}");
            var linesPerPage = pages.Select(page => page
                .Select(line => line.First(glyphs => !glyphs.Fragment.IsInsertedHyphen).Fragment.Run.Paragraph)
                .Where(paragraph => !paragraph.Text.StartsWith('H'))
                // A shaped paragraph is compared by reference: each text block shapes its own.
                .GroupBy(paragraph => paragraph)
                .ToDictionary(group => group.Key, group => group.Count())).ToList();
            foreach (var paragraph in linesPerPage.SelectMany(page => page.Keys).Distinct())
            {
                var counts = linesPerPage.Where(page => page.ContainsKey(paragraph)).Select(page => page[paragraph]).ToList();
                Assert.True(counts.Count == 1 || counts.All(count => count >= 2), $"A paragraph is split {string.Join('+', counts)}; {context}");
            }
        }
        // The documents did exercise what they are here for.
        if (language == "en")
            Assert.True(hyphenatedLines > 0, "No line was hyphenated.");
        else
            Assert.True(interCharacterLines > 0, "No line was justified between characters.");
    }
}
