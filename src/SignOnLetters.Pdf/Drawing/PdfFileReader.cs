using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// Reads the few things the finisher needs from the PDF Skia wrote: the cross-reference table,
/// the trailer, objects by number and the page tree. Skia writes a classic table and plain
/// (uncompressed) dictionaries, which is all this handles.
/// </summary>
internal sealed partial class PdfFileReader
{
    // Latin-1 maps bytes to chars one to one, so string offsets are byte offsets.
    public static readonly Encoding Bytes = Encoding.Latin1;

    private readonly byte[] pdf;
    private readonly int[] sortedOffsets;

    public PdfFileReader(byte[] pdf)
    {
        this.pdf = pdf;
        var tailStart = Math.Max(0, pdf.Length - 1024);
        var tail = Bytes.GetString(pdf.AsSpan(tailStart));
        XrefOffset = int.Parse(StartXrefPattern().Matches(tail)[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        Offsets = ReadXref(Bytes.GetString(pdf.AsSpan(XrefOffset)), out var trailer);
        Trailer = trailer;
        Size = int.Parse(SizePattern().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        RootNumber = int.Parse(RootPattern().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        var info = InfoPattern().Match(trailer);
        InfoNumber = info.Success ? int.Parse(info.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        sortedOffsets = Offsets.Values.Append(XrefOffset).Order().ToArray();
        var pagesNumber = int.Parse(PagesPattern().Match(ObjectBody(RootNumber)).Groups[1].Value, CultureInfo.InvariantCulture);
        CollectPages(pagesNumber, PageNumbers, depth: 0);
    }

    public Dictionary<int, int> Offsets { get; }
    public int XrefOffset { get; }
    public string Trailer { get; }
    public int Size { get; }
    public int RootNumber { get; }
    public int? InfoNumber { get; }
    public List<int> PageNumbers { get; } = [];

    /// <summary>The object's bytes from "N 0 obj" up to where the next object starts.</summary>
    public ReadOnlySpan<byte> RawObject(int number)
    {
        var start = Offsets[number];
        var index = Array.BinarySearch(sortedOffsets, start);
        return pdf.AsSpan(start, sortedOffsets[index + 1] - start);
    }

    /// <summary>The object's dictionary (or other value), without its stream.</summary>
    public string ObjectBody(int number)
    {
        var rest = RawObject(number);
        var start = rest.IndexOf("obj"u8) + 3;
        var end = rest.LastIndexOf("endobj"u8);
        if (start < 3 || end < start)
            throw new InvalidOperationException($"PDF object {number} is not where the cross-reference table says.");
        var body = rest[start..end];
        var stream = body.IndexOf("stream"u8);
        return Bytes.GetString(stream >= 0 ? body[..stream] : body).Trim();
    }

    /// <summary>A stream object's data, still encoded: a view of the file, not a copy.</summary>
    public ReadOnlyMemory<byte> StreamData(int number)
    {
        var objectStart = Offsets[number];
        var rest = RawObject(number);
        var body = ObjectBody(number);
        var start = rest.IndexOf("stream"u8) + "stream".Length;
        if (rest[start] == '\r')
            start++;
        if (rest[start] == '\n')
            start++;
        var direct = LengthPattern().Match(body);
        if (direct.Success)
            return pdf.AsMemory(objectStart + start, int.Parse(direct.Groups[1].Value, CultureInfo.InvariantCulture));
        // An indirect length: the data ends before "endstream" (a decoder ignores a stray end of line).
        return pdf.AsMemory(objectStart + start, rest.LastIndexOf("endstream"u8) - start);
    }

    public static IEnumerable<int> References(string value) =>
        ReferencePattern().Matches(value).Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));

    /// <summary>The object number a key of <paramref name="dictionary"/> refers to.</summary>
    public static int? ReferenceOf(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, "/" + key + @"\s+(\d+)\s+0\s+R");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The references in the array value of a key of <paramref name="dictionary"/>.</summary>
    public static List<int> ReferenceArray(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, "/" + key + @"\s*\[([^\]]*)\]");
        return match.Success ? References(match.Groups[1].Value).ToList() : [];
    }

    /// <summary>UTF-16BE with a byte-order mark, hex-encoded: any script, no escaping rules.</summary>
    public static string TextString(string value) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    private static Dictionary<int, int> ReadXref(string xrefAndTrailer, out string trailer)
    {
        var offsets = new Dictionary<int, int>();
        var reader = new StringReader(xrefAndTrailer);
        if (reader.ReadLine()?.Trim() != "xref")
            throw new InvalidOperationException("The PDF has no classic cross-reference table.");
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

    private void CollectPages(int number, List<int> pages, int depth)
    {
        if (depth > 64)
            throw new InvalidOperationException("The PDF's page tree is too deep.");
        var body = ObjectBody(number);
        var kids = KidsPattern().Match(body);
        if (!PagesTypePattern().IsMatch(body) || !kids.Success)
        {
            pages.Add(number);
            return;
        }
        foreach (var kid in References(kids.Groups[1].Value))
            CollectPages(kid, pages, depth + 1);
    }

    [GeneratedRegex(@"startxref\s+(\d+)")] private static partial Regex StartXrefPattern();
    [GeneratedRegex(@"/Size\s+(\d+)")] private static partial Regex SizePattern();
    [GeneratedRegex(@"/Length\s+(\d+)\b(?!\s+\d+\s+R)")] private static partial Regex LengthPattern();
    [GeneratedRegex(@"/Root\s+(\d+)\s+0\s+R")] private static partial Regex RootPattern();
    [GeneratedRegex(@"/Info\s+(\d+)\s+0\s+R")] private static partial Regex InfoPattern();
    [GeneratedRegex(@"/Pages\s+(\d+)\s+0\s+R")] private static partial Regex PagesPattern();
    [GeneratedRegex(@"/Type\s*/Pages\b")] private static partial Regex PagesTypePattern();
    [GeneratedRegex(@"/Kids\s*\[([^\]]*)\]")] private static partial Regex KidsPattern();
    [GeneratedRegex(@"(\d+)\s+0\s+R")] private static partial Regex ReferencePattern();
}
