using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// Adds a document outline (bookmarks) to a finished PDF. SkiaSharp does not expose Skia's
/// structure tree, the only source of outlines in Skia's PDF backend, so the outline is appended
/// as an incremental update: new outline objects, a new catalog pointing at them, and an xref
/// section chained to the original with /Prev. The original bytes are left untouched.
/// </summary>
internal static partial class PdfOutlineWriter
{
    // Latin-1 maps bytes to chars one to one, so string offsets are byte offsets.
    private static readonly Encoding Bytes = Encoding.Latin1;

    /// <summary>
    /// The bytes to append to <paramref name="pdf"/> (an incremental update). Only the trailer, the
    /// cross-reference table, the catalog and the page tree are read, slice by slice: a whole-file
    /// copy as a string put two large-object-heap allocations per document on the renderer.
    /// </summary>
    public static byte[] BuildOutlineUpdate(ReadOnlySpan<byte> pdf, IReadOnlyList<OutlineEntry> entries, IReadOnlyList<float> pageHeights)
    {
        var tailStart = Math.Max(0, pdf.Length - 1024);
        var tail = Bytes.GetString(pdf[tailStart..]);
        var startXref = int.Parse(StartXrefPattern().Matches(tail)[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        var offsets = ReadXref(Bytes.GetString(pdf[startXref..]), out var trailer);
        var size = int.Parse(SizePattern().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        var rootNumber = int.Parse(RootPattern().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        var info = InfoPattern().Match(trailer);

        var catalog = ObjectBody(pdf, offsets, rootNumber);
        var pagesNumber = int.Parse(PagesPattern().Match(catalog).Groups[1].Value, CultureInfo.InvariantCulture);
        var pageNumbers = new List<int>();
        CollectPages(pdf, offsets, pagesNumber, pageNumbers, depth: 0);

        var nodes = BuildTree(entries);
        var outlineRoot = size;
        var nextNumber = size + 1;
        foreach (var node in Flatten(nodes))
            node.ObjectNumber = nextNumber++;

        // The update's offsets count from the start of the original file.
        var baseLength = pdf.Length;
        var update = new StringBuilder();
        var newOffsets = new SortedDictionary<int, int>();
        void Emit(int number, string body)
        {
            newOffsets[number] = baseLength + update.Length;
            update.Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n{body}\nendobj\n");
        }

        update.Append('\n');
        Emit(outlineRoot, $"<</Type /Outlines /First {nodes[0].ObjectNumber} 0 R /Last {nodes[^1].ObjectNumber} 0 R /Count {CountOpen(nodes)}>>");
        EmitNodes(nodes, outlineRoot, Emit, pageNumbers, pageHeights);
        var newCatalog = catalog.TrimEnd();
        newCatalog = newCatalog[..newCatalog.LastIndexOf(">>", StringComparison.Ordinal)]
            + $" /Outlines {outlineRoot} 0 R /PageMode /UseOutlines>>";
        Emit(rootNumber, newCatalog);

        var xrefOffset = baseLength + update.Length;
        update.Append("xref\n");
        foreach (var section in Contiguous(newOffsets.Keys))
        {
            update.Append(CultureInfo.InvariantCulture, $"{section[0]} {section.Count}\n");
            foreach (var number in section)
                update.Append(CultureInfo.InvariantCulture, $"{newOffsets[number]:D10} 00000 n \n");
        }
        update.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {nextNumber} /Root {rootNumber} 0 R");
        if (info.Success)
            update.Append(CultureInfo.InvariantCulture, $" /Info {info.Groups[1].Value} 0 R");
        update.Append(CultureInfo.InvariantCulture, $" /Prev {startXref}>>\nstartxref\n{xrefOffset}\n%%EOF\n");

        return Bytes.GetBytes(update.ToString());
    }

    private static void EmitNodes(List<OutlineNode> siblings, int parent, Action<int, string> emit, List<int> pageNumbers, IReadOnlyList<float> pageHeights)
    {
        for (var i = 0; i < siblings.Count; i++)
        {
            var node = siblings[i];
            var pageIndex = Math.Clamp(node.Entry.PageNumber - 1, 0, pageNumbers.Count - 1);
            var top = pageHeights[pageIndex] - node.Entry.Y;
            var body = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<</Title {PdfTextString(node.Entry.Title)} /Parent {parent} 0 R");
            if (i > 0)
                body.Append(CultureInfo.InvariantCulture, $" /Prev {siblings[i - 1].ObjectNumber} 0 R");
            if (i + 1 < siblings.Count)
                body.Append(CultureInfo.InvariantCulture, $" /Next {siblings[i + 1].ObjectNumber} 0 R");
            if (node.Children.Count > 0)
                body.Append(CultureInfo.InvariantCulture,
                    $" /First {node.Children[0].ObjectNumber} 0 R /Last {node.Children[^1].ObjectNumber} 0 R /Count {CountOpen(node.Children)}");
            body.Append(CultureInfo.InvariantCulture, $" /Dest [{pageNumbers[pageIndex]} 0 R /XYZ 0 {top:0.##} null]>>");
            emit(node.ObjectNumber, body.ToString());
            EmitNodes(node.Children, node.ObjectNumber, emit, pageNumbers, pageHeights);
        }
    }

    /// <summary>Nests entries by level: a deeper entry becomes a child of the last shallower one.</summary>
    private static List<OutlineNode> BuildTree(IReadOnlyList<OutlineEntry> entries)
    {
        var roots = new List<OutlineNode>();
        var open = new Stack<OutlineNode>();
        foreach (var entry in entries)
        {
            var node = new OutlineNode(entry);
            while (open.Count > 0 && open.Peek().Entry.Level >= entry.Level)
                open.Pop();
            (open.Count > 0 ? open.Peek().Children : roots).Add(node);
            open.Push(node);
        }
        return roots;
    }

    private static IEnumerable<OutlineNode> Flatten(List<OutlineNode> nodes) =>
        nodes.SelectMany(node => new[] { node }.Concat(Flatten(node.Children)));

    private static int CountOpen(List<OutlineNode> nodes) => nodes.Sum(node => 1 + CountOpen(node.Children));

    private static IEnumerable<List<int>> Contiguous(IEnumerable<int> numbers)
    {
        var section = new List<int>();
        foreach (var number in numbers)
        {
            if (section.Count > 0 && number != section[^1] + 1)
            {
                yield return section;
                section = [];
            }
            section.Add(number);
        }
        if (section.Count > 0)
            yield return section;
    }

    /// <summary>UTF-16BE with a byte-order mark, hex-encoded: any script, no escaping rules.</summary>
    private static string PdfTextString(string value) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    private static Dictionary<int, int> ReadXref(string xrefAndTrailer, out string trailer)
    {
        var offsets = new Dictionary<int, int>();
        var reader = new StringReader(xrefAndTrailer);
        if (reader.ReadLine()?.Trim() != "xref")
            throw new InvalidOperationException("The PDF has no classic cross-reference table to extend.");
        string? line;
        while ((line = reader.ReadLine()?.Trim()) is not null && line != "trailer")
        {
            var header = line.Split(' ');
            var first = int.Parse(header[0], CultureInfo.InvariantCulture);
            var count = int.Parse(header[1], CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++)
            {
                var entry = reader.ReadLine()!;
                if (entry.Length >= 18 && entry[17] == 'n')
                    offsets[first + i] = int.Parse(entry[..10], CultureInfo.InvariantCulture);
            }
        }
        trailer = reader.ReadToEnd();
        return offsets;
    }

    private static string ObjectBody(ReadOnlySpan<byte> pdf, Dictionary<int, int> offsets, int number)
    {
        var rest = pdf[offsets[number]..];
        var start = rest.IndexOf("obj"u8) + 3;
        var end = rest.IndexOf("endobj"u8);
        if (start < 3 || end < start)
            throw new InvalidOperationException($"PDF object {number} is not where the cross-reference table says.");
        var body = rest[start..end];
        var stream = body.IndexOf("stream"u8);
        return Bytes.GetString(stream >= 0 ? body[..stream] : body).Trim();
    }

    private static void CollectPages(ReadOnlySpan<byte> pdf, Dictionary<int, int> offsets, int number, List<int> pages, int depth)
    {
        if (depth > 64)
            throw new InvalidOperationException("The PDF's page tree is too deep.");
        var body = ObjectBody(pdf, offsets, number);
        var kids = KidsPattern().Match(body);
        if (!PagesTypePattern().IsMatch(body) || !kids.Success)
        {
            pages.Add(number);
            return;
        }
        foreach (Match kid in ReferencePattern().Matches(kids.Groups[1].Value))
            CollectPages(pdf, offsets, int.Parse(kid.Groups[1].Value, CultureInfo.InvariantCulture), pages, depth + 1);
    }

    private sealed class OutlineNode(OutlineEntry entry)
    {
        public OutlineEntry Entry { get; } = entry;
        public List<OutlineNode> Children { get; } = [];
        public int ObjectNumber { get; set; }
    }

    [GeneratedRegex(@"startxref\s+(\d+)")] private static partial Regex StartXrefPattern();
    [GeneratedRegex(@"/Size\s+(\d+)")] private static partial Regex SizePattern();
    [GeneratedRegex(@"/Root\s+(\d+)\s+0\s+R")] private static partial Regex RootPattern();
    [GeneratedRegex(@"/Info\s+(\d+)\s+0\s+R")] private static partial Regex InfoPattern();
    [GeneratedRegex(@"/Pages\s+(\d+)\s+0\s+R")] private static partial Regex PagesPattern();
    [GeneratedRegex(@"/Type\s*/Pages\b")] private static partial Regex PagesTypePattern();
    [GeneratedRegex(@"/Kids\s*\[([^\]]*)\]")] private static partial Regex KidsPattern();
    [GeneratedRegex(@"(\d+)\s+0\s+R")] private static partial Regex ReferencePattern();
}
