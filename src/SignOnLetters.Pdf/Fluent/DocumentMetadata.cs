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

/// <summary>
/// A file embedded in the PDF; its media type as "text/csv". Held compressed, as the file will hold
/// it: an attachment of a long list (the signatories' CSV of 1,000,000 names, ~70 MB) is made when the
/// document is composed and kept until its end, and <see cref="Written"/> never has it uncompressed.
/// </summary>
public sealed class PdfAttachment
{
    private PdfAttachment(string fileName, string mediaType, string description, ReadOnlyMemory<byte> deflated, long size)
    {
        FileName = fileName;
        MediaType = mediaType;
        Description = description;
        Deflated = deflated;
        Size = size;
    }

    /// <summary>An attachment of the given bytes.</summary>
    public PdfAttachment(string fileName, string mediaType, byte[] content, string description)
        : this(fileName, mediaType, description, Drawing.PdfDeflate.Compress(content), content.Length)
    {
    }

    /// <summary>An attachment whose bytes <paramref name="write"/> writes now, compressed as they come.</summary>
    public static PdfAttachment Written(string fileName, string mediaType, string description, Action<Stream> write)
    {
        var (deflated, size) = Drawing.PdfDeflate.Compress(write);
        return new PdfAttachment(fileName, mediaType, description, deflated, size);
    }

    public string FileName { get; }

    public string MediaType { get; }

    public string Description { get; }

    /// <summary>The file's bytes in zlib form (/FlateDecode), as the file embeds them.</summary>
    public ReadOnlyMemory<byte> Deflated { get; }

    /// <summary>The file's length uncompressed (its /Size).</summary>
    public long Size { get; }

    /// <summary>The file's bytes uncompressed (for checks; the writer never needs them).</summary>
    public byte[] Content()
    {
        using var input = new MemoryStream(Deflated.ToArray());
        using var zlib = new System.IO.Compression.ZLibStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }
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
