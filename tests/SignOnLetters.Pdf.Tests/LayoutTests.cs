using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Infrastructure;
using SignOnLetters.Pdf.Text;

namespace SignOnLetters.Pdf.Tests;

public sealed class LayoutTests
{
    private const float Tolerance = 0.05f;

    // Noto Sans' own metrics: ascender 1069, descender 293 per 1000 units.
    private static readonly FontFace NotoSans = FontCatalog.Shared.GetChain("Noto Sans", bold: false, italic: false).Primary;

    private static float LineHeight(float fontSize) => fontSize * (NotoSans.Ascent + NotoSans.Descent);

    private static List<GlyphRunCommand> Glyphs(PageCanvas page) => page.Commands.OfType<GlyphRunCommand>().ToList();

    private static Document SmallPage(Action<IContainer> content, float width = 300, float height = 400, float margin = 20) =>
        Document.Create(document => document.Page(page =>
        {
            page.Size(width, height);
            page.Margin(margin);
            page.DefaultTextStyle(new TextStyle { FontSize = 10 });
            content(page.Content());
        }));

    [Fact]
    public void Should_stack_column_items_from_the_top_margin_one_line_height_apart()
    {
        var layout = SmallPage(content => content.Column(column =>
        {
            column.Item().Text("First");
            column.Item().Text("Second");
            column.Item().Text("Third");
        })).Layout();

        var page = Assert.Single(layout.Pages);
        Assert.Equal((300f, 400f), (page.Width, page.Height));
        var glyphs = Glyphs(page);
        Assert.Equal(["First", "Second", "Third"], glyphs.Select(glyph => glyph.Text));
        for (var i = 0; i < glyphs.Count; i++)
        {
            Assert.Equal(20f, glyphs[i].X, Tolerance);
            Assert.Equal(20f + i * LineHeight(10) + 10 * NotoSans.Ascent, glyphs[i].Y, Tolerance);
        }
    }

    [Fact]
    public void Should_place_row_items_side_by_side_by_their_widths()
    {
        var layout = SmallPage(content => content.Row(row =>
        {
            row.Spacing(10);
            row.ConstantItem(60).Text("Fixed");
            row.RelativeItem(1).Text("One");
            row.RelativeItem(2).Text("Two");
        })).Layout();

        var glyphs = Glyphs(Assert.Single(layout.Pages));
        // 260pt inside the margins, less 60 fixed and 2 × 10 spacing, leaves 180 for shares of 1 and 2.
        Assert.Equal(20f, glyphs.Single(glyph => glyph.Text == "Fixed").X, Tolerance);
        Assert.Equal(90f, glyphs.Single(glyph => glyph.Text == "One").X, Tolerance);
        Assert.Equal(160f, glyphs.Single(glyph => glyph.Text == "Two").X, Tolerance);
        Assert.Single(glyphs.Select(glyph => glyph.Y).Distinct());
    }

    [Fact]
    public void Should_apply_padding_to_the_content_position()
    {
        var layout = SmallPage(content => content.Padding(5, 7, 0, 0).Text("Padded")).Layout();

        var glyph = Assert.Single(Glyphs(Assert.Single(layout.Pages)));
        Assert.Equal(25f, glyph.X, Tolerance);
        Assert.Equal(27f + 10 * NotoSans.Ascent, glyph.Y, Tolerance);
    }

    [Fact]
    public void Should_draw_a_left_rule_as_tall_as_a_block_quote_and_indent_its_text()
    {
        var layout = SmallPage(content => content.BorderLeft(thickness: 3, gap: 7).Text("First line\nSecond line")).Layout();

        var page = Assert.Single(layout.Pages);
        var rule = Assert.Single(page.Commands.OfType<RectangleCommand>());
        Assert.Equal((20f, 20f, 3f), (rule.Rect.Left, rule.Rect.Top, rule.Rect.Width));
        Assert.Equal(2 * LineHeight(10), rule.Rect.Height, Tolerance);
        Assert.All(Glyphs(page), glyph => Assert.Equal(30f, glyph.X, Tolerance));
    }

    [Fact]
    public void Should_paginate_2000_lines_with_none_lost_or_repeated()
    {
        var expected = Enumerable.Range(1, 2000).Select(i => $"Signatory {i:D4}").ToList();
        var layout = SmallPage(content => content.Column(column =>
        {
            foreach (var line in expected)
                column.Item().Text(line);
        })).Layout();

        var drawn = layout.Pages.SelectMany(page => Glyphs(page).Select(glyph => glyph.Text)).ToList();
        Assert.Equal(expected, drawn);
        var linesPerPage = (int)((400 - 40) / LineHeight(10));
        Assert.Equal((int)Math.Ceiling(2000.0 / linesPerPage), layout.Pages.Count);
        foreach (var page in layout.Pages)
        {
            var glyphs = Glyphs(page);
            Assert.Equal(20f + 10 * NotoSans.Ascent, glyphs[0].Y, Tolerance);
            Assert.All(glyphs, glyph => Assert.InRange(glyph.Y, 20f, 380f));
        }
    }

