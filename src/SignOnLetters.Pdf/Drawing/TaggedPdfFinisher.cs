using System.Globalization;
using System.IO.Compression;
using System.Text;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// Turns the PDF Skia wrote into a tagged PDF/UA-1 and PDF/A-3u file (ADR 0012). SkiaSharp binds
/// none of Skia's structure API, so the writer drew a marker (<see cref="Sentinel"/>) wherever
/// the content changes structure element; here each marker becomes the end of one marked-content
/// sequence and the start of the next (BDC with its MCID, or an artifact), and the file is written
/// again: Skia's objects copied as they are, pages, link annotations, catalog and information
/// dictionary replaced, the structure tree, outline, XMP metadata, sRGB output intent and
/// associated files added. Nothing reads a clock or a random source: the same input gives the
/// same bytes.
/// </summary>
internal static class TaggedPdfFinisher
{
    /// <summary>
    /// The marker: a 1 × 1 pt square at (1, 1), which the letter's margins never hold. Skia writes
    /// it as exactly <see cref="SentinelOperators"/> in the page's coordinates.
    /// </summary>
    public static readonly SkiaSharp.SKRect Sentinel = SkiaSharp.SKRect.Create(1, 1, 1, 1);

    private static readonly byte[] SentinelOperators = "1 1 1 1 re\nf\n"u8.ToArray();

