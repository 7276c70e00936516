using System.Text;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Text;
using SkiaSharp;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>Replays the pages' display lists into Skia's PDF backend with subset fonts.</summary>
internal static class PdfWriter
{
    public static void Write(DocumentLayout layout, DocumentMetadata metadata, Stream output) =>
        Render(layout, metadata, (body, update) =>
        {
            output.Write(body);
            output.Write(update);
            return 0;
        });

    /// <summary>The PDF as one array, allocated once at its final size.</summary>
    public static byte[] WriteToArray(DocumentLayout layout, DocumentMetadata metadata) =>
        Render(layout, metadata, (body, update) =>
        {
            var bytes = new byte[body.Length + update.Length];
            body.CopyTo(bytes);
            update.CopyTo(bytes.AsSpan(body.Length));
            return bytes;
        });

    private delegate T PdfBytesConsumer<out T>(ReadOnlySpan<byte> body, ReadOnlySpan<byte> update);

    /// <summary>
    /// Skia writes into its own native memory stream, so the finished file never passes through a
    /// growing managed buffer: the large-object-heap allocations that did so set off a full garbage
    /// collection every few documents.
    /// </summary>
    private static T Render<T>(DocumentLayout layout, DocumentMetadata metadata, PdfBytesConsumer<T> consume)
    {
        var subsetter = new FontSubsetter();
        foreach (var page in layout.Pages)
            foreach (var command in page.Commands)
                if (command is GlyphRunCommand glyphs)
                    subsetter.Add(glyphs.Fragment);
        var typefaces = subsetter.BuildTypefaces();
        var fonts = new Dictionary<(FontFace, float), SKFont>();
        var paints = new Dictionary<SKColor, SKPaint>();
        try
        {
            using var pdf = new SKDynamicMemoryWStream();
            using (var document = SKDocument.CreatePdf(pdf, ToSkia(metadata)))
            {
                using var builder = new SKTextBlobBuilder();
                foreach (var page in layout.Pages)
                {
                    var canvas = document.BeginPage(page.Width, page.Height);
                    foreach (var command in page.Commands)
                        if (command is not GlyphRunCommand)
                            Draw(canvas, command, paints);
                    // Text goes on top, in the order it was laid out, one blob per stretch of one
                    // colour: readers (screen readers, pdftotext, copy and paste) follow the content
                    // stream, so a blob per colour per page read fifty names, then fifty countries.
                    // Text never overlaps other text in a laid-out page, so drawing it last is safe.
                    var textCommands = page.Commands.OfType<GlyphRunCommand>().ToList();
                    for (var start = 0; start < textCommands.Count;)
                    {
                        var colour = textCommands[start].Fragment.Run.Style.Style.Color;
                        var end = start;
                        for (; end < textCommands.Count && textCommands[end].Fragment.Run.Style.Style.Color == colour; end++)
                            AddGlyphRun(builder, textCommands[end], Font(textCommands[end], typefaces, fonts));
                        using var blob = builder.Build();
                        if (blob is not null)
                            canvas.DrawText(blob, 0, 0, Paint(paints, colour));
                        start = end;
                    }
                    document.EndPage();
                }
                document.Close();
            }
            using var data = pdf.DetachAsData();
            var body = data.AsSpan();
            var update = layout.Outline.Count > 0
                ? PdfOutlineWriter.BuildOutlineUpdate(body, layout.Outline, layout.Pages.Select(page => page.Height).ToList())
                : [];
            return consume(body, update);
        }
        finally
        {
            foreach (var font in fonts.Values)
                font.Dispose();
            foreach (var paint in paints.Values)
                paint.Dispose();
            foreach (var (typeface, isOwned) in typefaces.Values)
                if (isOwned)
                    typeface.Dispose();
        }
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
            case LinkCommand link:
                canvas.DrawUrlAnnotation(link.Rect, link.Url)?.Dispose();
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
            positions[i] = new SKPoint(x + run.OffsetsX[g], command.Y + run.OffsetsY[g]);
            var charIndex = run.Clusters[g] - fragment.CharStart;
            clusters[i] = (uint)utf8Offsets[ligatures is { } map ? map.NewIndexOf[charIndex] : charIndex];
            x += run.Advances[g] + (command.ExtraSpacePerSpace > 0 && fragment.IsSpaceGlyph(g) ? command.ExtraSpacePerSpace : 0);
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
