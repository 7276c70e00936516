using System.Text;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Text;
using SkiaSharp;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>Draws the pages into Skia's PDF backend with subset fonts as they are laid out, then tags the file.</summary>
internal static class PdfWriter
{
    /// <summary>
    /// Lays out <paramref name="pageTemplates"/> and writes the finished PDF to <paramref name="output"/>:
    /// each page goes to Skia as soon as the final layout pass has set it, Skia writes its file to
    /// disk page by page (next to <paramref name="output"/> when that is a file, else in the
    /// temporary folder), and <see cref="TaggedPdfFinisher"/> reads it back object by object into
    /// the output, so neither the pages nor the file is ever held whole in memory (a
    /// 1,000,000-signatory letter's file is about 90 MB, its pages' display lists gigabytes).
    /// </summary>
    /// <param name="releasePages">
    /// Empty <paramref name="pageTemplates"/> once the last page is set and report
    /// <see cref="RenderStage.Finishing"/>, before Skia closes its file: nothing after needs them,
    /// and nothing else may hold them (<see cref="Document.GenerateOnce"/>).
    /// </param>
    public static DocumentLayout Write(List<Elements.Page> pageTemplates, FontCatalog fonts, DocumentMetadata metadata, Stream output,
        IProgress<RenderProgress>? progress = null, bool releasePages = false)
    {
        var directory = output is FileStream { Name: var name } && Path.GetDirectoryName(Path.GetFullPath(name)) is { Length: > 0 } folder
            ? folder
            : Path.GetTempPath();
        var skiaPdf = Path.Combine(directory, $"skia-{Guid.NewGuid():N}.pdf.tmp");
        try
        {
            var tree = new StructureTree();
            DocumentLayout layout;
            using (var pages = new SkiaPages(skiaPdf, metadata, tree))
            {
                layout = Paginator.Layout(pageTemplates, fonts, progress, glyphs =>
                {
                    pages.Begin(glyphs);
                    return pages.Write;
                });
                if (releasePages)
                {
                    pageTemplates.Clear();
                    progress?.Report(new RenderProgress(RenderStage.Finishing, layout.PageHeights.Count, layout.PageHeights.Count));
                }
                pages.Close();
            }
            TaggedPdfFinisher.Finish(skiaPdf, tree, layout, metadata, output);
            return layout;
        }
        finally
        {
            File.Delete(skiaPdf);
        }
    }

    /// <summary>
    /// Skia's PDF, written to its file as each page ends: text is drawn with fonts cut down to the
    /// glyphs the layout uses, and each page's content is tied to the structure tree.
    /// </summary>
    private sealed class SkiaPages(string path, DocumentMetadata metadata, StructureTree tree) : IDisposable
    {
        private readonly Dictionary<(FontFace, float), SKFont> fonts = new();
        private readonly Dictionary<SKColor, SKPaint> paints = new();
        private readonly SKTextBlobBuilder builder = new();
        private Dictionary<FontFace, (SKTypeface Typeface, bool IsOwned)> typefaces = new();
        private SKFileWStream? file;
        private SKDocument? document;
        private int pageIndex;

        public void Begin(FontSubsetter glyphs)
        {
            typefaces = glyphs.BuildTypefaces();
            file = new SKFileWStream(path);
            if (!file.IsValid)
                throw new IOException($"Could not create the intermediate PDF file {path}.");
            document = SKDocument.CreatePdf(file, ToSkia(metadata));
        }

        public void Write(PageCanvas page)
        {
            var document = this.document ?? throw new InvalidOperationException("Begin first.");
            tree.BeginPage();
            var canvas = document.BeginPage(page.Width, page.Height);
            // Everything is drawn in the order it was laid out, which is reading order:
            // readers (screen readers, pdftotext, copy and paste) follow the content stream.
            // Text is batched into one blob per stretch of one colour within one structure
            // element; where the element changes, a marker tells the finisher to start a
            // new marked-content sequence (SkiaSharp cannot write one itself).
            var started = false;
            StructureNode? element = null;
            SKColor? blobColour = null;
            foreach (var command in page.Commands)
            {
                if (command is LinkCommand link)
                {
                    tree.AddLink(link, pageIndex);
                    canvas.DrawUrlAnnotation(link.Rect, link.Url)?.Dispose();
                    continue;
                }
                var commandElement = tree.ElementOf(command);
                if (!started || commandElement != element)
                {
                    FlushText(canvas, builder, paints, ref blobColour);
                    // In the colour of what follows, so Skia sets that colour once, before the marker.
                    var markerColour = command is GlyphRunCommand next ? next.Fragment.Run.Style.Style.Color : SKColors.Black;
                    canvas.DrawRect(TaggedPdfFinisher.Sentinel, Paint(paints, markerColour));
                    tree.OpenSequence(commandElement, pageIndex);
                    element = commandElement;
                    started = true;
                }
                if (command is GlyphRunCommand glyphs)
                {
                    var colour = glyphs.Fragment.Run.Style.Style.Color;
                    if (blobColour != colour)
                        FlushText(canvas, builder, paints, ref blobColour);
                    AddGlyphRun(builder, glyphs, Font(glyphs, typefaces, fonts));
                    blobColour = colour;
                }
                else
                {
                    FlushText(canvas, builder, paints, ref blobColour);
                    Draw(canvas, command, paints);
                }
            }
            FlushText(canvas, builder, paints, ref blobColour);
            document.EndPage();
            pageIndex++;
        }