    [Fact]
    public void Should_flow_multicolumn_content_down_each_column_then_onto_the_next_page()
    {
        var names = Enumerable.Range(1, 120).Select(i => $"Name {i:D3}").ToList();
        var layout = SmallPage(content => content.MultiColumn(2, spacing: 20, balanceLastPage: false).Column(column =>
        {
            foreach (var name in names)
                column.Item().Text(name);
        })).Layout();

        var linesPerColumn = (int)((400 - 40) / LineHeight(10));
        var firstPage = Glyphs(layout.Pages[0]);
        Assert.All(firstPage.Take(linesPerColumn), glyph => Assert.Equal(20f, glyph.X, Tolerance));
        Assert.All(firstPage.Skip(linesPerColumn), glyph => Assert.Equal(20f + 120f + 20f, glyph.X, Tolerance));
        Assert.Equal(names, layout.Pages.SelectMany(page => Glyphs(page).Select(glyph => glyph.Text)));
        Assert.Equal((int)Math.Ceiling(120.0 / (2 * linesPerColumn)), layout.Pages.Count);
    }

    [Fact]
    public void Should_start_right_to_left_multicolumn_content_in_the_rightmost_column()
    {
        var names = Enumerable.Range(1, 60).Select(i => $"Name {i:D3}").ToList();
        var layout = SmallPage(content => content.MultiColumn(2, spacing: 20, balanceLastPage: false, rightToLeft: true).Column(column =>
        {
            foreach (var name in names)
                column.Item().Text(name);
        })).Layout();

        var linesPerColumn = (int)((400 - 40) / LineHeight(10));
        var firstPage = Glyphs(layout.Pages[0]);
        Assert.All(firstPage.Take(linesPerColumn), glyph => Assert.Equal(20f + 120f + 20f, glyph.X, Tolerance));
        Assert.All(firstPage.Skip(linesPerColumn), glyph => Assert.Equal(20f, glyph.X, Tolerance));
        Assert.Equal(names, layout.Pages.SelectMany(page => Glyphs(page).Select(glyph => glyph.Text)));
    }

    [Fact]
    public void Should_balance_columns_on_the_last_page()
    {
        var layout = SmallPage(content => content.MultiColumn(3).Column(column =>
        {
            foreach (var i in Enumerable.Range(1, 9))
                column.Item().Text($"Name {i}");
        })).Layout();

        var columns = Glyphs(Assert.Single(layout.Pages)).GroupBy(glyph => glyph.X).ToList();
        Assert.Equal(3, columns.Count);
        Assert.All(columns, column => Assert.Equal(3, column.Count()));
    }

    [Fact]
    public void Should_start_content_after_a_page_break_at_the_top_of_the_next_page()
    {
        var layout = SmallPage(content => content.Column(column =>
        {
            column.Item().Text("Before");
            column.Item().PageBreak();
            column.Item().Text("After");
        })).Layout();

        Assert.Equal(2, layout.Pages.Count);
        Assert.Equal("Before", Assert.Single(Glyphs(layout.Pages[0])).Text);
        var after = Assert.Single(Glyphs(layout.Pages[1]));
        Assert.Equal("After", after.Text);
        Assert.Equal(20f + 10 * NotoSans.Ascent, after.Y, Tolerance);
    }

    [Fact]
    public void Should_move_show_entire_content_to_the_next_page_whole()
    {
        var layout = SmallPage(content => content.Column(column =>
        {
            foreach (var i in Enumerable.Range(1, 20))
                column.Item().Text($"Filler {i}");
            column.Item().ShowEntire().Text(string.Join('\n', Enumerable.Range(1, 10).Select(i => $"Kept {i}")));
        })).Layout();

        Assert.Equal(2, layout.Pages.Count);
        Assert.DoesNotContain(Glyphs(layout.Pages[0]), glyph => glyph.Text.StartsWith("Kept", StringComparison.Ordinal));
        Assert.Equal(10, Glyphs(layout.Pages[1]).Count(glyph => glyph.Text.StartsWith("Kept", StringComparison.Ordinal)));
    }

