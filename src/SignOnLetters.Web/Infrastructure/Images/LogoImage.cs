using SkiaSharp;
using SignOnLetters.Domain;
using SignOnLetters.Web.Infrastructure.Validation;

namespace SignOnLetters.Web.Infrastructure.Images;

/// <summary>
/// Accepts an uploaded logo only if it is a real PNG or JPEG of sane dimensions, and keeps a
/// re-encoded, downscaled PNG of it: the uploaded bytes (and anything hidden in them) are never
/// stored or served. SVG is refused because it can carry script.
/// </summary>
public static class LogoImage
{
    public const long MaxUploadBytes = 2 * 1024 * 1024;
    public const int MaxSourcePixels = 40_000_000;
    public const int MaxSide = 512;

    public static OrganisationLogo Process(Stream upload)
    {
        using var buffer = new MemoryStream();
        upload.CopyTo(buffer);
        if (buffer.Length > MaxUploadBytes)
            throw new InvalidImageException("The logo is {0:0.0} MB; the limit is {1} MB.", buffer.Length / 1024.0 / 1024.0, MaxUploadBytes / 1024 / 1024);
        buffer.Position = 0;

        using var codec = SKCodec.Create(buffer)
            ?? throw new InvalidImageException("The logo is not a PNG or JPEG image.");
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
            throw new InvalidImageException("The logo must be a PNG or JPEG image.");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        // Checked before decoding: a tiny file can declare 30,000 × 30,000 pixels (a decompression bomb).
        if (width <= 0 || height <= 0 || (long)width * height > MaxSourcePixels)
            throw new InvalidImageException("The logo is {0:N0} × {1:N0} pixels; please upload one under {2} megapixels.", width, height, MaxSourcePixels / 1_000_000);

        using var decoded = SKBitmap.Decode(codec)
            ?? throw new InvalidImageException("The logo image is damaged and cannot be read.");
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(width, height));
        var target = new SKImageInfo(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)),
            SKColorType.Rgba8888, SKAlphaType.Premul);
        using var resized = decoded.Resize(target, new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidImageException("The logo image could not be resized.");
        using var image = SKImage.FromBitmap(resized);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return new OrganisationLogo(png.ToArray(), target.Width, target.Height);
    }
}

/// <summary>Why an uploaded logo is refused, as a translatable template with its arguments (<see cref="Text"/>).</summary>
public sealed class InvalidImageException(string template, params object[] arguments)
    : Exception(new LocalisedFailure.Text(template, arguments).ToString())
{
    public LocalisedFailure.Text Text { get; } = new(template, arguments);
}
