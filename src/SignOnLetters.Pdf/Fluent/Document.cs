using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Elements;

namespace SignOnLetters.Pdf.Fluent;

/// <summary>
/// A composed document. Compose once, then generate as often as needed: each generation lays
/// out from the start, and the same input gives the same bytes.
/// </summary>
public sealed class Document : IDocumentContainer
{
    private readonly List<Page> pages = [];
    private DocumentMetadata metadata = new();

    private Document()
    {
    }

    public static Document Create(Action<IDocumentContainer> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var document = new Document();
        compose(document);
        return document;
    }

    public Document WithMetadata(DocumentMetadata documentMetadata)
    {
        metadata = documentMetadata ?? throw new ArgumentNullException(nameof(documentMetadata));
        return this;
    }

    IDocumentContainer IDocumentContainer.Page(Action<PageDescriptor> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var page = new Page();
        compose(new PageDescriptor(page));
        pages.Add(page);
        return this;
    }

    public void GeneratePdf(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        PdfWriter.Write(Layout(), metadata, output);
    }

    public byte[] GeneratePdf() => PdfWriter.WriteToArray(Layout(), metadata);

    /// <summary>Pages as display lists, for layout tests.</summary>
    internal DocumentLayout Layout()
    {
        if (pages.Count == 0)
            throw new InvalidOperationException("The document has no pages; add one with Page(...).");
        lock (pages)
            return Paginator.Layout(pages);
    }
}
