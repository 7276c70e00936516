using System.Text;

namespace SignOnLetters.Pdf.Text.Hyphenation;

/// <summary>
/// Frank Liang's hyphenation (TeX's) over one language's patterns, read from a LibreOffice/libhyphen
/// <c>.dic</c> file (ADR "hyphenation"). A pattern such as <c>.a2ch4</c> puts a value between its
/// letters; a word takes, between each pair of letters, the highest value of every pattern that
/// matches there, and may break where that value is odd.
/// </summary>
internal sealed class LiangHyphenator
{
    /// <summary>At least two letters stay before a break and three go after it, whatever the file allows.</summary>
    private const int MinimumLeft = 2;
    private const int MinimumRight = 3;

    private readonly Dictionary<string, byte[]> patterns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly int longestPattern;

    private LiangHyphenator(IEnumerable<string> lines)
    {
        lookup = patterns.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var rawLine in lines)
        {
            var line = rawLine.Trim();
            var space = line.IndexOfAny([' ', '\t']);
            if (space > 0)
                line = line[..space];
            if (line.Length == 0 || line[0] is '%' or '#')
                continue;
            if (line.StartsWith("LEFTHYPHENMIN", StringComparison.Ordinal))
            {
                LeftMinimum = Math.Max(LeftMinimum, ParseMinimum(rawLine));
                continue;
            }
            if (line.StartsWith("RIGHTHYPHENMIN", StringComparison.Ordinal))
            {
                RightMinimum = Math.Max(RightMinimum, ParseMinimum(rawLine));
                continue;
            }
            // Other keywords (NEXTLEVEL, COMPOUND…HYPHENMIN, NOHYPHEN) are libhyphen's compound-word
            // machinery: both levels' patterns are merged. Non-standard patterns ("ssz/sz=sz")
            // change spelling at the break, which we do not do.
            if (char.IsUpper(line[0]) && line.All(c => char.IsUpper(c) || c == '-') || line.Contains('/'))
                continue;
            AddPattern(line);
        }
        longestPattern = patterns.Keys.Select(key => key.Length).DefaultIfEmpty(0).Max();
    }

    public int LeftMinimum { get; private set; } = MinimumLeft;
    public int RightMinimum { get; private set; } = MinimumRight;

    public int PatternCount => patterns.Count;

    /// <summary>Reads a <c>.dic</c> file: its first line names the encoding (UTF-8, ISO8859-1, KOI8-R).</summary>
    public static LiangHyphenator Load(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var firstLineEnd = Array.IndexOf(bytes, (byte)'\n');
        var encodingName = Encoding.ASCII.GetString(bytes, 0, firstLineEnd < 0 ? bytes.Length : firstLineEnd).Trim();
        var text = EncodingNamed(encodingName).GetString(bytes, firstLineEnd + 1, bytes.Length - firstLineEnd - 1);
        return new LiangHyphenator(text.Split('\n'));
    }

    public static LiangHyphenator FromPatterns(params string[] lines) => new(lines);

    private static Encoding EncodingNamed(string name)
    {
        // The files are kept byte for byte as their authors wrote them (their licences ask that
        // some stay unmodified), so the legacy encodings are decoded here.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return name.ToUpperInvariant() switch
        {
            "UTF-8" or "UTF8" => Encoding.UTF8,
            "ISO8859-1" or "ISO-8859-1" => Encoding.Latin1,
            "ISO8859-2" => Encoding.GetEncoding("iso-8859-2"),
            "ISO8859-15" => Encoding.GetEncoding("iso-8859-15"),
            "KOI8-R" => Encoding.GetEncoding("koi8-r"),
            "KOI8-U" => Encoding.GetEncoding("koi8-u"),
            "MICROSOFT-CP1251" or "CP1251" => Encoding.GetEncoding(1251),
            _ => throw new InvalidDataException($"Hyphenation patterns in an unknown encoding: '{name}'."),
        };
    }

    private static int ParseMinimum(string line) =>
        int.TryParse(line.AsSpan(line.IndexOf(' ') + 1).Trim(), out var value) ? value : 0;

    private void AddPattern(string pattern)
    {
        var letters = new StringBuilder(pattern.Length);
        var values = new List<byte> { 0 };
        foreach (var c in pattern)
        {
            if (c is >= '0' and <= '9')
                values[^1] = (byte)(c - '0');
            else
            {
                letters.Append(char.ToLowerInvariant(c));
                values.Add(0);
            }
        }
        if (letters.Length == 0)
            return;
        var key = letters.ToString();
        if (patterns.TryGetValue(key, out var existing))
        {
            // The same letters in both levels of a file: the higher value wins, as in the merge of levels.
            for (var i = 0; i < existing.Length && i < values.Count; i++)
                existing[i] = Math.Max(existing[i], values[i]);
            return;
        }
        patterns.Add(key, values.ToArray());
    }

    /// <summary>
    /// Where <paramref name="word"/> (letters only, any case) may break: indices i, ascending,
    /// meaning between word[i - 1] and word[i]. Never inside a grapheme (before a combining mark).
    /// </summary>
    public List<int> BreakPoints(ReadOnlySpan<char> word)
    {
        var points = new List<int>();
        if (word.Length < LeftMinimum + RightMinimum)
            return points;
        Span<char> dotted = word.Length < 120 ? stackalloc char[word.Length + 2] : new char[word.Length + 2];
        dotted[0] = '.';
        dotted[^1] = '.';
        for (var i = 0; i < word.Length; i++)
            dotted[i + 1] = char.ToLowerInvariant(word[i]);
        Span<byte> values = dotted.Length < 120 ? stackalloc byte[dotted.Length + 1] : new byte[dotted.Length + 1];
        values.Clear();
        for (var start = 0; start < dotted.Length; start++)
        {
            var maxLength = Math.Min(longestPattern, dotted.Length - start);
            for (var length = 1; length <= maxLength; length++)
            {
                if (!lookup.TryGetValue(dotted.Slice(start, length), out var patternValues))
                    continue;
                for (var k = 0; k < patternValues.Length; k++)
                    values[start + k] = Math.Max(values[start + k], patternValues[k]);
            }
        }
        // values[j] lies between dotted[j - 1] and dotted[j]; the break before word[i] is values[i + 1].
        for (var i = LeftMinimum; i <= word.Length - RightMinimum; i++)
            if ((values[i + 1] & 1) == 1 && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(word[i])
                    is not (System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark))
                points.Add(i);
        return points;
    }

    /// <summary>The word with "-" at each break point, for tests and the ADR's examples.</summary>
    public string Show(string word)
    {
        var builder = new StringBuilder(word);
        var points = BreakPoints(word);
        for (var i = points.Count - 1; i >= 0; i--)
            builder.Insert(points[i], '-');
        return builder.ToString();
    }
}
