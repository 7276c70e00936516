using SkiaSharp;

namespace SignOnLetters.Web.Infrastructure.Images;

/// <summary>
/// Accepts an uploaded logo only if it is a real PNG or JPEG of sane dimensions, and keeps a
/// re-encoded, downscaled PNG of it: the uploaded bytes (and anything hidden in them) are never
/// stored or served. SVG is refused because it can carry script.
/// </summary>
public static class LogoImage
{
    public const long MaxUploadBytes = 2 * 1024 * 1024;

    /// <summary>
    /// Was 40 MP for every image, decoded whole: a 154 KB PNG of 6300 × 6300 pixels took 160 MB, and
    /// twelve at once 305 MB more (security finding 12). A JPEG is now decoded at reduced size (libjpeg
    /// scales while decoding, <see cref="DecodeReduced"/>), so its pixel count costs time rather than
    /// memory; 25 MP (a 5000 × 5000 scan) is plenty for a logo.
    /// </summary>
    public const int MaxJpegPixels = 25_000_000;

    /// <summary>
    /// A PNG must be decoded whole (this Skia's PNG codec reads neither scaled nor row by row), so it is
    /// held to 4 MP: at most 16 MB per decode, 32 MB with <see cref="MaxConcurrentDecodes"/>.
    /// </summary>
    public const int MaxPngPixels = 4_000_000;

    public const int MaxSide = 512;

    /// <summary>Decodes at most this many uploads at once (each holds a few MB); the rest wait their turn.</summary>
    public const int MaxConcurrentDecodes = 2;

    private static readonly SemaphoreSlim DecodeSlots = new(MaxConcurrentDecodes, MaxConcurrentDecodes);

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
        var maxPixels = codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? MaxJpegPixels : MaxPngPixels;
        if (width <= 0 || height <= 0 || (long)width * height > maxPixels)
            throw new InvalidImageException("The logo is {0:N0} × {1:N0} pixels; please upload one under {2} megapixels.", width, height, maxPixels / 1_000_000);

        DecodeSlots.Wait();
        try
        {
            using var decoded = DecodeReduced(codec);
            var scale = Math.Min(1.0, (double)MaxSide / Math.Max(width, height));
            var target = new SKImageInfo(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)),
                SKColorType.Rgba8888, SKAlphaType.Premul);
            using var resized = decoded.Resize(target, new SKSamplingOptions(SKCubicResampler.Mitchell))
                ?? throw new InvalidImageException("The logo image could not be resized.");
            using var image = SKImage.FromBitmap(resized);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            return new OrganisationLogo(png.ToArray(), target.Width, target.Height);
        }
        finally
        {
            DecodeSlots.Release();
        }
    }

    /// <summary>
    /// The image to resize: a large JPEG at the smallest eighth of its size that keeps at least
    /// <see cref="MaxSide"/> pixels on its long side (never all its pixels), anything else whole.
    /// </summary>
    internal static SKBitmap DecodeReduced(SKCodec codec)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var full = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg && Math.Max(width, height) > MaxSide)
        {
            var scaled = codec.GetScaledDimensions((float)MaxSide / Math.Max(width, height));
            if (scaled.Width < width)
                return Decoded(codec, new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        }
        return Decoded(codec, full);
    }

    private static SKBitmap Decoded(SKCodec codec, SKImageInfo info)
    {
        var bitmap = new SKBitmap(info);
        // A truncated file decodes as far as it goes (the rest transparent), as SKBitmap.Decode did.
        if (codec.GetPixels(info, bitmap.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            bitmap.Dispose();
            throw new InvalidImageException("The logo image is damaged and cannot be read.");
        }
        return bitmap;
    }
}

/// <summary>Why an uploaded logo is refused, as a translatable template with its arguments (<see cref="Text"/>).</summary>
public sealed class InvalidImageException(string template, params object[] arguments)
    : Exception(new LocalisedFailure.Text(template, arguments).ToString())
{
    public LocalisedFailure.Text Text { get; } = new(template, arguments);
}
