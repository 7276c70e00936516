using SignOnLetters.Pdf.Elements;
using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Fluent;

public sealed class ColumnDescriptor
{
    private readonly Column column;

    internal ColumnDescriptor(Column column) => this.column = column;

    public ColumnDescriptor Spacing(float spacing)
    {
        column.Spacing = Math.Max(0, spacing);
        return this;
    }

    public IContainer Item()
    {
        if (column.Generated is not null)
            throw new InvalidOperationException("This column's items are generated (Items(count, compose)); it takes no other items.");
        var slot = new Slot();
        column.Items.Add(slot);
        return slot;
    }

    /// <summary>
    /// <paramref name="count"/> items composed on demand by <paramref name="compose"/> (item index,
    /// container), for a list too long to hold as elements: each item is composed when its page is
    /// laid out and dropped once drawn. Each item is kept whole (never split across columns or
    /// pages), must not hold page numbers or bookmarks, and <paramref name="compose"/> must give
    /// the same item for the same index every time. Instead of <see cref="Item"/>, not beside it.
    /// </summary>
    public ColumnDescriptor Items(int count, Action<int, IContainer> compose) => Items(count, compose, GeneratedItems.RetainedItems);

    /// <summary>As <see cref="Items(int, Action{int, IContainer})"/>, keeping fewer items' elements between measuring and drawing (tests).</summary>
    internal ColumnDescriptor Items(int count, Action<int, IContainer> compose, int retainedItems)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(compose);
        if (column.Items.Count > 0 || column.Generated is not null)
            throw new InvalidOperationException("Items(count, compose) gives a column all its items; this column already has some.");
        column.Generated = new GeneratedItems(count, index =>
        {
            var slot = new Slot();
            compose(index, slot);
            return slot;
        }, retainedItems);
        return this;
    }
}

public sealed class RowDescriptor
{
    private readonly Row row;

    internal RowDescriptor(Row row) => this.row = row;

    public RowDescriptor Spacing(float spacing)
    {
        row.Spacing = Math.Max(0, spacing);
        return this;
    }

    /// <summary>Takes a share of the width left after constant items and spacing.</summary>
    public IContainer RelativeItem(float size = 1)
    {
        var slot = new Slot();
        row.Items.Add(new RowItem(slot, null, Math.Max(0, size)));
        return slot;
    }

    /// <summary>A fixed width in points.</summary>
    public IContainer ConstantItem(float width)
    {
        var slot = new Slot();
        row.Items.Add(new RowItem(slot, Math.Max(0, width), 0));
        return slot;
    }
}

public sealed class ImageDescriptor
{
    private readonly Image image;

    internal ImageDescriptor(Image image) => this.image = image;

    /// <summary>Display width in points (never wider than the space available).</summary>
    public ImageDescriptor Width(float width)
    {
        image.Width = Math.Max(1, width);
        return this;
    }

    public ImageDescriptor MaxHeight(float height)
    {
        image.MaxHeight = Math.Max(1, height);
        return this;
    }
}

public sealed class TextDescriptor
{
    internal TextBlock Block { get; } = new();

    public TextSpanDescriptor Span(string text)
    {
        var span = new TextSpanDefinition(TextSpanKind.Literal, text ?? string.Empty);
        Block.Spans.Add(span);
        return new TextSpanDescriptor(span);
    }

    /// <summary>A span that links to a URL.</summary>
    public TextSpanDescriptor Hyperlink(string text, string url) =>
        Span(text).Link(url);

    public TextSpanDescriptor CurrentPageNumber() => Add(TextSpanKind.CurrentPageNumber);

    public TextSpanDescriptor TotalPages() => Add(TextSpanKind.TotalPages);

    public TextDescriptor DefaultTextStyle(TextStyle style)
    {
        Block.Style = Block.Style is null ? style : Block.Style.With(style);
        return this;
    }

    public TextDescriptor Align(TextAlignment alignment)
    {
        Block.Alignment = alignment;
        return this;
    }

    public TextDescriptor AlignLeft() => Align(TextAlignment.Left);

    public TextDescriptor AlignRight() => Align(TextAlignment.Right);

    public TextDescriptor AlignCenter() => Align(TextAlignment.Center);

    public TextDescriptor Justify() => Align(TextAlignment.Justify);

    public TextDescriptor Direction(TextDirection direction)
    {
        Block.Direction = direction;
        return this;
    }

    /// <summary>Extra space between paragraphs ('\n' in the text starts a paragraph).</summary>
    public TextDescriptor ParagraphSpacing(float points)
    {
        Block.ParagraphSpacing = Math.Max(0, points);
        return this;
    }

    private TextSpanDescriptor Add(TextSpanKind kind)
    {
        var span = new TextSpanDefinition(kind, string.Empty);
        Block.Spans.Add(span);
        return new TextSpanDescriptor(span);
    }
}

public sealed class TextSpanDescriptor
{
    private readonly TextSpanDefinition span;

    internal TextSpanDescriptor(TextSpanDefinition span) => this.span = span;

    public TextSpanDescriptor Style(TextStyle style)
    {
        span.Style = span.Style is null ? style : span.Style.With(style);
        return this;
    }

    public TextSpanDescriptor FontSize(float size) => Style(new TextStyle { FontSize = size });

    public TextSpanDescriptor FontFamily(string family) => Style(new TextStyle { FontFamily = family });

    public TextSpanDescriptor Bold(bool bold = true) => Style(new TextStyle { Bold = bold });

    public TextSpanDescriptor Italic(bool italic = true) => Style(new TextStyle { Italic = italic });

    /// <summary>"#RRGGBB".</summary>
    public TextSpanDescriptor FontColor(string hexColor)
    {
        _ = TextStyle.ParseColor(hexColor);
        return Style(new TextStyle { Color = hexColor });
    }

    public TextSpanDescriptor LineHeight(float multiple) => Style(new TextStyle { LineHeight = multiple });

    /// <summary>The span's language (BCP 47), which chooses the letterforms of Han characters.</summary>
    public TextSpanDescriptor Language(string? language) =>
        string.IsNullOrWhiteSpace(language) ? this : Style(new TextStyle { Language = language });

    public TextSpanDescriptor Link(string url)
    {
        span.Url = url ?? throw new ArgumentNullException(nameof(url));
        return this;
    }
}
