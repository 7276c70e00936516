using SignOnLetters.Pdf.Elements;
using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Fluent;

public static class ContainerExtensions
{
    public static IContainer Padding(this IContainer container, float all) => container.Padding(all, all, all, all);

    public static IContainer PaddingHorizontal(this IContainer container, float value) => container.Padding(value, 0, value, 0);

    public static IContainer PaddingVertical(this IContainer container, float value) => container.Padding(0, value, 0, value);

    public static IContainer PaddingTop(this IContainer container, float value) => container.Padding(0, value, 0, 0);

    public static IContainer PaddingBottom(this IContainer container, float value) => container.Padding(0, 0, 0, value);

    public static IContainer PaddingLeft(this IContainer container, float value) => container.Padding(value, 0, 0, 0);

    public static IContainer PaddingRight(this IContainer container, float value) => container.Padding(0, 0, value, 0);

    public static IContainer Padding(this IContainer container, float left, float top, float right, float bottom) =>
        container.Wrap(new Elements.Padding { Left = left, Top = top, Right = right, Bottom = bottom });

    /// <summary>Moves its content to the next page whole rather than splitting it.</summary>
    public static IContainer ShowEntire(this IContainer container) => container.Wrap(new ShowEntire());

    /// <summary>
    /// Keeps this column item on the page of the item after it (for headings). Ignored only when
    /// the two together do not fit even on an empty page.
    /// </summary>
    public static IContainer KeepWithNext(this IContainer container) => container.Wrap(new KeepWithNext());

    /// <summary>Shows the content only on pages where <paramref name="show"/>(page number, total pages) is true.</summary>
    public static IContainer ShowOnPages(this IContainer container, Func<int, int, bool> show) =>
        container.Wrap(new PageCondition(show ?? throw new ArgumentNullException(nameof(show))));

    /// <summary>Says what the content is in the PDF's structure tree (a heading, a list item, a figure…).</summary>
    public static IContainer Tag(this IContainer container, StructureTag tag) =>
        container.Wrap(new Tagged(tag ?? throw new ArgumentNullException(nameof(tag))));

    /// <summary>A heading of level 1 to 6 in the structure tree.</summary>
    public static IContainer Heading(this IContainer container, int level) => container.Tag(StructureTag.Heading(level));

    /// <summary>Page furniture: drawn, but left out of what is read (running heads, page numbers, decoration).</summary>
    public static IContainer Artifact(this IContainer container) => container.Tag(StructureTag.Artifact);

    public static IContainer AlignLeft(this IContainer container) => container.Wrap(new Alignment(HorizontalAlignment.Left));

    public static IContainer AlignCenter(this IContainer container) => container.Wrap(new Alignment(HorizontalAlignment.Center));

    public static IContainer AlignRight(this IContainer container) => container.Wrap(new Alignment(HorizontalAlignment.Right));

    /// <summary>A vertical rule left of the content, then a gap; for block quotes.</summary>
    public static IContainer BorderLeft(this IContainer container, float thickness = 3, string color = "#CBD5E0", float gap = 8) =>
        container.Wrap(new LeftRule(Math.Max(0, thickness), Math.Max(0, gap), TextStyle.ParseColor(color)));

    /// <summary>Makes the content a clickable link.</summary>
    public static IContainer Hyperlink(this IContainer container, string url) =>
        container.Wrap(new Hyperlink(url ?? throw new ArgumentNullException(nameof(url))));

    /// <summary>Adds a document outline entry (bookmark) pointing at this content; level 0 is top.</summary>
    public static IContainer Bookmark(this IContainer container, string title, int level = 0) =>
        container.Wrap(new Bookmark(title ?? throw new ArgumentNullException(nameof(title)), Math.Max(0, level)));

    public static void Column(this IContainer container, Action<ColumnDescriptor> compose)
    {
        var column = new Column();
        compose(new ColumnDescriptor(column));
        container.Fill(column);
    }

    public static void Row(this IContainer container, Action<RowDescriptor> compose)
    {
        var row = new Row();
        compose(new RowDescriptor(row));
        container.Fill(row);
    }

    /// <summary>
    /// Flows the content through columns, newspaper style; the last page's columns are balanced.
    /// With <paramref name="rightToLeft"/> the flow starts in the rightmost column.
    /// </summary>
    public static IContainer MultiColumn(this IContainer container, int columns, float spacing = 12, bool balanceLastPage = true, bool rightToLeft = false)
    {
        if (columns is < 1 or > 12)
            throw new ArgumentOutOfRangeException(nameof(columns), "Between 1 and 12 columns.");
        return container.Wrap(new MultiColumn { ColumnCount = columns, Spacing = spacing, Balance = balanceLastPage, RightToLeft = rightToLeft });
    }

    public static TextSpanDescriptor Text(this IContainer container, string text)
    {
        var descriptor = new TextDescriptor();
        var span = descriptor.Span(text);
        container.Fill(descriptor.Block);
        return span;
    }

    public static void Text(this IContainer container, Action<TextDescriptor> compose)
    {
        var descriptor = new TextDescriptor();
        compose(descriptor);
        container.Fill(descriptor.Block);
    }

    /// <summary>A PNG or JPEG. Throws <see cref="InvalidImageException"/> at once for anything else or anything too large.</summary>
    public static ImageDescriptor Image(this IContainer container, byte[] encodedImage)
    {
        var image = Elements.Image.Decode(encodedImage);
        container.Fill(image);
        return new ImageDescriptor(image);
    }

    public static void PageBreak(this IContainer container) => container.Fill(new PageBreak());

    public static void LineHorizontal(this IContainer container, float thickness = 0.75f, string color = "#999999") =>
        container.Fill(new HorizontalLine(thickness, TextStyle.ParseColor(color)));

    private static IContainer Wrap(this IContainer container, ContainerElement wrapper)
    {
        var inner = new Slot();
        wrapper.Child = inner;
        container.Fill(wrapper);
        return inner;
    }

    private static void Fill(this IContainer container, Element element) => AsSlot(container).Child = element;

    private static Slot AsSlot(IContainer container) =>
        container as Slot ?? throw new ArgumentException("Containers come from this library's fluent API.", nameof(container));
}
