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
        var slot = new Slot();
        column.Items.Add(slot);
        return slot;
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
