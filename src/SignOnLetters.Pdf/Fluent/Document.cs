using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Elements;
using SignOnLetters.Pdf.Text;

namespace SignOnLetters.Pdf.Fluent;

/// <summary>
/// A composed document. Compose once, then generate as often as needed: each generation lays
/// out from the start, and the same input gives the same bytes.
/// </summary>
public sealed class Document : IDocumentContainer
{
    private readonly List<Page> pages = [];
    private DocumentMetadata metadata = new();

    /// <summary>Set by <see cref="GenerateOnce"/>, which leaves the document without its pages.</summary>
    private bool generatedOnce;

    /// <summary>The fonts to set text in; tests choose a catalog without the system's fonts.</summary>
    internal FontCatalog Fonts { get; set; } = FontCatalog.Shared;

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

    /// <summary>
    /// Writes the PDF to <paramref name="output"/> as it is made, without holding the file in memory
    /// (a sealed document needs a stream it can read back and seek in: a file or a MemoryStream).
    /// </summary>
    public void GeneratePdf(Stream output) => Generate(output);

    public byte[] GeneratePdf()
    {
        using var output = new MemoryStream();
        Generate(output);
        return output.ToArray();
    }

    /// <summary>
    /// The PDF and the scripts it lacked a font for. A character no font has never stops the
    /// document: it is drawn as the replacement character and named here, so the caller can tell
    /// someone how to add a font.
    /// </summary>
    public GeneratedPdf Generate() => Generate(null);

    /// <summary>
    /// As <see cref="Generate()"/>, telling <paramref name="progress"/> how far it is (from the
    /// generating thread and the shaping threads; reports are cheap but frequent, so keep the handler light).
    /// </summary>
    public GeneratedPdf Generate(IProgress<RenderProgress>? progress)
    {
        using var output = new MemoryStream();
        var missing = Generate(output, progress);
        return new GeneratedPdf(output.ToArray(), missing);
    }

    /// <summary>
    /// As <see cref="Generate(IProgress{RenderProgress})"/>, writing to <paramref name="output"/> as it
    /// goes rather than returning bytes: for long documents, whose file is best written to disk.
    /// Returns the scripts it lacked a font for.
    /// </summary>
    public IReadOnlyList<MissingScript> Generate(Stream output, IProgress<RenderProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckCanLayOut();
        lock (pages)
            return MissingScripts.Describe(PdfWriter.Write(pages, Fonts, metadata, output, progress).MissingCharacters);
    }

    /// <summary>
    /// As <see cref="Generate(Stream, IProgress{RenderProgress})"/>, for a document used once: its
    /// composed pages (with a long list's entries and every string they show, which
    /// <see cref="ColumnDescriptor.Items(int, Action{int, IContainer})"/>'s compose holds) are let go
    /// as soon as the last page is set, and <paramref name="progress"/> is told so with
    /// <see cref="RenderStage.Finishing"/>: the file's last phase (Skia's close and the tagging
    /// finisher) needs only the drawn file and the structure tree, and at 1,000,000 signatories the
    /// list held through it was the app's peak (docs/benchmarks.md, "The app's peak at the end of the
    /// 1,000,000 PDF"). The document has no pages afterwards: generating it again throws.
    /// </summary>
    public IReadOnlyList<MissingScript> GenerateOnce(Stream output, IProgress<RenderProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        List<Page> taken;
        lock (pages)
        {
            CheckCanLayOut();
            taken = [.. pages];
            pages.Clear();
            generatedOnce = true;
        }
        return MissingScripts.Describe(PdfWriter.Write(taken, Fonts, metadata, output, progress, releasePages: true).MissingCharacters);
    }

    /// <summary>Pages as display lists, for layout tests.</summary>
    internal DocumentLayout Layout()
    {
        CheckCanLayOut();
        lock (pages)
            return Paginator.LayoutKeepingPages(pages, Fonts);
    }

    private void CheckCanLayOut()
    {
        if (generatedOnce)
            throw new InvalidOperationException("The document was generated with GenerateOnce, which let its pages go; compose it again.");
        if (pages.Count == 0)
            throw new InvalidOperationException("The document has no pages; add one with Page(...).");
        // Checked here, not where a chain is first built: that happens on the shaping threads.
        if (Fonts.IsEmpty)
            throw FontCatalog.NoFonts();
    }
}
