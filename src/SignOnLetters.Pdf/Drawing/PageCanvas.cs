using SignOnLetters.Pdf.Text;
using SkiaSharp;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// Records what a page draws, in absolute page coordinates (origin top-left, y down). Layout
/// draws into this display list rather than into Skia so that fonts can be subset from exactly
/// the glyphs a document uses before the PDF is written, and so layout tests can read positions.
/// </summary>
internal sealed class PageCanvas
{
    private readonly Stack<SKPoint> savedOrigins = new();
    private SKPoint origin;

    public PageCanvas(float width, float height, int pageNumber)
    {
        Width = width;
        Height = height;
        PageNumber = pageNumber;
    }

    /// <summary>Used while measuring by trial drawing: records nothing.</summary>
    public static PageCanvas Discarding => new(0, 0, 0) { IsDiscarding = true };

    public float Width { get; }
    public float Height { get; }
    public int PageNumber { get; }
    public bool IsDiscarding { get; private init; }
    public List<DrawCommand> Commands { get; } = [];

    public void Translate(float dx, float dy) => origin = new SKPoint(origin.X + dx, origin.Y + dy);

    public void Save() => savedOrigins.Push(origin);

    public void Restore() => origin = savedOrigins.Pop();

    public SKPoint Origin => origin;

    /// <summary>The structure element what is drawn now belongs to; null at the document's top.</summary>
    public StructureScope? Scope { get; private set; }

    public void OpenScope(object key, Fluent.StructureTag tag) => Scope = new StructureScope(key, tag, Scope);

    public void CloseScope() => Scope = Scope?.Parent;

    /// <summary>
    /// Draws the glyphs of <paramref name="fragment"/> as part of <paramref name="scope"/> (a text
    /// block's paragraph, or a link or foreign-language span in it).
    /// </summary>
    public void DrawGlyphs(LineFragment fragment, float x, float baselineY, float extraSpacePerSpace, StructureScope? scope, float extraPerCluster = 0)
    {
        if (!IsDiscarding)
            Commands.Add(new GlyphRunCommand(fragment, origin.X + x, origin.Y + baselineY, extraSpacePerSpace) { Scope = scope, ExtraPerCluster = extraPerCluster });
    }

    public void LinkToUrl(SKRect rect, string url, StructureScope? scope)
    {
        if (!IsDiscarding)
            Commands.Add(new LinkCommand(Offset(rect), url) { Scope = scope });
    }

    public void DrawGlyphs(LineFragment fragment, float x, float baselineY, float extraSpacePerSpace)
    {
        if (!IsDiscarding)
            Commands.Add(new GlyphRunCommand(fragment, origin.X + x, origin.Y + baselineY, extraSpacePerSpace) { Scope = Scope });
    }

    public void DrawImage(SKImage image, SKRect rect)
    {
        if (!IsDiscarding)
            Commands.Add(new ImageCommand(image, Offset(rect)) { Scope = Scope });
    }

    public void FillRectangle(SKRect rect, SKColor color)
    {
        if (!IsDiscarding)
            Commands.Add(new RectangleCommand(Offset(rect), color) { Scope = Scope });
    }

    public void LinkToUrl(SKRect rect, string url)
    {
        if (!IsDiscarding)
            Commands.Add(new LinkCommand(Offset(rect), url) { Scope = Scope });
    }

    private SKRect Offset(SKRect rect) => SKRect.Create(origin.X + rect.Left, origin.Y + rect.Top, rect.Width, rect.Height);
}

internal abstract record DrawCommand
{
    /// <summary>The structure element this belongs to (null: the document itself).</summary>
    public StructureScope? Scope { get; init; }
}

/// <summary>A line fragment of shaped glyphs in one font; <see cref="Y"/> is the baseline.</summary>
internal sealed record GlyphRunCommand(LineFragment Fragment, float X, float Y, float ExtraSpacePerSpace) : DrawCommand
{
    /// <summary>Added after each grapheme cluster: inter-character justification (Chinese, Japanese, Thai).</summary>
    public float ExtraPerCluster { get; init; }

    /// <summary>The fragment's width as drawn, justification included.</summary>
    public float DrawnWidth => Fragment.Width + Fragment.SpaceCount * ExtraSpacePerSpace + (ExtraPerCluster > 0 ? Fragment.ClusterCount * ExtraPerCluster : 0);

    public string Text => Fragment.Text;
}

internal sealed record ImageCommand(SKImage Image, SKRect Rect) : DrawCommand;

internal sealed record RectangleCommand(SKRect Rect, SKColor Color) : DrawCommand;

internal sealed record LinkCommand(SKRect Rect, string Url) : DrawCommand;

/// <summary>A bookmark in the document outline; <see cref="Y"/> is from the top of the page.</summary>
internal sealed record OutlineEntry(string Title, int Level, int PageNumber, float Y);
