using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// Reads the few things the finisher needs from the PDF Skia wrote: the cross-reference table,
/// the trailer, objects by number and the page tree. Skia writes a classic table and plain
/// (uncompressed) dictionaries, which is all this handles.
/// </summary>
internal sealed partial class PdfFileReader : IDisposable
{
    // Latin-1 maps bytes to chars one to one, so string offsets are byte offsets.
    public static readonly Encoding Bytes = Encoding.Latin1;

    /// <summary>How much of an object is read to find its dictionary: Skia's dictionaries are far shorter.</summary>
    private const int DictionaryWindow = 16 * 1024;

    private readonly SafeFileHandle file;
    private readonly long[] sortedOffsets;

    /// <summary>
    /// Reads <paramref name="path"/> object by object as the finisher asks (the file is never held
    /// whole: a 1,000,000-signatory letter's is about 90 MB).
    /// </summary>
    public PdfFileReader(string path)
    {
        file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            Length = RandomAccess.GetLength(file);
            var tailStart = Math.Max(0, Length - 1024);
            var tail = Bytes.GetString(Read(tailStart, (int)(Length - tailStart)));
            XrefOffset = long.Parse(StartXrefPattern().Matches(tail)[^1].Groups[1].Value, CultureInfo.InvariantCulture);
            Offsets = ReadXref(Bytes.GetString(Read(XrefOffset, checked((int)(Length - XrefOffset)))), out var trailer);
            Trailer = trailer;
            Size = int.Parse(SizePattern().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture);
            RootNumber = int.Parse(RootPattern().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture);
            var info = InfoPattern().Match(trailer);
            InfoNumber = info.Success ? int.Parse(info.Groups[1].Value, CultureInfo.InvariantCulture) : null;
            sortedOffsets = Offsets.Values.Append(XrefOffset).Order().ToArray();
            var pagesNumber = int.Parse(PagesPattern().Match(ObjectBody(RootNumber)).Groups[1].Value, CultureInfo.InvariantCulture);
            CollectPages(pagesNumber, PageNumbers, depth: 0);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public long Length { get; }
    public Dictionary<int, long> Offsets { get; }
    public long XrefOffset { get; }
    public string Trailer { get; }
    public int Size { get; }
    public int RootNumber { get; }
    public int? InfoNumber { get; }
    public List<int> PageNumbers { get; } = [];

    public void Dispose() => file.Dispose();

    /// <summary>Where the object starts ("N 0 obj") and how long it is, up to where the next object starts.</summary>
    private (long Start, long Length) Extent(int number)
    {
        var start = Offsets[number];
        var index = Array.BinarySearch(sortedOffsets, start);
        return (start, sortedOffsets[index + 1] - start);
    }

    /// <summary>Copies the object's bytes, from "N 0 obj" up to where the next object starts, to <paramref name="output"/>; returns how many and the last.</summary>
    public (long Length, byte Last) CopyRawObject(int number, Stream output)
    {
        var (start, length) = Extent(number);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Min(length, 1 << 16));
        try
        {
            byte last = 0;
            for (long done = 0; done < length;)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - done)), start + done);
                if (read <= 0)
                    throw new InvalidOperationException($"PDF object {number} runs past the end of the file.");
                output.Write(buffer, 0, read);
                last = buffer[read - 1];
                done += read;
            }
            return (length, last);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The object's dictionary (or other value), without its stream.</summary>
    public string ObjectBody(int number)
    {
        var (start, length) = Extent(number);
        // A stream object's data can be megabytes (a font): its dictionary comes first, so read only the start.
        var head = Read(start, (int)Math.Min(length, DictionaryWindow));
        var (bodyStart, bodyEnd) = BodyRange(head, number);
        if (bodyEnd < 0 && length > head.Length)
        {
            head = Read(start, checked((int)length));
            (bodyStart, bodyEnd) = BodyRange(head, number);
        }
        if (bodyEnd < 0)
            throw new InvalidOperationException($"PDF object {number} is not where the cross-reference table says.");
        return Bytes.GetString(head.AsSpan(bodyStart, bodyEnd - bodyStart)).Trim();
    }

    /// <summary>Where the value sits in an object's first bytes: after "obj", up to "stream" or "endobj"; -1 as the end when neither is there.</summary>
    private static (int Start, int End) BodyRange(ReadOnlySpan<byte> raw, int number)
    {
        var start = raw.IndexOf("obj"u8) + 3;
        if (start < 3)
            throw new InvalidOperationException($"PDF object {number} is not where the cross-reference table says.");
        var stream = raw[start..].IndexOf("stream"u8);
        if (stream >= 0)
            return (start, start + stream);
        var end = raw.LastIndexOf("endobj"u8);
        return (start, end < start ? -1 : end);
    }

    /// <summary>A stream object's data, still encoded.</summary>
    public byte[] StreamData(int number)
    {
        var (objectStart, length) = Extent(number);
        var head = Read(objectStart, (int)Math.Min(length, DictionaryWindow));
        var at = head.AsSpan().IndexOf("stream"u8);
        if (at < 0)
            throw new InvalidOperationException($"PDF object {number} has no stream.");
        var start = at + "stream".Length;
        if (head[start] == '\r')
            start++;
        if (head[start] == '\n')
            start++;
        var direct = LengthPattern().Match(ObjectBody(number));
        if (direct.Success)
            return Read(objectStart + start, int.Parse(direct.Groups[1].Value, CultureInfo.InvariantCulture));
        // An indirect length: the data ends before "endstream" (a decoder ignores a stray end of line).
        var raw = Read(objectStart, checked((int)length));
        return raw.AsSpan(start, raw.AsSpan().LastIndexOf("endstream"u8) - start).ToArray();
    }

    /// <summary>MD5 of the whole file, read in pieces (the finished file's identifier).</summary>
    public byte[] Md5()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.MD5);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            for (long done = 0; done < Length;)
            {
                var read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, Length - done)), done);
                if (read <= 0)
                    break;
                hash.AppendData(buffer, 0, read);
                done += read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return hash.GetHashAndReset();
    }

    private byte[] Read(long offset, int count)
    {
        var bytes = new byte[count];
        var done = 0;
        while (done < count)
        {
            var read = RandomAccess.Read(file, bytes.AsSpan(done), offset + done);
            if (read <= 0)
                throw new InvalidOperationException("The PDF ends before an object the cross-reference table names.");
            done += read;
        }
        return bytes;
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

    private static Dictionary<int, long> ReadXref(string xrefAndTrailer, out string trailer)
    {
        var offsets = new Dictionary<int, long>();
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
                    offsets[first + i] = long.Parse(entry[..10], CultureInfo.InvariantCulture);
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
