using System.Buffers.Binary;
using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Infrastructure;
using SignOnLetters.Pdf.Tests.Support;

namespace SignOnLetters.Pdf.Tests;

/// <summary>Input meant to break the engine: it must fail clearly or wrap gracefully, never hang.</summary>
public sealed class HostileInputTests
{
    // A hang detector only: generous so a loaded CI machine never trips it on honest work.
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(2);

    private static T WithinHangLimit<T>(Func<T> work)
    {
        var task = Task.Run(work);
        Assert.True(task.Wait(HangLimit), $"Still running after {HangLimit.TotalMinutes} minutes: the engine hangs.");
        return task.Result;
    }

    private static Document Page(Action<IContainer> content) => Document.Create(document => document.Page(page =>
    {
        page.Size(PageSizes.A4);
        page.Margin(40);
        content(page.Content());
    }));

    [Fact]
    public void Should_wrap_a_50000_character_word_by_characters()
    {
        var word = string.Concat(Enumerable.Repeat("Abcdefghij", 5_000));

        var layout = WithinHangLimit(() => Page(content => content.Text(word)).Layout());

        var lines = layout.Pages.SelectMany(page => page.Commands.OfType<GlyphRunCommand>()).ToList();
        Assert.Equal(word, string.Concat(lines.Select(line => line.Text)));
        Assert.All(lines, line => Assert.InRange(line.Fragment.Width, 1f, PageSizes.A4.Width - 80 + 0.01f));
    }

    [Fact]
    public void Should_lay_out_a_5000_line_paragraph_over_many_pages()
    {
        var text = string.Join('\n', Enumerable.Range(1, 5_000).Select(i => $"Line {i} of a very long paragraph"));

        var layout = WithinHangLimit(() => Page(content => content.Text(text)).Layout());

        var lines = layout.Pages.SelectMany(page => page.Commands.OfType<GlyphRunCommand>()).Select(line => line.Text).ToList();
        Assert.Equal(text.Split('\n'), lines);
        Assert.True(layout.Pages.Count > 50);
    }

    [Fact]
    public void Should_reject_bytes_that_are_not_an_image()
    {
        var notAnImage = "<html>definitely not a PNG</html>"u8.ToArray();

        var exception = Assert.Throws<InvalidImageException>(() => Page(content => content.Image(notAnImage)));

        Assert.Contains("not a PNG or JPEG", exception.Message);
    }

    [Fact]
    public void Should_reject_a_30000_by_30000_png_before_decoding_it()
    {
        var header = PngHeader(30_000, 30_000);

        var exception = WithinHangLimit(() => Assert.Throws<InvalidImageException>(() => Page(content => content.Image(header))));

        Assert.Contains("30000 × 30000", exception.Message);
    }

    [Fact]
    public void Should_draw_a_small_png_scaled_to_the_width_asked()
    {
        using var bitmap = new SkiaSharp.SKBitmap(40, 20);
        bitmap.Erase(SkiaSharp.SKColors.SteelBlue);
        using var png = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);

        var layout = Page(content => content.Image(png.ToArray()).Width(100)).Layout();

        var image = Assert.Single(layout.Pages[0].Commands.OfType<ImageCommand>());
        Assert.Equal(SkiaSharp.SKRect.Create(40, 40, 100, 50), image.Rect);
    }

    [Fact]
    public void Should_strip_control_characters_and_keep_the_text_readable()
    {
        var hostile = "Zo\u0000ë\u0007 Ma\u001Brtin\u0008\tSmith\u0085Second\r\nThird\uFFFF \uD800lone";

        var layout = WithinHangLimit(() => Page(content => content.Text(hostile)).Layout());

        var lines = layout.Pages[0].Commands.OfType<GlyphRunCommand>().Select(line => line.Text).ToList();
        Assert.Equal(["Zoë Martin Smith", "Second", "Third \uFFFDlone"], lines);
        var pdf = Page(content => content.Text(hostile)).GeneratePdf();
        Assert.Contains("ZoëMartinSmith", PdfText.Normalise(PdfText.WithPdfPig(pdf)));
    }

    [Fact]
    public void Should_refuse_an_element_that_never_fits_instead_of_looping()
    {
        using var bitmap = new SkiaSharp.SKBitmap(10, 400);
        using var png = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        var document = Page(content => content.Image(png.ToArray()).Width(500));

        var exception = WithinHangLimit(() => Assert.Throws<LayoutException>(() => document.Layout()));

        Assert.Contains("image", exception.Message);
        Assert.Contains("never be placed", exception.Message);
    }

    /// <summary>A PNG signature and IHDR chunk claiming the given size; no pixel data follows.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        var png = new List<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var chunk = new byte[4 + 13];
        "IHDR"u8.CopyTo(chunk);
        BinaryPrimitives.WriteInt32BigEndian(chunk.AsSpan(4), width);
        BinaryPrimitives.WriteInt32BigEndian(chunk.AsSpan(8), height);
        chunk[12] = 8; // bit depth
        chunk[13] = 6; // RGBA
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, 13);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(chunk));
        png.AddRange(length);
        png.AddRange(chunk);
        png.AddRange(crc);
        return png.ToArray();
    }

    /// <summary>The CRC-32 PNG chunks carry (ISO 3309), so the header passes the decoder's checks.</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in data)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
