using System.Globalization;
using System.Text;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// The document outline (bookmarks). SkiaSharp does not expose Skia's structure tree, the only
/// source of outlines in Skia's PDF backend, so <see cref="TaggedPdfFinisher"/> writes the outline
/// objects from here when it rewrites Skia's file.
/// </summary>
internal static class PdfOutlineWriter
{
    /// <summary>
    /// Emits the outline's objects, numbered from <paramref name="firstNumber"/>, and returns the
    /// number of its root and the next free number.
    /// </summary>
    public static (int Root, int NextNumber) Emit(IReadOnlyList<OutlineEntry> entries, IReadOnlyList<int> pageNumbers,
        IReadOnlyList<float> pageHeights, int firstNumber, Action<int, string> emit)
    {
        var nodes = BuildTree(entries);
        var outlineRoot = firstNumber;
        var nextNumber = firstNumber + 1;
        foreach (var node in Flatten(nodes))
            node.ObjectNumber = nextNumber++;
        emit(outlineRoot, $"<</Type /Outlines /First {nodes[0].ObjectNumber} 0 R /Last {nodes[^1].ObjectNumber} 0 R /Count {CountOpen(nodes)}>>");
        EmitNodes(nodes, outlineRoot, emit, pageNumbers, pageHeights);
        return (outlineRoot, nextNumber);
    }

    private static void EmitNodes(List<OutlineNode> siblings, int parent, Action<int, string> emit, IReadOnlyList<int> pageNumbers, IReadOnlyList<float> pageHeights)
    {
        for (var i = 0; i < siblings.Count; i++)
        {
            var node = siblings[i];
            var pageIndex = Math.Clamp(node.Entry.PageNumber - 1, 0, pageNumbers.Count - 1);
            var top = pageHeights[pageIndex] - node.Entry.Y;
            var body = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<</Title {PdfFileReader.TextString(node.Entry.Title)} /Parent {parent} 0 R");
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

    private sealed class OutlineNode(OutlineEntry entry)
    {
        public OutlineEntry Entry { get; } = entry;
        public List<OutlineNode> Children { get; } = [];
        public int ObjectNumber { get; set; }
    }
}
