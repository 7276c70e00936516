using System.Globalization;
using System.Text;
using HarfBuzzSharp;
using SignOnLetters.Pdf.Fluent;
using Buffer = HarfBuzzSharp.Buffer;

namespace SignOnLetters.Pdf.Text;

/// <summary>
/// A paragraph (no '\n' inside) itemised into runs of one face, style and direction, each shaped
/// by HarfBuzz. Shaping does not depend on the width, so it is done once and lines are broken
/// from the per-character advances it leaves.
/// </summary>
internal sealed class ShapedParagraph
{
    [ThreadStatic]
    private static Buffer? sharedBuffer;

    private readonly float[] advancePrefix;

    public ShapedParagraph(string text, IReadOnlyList<StyledRange> styles, TextDirection direction)
    {
        Text = text;
        Direction = direction;
        Styles = styles;
        byte[]? levels = null;
        if (direction == TextDirection.RightToLeft || UnicodeAlgorithms.MayNeedBidi(text))
        {
            Bidi = UnicodeAlgorithms.AnalyseBidi(text, direction);
            levels = Bidi.Levels;
        }
        Runs = Itemise(levels);
        advancePrefix = new float[text.Length + 1];
        var advances = new float[text.Length];
        foreach (var run in Runs)
            for (var g = 0; g < run.Glyphs.Length; g++)
                advances[run.Clusters[g]] += run.Advances[g];
        for (var i = 0; i < text.Length; i++)
            advancePrefix[i + 1] = advancePrefix[i] + advances[i];
    }

    public string Text { get; }
    public TextDirection Direction { get; }
    public IReadOnlyList<StyledRange> Styles { get; }
    public bool IsRightToLeft => Bidi?.IsRightToLeft ?? false;

    /// <summary>Null when the paragraph is entirely left-to-right.</summary>
    public BidiParagraph? Bidi { get; }
    private int[]? breakOpportunities;

    /// <summary>
    /// ICU's line-break opportunities, asked for only when the paragraph is wider than its line:
    /// most signatory names fit on one, and their break opportunities would never be used.
    /// </summary>
    public int[] BreakOpportunities => breakOpportunities ??= UnicodeAlgorithms.LineBreakOpportunities(Text);
    public List<ShapedRun> Runs { get; }

    /// <summary>
    /// Characters no available font has, drawn as the replacement character (U+FFFD); null when none.
    /// The document reports them so a coordinator learns which script needs a font.
    /// </summary>
    public HashSet<int>? MissingCharacters { get; private set; }

    public float Width(int start, int end) => advancePrefix[end] - advancePrefix[start];

    public StyledRange StyleAt(int index)
    {
        foreach (var style in Styles)
            if (index >= style.Start && index < style.End)
                return style;
        return Styles[^1];
    }

    private List<ShapedRun> Itemise(byte[]? levels)
    {
        var runs = new List<ShapedRun>();
        foreach (var style in Styles)
        {
            var runStart = style.Start;
            FontFace? runFace = null;
            var runLevel = (byte)0;
            var position = style.Start;
            var chain = style.Style.Chain;
            var wordEnd = position;
            while (position < style.End)
            {
                if (position >= wordEnd)
                {
                    // Each word chooses its CJK letterforms: kana make it Japanese, Hangul Korean.
                    wordEnd = WordEnd(position, style.End);
                    chain = style.Style.ChainFor(Text.AsSpan(position, wordEnd - position));
                }
                var length = StringInfo.GetNextTextElementLength(Text.AsSpan(position, style.End - position));
                var face = chain.Select(Text.AsSpan(position, length), runFace);
                var level = levels?[position] ?? 0;
                if (runFace is not null && (face != runFace || level != runLevel))
                {
                    runs.Add(Shape(runStart, position, runFace, runLevel, style));
                    runStart = position;
                }
                runFace = face;
                runLevel = level;
                position += length;
            }
            if (runFace is not null)
                runs.Add(Shape(runStart, style.End, runFace, runLevel, style));
        }
        return runs;
    }

    /// <summary>Just past the word at <paramref name="start"/> and the spaces after it.</summary>
    private int WordEnd(int start, int end)
    {
        var position = start;
        while (position < end && !char.IsWhiteSpace(Text[position]))
            position++;
        while (position < end && char.IsWhiteSpace(Text[position]))
            position++;
        return position;
    }

