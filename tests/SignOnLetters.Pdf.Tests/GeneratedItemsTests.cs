using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Tests;

/// <summary>
/// A column's items made on demand (<see cref="ColumnDescriptor.Items(int, Action{int, IContainer})"/>):
/// the long signatory list's way of never holding every entry at once. They must lay out and write
/// exactly as the same items composed one by one.
/// </summary>
public sealed class GeneratedItemsTests
{
    private const int Count = 240;

    private static readonly DateTimeOffset CreatedAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>A small page with a numbered footer, a heading, then the items in three columns.</summary>
    private static Document ListDocument(Action<ColumnDescriptor> items) =>
        Document.Create(document => document.Page(page =>
        {
            page.Size(300, 260);
            page.Margin(20);
            page.DefaultTextStyle(new TextStyle { FontSize = 8 });
            page.Content().Column(column =>
            {
                column.Item().KeepWithNext().Text("Signatories").FontSize(12).Bold();
                column.Item().MultiColumn(3, spacing: 6).Tag(StructureTag.List).Column(list =>
                {
                    list.Spacing(2);
                    items(list);
                });
            });
            page.Footer().Text(text =>
            {
                text.Span("Page ");
                text.CurrentPageNumber();
                text.Span(" of ");
                text.TotalPages();
            });
        })).WithMetadata(new DocumentMetadata { Title = "List", Language = "en", CreationDate = CreatedAt });

    /// <summary>Entries of one to three lines, in several scripts, every 40th starting a group with its heading.</summary>
    private static void Entry(int index, IContainer container)
    {
        string[] names = ["Anna Lindqvist", "Жанна Смирнова", "محمد الأحمد", "李小龙", "Νίκος Παπαδόπουλος", "Søren Kierkegaard-Hansen"];
        var name = $"{names[index % names.Length]} {index + 1}";
        var body = index % 7 == 0 ? name + "\nUnion of long-named organisations " + index : name;
        if (index % 40 == 0)
            container.ShowEntire().Column(headed =>
            {
                headed.Item().PaddingTop(4).Tag(StructureTag.ListItem).Tag(StructureTag.Label).Text($"Group {index / 40 + 1}").Bold();
                headed.Item().Tag(StructureTag.ListItem).Text(body);
            });
        else
            container.ShowEntire().Tag(StructureTag.ListItem).Text(body);
    }

    private static Document Composed() => ListDocument(list =>
    {
        for (var i = 0; i < Count; i++)
            Entry(i, list.Item());
    });

    private static List<string> Drawn(DocumentLayout layout) =>
        layout.Pages.SelectMany((page, index) => page.Commands.OfType<GlyphRunCommand>()
            .Select(glyphs => $"{index + 1} {glyphs.X:0.###} {glyphs.Y:0.###} {glyphs.Text}")).ToList();

    [Theory]
    [InlineData(0)] // every item made twice: once measured, once drawn
    [InlineData(Count - 1)] // a list one longer than those kept: made twice
    [InlineData(Count)] // every item kept from measuring to drawing, as for an ordinary letter
    public void Should_lay_out_and_write_generated_items_as_the_same_items_composed(int retainedItems)
    {
        var composed = Composed();
        var generated = ListDocument(list => list.Items(Count, Entry, retainedItems));

        var composedLayout = composed.Layout();
        Assert.True(composedLayout.Pages.Count > 5, $"the list should take several pages, took {composedLayout.Pages.Count}");
        Assert.Equal(Drawn(composedLayout), Drawn(generated.Layout()));
        Assert.Equal(composed.GeneratePdf(), generated.GeneratePdf());
    }

    [Fact]
    public void Should_give_the_same_bytes_when_generated_again()
    {
        var document = ListDocument(list => list.Items(Count, Entry, retainedItems: 50));

        Assert.Equal(document.GeneratePdf(), document.GeneratePdf());
    }

    [Fact]
    public void Should_refuse_a_page_number_in_a_generated_item()
    {
        var document = ListDocument(list => list.Items(3, (_, item) => item.Text(text => text.CurrentPageNumber())));

        var exception = Assert.Throws<LayoutException>(() => document.GeneratePdf());
        Assert.Contains("page number", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_say_which_item_can_never_fit_rather_than_page_forever()
    {
        var tall = string.Join("\n", Enumerable.Range(1, 60).Select(line => $"Line {line}"));
        var document = ListDocument(list => list.Items(3, (index, item) => item.ShowEntire().Text(index == 1 ? tall : "Short")));

        var exception = Assert.Throws<LayoutException>(() => document.GeneratePdf());
        Assert.Contains("list item 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_generated_items_beside_composed_ones_and_a_negative_count()
    {
        Assert.Throws<InvalidOperationException>(() => ListDocument(list =>
        {
            list.Item().Text("Composed");
            list.Items(2, Entry);
        }));
        Assert.Throws<InvalidOperationException>(() => ListDocument(list =>
        {
            list.Items(2, Entry);
            list.Item().Text("Composed");
        }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ListDocument(list => list.Items(-1, Entry)));
    }

    [Fact]
    public void Should_give_an_empty_list_when_there_are_no_items()
    {
        var layout = ListDocument(list => list.Items(0, Entry)).Layout();

        var page = Assert.Single(layout.Pages);
        Assert.Contains(page.Commands.OfType<GlyphRunCommand>(), glyphs => glyphs.Text == "Signatories");
    }
}
