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

    /// <summary>The document's language (BCP 47), for the catalog's /Lang and the XMP's dc:language.</summary>
    public string? Language { get; init; }

    /// <summary>The document's version and what changed in it, recorded in the XMP metadata.</summary>
    public string? Version { get; init; }

    public string? ChangeNote { get; init; }

    /// <summary>Files embedded in the PDF as associated files (PDF/A-3), such as the data behind a list.</summary>
    public IReadOnlyList<PdfAttachment> Attachments { get; init; } = [];

    /// <summary>When set, the file is sealed (PAdES) as it is written; see <see cref="IPdfSeal"/>.</summary>
    public IPdfSeal? Seal { get; init; }
}

/// <summary>A file embedded in the PDF; <paramref name="MediaType"/> as "text/csv".</summary>
public sealed record PdfAttachment(string FileName, string MediaType, byte[] Content, string Description);

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