    /// <summary>Records a character drawn as .notdef; false for those that draw nothing anyway (spaces, controls).</summary>
    private bool NoteMissing(int cluster)
    {
        if (!Rune.TryGetRuneAt(Text, cluster, out var rune) || Rune.IsWhiteSpace(rune) || Rune.IsControl(rune)
            || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            return false;
        (MissingCharacters ??= []).Add(rune.Value);
        return true;
    }

    private ShapedRun Shape(int start, int end, FontFace face, byte level, StyledRange style)
    {
        var buffer = sharedBuffer ??= new Buffer();
        buffer.ClearContents();
        // The whole paragraph is passed as context so shaping at run edges (Arabic joining) is right;
        // clusters come back as indices into the paragraph.
        buffer.AddUtf16(Text.AsSpan(), start, end - start);
        buffer.Direction = (level & 1) == 1 ? HarfBuzzSharp.Direction.RightToLeft : HarfBuzzSharp.Direction.LeftToRight;
        buffer.GuessSegmentProperties();
        face.HarfBuzzFont.Shape(buffer);

        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var scale = style.Style.Size / face.UnitsPerEm;
        var run = new ShapedRun(this, face, style, start, end, (level & 1) == 1, infos.Length);
        for (var i = 0; i < infos.Length; i++)
        {
            run.Glyphs[i] = (ushort)infos[i].Codepoint;
            run.Clusters[i] = (int)infos[i].Cluster;
            run.Advances[i] = positions[i].XAdvance * scale;
            run.SetOffset(i, positions[i].XOffset * scale, -positions[i].YOffset * scale);
            if (run.Glyphs[i] == 0 && NoteMissing(run.Clusters[i]) && face.ReplacementGlyph is { } replacement)
            {
                // Skia's PDF backend draws nothing for .notdef: the replacement character (a mark
                // in a diamond) stands in, so a missing character is seen, not silently dropped.
                run.Glyphs[i] = replacement.Glyph;
                run.Advances[i] = replacement.Advance * scale;
            }
        }
        return run;
    }
}

/// <summary>Glyphs of one face and direction, in visual order (HarfBuzz reverses right-to-left runs).</summary>
internal sealed class ShapedRun(ShapedParagraph paragraph, FontFace face, StyledRange style, int start, int end, bool isRightToLeft, int glyphCount)
{
    public ShapedParagraph Paragraph { get; } = paragraph;
    public FontFace Face { get; } = face;
    public StyledRange Style { get; } = style;
    public int Start { get; } = start;
    public int End { get; } = end;
    public bool IsRightToLeft { get; } = isRightToLeft;
    public ushort[] Glyphs { get; } = new ushort[glyphCount];
    /// <summary>UTF-16 index in the paragraph of the first character each glyph shows.</summary>
    public int[] Clusters { get; } = new int[glyphCount];
    public float[] Advances { get; } = new float[glyphCount];

    // Glyph offsets, allocated only for a run that has any (marks placed over a letter, Arabic,
    // Indic scripts): most names have none, and a list of 100,000 names kept two arrays of zeros
    // per run alive until the file was written.
    private float[]? offsetsX;
    private float[]? offsetsY;

    public float OffsetX(int glyph) => offsetsX is null ? 0 : offsetsX[glyph];

    /// <summary>Already flipped to y-down.</summary>
    public float OffsetY(int glyph) => offsetsY is null ? 0 : offsetsY[glyph];

    public void SetOffset(int glyph, float x, float y)
    {
        if (x != 0)
            (offsetsX ??= new float[Glyphs.Length])[glyph] = x;
        if (y != 0)
            (offsetsY ??= new float[Glyphs.Length])[glyph] = y;
    }

    /// <summary>The contiguous glyphs whose clusters fall in [charStart, charEnd), found by binary search.</summary>
    public (int First, int End) GlyphRange(int charStart, int charEnd)
    {
        // Glyphs of a right-to-left run come in visual order, their clusters descending.
        return IsRightToLeft
            ? (FirstGlyphAcross(charEnd), FirstGlyphAcross(charStart))
            : (FirstGlyphAcross(charStart), FirstGlyphAcross(charEnd));
    }

    /// <summary>
    /// The first glyph, in glyph order, on the far side of <paramref name="boundary"/>: cluster ≥
    /// boundary in a left-to-right run, cluster &lt; boundary in a right-to-left one.
    /// </summary>
    private int FirstGlyphAcross(int boundary)
    {
        int low = 0, high = Clusters.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            var isPast = IsRightToLeft ? Clusters[middle] < boundary : Clusters[middle] >= boundary;
            if (isPast)
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }
}
