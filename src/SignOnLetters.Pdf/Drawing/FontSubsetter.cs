using System.Runtime.InteropServices;
using System.Text;
using SignOnLetters.Pdf.Text;
using SkiaSharp;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// Cuts each font down to the glyphs a document uses, with HarfBuzz's subsetter (exported by the
/// native libHarfBuzzSharp, not bound by the managed wrapper). Skia's PDF backend embeds whole
/// TrueType files (0.5 MB for Noto Sans), so the subset face is what Skia gets to draw with.
/// Glyph IDs are retained, so the shaping results computed on the full face stay valid.
/// </summary>
internal sealed class FontSubsetter
{
    private const string HarfBuzz = "libHarfBuzzSharp";
    private const uint NoHintingFlag = 0x1;
    private const uint RetainGlyphIdsFlag = 0x2;
    private const int UnicodeSet = 1;
    private const int DropTableSet = 3;

    // The document is shaped already; layout tables are dead weight in the PDF.
    private static readonly string[] DroppedTables = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "DSIG", "kern", "morx", "STAT"];

    private readonly Dictionary<FontFace, UsedGlyphs> usage = [];
    private readonly List<FontFace> facesInOrderOfUse = [];

    public void Add(LineFragment fragment)
    {
        var used = UsageOf(fragment.Run.Face);
        for (var g = fragment.GlyphStart; g < fragment.GlyphEnd; g++)
            used.Glyphs.Add(fragment.Run.Glyphs[g]);
        foreach (var rune in fragment.TextSpan.EnumerateRunes())
            used.CodePoints.Add((uint)rune.Value);
    }

    /// <summary>Adds the glyphs another collection recorded (a long list's, recorded as its items were measured).</summary>
    public void Add(FontSubsetter other)
    {
        foreach (var face in other.facesInOrderOfUse)
        {
            var used = UsageOf(face);
            used.Glyphs.UnionWith(other.usage[face].Glyphs);
            used.CodePoints.UnionWith(other.usage[face].CodePoints);
        }
    }

    private UsedGlyphs UsageOf(FontFace face)
    {
        if (!usage.TryGetValue(face, out var used))
        {
            used = new UsedGlyphs();
            usage.Add(face, used);
            facesInOrderOfUse.Add(face);
        }
        return used;
    }

    /// <summary>
    /// One Skia typeface per face used, in order of first use so output is deterministic. Subset
    /// typefaces belong to this document (dispose them); whole ones are shared and must not be.
    /// </summary>
    public Dictionary<FontFace, (SKTypeface Typeface, bool IsOwned)> BuildTypefaces()
    {
        var typefaces = new Dictionary<FontFace, (SKTypeface, bool)>();
        foreach (var face in facesInOrderOfUse)
        {
            // Only TrueType outlines are worth cutting: Skia draws CFF (the CJK collections) and
            // bitmap colour emoji as Type 3 fonts holding just the glyphs used, whatever it is given.
            // The typeface holds its own reference to the data.
            using var subset = HasTrueTypeOutlines(face) ? Subset(face, usage[face]) : null;
            typefaces[face] = subset is not null
                ? (SKTypeface.FromData(subset), true)
                : (face.WholeTypeface, false);
        }
        return typefaces;
    }

    private static bool HasTrueTypeOutlines(FontFace face) =>
        face.HarfBuzzFace.Tables.Contains(HarfBuzzSharp.Tag.Parse("glyf"));

    /// <summary>The subset font, copied from HarfBuzz's native memory straight into Skia's.</summary>
    private static SKData? Subset(FontFace face, UsedGlyphs used)
    {
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero)
            return null;
        try
        {
            var glyphSet = hb_subset_input_glyph_set(input);
            hb_set_add(glyphSet, 0);
            foreach (var glyph in used.Glyphs.Order())
                hb_set_add(glyphSet, glyph);
            // Keeping the characters' cmap entries lets Skia write a ToUnicode map, so text reads back.
            var unicodeSet = hb_subset_input_set(input, UnicodeSet);
            foreach (var codePoint in used.CodePoints.Order())
                hb_set_add(unicodeSet, codePoint);
            var dropSet = hb_subset_input_set(input, DropTableSet);
            foreach (var tag in DroppedTables)
                hb_set_add(dropSet, Tag(tag));
            hb_subset_input_set_flags(input, RetainGlyphIdsFlag | NoHintingFlag);

            var subsetFace = hb_subset_or_fail(face.HarfBuzzFace.Handle, input);
            if (subsetFace == IntPtr.Zero)
                return null;
            try
            {
                var blob = hb_face_reference_blob(subsetFace);
                try
                {
                    var data = hb_blob_get_data(blob, out var length);
                    if (data == IntPtr.Zero || length == 0)
                        return null;
                    return SKData.CreateCopy(data, (ulong)length);
                }
                finally
                {
                    hb_blob_destroy(blob);
                }
            }
            finally
            {
                hb_face_destroy(subsetFace);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);
        }
    }

    private static uint Tag(string tag)
    {
        var bytes = Encoding.ASCII.GetBytes(tag);
        return (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
    }

    private sealed class UsedGlyphs
    {
        public HashSet<uint> Glyphs { get; } = [];
        public HashSet<uint> CodePoints { get; } = [];
    }

    [DllImport(HarfBuzz)] private static extern IntPtr hb_subset_input_create_or_fail();
    [DllImport(HarfBuzz)] private static extern IntPtr hb_subset_input_glyph_set(IntPtr input);
    [DllImport(HarfBuzz)] private static extern IntPtr hb_subset_input_set(IntPtr input, int setType);
    [DllImport(HarfBuzz)] private static extern void hb_subset_input_set_flags(IntPtr input, uint flags);
    [DllImport(HarfBuzz)] private static extern void hb_subset_input_destroy(IntPtr input);
    [DllImport(HarfBuzz)] private static extern void hb_set_add(IntPtr set, uint codePoint);
    [DllImport(HarfBuzz)] private static extern IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);
    [DllImport(HarfBuzz)] private static extern IntPtr hb_face_reference_blob(IntPtr face);
    [DllImport(HarfBuzz)] private static extern void hb_face_destroy(IntPtr face);
    [DllImport(HarfBuzz)] private static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);
    [DllImport(HarfBuzz)] private static extern void hb_blob_destroy(IntPtr blob);
}
