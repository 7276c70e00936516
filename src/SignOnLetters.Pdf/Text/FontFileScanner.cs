using HarfBuzzSharp;
using SkiaSharp;

namespace SignOnLetters.Pdf.Text;

/// <summary>
/// Reads family, weight and slant from font files themselves. Used for the fonts shipped with the
/// engine and, where fontconfig is absent (Windows, macOS, slim containers), for the system's font
/// folders. Opening a face to read its name costs a memory map and a header parse, not the glyphs.
/// </summary>
internal static class FontFileScanner
{
    private static readonly string[] FontExtensions = [".ttf", ".otf", ".ttc", ".otc"];
    private const uint VariationsTable = 'f' << 24 | 'v' << 16 | 'a' << 8 | 'r';

    public static List<InstalledFont> ScanDirectories(IEnumerable<string> directories, int maxFiles = 5_000)
    {
        var fonts = new List<InstalledFont>();
        var files = directories
            .Where(Directory.Exists)
            .SelectMany(directory => SafeEnumerate(directory))
            .Where(path => FontExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Take(maxFiles);
        foreach (var path in files)
            fonts.AddRange(ScanFile(path));
        return fonts;
    }

    public static IEnumerable<InstalledFont> ScanFile(string path)
    {
        int faceCount;
        try
        {
            using var blob = Blob.FromFile(path);
            faceCount = Math.Max(1, blob.FaceCount);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            yield break;
        }
        for (var index = 0; index < faceCount; index++)
        {
            using var typeface = SKTypeface.FromFile(path, index);
            if (typeface is null || string.IsNullOrWhiteSpace(typeface.FamilyName))
                continue;
            // Variable fonts are left out, as from fontconfig's list: Skia's PDF backend would
            // turn them into Type 3 outlines.
            if (typeface.GetTableTags().Contains(VariationsTable))
                continue;
            var slant = typeface.FontSlant == SKFontStyleSlant.Upright ? 0 : 100;
            yield return new InstalledFont(typeface.FamilyName, FontconfigWeight(typeface.FontWeight), slant, path, index);
        }
    }

    /// <summary>CSS weights (400, 700) on fontconfig's scale (80, 200), which the catalog compares in.</summary>
    internal static int FontconfigWeight(int cssWeight) => cssWeight switch
    {
        <= 100 => 0,
        <= 200 => 40,
        <= 300 => 50,
        <= 350 => 55,
        <= 400 => 80,
        <= 500 => 100,
        <= 600 => 180,
        <= 700 => 200,
        <= 800 => 205,
        _ => 210,
    };

    private static IEnumerable<string> SafeEnumerate(string directory)
    {
        try
        {
            return Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
