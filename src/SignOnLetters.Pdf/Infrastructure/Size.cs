namespace SignOnLetters.Pdf.Infrastructure;

/// <summary>A width and height in PDF points (1/72 inch).</summary>
internal readonly record struct Size(float Width, float Height)
{
    // Layout arithmetic accumulates float error; comparisons tolerate a hair so that content
    // measured to exactly fill a page is not pushed to the next one.
    public const float Epsilon = 0.001f;

    public static Size Zero => new(0, 0);
}
