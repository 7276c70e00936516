using HarfBuzzSharp;

namespace SignOnLetters.Pdf.Text;

/// <summary>
/// One face of a font file (a .ttc holds several), opened lazily through HarfBuzz, which memory-maps
/// the file: a 20 MB CJK collection costs nothing until a glyph from it is needed.
/// </summary>
internal sealed class FontFace(string familyName, string path, int index)
{
    // One blob per file, shared by the faces of a collection: the Japanese, Korean and Chinese faces
    // of a 20 MB CJK .ttc would otherwise each hold the file. Kept for the process, like the faces.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Blob> SharedBlobs = new(StringComparer.Ordinal);

    private readonly Lock openLock = new();
    private Blob? blob;
    private Face? face;
    private HarfBuzzSharp.Font? font;

    public string FamilyName { get; } = familyName;
    public string Path { get; } = path;
    public int Index { get; } = index;

    public Face HarfBuzzFace { get { EnsureOpen(); return face!; } }

    /// <summary>Scaled to units per em, so advances come back in font units.</summary>
    public HarfBuzzSharp.Font HarfBuzzFont { get { EnsureOpen(); return font!; } }

    private SkiaSharp.SKTypeface? wholeTypeface;

    /// <summary>
    /// The whole face for Skia, for faces written as Type 3 (CJK, emoji). Kept for the process:
    /// opening a 20 MB collection and warming Skia's glyph cache for it again per document is waste.
    /// </summary>
    public SkiaSharp.SKTypeface WholeTypeface
    {
        get
        {
            if (wholeTypeface is null)
                lock (openLock)
                    wholeTypeface ??= SkiaSharp.SKTypeface.FromFile(Path, Index)
                        ?? throw new InvalidOperationException($"Skia cannot open the font {this}.");
            return wholeTypeface;
        }
    }

    public int UnitsPerEm { get; private set; }

    /// <summary>The face's glyph for U+FFFD and its advance in font units, drawn for characters no face has; null if it has none.</summary>
    public (ushort Glyph, int Advance)? ReplacementGlyph
    {
        get
        {
            var font = HarfBuzzFont;
            return font.TryGetNominalGlyph(0xFFFD, out var glyph) ? ((ushort)glyph, font.GetHorizontalGlyphAdvance(glyph)) : null;
        }
    }

    /// <summary>Ascender above the baseline, as a fraction of the font size.</summary>
    public float Ascent { get; private set; }

    /// <summary>Descender below the baseline (positive), as a fraction of the font size.</summary>
    public float Descent { get; private set; }

    // Answers for the Basic Multilingual Plane, filled as asked: 0 unknown, 1 covered, 2 not.
    // Font selection asks for every character of every name, and a native call each time showed up in profiles.
    // Made at the first question: a catalog holds a face for every system family, most never asked.
    private byte[]? basicPlaneCoverage;

    public bool Covers(int codePoint)
    {
        if (codePoint >= 0x10000)
            return HarfBuzzFont.TryGetNominalGlyph((uint)codePoint, out _);
        var coverage = Volatile.Read(ref basicPlaneCoverage);
        if (coverage is null)
        {
            Interlocked.CompareExchange(ref basicPlaneCoverage, new byte[0x10000], null);
            coverage = basicPlaneCoverage!;
        }
        var known = Volatile.Read(ref coverage[codePoint]);
        if (known == 0)
        {
            known = HarfBuzzFont.TryGetNominalGlyph((uint)codePoint, out _) ? (byte)1 : (byte)2;
            Volatile.Write(ref coverage[codePoint], known);
        }
        return known == 1;
    }

    private void EnsureOpen()
    {
        if (font is not null)
            return;
        lock (openLock)
        {
            if (font is not null)
                return;
            blob = SharedBlobs.GetOrAdd(Path, path => Blob.FromFile(path));
            face = new Face(blob, Index);
            UnitsPerEm = face.UnitsPerEm;
            var opened = new HarfBuzzSharp.Font(face);
            opened.SetScale(UnitsPerEm, UnitsPerEm);
            if (opened.TryGetHorizontalFontExtents(out var extents))
            {
                Ascent = extents.Ascender / (float)UnitsPerEm;
                Descent = -extents.Descender / (float)UnitsPerEm;
            }
            else
            {
                Ascent = 0.9f;
                Descent = 0.25f;
            }
            font = opened;
        }
    }

    public override string ToString() => $"{FamilyName} ({System.IO.Path.GetFileName(Path)}#{Index})";
}