    [Fact]
    public void Should_repeat_header_and_footer_with_page_x_of_y_on_every_page()
    {
        var layout = Document.Create(document => document.Page(page =>
        {
            page.Size(300, 200);
            page.Margin(10);
            page.Header().Text("Header");
            page.Content().Column(column =>
            {
                foreach (var i in Enumerable.Range(1, 40))
                    column.Item().Text($"Line {i}");
            });
            page.Footer().Text(text =>
            {
                text.CurrentPageNumber();
                text.Span(" / ");
                text.TotalPages();
            });
        })).Layout();

        var total = layout.Pages.Count;
        Assert.True(total > 2);
        foreach (var page in layout.Pages)
        {
            var glyphs = Glyphs(page);
            Assert.Equal("Header", glyphs[0].Text);
            var footerTop = 200 - 10 - LineHeight(11);
            var footer = string.Concat(glyphs.Where(glyph => glyph.Y > footerTop).Select(glyph => glyph.Text));
            Assert.Equal($"{page.PageNumber} / {total}", footer);
            Assert.True(glyphs.Where(glyph => glyph.Text.StartsWith("Line", StringComparison.Ordinal)).All(glyph => glyph.Y < 200 - 10 - LineHeight(11)));
        }
    }

    [Fact]
    public void Should_right_align_right_to_left_paragraphs_and_order_their_runs_visually()
    {
        var layout = SmallPage(content => content.Text("مرحبا بالعالم 2025")).Layout();

        var glyphs = Glyphs(Assert.Single(layout.Pages));
        var right = glyphs.Max(glyph => glyph.X + glyph.Fragment.Width);
        Assert.Equal(280f, right, Tolerance);
        // The number is the leftmost run on the page, though it comes last in the text.
        Assert.Equal("2025", glyphs.OrderBy(glyph => glyph.X).First().Text.Trim());
    }

    [Fact]
    public void Should_right_align_every_line_of_a_wrapped_right_to_left_paragraph()
    {
        var layout = SmallPage(content => content.Text(
            "نحن الموقعين أدناه، منظمات وأفراداً، نطالب بحماية الهواء النظيف لجميع الناس في كل المدن والقرى والبلدات 2025.")).Layout();

        var lines = Glyphs(Assert.Single(layout.Pages)).GroupBy(glyph => glyph.Y).ToList();

        Assert.True(lines.Count > 1);
        Assert.All(lines, line => Assert.Equal(280f, line.Max(glyph => glyph.X + glyph.Fragment.Width), Tolerance));
        Assert.All(lines.SkipLast(1), line => Assert.Single(line.Select(glyph => glyph.Fragment.Run.Face.FamilyName).Distinct()));
    }

    [Fact]
    public void Should_justify_all_lines_but_the_last_of_a_paragraph()
    {
        var text = string.Join(' ', Enumerable.Repeat("justified words of varying length", 12));
        var document = SmallPage(content => content.Text(descriptor => descriptor.Justify().Span(text)));

        var lines = Glyphs(Assert.Single(document.Layout().Pages));

        Assert.True(lines.Count > 3);
        Assert.All(lines.SkipLast(1), line => Assert.Equal(260f, line.Fragment.Width + line.Fragment.SpaceCount * line.ExtraSpacePerSpace, 0.1f));
        Assert.Equal(0f, lines[^1].ExtraSpacePerSpace);
    }

    [Fact]
    public void Should_centre_and_right_align_lines()
    {
        var layout = SmallPage(content => content.Column(column =>
        {
            column.Item().Text(text => text.AlignCenter().Span("Centre"));
            column.Item().Text(text => text.AlignRight().Span("Right"));
        })).Layout();

        var glyphs = Glyphs(Assert.Single(layout.Pages));
        Assert.Equal(150f, glyphs[0].X + glyphs[0].Fragment.Width / 2, Tolerance);
        Assert.Equal(280f, glyphs[1].X + glyphs[1].Fragment.Width, Tolerance);
    }

    [Fact]
    public void Should_pick_a_fallback_font_per_script()
    {
        var layout = SmallPage(content => content.Text("Zoë Ольга محمد דוד राजेश สมชาย 王小明 김민준 🌍")).Layout();

        var families = Glyphs(Assert.Single(layout.Pages)).Select(glyph => glyph.Fragment.Run.Face.FamilyName).Distinct().ToList();

        Assert.Contains("Noto Sans", families);
        Assert.Contains("Noto Sans Arabic", families);
        Assert.Contains("Noto Sans Hebrew", families);
        Assert.Contains("Noto Sans Devanagari", families);
        Assert.Contains("Noto Sans Thai", families);
        Assert.Contains("Noto Sans CJK SC", families);
        Assert.Contains("Noto Color Emoji", families);
    }

    [Fact]
    public void Should_name_what_does_not_fit_when_content_can_never_be_placed()
    {
        var document = SmallPage(content => content.ShowEntire().Text(string.Join('\n', Enumerable.Range(1, 100).Select(i => $"Line {i}"))));

        var exception = Assert.Throws<LayoutException>(() => document.Layout());

        Assert.Contains("must be shown entire", exception.Message);
        Assert.Contains("Line 1", exception.Message);
        Assert.Contains("empty", exception.Message);
    }
}