        public void Close()
        {
            document?.Close();
            file?.Flush();
        }

        public void Dispose()
        {
            document?.Dispose();
            file?.Dispose();
            builder.Dispose();
            foreach (var font in fonts.Values)
                font.Dispose();
            foreach (var paint in paints.Values)
                paint.Dispose();
            foreach (var (typeface, isOwned) in typefaces.Values)
                if (isOwned)
                    typeface.Dispose();
        }
    }

    private static void FlushText(SKCanvas canvas, SKTextBlobBuilder builder, Dictionary<SKColor, SKPaint> paints, ref SKColor? colour)
    {
        if (colour is not { } blobColour)
            return;
        using var blob = builder.Build();
        if (blob is not null)
            canvas.DrawText(blob, 0, 0, Paint(paints, blobColour));
        colour = null;
    }

    private static SKFont Font(GlyphRunCommand glyphs, Dictionary<FontFace, (SKTypeface Typeface, bool IsOwned)> typefaces,
        Dictionary<(FontFace, float), SKFont> fonts)
    {
        var key = (glyphs.Fragment.Run.Face, glyphs.Fragment.Run.Style.Style.Size);
        if (!fonts.TryGetValue(key, out var font))
        {
            font = new SKFont(typefaces[key.Face].Typeface, key.Size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
            fonts.Add(key, font);
        }
        return font;
    }

    private static void Draw(SKCanvas canvas, DrawCommand command, Dictionary<SKColor, SKPaint> paints)
    {
        switch (command)
        {
            case ImageCommand image:
                canvas.DrawImage(image.Image, image.Rect, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
                break;
            case RectangleCommand rectangle:
                canvas.DrawRect(rectangle.Rect, Paint(paints, rectangle.Color));
                break;
        }
    }

    /// <summary>
    /// Glyphs with their positions, plus the UTF-8 text and per-glyph clusters: from those Skia
    /// writes /ActualText where glyphs do not map one-to-one to characters (Arabic ligatures,
    /// Indic conjuncts), which is what makes such text read back.
    /// </summary>
    private static void AddGlyphRun(SKTextBlobBuilder builder, GlyphRunCommand command, SKFont font)
    {
        var fragment = command.Fragment;
        var run = fragment.Run;
        var count = fragment.GlyphEnd - fragment.GlyphStart;
        // Spans and a stack buffer: this runs for every fragment of every line of the document.
        var ligatures = LigatureReadBack.Substitute(fragment);
        var text = ligatures is { } substituted ? substituted.Text.AsSpan() : fragment.TextSpan;
        var utf8Length = Encoding.UTF8.GetByteCount(text);
        Span<int> utf8Offsets = text.Length < 256 ? stackalloc int[text.Length + 1] : new int[text.Length + 1];
        FillUtf8Offsets(text, utf8Offsets);

        var buffer = builder.AllocatePositionedTextRun(font, count, utf8Length, null);
        var glyphs = buffer.Glyphs;
        var positions = buffer.Positions;
        var clusters = buffer.Clusters;
        var x = command.X;
        for (var i = 0; i < count; i++)
        {
            var g = fragment.GlyphStart + i;
            glyphs[i] = run.Glyphs[g];
            positions[i] = new SKPoint(x + run.OffsetX(g), command.Y + run.OffsetY(g));
            var charIndex = run.Clusters[g] - fragment.CharStart;
            clusters[i] = (uint)utf8Offsets[ligatures is { } map ? map.NewIndexOf[charIndex] : charIndex];
            x += run.Advances[g] + (command.ExtraSpacePerSpace > 0 && fragment.IsSpaceGlyph(g) ? command.ExtraSpacePerSpace : 0)
                + (command.ExtraPerCluster > 0 && fragment.EndsCluster(g) ? command.ExtraPerCluster : 0);
        }
        Encoding.UTF8.GetBytes(text, buffer.Text);
    }

    private static void FillUtf8Offsets(ReadOnlySpan<char> text, Span<int> offsets)
    {
        var offset = 0;
        for (var i = 0; i < text.Length; i++)
        {
            offsets[i] = offset;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                offsets[i + 1] = offset;
                offset += 4;
                i++;
            }
            else
            {
                offset += text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : 3;
            }
        }
        offsets[text.Length] = offset;
    }

    private static SKPaint Paint(Dictionary<SKColor, SKPaint> paints, SKColor color)
    {
        if (!paints.TryGetValue(color, out var paint))
        {
            paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
            paints.Add(color, paint);
        }
        return paint;
    }

    private static SKDocumentPdfMetadata ToSkia(DocumentMetadata metadata) => new()
    {
        Title = metadata.Title ?? string.Empty,
        Author = metadata.Author ?? string.Empty,
        Subject = metadata.Subject ?? string.Empty,
        Keywords = metadata.Keywords ?? string.Empty,
        Creator = metadata.Creator ?? "SignOnLetters",
        Producer = metadata.Producer ?? "SignOnLetters.Pdf (SkiaSharp, HarfBuzz)",
        // No clock is read here: dates come from the caller, so the same input gives the same bytes.
        Creation = metadata.CreationDate?.UtcDateTime,
        Modified = (metadata.ModifiedDate ?? metadata.CreationDate)?.UtcDateTime,
        RasterDpi = 300,
        EncodingQuality = 101,
        PdfA = false,
    };
}
