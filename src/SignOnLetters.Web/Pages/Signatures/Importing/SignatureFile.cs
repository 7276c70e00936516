using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace SignOnLetters.Web.Pages.Signatures.Importing;

/// <summary>One record of the file: the line it starts on (1 is the header) and its cells as read.</summary>
public sealed record FileRow(long Line, string[] Cells, bool Damaged);

/// <summary>
/// A CSV file of signatures, read as a stream (a million rows never sit in memory): its encoding
/// (UTF-8 with or without BOM, UTF-16 with BOM; anything else is refused with what to do, since a
/// guessed code page turns names into nonsense silently), its delimiter (<c>,</c> <c>;</c> or tab,
/// as spreadsheets save them in different countries) and its header. The stream must be seekable:
/// the encoding is checked over the whole file before a single row is imported, so a file in the
/// wrong encoding stores nothing at all.
/// </summary>
public sealed class SignatureFile
{
    private const int ChunkBytes = 64 * 1024;
    private static readonly char[] Delimiters = [',', ';', '\t'];

    private readonly Stream _stream;

    private SignatureFile(Stream stream, Encoding encoding, char delimiter, string[] header)
    {
        _stream = stream;
        Encoding = encoding;
        Delimiter = delimiter;
        Header = header;
    }

    public Encoding Encoding { get; }
    public char Delimiter { get; }
    public IReadOnlyList<string> Header { get; }

    /// <summary>The file's encoding, delimiter and header; a <see cref="DomainRuleException"/> says why a file cannot be read at all.</summary>
    public static SignatureFile Open(Stream stream)
    {
        if (!stream.CanSeek)
            throw new ArgumentException("The file must be seekable.", nameof(stream));
        stream.Position = 0;
        var encoding = DetectEncoding(stream);
        stream.Position = 0;
        var delimiter = DetectDelimiter(stream, encoding);
        stream.Position = 0;
        using var reader = CreateReader(stream, encoding, delimiter);
        if (!reader.Read())
            throw new DomainRuleException("The file is empty.");
        var header = reader.Parser.Record ?? [];
        if (header.All(string.IsNullOrWhiteSpace))
            throw new DomainRuleException("The file's first line must name its columns, such as kind, organisation, name, role, country, email, visibility, signed_at.");
        // A UTF-8 byte order mark is not stripped by the reader (the encoding has no preamble to compare).
        return new SignatureFile(stream, encoding, delimiter, header.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray());
    }

    /// <summary>The rows under the header, one at a time; blank lines are skipped. Enumerate once at a time (it rewinds the stream).</summary>
    public IEnumerable<FileRow> Rows()
    {
        _stream.Position = 0;
        var damaged = false;
        using var reader = CreateReader(_stream, Encoding, Delimiter, () => damaged = true);
        reader.Read(); // the header
        var nextLine = reader.Parser.RawRow + 1L;
        while (reader.Read())
        {
            var cells = reader.Parser.Record ?? [];
            var line = nextLine;
            nextLine = reader.Parser.RawRow + 1L;
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                damaged = false;
                continue;
            }
            yield return new FileRow(line, cells, damaged);
            damaged = false;
        }
    }

    private static CsvReader CreateReader(Stream stream, Encoding encoding, char delimiter, Action? badData = null)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            HasHeaderRecord = false,
            // Ragged rows and stray quotes are the row's problem, reported with its line; the rest of the file still imports.
            BadDataFound = _ => badData?.Invoke(),
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.None,
        };
        var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: ChunkBytes, leaveOpen: true);
        return new CsvReader(text, configuration);
    }

    /// <summary>
    /// A byte order mark says UTF-8 or UTF-16; without one the file must be UTF-8 throughout, checked
    /// to its last byte. Bytes that are not UTF-8 are almost always Windows-1252 or Latin-1 (Excel's
    /// "CSV" on Windows): refused with the line and how to save the file again, never guessed.
    /// </summary>
    private static Encoding DetectEncoding(Stream stream)
    {
        Span<byte> start = stackalloc byte[4];
        var read = stream.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        start = start[..read];
        if (read == 0)
            throw new DomainRuleException("The file is empty.");
        if (start.Length >= 4 && (start[..4].SequenceEqual(new byte[] { 0xFF, 0xFE, 0, 0 }) || start[..4].SequenceEqual(new byte[] { 0, 0, 0xFE, 0xFF })))
            throw new DomainRuleException("The file is in UTF-32, which spreadsheets do not read. Save it as \"CSV UTF-8\" and upload it again.");
        if (start.StartsWith(new byte[] { 0xFF, 0xFE }))
            return CheckedText(stream, new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true), 2);
        if (start.StartsWith(new byte[] { 0xFE, 0xFF }))
            return CheckedText(stream, new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true), 2);
        var bom = start.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? 3 : 0;
        return CheckedText(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), bom);
    }

    /// <summary>Decodes the whole file once, so a bad byte anywhere refuses the file before any row is stored.</summary>
    private static Encoding CheckedText(Stream stream, Encoding encoding, int bomLength)
    {
        stream.Position = bomLength;
        var decoder = encoding.GetDecoder();
        var bytes = new byte[ChunkBytes];
        var chars = new char[encoding.GetMaxCharCount(ChunkBytes)];
        var line = 1L;
        var anyText = false;
        int count;
        while ((count = stream.Read(bytes, 0, bytes.Length)) > 0)
        {
            int decoded;
            try
            {
                decoded = decoder.GetChars(bytes, 0, count, chars, 0, flush: false);
            }
            catch (DecoderFallbackException bad)
            {
                line += bytes.AsSpan(0, Math.Clamp(bad.Index, 0, count)).Count((byte)'\n');
                throw encoding is UTF8Encoding
                    ? new DomainRuleException("The file is not in UTF-8: line {0} has characters in another encoding (such as Windows-1252, which Excel uses for \"CSV\"). Save it as \"CSV UTF-8\" and upload it again. Nothing was imported.", line)
                    : new DomainRuleException("The file cannot be read as UTF-16: line {0} is damaged. Save it as \"CSV UTF-8\" and upload it again. Nothing was imported.", line);
            }
            var text = chars.AsSpan(0, decoded);
            // A NUL is never text: a UTF-16 file without its byte order mark, or not a CSV file at all.
            if (text.Contains('\0'))
                throw new DomainRuleException("The file is not a text file (or it is UTF-16 without a byte order mark). Save it as \"CSV UTF-8\" and upload it again. Nothing was imported.");
            anyText |= !text.IsWhiteSpace();
            line += text.Count('\n');
        }
        try
        {
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            throw new DomainRuleException("The file ends in the middle of a character: it may have been cut short. Nothing was imported.");
        }
        if (!anyText)
            throw new DomainRuleException("The file is empty.");
        return encoding;
    }

    /// <summary>The delimiter the header uses most, outside quotes (a comma when it has none: one column).</summary>
    private static char DetectDelimiter(Stream stream, Encoding encoding)
    {
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: ChunkBytes, leaveOpen: true);
        var counts = new int[Delimiters.Length];
        var quoted = false;
        int next;
        var read = 0;
        while ((next = reader.Read()) >= 0 && read++ < ChunkBytes)
        {
            var c = (char)next;
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && c is '\n' or '\r' && counts.Any(n => n > 0))
                break;
            else if (!quoted && Array.IndexOf(Delimiters, c) is var index and >= 0)
                counts[index]++;
        }
        var best = Array.IndexOf(counts, counts.Max());
        return counts[best] == 0 ? ',' : Delimiters[best];
    }
}
