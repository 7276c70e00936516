namespace SignOnLetters.Pdf.Fluent;

/// <summary>The PDF's document information. Dates are passed in (never read from a clock) so output is reproducible.</summary>
public sealed record DocumentMetadata
{
    public string? Title { get; init; }
    public string? Author { get; init; }
    public string? Subject { get; init; }
    public string? Keywords { get; init; }
    public string? Creator { get; init; }
    public string? Producer { get; init; }
    public DateTimeOffset? CreationDate { get; init; }
    public DateTimeOffset? ModifiedDate { get; init; }
}

/// <summary>Common page sizes in points.</summary>
public static class PageSizes
{
    public static readonly PageSize A4 = new(595.28f, 841.89f);
    public static readonly PageSize A5 = new(419.53f, 595.28f);
    public static readonly PageSize Letter = new(612f, 792f);
    public static readonly PageSize Legal = new(612f, 1008f);
}

public readonly record struct PageSize(float Width, float Height)
{
    public PageSize Landscape() => new(Height, Width);
}
