using SignOnLetters.Web.Infrastructure.Images;
using SkiaSharp;

namespace SignOnLetters.Tests.Organisations;

/// <summary>
/// Security finding 12: a 154 KB PNG of 6300 × 6300 pixels was decoded whole (160 MB), twelve at once
/// added 305 MB. JPEG logos are now read at reduced size, PNG ones (which this Skia decodes only
/// whole) under a 4 MP cap, two decodes at a time.
/// </summary>
public class LogoDecodingTests
{
    [Fact]
    public void Should_refuse_a_6300_pixel_png_with_a_clear_message_before_decoding_it()
    {
        var refusal = Assert.Throws<InvalidImageException>(() => LogoImage.Process(new MemoryStream(Images.PngHeaderClaiming(6300, 6300))));

        Assert.Equal("The logo is 6,300 × 6,300 pixels; please upload one under 4 megapixels.", refusal.Message);
    }

    [Fact]
    public void Should_decode_a_large_jpeg_at_reduced_size_without_holding_its_pixels()
    {
        const int side = 4800;
        using var codec = SKCodec.Create(new MemoryStream(Images.Jpeg(side, side)));

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        using var reduced = LogoImage.DecodeReduced(codec);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        // Whole, it would be 4800 × 4800 × 4 = 92 MB; libjpeg decodes an eighth of each side here.
        Assert.Equal((600, 600), (reduced.Width, reduced.Height));
        Assert.True(allocated < (long)side * side * 4 / 50, $"{allocated:N0} bytes allocated");
        Assert.Equal(SKColors.White, Near(reduced.GetPixel(reduced.Width / 2, reduced.Height / 2)));
        Assert.Equal(SKColors.DarkGreen, Near(reduced.GetPixel(2, 2)));
    }

    [Fact]
    public void Should_accept_a_25_megapixel_jpeg_and_refuse_a_png_over_4_megapixels()
    {
        Assert.Equal((512, 512), Size(LogoImage.Process(new MemoryStream(Images.Jpeg(5000, 5000)))));
        var refusal = Assert.Throws<InvalidImageException>(() => LogoImage.Process(new MemoryStream(Images.Encode(SKEncodedImageFormat.Png, 2100, 2000))));
        Assert.Equal("The logo is 2,100 × 2,000 pixels; please upload one under 4 megapixels.", refusal.Message);
    }

    private static (int, int) Size(SignOnLetters.Domain.OrganisationLogo logo) => (logo.Width, logo.Height);

    [Fact]
    public void Should_keep_a_large_png_as_a_512_pixel_logo_of_the_same_picture()
    {
        var logo = LogoImage.Process(new MemoryStream(Images.Encode(SKEncodedImageFormat.Png, 2000, 1000)));

        Assert.Equal((512, 256), (logo.Width, logo.Height));
        using var decoded = SKBitmap.Decode(logo.Png);
        Assert.Equal(SKColors.White, Near(decoded.GetPixel(256, 128)));
        Assert.Equal(SKColors.DarkGreen, Near(decoded.GetPixel(5, 5)));
    }

    [Fact]
    public async Task Should_process_many_uploads_at_once_while_decodes_wait_their_turn()
    {
        var png = Images.Encode(SKEncodedImageFormat.Png, 1900, 1900);

        var logos = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => LogoImage.Process(new MemoryStream(png)))));

        Assert.All(logos, logo => Assert.Equal((512, 512), (logo.Width, logo.Height)));
    }

    /// <summary>JPEG and averaging shift colours a little: snap to the two colours of the test picture.</summary>
    private static SKColor Near(SKColor colour) =>
        colour.Red + colour.Green + colour.Blue > 600 ? SKColors.White
        : Math.Abs(colour.Green - SKColors.DarkGreen.Green) < 12 && colour.Red < 12 && colour.Blue < 12 ? SKColors.DarkGreen
        : colour;
}
