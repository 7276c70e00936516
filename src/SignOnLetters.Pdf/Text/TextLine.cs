namespace SignOnLetters.Pdf.Text;

/// <summary>One laid-out line: fragments in visual order (left to right on the page).</summary>
internal sealed class TextLine(List<LineFragment> fragments, float ascent, float descent, float lineHeightFactor,
    bool isLastInParagraph, bool isRightToLeft, string text)
{
    // A List, not an interface: drawing enumerates the fragments of every line of every page.
    public List<LineFragment> Fragments { get; } = fragments;
    public float Ascent { get; } = ascent;
    public float Descent { get; } = descent;
    public bool IsLastInParagraph { get; } = isLastInParagraph;
    public bool IsRightToLeft { get; } = isRightToLeft;

    /// <summary>The line's characters in logical order, without trailing spaces.</summary>
    public string Text { get; } = text;

    public float Width { get; } = SumOf(fragments, fragment => fragment.Width);
    public int SpaceCount { get; } = (int)SumOf(fragments, fragment => fragment.SpaceCount);
    public float Height { get; } = (ascent + descent) * lineHeightFactor;

    /// <summary>How the line is widened when its block is justified (<see cref="JustificationRule"/>).</summary>
    public Justification Justification { get; init; } = Justification.BetweenWords;

    /// <summary>Gaps between grapheme clusters, for inter-character justification: clusters less one.</summary>
    public int ClusterGapCount => Math.Max(0, (int)SumOf(Fragments, fragment => fragment.ClusterCount) - 1);

    // A plain loop: lines are built by the thousand, and LINQ's enumerators showed in allocation counts.
    private static float SumOf(List<LineFragment> fragments, Func<LineFragment, float> value)
    {
        var sum = 0f;
        for (var i = 0; i < fragments.Count; i++)
            sum += value(fragments[i]);
        return sum;
    }

    /// <summary>From the top of the line; extra line height is shared above and below.</summary>
    public float Baseline => (Height - (Ascent + Descent)) / 2 + Ascent;
}

/// <summary>The glyphs of one shaped run that fall on one line.</summary>
internal sealed class LineFragment(ShapedRun run, int glyphStart, int glyphEnd, int charStart, int charEnd)
{
    private string? text;

    public ShapedRun Run { get; } = run;
    public int GlyphStart { get; } = glyphStart;
    public int GlyphEnd { get; } = glyphEnd;
    public int CharStart { get; } = charStart;
    public int CharEnd { get; } = charEnd;
    public float Width { get; } = SumAdvances(run, glyphStart, glyphEnd);
    public int SpaceCount { get; } = CountSpaces(run, glyphStart, glyphEnd);

    public string Text => text ??= Run.Paragraph.Text[CharStart..CharEnd];

    /// <summary>
    /// The hyphen a line broken inside a word ends with: drawn, but not part of the text, so it is
    /// written as an artifact and the word reads back whole.
    /// </summary>
    public bool IsInsertedHyphen { get; init; }

    /// <summary>Grapheme clusters (HarfBuzz's clusters: a base and its marks) in this fragment.</summary>
    public int ClusterCount
    {
        get
        {
            var count = 0;
            for (var g = GlyphStart; g < GlyphEnd; g++)
                if (EndsCluster(g))
                    count++;
            return count;
        }
    }

    /// <summary>Whether glyph <paramref name="glyphIndex"/> is the last of its cluster in this fragment.</summary>
    public bool EndsCluster(int glyphIndex) => glyphIndex + 1 >= GlyphEnd || Run.Clusters[glyphIndex + 1] != Run.Clusters[glyphIndex];

    public ReadOnlySpan<char> TextSpan => Run.Paragraph.Text.AsSpan(CharStart, CharEnd - CharStart);

    public bool IsSpaceGlyph(int glyphIndex) => Run.Paragraph.Text[Run.Clusters[glyphIndex]] == ' ';

    private static float SumAdvances(ShapedRun run, int start, int end)
    {
        var width = 0f;
        for (var g = start; g < end; g++)
            width += run.Advances[g];
        return width;
    }

    private static int CountSpaces(ShapedRun run, int start, int end)
    {
        var count = 0;
        for (var g = start; g < end; g++)
            if (run.Paragraph.Text[run.Clusters[g]] == ' ')
                count++;
        return count;
    }
}