    /// <summary>
    /// Reads Skia's file at <paramref name="skiaPdfPath"/> object by object and writes the finished
    /// one to <paramref name="destination"/> as it goes: neither file is held whole in memory. A
    /// sealed document needs a destination it can read back and seek in (the seal covers the bytes
    /// around its own placeholder).
    /// </summary>
    public static void Finish(string skiaPdfPath, StructureTree tree, DocumentLayout layout, DocumentMetadata metadata, Stream destination)
    {
        if (metadata.Seal is not null && !(destination.CanSeek && destination.CanRead))
            throw new ArgumentException("A sealed PDF is written to a stream that can be read back and seeked (a file or a MemoryStream).", nameof(destination));
        using var reader = new PdfFileReader(skiaPdfPath);
        if (reader.PageNumbers.Count != tree.SequencesByPage.Count)
            throw new InvalidOperationException($"Skia wrote {reader.PageNumbers.Count} pages for {tree.SequencesByPage.Count} laid out.");
        using var output = new PdfOutput(destination, skiaPdfPath + ".objstm");
        var next = reader.Size;
        int Allocate() => next++;

        var replaced = new HashSet<int> { reader.RootNumber };
        if (reader.InfoNumber is { } infoNumber)
            replaced.Add(infoNumber);

        // Pages: marked content in the content streams, /StructParents, and the link annotations.
        var pageObjects = new List<(int Number, string Body)>();
        var linkKey = tree.SequencesByPage.Count;
        var linkParents = new List<(int Key, StructureNode Node)>();
        var annotationsByPage = new List<List<int>>();
        var contentMarker = new ContentMarker();
        // The seal's field: an invisible widget on the last page (zero rectangle, so PDF/A needs no
        // appearance), tagged as a Form element so PDF/UA's "every annotation tagged" holds.
        var seal = metadata.Seal;
        var sealWidget = seal is null ? 0 : Allocate();
        var sealSignature = seal is null ? 0 : Allocate();
        var lastPage = reader.PageNumbers.Count - 1;
        for (var i = 0; i < reader.PageNumbers.Count; i++)
        {
            var pageNumber = reader.PageNumbers[i];
            var body = reader.ObjectBody(pageNumber);
            var contents = PdfFileReader.ReferenceOf(body, "Contents")
                ?? throw new InvalidOperationException($"Page {i + 1} has no single content stream.");
            var annotations = PdfFileReader.ReferenceArray(body, "Annots");
            if (annotations.Count != tree.LinksByPage[i].Count)
                throw new InvalidOperationException($"Page {i + 1} has {annotations.Count} annotations for {tree.LinksByPage[i].Count} links drawn.");
            annotationsByPage.Add(annotations);
            replaced.Add(pageNumber);
            replaced.Add(contents);
            output.Stream(contents, "", contentMarker.Mark(reader.StreamData(contents), tree.SequencesByPage[i], i), compressed: true);
            // Read only here: let the page's sequences go (16 bytes each, a million at 1,000,000 signatories).
            tree.SequencesByPage[i] = [];
            if (seal is not null && i == lastPage)
                body = WithAnnotation(body, sealWidget);
            pageObjects.Add((pageNumber, Append(body, body.Contains("/Tabs", StringComparison.Ordinal) ? $"/StructParents {i}" : $"/StructParents {i} /Tabs /S")));
            for (var k = 0; k < annotations.Count; k++)
            {
                var node = tree.LinksByPage[i][k];
                var key = linkKey++;
                linkParents.Add((key, node));
                replaced.Add(annotations[k]);
                var annotation = reader.ObjectBody(annotations[k]);
                // PDF/A: annotations print (/F 4); PDF/UA: a link says where it goes (/Contents).
                var extra = $"/StructParent {key} /Contents {PdfFileReader.TextString(node.Tag.AlternateText ?? "Link")}";
                if (!annotation.Contains("/F ", StringComparison.Ordinal))
                    extra += " /F 4";
                output.Object(annotations[k], Append(annotation, extra));
            }
        }

        foreach (var (number, _) in reader.Offsets.OrderBy(entry => entry.Key))
            if (!replaced.Contains(number))
                output.Raw(number, reader);
        foreach (var (number, body) in pageObjects)
            output.Object(number, body);

        // The structure tree.
        var treeRoot = Allocate();
        var parentTree = Allocate();
        Number(tree.Root, Allocate);
        var sealElement = seal is null ? 0 : Allocate();
        var sealKey = seal is null ? -1 : linkKey++;
        WriteElement(output, tree.Root, treeRoot, "Document", reader.PageNumbers, annotationsByPage, metadata.Language,
            seal is null ? null : $"{sealElement} 0 R ");
        if (seal is not null)
            output.Compressible(sealElement, $"<</S /Form /P {tree.Root.ObjectNumber} 0 R /K [<</Type /OBJR /Pg {reader.PageNumbers[lastPage]} 0 R /Obj {sealWidget} 0 R>>]>>");
        // The parent tree: one reference per marked-content sequence, two million at 1,000,000
        // signatories, so written straight into the object stream's bytes (as one string it was
        // copied four times over, a few hundred megabytes at the end of the run).
        output.Compressible(parentTree, text =>
        {
            text.Append("<</Nums [");
            for (var i = 0; i < tree.ContentByPage.Count; i++)
            {
                text.Append(i).Append(" [");
                foreach (var node in tree.ContentByPage[i])
                    text.Reference(node.ObjectNumber).Append(" ");
                text.Append("] ");
            }
            foreach (var (key, node) in linkParents)
                text.Append(key).Append(" ").Reference(node.ObjectNumber).Append(" ");
            if (seal is not null)
                text.Append(sealKey).Append(" ").Reference(sealElement).Append(" ");
            text.Append("]>>");
        });
        output.Object(treeRoot, $"<</Type /StructTreeRoot /K {tree.Root.ObjectNumber} 0 R /ParentTree {parentTree} 0 R /ParentTreeNextKey {linkKey}>>");

        // Metadata, output intent, associated files, outline.
        var catalog = reader.ObjectBody(reader.RootNumber);
        var catalogExtra = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"/StructTreeRoot {treeRoot} 0 R /MarkInfo <</Marked true>>");
        // Skia writes /ViewerPreferences <</DisplayDocTitle true>> itself when the document has a title.
        if (!catalog.Contains("/ViewerPreferences", StringComparison.Ordinal))
            catalogExtra.Append(" /ViewerPreferences <</DisplayDocTitle true>>");
        if (!string.IsNullOrWhiteSpace(metadata.Language))
            catalogExtra.Append(CultureInfo.InvariantCulture, $" /Lang {PdfFileReader.TextString(metadata.Language)}");
        var xmp = Allocate();
        output.Stream(xmp, "/Type /Metadata /Subtype /XML", Encoding.UTF8.GetBytes(XmpMetadata.Build(metadata)), compressed: false);
        catalogExtra.Append(CultureInfo.InvariantCulture, $" /Metadata {xmp} 0 R");
        var profile = Allocate();
        output.Stream(profile, "/N 3", PdfDeflate.Compress(SrgbProfile.Bytes), compressed: true);
        var intent = Allocate();
        output.Object(intent, $"<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile {profile} 0 R>>");
        catalogExtra.Append(CultureInfo.InvariantCulture, $" /OutputIntents [{intent} 0 R]");
        if (metadata.Attachments.Count > 0)
        {
            var names = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var attachment in metadata.Attachments)
            {
                var file = Allocate();
                var date = PdfDate(metadata.ModifiedDate ?? metadata.CreationDate);
                var parameters = $"/Size {attachment.Size}" + (date is null ? "" : $" /ModDate {date}");
                output.Stream(file, $"/Type /EmbeddedFile /Subtype /{NameEscape(attachment.MediaType)} /Params <<{parameters}>>", attachment.Deflated.Span, compressed: true);
                var spec = Allocate();
                output.Object(spec, $"<</Type /Filespec /F {PdfFileReader.TextString(attachment.FileName)} /UF {PdfFileReader.TextString(attachment.FileName)} " +
                    $"/Desc {PdfFileReader.TextString(attachment.Description)} /AFRelationship /Data /EF <</F {file} 0 R /UF {file} 0 R>>>>");
                names[attachment.FileName] = spec;
            }
            var entries = string.Join(" ", names.Select(entry => $"{PdfFileReader.TextString(entry.Key)} {entry.Value} 0 R"));
            catalogExtra.Append(CultureInfo.InvariantCulture, $" /Names <</EmbeddedFiles <</Names [{entries}]>>>> /AF [{string.Join(" ", names.Values.Select(v => $"{v} 0 R"))}]");
        }
        if (layout.Outline.Count > 0)
        {
            var (outlineRoot, nextFree) = PdfOutlineWriter.Emit(layout.Outline, reader.PageNumbers, layout.PageHeights, next, (number, body) => output.Object(number, body));
            next = nextFree;
            catalogExtra.Append(CultureInfo.InvariantCulture, $" /Outlines {outlineRoot} 0 R /PageMode /UseOutlines");
        }
        long sealOffset = -1;
        if (seal is not null)
        {
            catalogExtra.Append(CultureInfo.InvariantCulture, $" /AcroForm <</Fields [{sealWidget} 0 R] /SigFlags 3>>");
            // /F 132: printable and locked (PDF/A forbids hidden annotations).
            output.Object(sealWidget, $"<</Type /Annot /Subtype /Widget /FT /Sig /T (Seal) /TU {PdfFileReader.TextString(seal.Description)} " +
                $"/F 132 /Rect [0 0 0 0] /P {reader.PageNumbers[lastPage]} 0 R /StructParent {sealKey} /V {sealSignature} 0 R>>");
            sealOffset = output.Object(sealSignature, PdfSealPlaceholder.Dictionary(seal));
        }
        output.Object(reader.RootNumber, Append(catalog, catalogExtra.ToString()));
        var info = reader.InfoNumber ?? Allocate();
        output.Object(info, InfoDictionary(metadata));

        // The file identifier, from the content: the same document gets the same ID.
        var id = Convert.ToHexString(reader.Md5());
        output.Finish(next, reader.RootNumber, info, id);
        if (seal is not null)
            PdfSealPlaceholder.Fill(destination, output.Start, sealOffset, seal);
    }

    /// <summary>The page dictionary with one more annotation in its (direct) /Annots array.</summary>
    private static string WithAnnotation(string page, int annotation)
    {
        var at = page.IndexOf("/Annots", StringComparison.Ordinal);
        if (at < 0)
            return Append(page, $"/Annots [{annotation} 0 R]");
        var open = page.IndexOf('[', at);
        if (open < 0 || page[(at + "/Annots".Length)..open].Trim().Length > 0)
            throw new InvalidOperationException("The last page's /Annots is not a direct array: the seal's widget has nowhere to go.");
        return page[..(open + 1)] + $"{annotation} 0 R " + page[(open + 1)..];
    }

    private static void Number(StructureNode node, Func<int> allocate)
    {
        node.ObjectNumber = allocate();
        foreach (var kid in node.Kids)
            if (kid is StructureNode child)
                Number(child, allocate);
    }

    private static bool HasMarkedContentOn(StructureNode node, int pageIndex)
    {
        foreach (var kid in node.Kids)
            if (kid is MarkedContentKid marked && marked.PageIndex == pageIndex)
                return true;
        return false;
    }

    private static void WriteElement(PdfOutput output, StructureNode node, int parentNumber, string? type,
        List<int> pages, List<List<int>> annotations, string? inheritedLanguage, string? extraKids = null)
    {
        var page = node.FirstPage;
        var language = inheritedLanguage;
        var ownLanguage = node.Tag.Language is { } own && !string.Equals(own, inheritedLanguage, StringComparison.OrdinalIgnoreCase);
        if (ownLanguage)
            language = node.Tag.Language;
        // Written into the object stream's bytes as it is made: a long list has millions of elements.
        output.Compressible(node.ObjectNumber, text =>
        {
            // /Type /StructElem is optional and left out: a long list has thousands of elements.
            text.Append("<</S /").Append(type ?? node.Tag.PdfName).Append(" /P ").Reference(parentNumber);
            // /Pg only where marked content is referred to by bare MCIDs: those on the element's first page.
            if (page is { } first && HasMarkedContentOn(node, first))
                text.Append(" /Pg ").Reference(pages[first]);
            if (ownLanguage)
                text.Append(" /Lang ").Append(PdfFileReader.TextString(language!));
            if (node.Tag.ActualText is { } actualText)
                text.Append(" /ActualText ").Append(PdfFileReader.TextString(actualText));
            if (node.Tag.Role == StructureRole.Figure)
                text.Append(" /Alt ").Append(PdfFileReader.TextString(node.Tag.AlternateText ?? ""));
            text.Append(" /K [");
            foreach (var kid in node.Kids)
            {
                switch (kid)
                {
                    case StructureNode child:
                        text.Reference(child.ObjectNumber).Append(" ");
                        break;
                    case MarkedContentKid marked when marked.PageIndex == page:
                        text.Append(marked.Mcid).Append(" ");
                        break;
                    case MarkedContentKid marked:
                        text.Append("<</Type /MCR /Pg ").Reference(pages[marked.PageIndex]).Append(" /MCID ").Append(marked.Mcid).Append(">> ");
                        break;
                    case AnnotationKid annotation:
                        text.Append("<</Type /OBJR /Pg ").Reference(pages[annotation.PageIndex])
                            .Append(" /Obj ").Reference(annotations[annotation.PageIndex][annotation.IndexOnPage]).Append(">> ");
                        break;
                }
            }
            text.Append(extraKids ?? "").Append("]>>");
        });
        foreach (var kid in node.Kids)
            if (kid is StructureNode child)
                WriteElement(output, child, node.ObjectNumber, null, pages, annotations, language);
    }

    /// <summary>
    /// Replaces each marker in a page's content with the end of the previous marked-content
    /// sequence and the start of the next. One per document: its two buffers are reused page after
    /// page, so a long document's pages are inflated, marked and deflated without a new array each
    /// (a 900-page list made 450 MB of garbage here, copying each page's content six times).
    /// </summary>
    private sealed class ContentMarker
    {
        private readonly MemoryStream inflated = new();
        private readonly MemoryStream deflated = new();

        /// <summary>The page's content, marked and compressed; valid until the next call.</summary>
        public ReadOnlySpan<byte> Mark(ReadOnlyMemory<byte> compressedContent, List<(StructureNode? Node, int Mcid)> sequences, int pageIndex)
        {
            inflated.SetLength(0);
            using (var input = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(compressedContent, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(compressedContent.ToArray()))
            using (var zlib = new ZLibStream(input, CompressionMode.Decompress))
                zlib.CopyTo(inflated);
            var content = inflated.GetBuffer().AsSpan(0, (int)inflated.Length);

            deflated.SetLength(0);
            using (var result = PdfDeflate.Compressing(deflated))
            {
                Span<byte> marker = stackalloc byte[96];
                var position = 0;
                for (var i = 0; i < sequences.Count; i++)
                {
                    var found = content[position..].IndexOf(SentinelOperators);
                    if (found < 0)
                        throw new InvalidOperationException($"Page {pageIndex + 1}: marker {i + 1} of {sequences.Count} is missing from Skia's content.");
                    result.Write(content.Slice(position, found));
                    if (i > 0)
                        result.Write(sequences[i - 1].Node == StructureTree.InsertedHyphen ? "EMC\nEMC\n"u8 : "EMC\n"u8);
                    var (node, mcid) = sequences[i];
                    if (node is null)
                        result.Write("/Artifact BMC\n"u8);
                    else if (node == StructureTree.InsertedHyphen)
                        result.Write("/Artifact BMC\n/Span <</ActualText ()>> BDC\n"u8);
                    else if (System.Text.Unicode.Utf8.TryWrite(marker, CultureInfo.InvariantCulture, $"/{node.Tag.PdfName} <</MCID {mcid}>> BDC\n", out var written))
                        result.Write(marker[..written]);
                    else
                        result.Write(Encoding.ASCII.GetBytes($"/{node.Tag.PdfName} <</MCID {mcid}>> BDC\n"));
                    position += found + SentinelOperators.Length;
                }
                result.Write(content[position..]);
                if (sequences.Count > 0)
                    result.Write(sequences[^1].Node == StructureTree.InsertedHyphen ? "\nEMC\nEMC\n"u8 : "\nEMC\n"u8);
            }
            return deflated.GetBuffer().AsSpan(0, (int)deflated.Length);
        }
    }

    private static string InfoDictionary(DocumentMetadata metadata)
    {
        var body = new StringBuilder("<<");
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                body.Append('/').Append(key).Append(' ').Append(PdfFileReader.TextString(value)).Append(' ');
        }
        Add("Title", metadata.Title);
        Add("Author", metadata.Author);
        Add("Subject", metadata.Subject);
        Add("Keywords", metadata.Keywords);
        Add("Creator", XmpMetadata.Creator(metadata));
        Add("Producer", XmpMetadata.Producer(metadata));
        if (PdfDate(metadata.CreationDate) is { } created)
            body.Append("/CreationDate ").Append(created).Append(' ');
        if (PdfDate(metadata.ModifiedDate ?? metadata.CreationDate) is { } modified)
            body.Append("/ModDate ").Append(modified).Append(' ');
        return body.Append(">>").ToString();
    }

    private static string? PdfDate(DateTimeOffset? date) =>
        date?.ToUniversalTime().ToString("'(D:'yyyyMMddHHmmss'Z)'", CultureInfo.InvariantCulture);

    private static string NameEscape(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '+' ? c.ToString() : $"#{(int)c:X2}"));

    private static string Append(string dictionary, string entries)
    {
        var end = dictionary.LastIndexOf(">>", StringComparison.Ordinal);
        return dictionary[..end].TrimEnd() + " " + entries + ">>";
    }

    /// <summary>
    /// Appends an object's text to a buffer as Latin-1 bytes (what the objects' strings were
    /// encoded as), numbers in the invariant culture: no string per object.
    /// </summary>
    private readonly struct ObjectText(MemoryStream buffer)
    {
        public ObjectText Append(string text)
        {
            var count = Encoding.Latin1.GetByteCount(text);
            byte[]? rented = null;
            Span<byte> bytes = count <= 256 ? stackalloc byte[256] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(count));
            var written = Encoding.Latin1.GetBytes(text, bytes);
            buffer.Write(bytes[..written]);
            if (rented is not null)
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            return this;
        }

        public ObjectText Append(int value)
        {
            Span<byte> digits = stackalloc byte[11];
            value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
            buffer.Write(digits[..written]);
            return this;
        }

        /// <summary>An indirect reference, "N 0 R".</summary>
        public ObjectText Reference(int number) => Append(number).Append(" 0 R");
    }

    /// <summary>
    /// Writes objects to the destination as they come, noting their offsets; packs small ones into
    /// object streams (compressed as each fills, so a list's hundreds of thousands of structure
    /// elements are not held as text) and ends with a cross-reference stream.
    /// </summary>
    private sealed class PdfOutput : IDisposable
    {
        private const int PerStream = 200;

        private readonly Stream bytes;
        private readonly Dictionary<int, long> offsets = [];
        private long position;

        public PdfOutput(Stream destination, string spillPath)
        {
            this.spillPath = spillPath;
            bytes = destination;
            Start = destination.CanSeek ? destination.Position : 0;
            // PDF 1.7 (PDF/A-3's base); the comment's high bytes mark the file as binary.
            Write(Encoding.Latin1.GetBytes("%PDF-1.7\n%\u00E2\u00E3\u00CF\u00D3\n"));
        }

        /// <summary>Where the file starts in the destination (offsets in it count from there).</summary>
        public long Start { get; }

        private void Write(ReadOnlySpan<byte> data)
        {
            bytes.Write(data);
            position += data.Length;
        }

        /// <summary>Copies an object of Skia's file as it is.</summary>
        public void Raw(int number, PdfFileReader reader)
        {
            offsets[number] = position;
            var (length, last) = reader.CopyRawObject(number, bytes);
            position += length;
            if (length == 0 || last != '\n')
                Write("\n"u8);
        }

        /// <summary>Writes an object; returns where it starts.</summary>
        public long Object(int number, string body)
        {
            var offset = offsets[number] = position;
            Write(Encoding.Latin1.GetBytes($"{number} 0 obj\n{body}\nendobj\n"));
            return offset;
        }

        public void Stream(int number, string dictionary, ReadOnlySpan<byte> data, bool compressed)
        {
            offsets[number] = position;
            var filter = compressed ? " /Filter /FlateDecode" : "";
            Write(Encoding.Latin1.GetBytes($"{number} 0 obj\n<<{dictionary}{filter} /Length {data.Length}>>\nstream\n"));
            Write(data);
            Write("\nendstream\nendobj\n"u8);
        }

        /// <summary>
        /// A small object that goes into an object stream: the structure tree has an element per
        /// paragraph and list entry, thousands in a long list, which compressed cost a tenth.
        /// </summary>
        public void Compressible(int number, string body) => Compressible(number, text => text.Append(body));

        /// <summary>
        /// An object for an object stream, written by <paramref name="write"/> straight into the
        /// stream's pending bytes (no string per object; the parent tree is one object of tens of
        /// megabytes at 1,000,000 signatories).
        /// </summary>
        public void Compressible(int number, Action<ObjectText> write)
        {
            var start = pendingBodies.Length;
            write(PendingText);
            pendingBodies.WriteByte((byte)'\n');
            pending.Add((number, checked((int)(pendingBodies.Length - start))));
            if (pending.Count == PerStream)
                Pack();
        }

        /// <summary>The pending objects' numbers and lengths (each body with its end of line).</summary>
        private readonly List<(int Number, int Length)> pending = [];

        /// <summary>The pending objects' bodies, one after the other; reused stream after stream.</summary>
        private readonly MemoryStream pendingBodies = new();

        private ObjectText PendingText => new(pendingBodies);

        /// <summary>One object stream's header (its objects' numbers and offsets); reused.</summary>
        private readonly MemoryStream packing = new();

        /// <summary>
        /// Full object streams, compressed, waiting for their numbers (which come after every other
        /// object's): their data in <see cref="spill"/>, from Offset, Length bytes. Held in memory
        /// they were the finisher's largest growth at the end of a long list (10,000 streams,
        /// about 40 MB at 1,000,000 signatories, all live at the run's peak).
        /// </summary>
        private readonly List<(int[] Numbers, int First, long Offset, int Length)> packed = [];

        private readonly string spillPath;

        /// <summary>A temporary file beside Skia's, deleted when closed; made at the first full object stream.</summary>
        private FileStream? spill;

        /// <summary>One object stream, deflated; reused.</summary>
        private readonly MemoryStream deflated = new();

        public void Dispose() => spill?.Dispose();

        private void Pack()
        {
            var header = new StringBuilder();
            var offset = 0;
            foreach (var (number, length) in pending)
            {
                header.Append(CultureInfo.InvariantCulture, $"{number} {offset} ");
                offset += length;
            }
            header.Append('\n');
            packing.SetLength(0);
            new ObjectText(packing).Append(header.ToString());
            var first = (int)packing.Length;
            // The header, then the bodies where they are: one deflate stream over both, the same
            // bytes as deflating them joined, without a copy of the parent tree's tens of megabytes.
            deflated.SetLength(0);
            using (var zlib = PdfDeflate.Compressing(deflated))
            {
                zlib.Write(packing.GetBuffer().AsSpan(0, first));
                zlib.Write(pendingBodies.GetBuffer().AsSpan(0, (int)pendingBodies.Length));
            }
            spill ??= new FileStream(spillPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            var at = spill.Position;
            spill.Write(deflated.GetBuffer().AsSpan(0, (int)deflated.Length));
            packed.Add((pending.Select(entry => entry.Number).ToArray(), first, at, (int)deflated.Length));
            pending.Clear();
            pendingBodies.SetLength(0);
            packing.SetLength(0);
            deflated.SetLength(0);
            // The parent tree's stream grows these to tens of megabytes: not kept for the small ones after it.
            if (pendingBodies.Capacity > 1 << 20)
                pendingBodies.Capacity = 0;
            if (packing.Capacity > 1 << 20)
                packing.Capacity = 0;
            if (deflated.Capacity > 1 << 20)
                deflated.Capacity = 0;
        }

        /// <summary>Writes the object streams and ends with a cross-reference stream.</summary>
        public void Finish(int size, int root, int info, string id)
        {
            if (pending.Count > 0)
                Pack();
            // Each compressed object's row is written as its stream is, not kept in a dictionary
            // (two million entries at 1,000,000 signatories); the objects written whole are
            // filled in after, as before they took precedence.
            var firstStream = size;
            if (spill is not null)
            {
                spill.Position = 0;
                var data = new byte[packed.Count == 0 ? 0 : packed.Max(stream => stream.Length)];
                foreach (var (numbers, first, offset, length) in packed)
                {
                    spill.Position = offset;
                    spill.ReadExactly(data, 0, length);
                    Stream(size, $"/Type /ObjStm /N {numbers.Length} /First {first}", data.AsSpan(0, length), compressed: true);
                    size++;
                }
            }
            var xrefNumber = size++;
            var xref = position;
            offsets[xrefNumber] = xref;
            var rows = new byte[size * 7];
            var streamNumber = firstStream;
            foreach (var (numbers, _, _, _) in packed)
            {
                for (var i = 0; i < numbers.Length; i++)
                {
                    var row = rows.AsSpan(numbers[i] * 7, 7);
                    row[0] = 2;
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(row[1..], (uint)streamNumber);
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(row[5..], (ushort)i);
                }
                streamNumber++;
            }
            packed.Clear();
            for (var number = 0; number < size; number++)
            {
                var row = rows.AsSpan(number * 7, 7);
                if (offsets.TryGetValue(number, out var offset))
                {
                    row[0] = 1;
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(row[1..], checked((uint)offset));
                    row[5] = row[6] = 0;
                }
                else if (row[0] == 0)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(row[5..], number == 0 ? (ushort)65535 : (ushort)0);
                }
            }
            Stream(xrefNumber, $"/Type /XRef /Size {size} /W [1 4 2] /Root {root} 0 R /Info {info} 0 R /ID [<{id}> <{id}>]", PdfDeflate.Compress(rows), compressed: true);
            Write(Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture, $"startxref\n{xref}\n%%EOF\n")));
            bytes.Flush();
        }
    }
}
