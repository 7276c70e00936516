using System.Collections.Concurrent;

namespace SignOnLetters.Pdf.Text;

/// <summary>
/// The fonts the engine can draw with, and the fallback chains built from them: the fonts shipped
/// with the engine (<see cref="BundledFonts"/>, the floor on every machine) and those installed on
/// the system (<see cref="SystemFonts"/>), which may add coverage. Listed once at first use; faces
/// are shared by all documents.
/// </summary>
internal sealed class FontCatalog
{
    public const string CjkJapanese = "Noto Sans CJK JP";
    public const string CjkKorean = "Noto Sans CJK KR";
    public const string CjkSimplifiedChinese = "Noto Sans CJK SC";
    public const string CjkTraditionalChinese = "Noto Sans CJK TC";
    public const string EmojiFamily = "Noto Color Emoji";
    private const string CjkPlaceholder = "(CJK)";

    /// <summary>
    /// Tried in order for characters the primary family lacks. The four CJK faces stand where
    /// <see cref="CjkPlaceholder"/> does, in the order the text's region prefers (all four cover
    /// the common characters, so the first one wins and only letterforms differ). Colour emoji come
    /// last for text presentation but first for emoji presentation (see <see cref="FontChain"/>).
    /// </summary>
    private static readonly IReadOnlyList<string> FallbackFamilies =
    [
        "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai",
        CjkPlaceholder,
        "Noto Sans Armenian", "Noto Sans Georgian", "Noto Sans Bengali", "Noto Sans Tamil",
        "Noto Sans Gujarati", "Noto Sans Gurmukhi", "Noto Sans Telugu", "Noto Sans Kannada",
        "Noto Sans Malayalam", "Noto Sans Sinhala", "Noto Sans Khmer", "Noto Sans Lao",
        "Noto Sans Myanmar", "Noto Sans Ethiopic", "Noto Sans Syriac", "Noto Sans Thaana",
        "Noto Sans Math", "Noto Sans Symbols", "Noto Sans Symbols2", EmojiFamily,
    ];

    private static readonly HashSet<string> CjkFamilies = new(StringComparer.OrdinalIgnoreCase)
        { CjkJapanese, CjkKorean, CjkSimplifiedChinese, CjkTraditionalChinese };

    private static readonly Lazy<FontCatalog> SharedCatalog = new(() => new FontCatalog(BundledFonts.List(), SystemFonts.List()));

    private readonly ILookup<string, InstalledFont> bundledByFamily;
    private readonly ILookup<string, InstalledFont> systemByFamily;
    private readonly IReadOnlyList<string> otherSystemFamilies;
    private readonly ConcurrentDictionary<(string Family, bool Bold, bool Italic, CjkRegion Region), FontChain> chains = new();
    private readonly ConcurrentDictionary<(string Path, int Index), FontFace> faces = new();

    /// <param name="bundled">The engine's own fonts; for a family they are preferred to the system's, except CJK.</param>
    /// <param name="system">The machine's fonts: more coverage, and full CJK faces where installed.</param>
    internal FontCatalog(IEnumerable<InstalledFont> bundled, IEnumerable<InstalledFont> system)
    {
        bundledByFamily = bundled.ToLookup(font => font.Family, StringComparer.OrdinalIgnoreCase);
        systemByFamily = system.ToLookup(font => font.Family, StringComparer.OrdinalIgnoreCase);
        var known = new HashSet<string>(FallbackFamilies.Concat(CjkFamilies), StringComparer.OrdinalIgnoreCase);
        otherSystemFamilies = systemByFamily.Select(group => group.Key)
            .Where(family => !known.Contains(family) && !bundledByFamily.Contains(family))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static FontCatalog Shared => SharedCatalog.Value;

    /// <summary>True when no font at all was found: not even the bundled folder.</summary>
    public bool IsEmpty => bundledByFamily.Count == 0 && systemByFamily.Count == 0;

    public static InvalidOperationException NoFonts() => new(
        $"No font was found: the engine's own fonts belong in a '{BundledFonts.FolderName}' folder beside SignOnLetters.Pdf.dll, and the system lists none.");

    public FontChain GetChain(string primaryFamily, bool bold, bool italic, CjkRegion region = CjkRegion.Unspecified) =>
        chains.GetOrAdd((primaryFamily, bold, italic, region), key => BuildChain(key.Family, key.Bold, key.Italic, key.Region));

    /// <summary>The nearest style of a family: the bundled face first, except for CJK (see <see cref="Faces"/>).</summary>
    public FontFace? Find(string family, bool bold, bool italic) => Faces(family, bold, italic).FirstOrDefault();

    /// <summary>
    /// A family's nearest face from each source. The bundled face comes first so output is the same
    /// on every machine; for CJK the system's comes first, because the bundled CJK faces hold only
    /// each region's national character set while an installed one has every character.
    /// </summary>
    private IEnumerable<FontFace> Faces(string family, bool bold, bool italic)
    {
        var sources = CjkFamilies.Contains(family) ? new[] { systemByFamily, bundledByFamily } : [bundledByFamily, systemByFamily];
        foreach (var source in sources)
            if (Nearest(source[family], bold, italic) is { } font)
                yield return faces.GetOrAdd((font.Path, font.Index), key => new FontFace(font.Family, key.Path, key.Index));
    }

    private static InstalledFont? Nearest(IEnumerable<InstalledFont> candidates, bool bold, bool italic) =>
        // Exact weight and slant first, then the right weight, then anything.
        candidates
            .OrderBy(font => Math.Abs(font.Weight - (bold ? 200 : 80)) + (font.Slant != 0 == italic ? 0 : 50))
            .ThenBy(font => font.Path, StringComparer.Ordinal)
            .ThenBy(font => font.Index)
            .FirstOrDefault();

    private FontChain BuildChain(string primaryFamily, bool bold, bool italic, CjkRegion region)
    {
        var primary = Find(primaryFamily, bold, italic) ?? Find("Noto Sans", bold, italic)
            ?? otherSystemFamilies.Select(family => Find(family, bold, italic)).FirstOrDefault(face => face is not null)
            ?? throw NoFonts();
        var families = FallbackFamilies.SelectMany(family => family == CjkPlaceholder ? CjkRegions.FamiliesInOrder(region) : [family]);
        var fallbacks = families
            .SelectMany(family => Faces(family, bold, italic))
            // Whatever else the system has may cover a script we do not know of; after ours, in a fixed order.
            .Concat(otherSystemFamilies.Select(family => Find(family, bold, italic)).OfType<FontFace>())
            .Where(face => face != primary)
            .Distinct()
            .ToList();
        var emoji = fallbacks.FirstOrDefault(face => face.FamilyName.Equals(EmojiFamily, StringComparison.OrdinalIgnoreCase));
        return new FontChain(primary, fallbacks, emoji);
    }
}

internal sealed record InstalledFont(string Family, int Weight, int Slant, string Path, int Index);
