using System.Collections.Concurrent;
using System.Diagnostics;

namespace SignOnLetters.Pdf.Text;

/// <summary>
/// The fonts installed on this machine, as fontconfig lists them, and the fallback chains built
/// from them. One <c>fc-list</c> call at first use; faces are shared by all documents.
/// </summary>
internal sealed class FontCatalog
{
    /// <summary>
    /// Tried in order for characters the primary family lacks. Simplified Chinese comes before the
    /// Japanese and Korean faces of the same collection: all three cover every CJK character, so
    /// the first one wins and only glyph-shape preferences differ. Colour emoji come last for text
    /// presentation but first for emoji presentation (see <see cref="FontChain"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> FallbackFamilies =
    [
        "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai",
        "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR",
        "Noto Sans Armenian", "Noto Sans Georgian", "Noto Sans Bengali", "Noto Sans Tamil",
        "Noto Sans Gujarati", "Noto Sans Gurmukhi", "Noto Sans Telugu", "Noto Sans Kannada",
        "Noto Sans Malayalam", "Noto Sans Sinhala", "Noto Sans Khmer", "Noto Sans Lao",
        "Noto Sans Myanmar", "Noto Sans Ethiopic", "Noto Sans Syriac", "Noto Sans Thaana",
        "Noto Sans Math", "Noto Sans Symbols", "Noto Sans Symbols2", "Noto Color Emoji",
    ];

    public const string EmojiFamily = "Noto Color Emoji";

    private static readonly Lazy<FontCatalog> SharedCatalog = new(() => new FontCatalog(ListInstalledFonts()));

    private readonly ILookup<string, InstalledFont> fontsByFamily;
    private readonly ConcurrentDictionary<(string Family, bool Bold, bool Italic), FontChain> chains = new();
    private readonly ConcurrentDictionary<(string Path, int Index), FontFace> faces = new();

    internal FontCatalog(IEnumerable<InstalledFont> installed) =>
        fontsByFamily = installed.ToLookup(font => font.Family, StringComparer.OrdinalIgnoreCase);

    public static FontCatalog Shared => SharedCatalog.Value;

    public FontChain GetChain(string primaryFamily, bool bold, bool italic) =>
        chains.GetOrAdd((primaryFamily, bold, italic), key => BuildChain(key.Family, key.Bold, key.Italic));

    public FontFace? Find(string family, bool bold, bool italic)
    {
        var candidates = fontsByFamily[family].ToList();
        if (candidates.Count == 0)
            return null;
        // Nearest style: exact weight and slant first, then the right weight, then anything.
        var best = candidates
            .OrderBy(font => Math.Abs(font.Weight - (bold ? 200 : 80)) + (font.Slant != 0 == italic ? 0 : 50))
            .ThenBy(font => font.Path, StringComparer.Ordinal)
            .ThenBy(font => font.Index)
            .First();
        return faces.GetOrAdd((best.Path, best.Index), key => new FontFace(family, key.Path, key.Index));
    }

    private FontChain BuildChain(string primaryFamily, bool bold, bool italic)
    {
        var primary = Find(primaryFamily, bold, italic) ?? Find("Noto Sans", bold, italic)
            ?? throw new InvalidOperationException(
                $"Neither the font family '{primaryFamily}' nor Noto Sans is installed (fontconfig: fc-list). Install fonts-noto-core.");
        var fallbacks = FallbackFamilies
            .Select(family => Find(family, bold, italic))
            .OfType<FontFace>()
            .Where(face => face != primary)
            .ToList();
        var emoji = fallbacks.FirstOrDefault(face => face.FamilyName == EmojiFamily);
        return new FontChain(primary, fallbacks, emoji);
    }

    private static List<InstalledFont> ListInstalledFonts()
    {
        var startInfo = new ProcessStartInfo("fc-list", ["-f", "%{family}\t%{weight}\t%{slant}\t%{file}\t%{index}\n"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string output;
        try
        {
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("fc-list did not start.");
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException("fontconfig's fc-list is needed to find the Noto fonts (package fontconfig).", exception);
        }
        return ParseFontList(output);
    }

    internal static List<InstalledFont> ParseFontList(string fcListOutput)
    {
        var fonts = new List<InstalledFont>();
        foreach (var line in fcListOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length < 5 || !int.TryParse(fields[1], out var weight) || !int.TryParse(fields[2], out var slant)
                || !int.TryParse(fields[4], out var index))
                continue;
            // Variable fonts report a range for weight; those are skipped by TryParse above, on
            // purpose: Skia's PDF backend turns variable fonts into Type 3 outlines.
            foreach (var family in fields[0].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                fonts.Add(new InstalledFont(family, weight, slant, fields[3], index));
        }
        return fonts;
    }
}

internal sealed record InstalledFont(string Family, int Weight, int Slant, string Path, int Index);
