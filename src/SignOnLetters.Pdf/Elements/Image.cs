using SignOnLetters.Pdf.Infrastructure;
using SkiaSharp;

namespace SignOnLetters.Pdf.Elements;

/// <summary>A PNG or JPEG, scaled to fit the width (and optional limits) keeping its aspect ratio.</summary>
internal sealed class Image : DrawnOnceElement
{
    /// <summary>Larger sides are refused before decoding: a 30,000 × 30,000 PNG would need 3.6 GB.</summary>
    public const int MaxPixelsPerSide = 10_000;
    public const long MaxPixels = 40_000_000;

    // Logos arrive at screen resolution; 96 px per inch is the CSS convention.
    private const float PointsPerPixel = 72f / 96f;

    private Image(SKImage picture, int pixelWidth, int pixelHeight)
    {
        Picture = picture;
        PixelWidth = pixelWidth;
        PixelHeight = pixelHeight;
    }

    public SKImage Picture { get; }
    public int PixelWidth { get; }
    public int PixelHeight { get; }
    public float? Width { get; set; }
    public float? MaxHeight { get; set; }

    /// <summary>Checks the header's format and size before decoding anything.</summary>
    public static Image Decode(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        // Skia will not even open a PNG whose pixel data is missing, so a hostile header alone
        // would be reported as "not an image"; the size it claims is checked first instead.
        if (PngDeclaredSize(encoded) is var (declaredWidth, declaredHeight))
            CheckSize(declaredWidth, declaredHeight);
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new InvalidImageException($"The {encoded.Length} bytes given as an image are not a PNG or JPEG image.");
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
            throw new InvalidImageException($"Images must be PNG or JPEG; this one is {codec.EncodedFormat}.");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        CheckSize(width, height);

        // JPEG is kept encoded: Skia's PDF backend embeds JPEG bytes as they are, which is much
        // smaller than a re-encoded bitmap. It is still decoded once here so a broken file fails now.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new InvalidImageException($"The image could not be decoded ({result}).");
        var picture = codec.EncodedFormat == SKEncodedImageFormat.Jpeg
            ? SKImage.FromEncodedData(encoded)
            : SKImage.FromBitmap(bitmap);
        return new Image(picture ?? throw new InvalidImageException("The image could not be decoded."), width, height);
    }

    private static void CheckSize(long width, long height)
    {
        if (width <= 0 || height <= 0 || width > MaxPixelsPerSide || height > MaxPixelsPerSide || width * height > MaxPixels)
            throw new InvalidImageException(
                $"The image is {width} × {height} pixels; at most {MaxPixelsPerSide:N0} pixels a side and {MaxPixels:N0} pixels in all are accepted.");
    }

    /// <summary>The width and height in a PNG's IHDR chunk, which must come first.</summary>
    private static (long Width, long Height)? PngDeclaredSize(byte[] encoded)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (encoded.Length < 24 || !encoded.AsSpan(0, 8).SequenceEqual(signature) || !encoded.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            return null;
        return (System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(encoded.AsSpan(16)),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(encoded.AsSpan(20)));
    }

    public override SpacePlan Measure(Size available)
    {
        if (IsDrawn)
            return SpacePlan.Empty();
        var (width, height) = DisplaySize(available.Width);
        return height <= available.Height + Size.Epsilon
            ? SpacePlan.Full(width, height)
            : SpacePlan.Wrap($"image of {width:0.#} × {height:0.#}pt needs more height than the {available.Height:0.#}pt left");
    }

    public override void Draw(Size available)
    {
        var (width, height) = DisplaySize(available.Width);
        Context.Canvas.DrawImage(Picture, SKRect.Create(0, 0, width, height));
        MarkDrawn();
    }

    private (float Width, float Height) DisplaySize(float availableWidth)
    {
        var width = Math.Min(Width ?? PixelWidth * PointsPerPixel, availableWidth);
        var height = width * PixelHeight / PixelWidth;
        if (MaxHeight is { } maxHeight && height > maxHeight)
        {
            height = maxHeight;
            width = height * PixelWidth / PixelHeight;
        }
        return (width, height);
    }

    public override string Describe() => $"image {PixelWidth} × {PixelHeight} px";
}
