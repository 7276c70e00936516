using System.Globalization;

namespace SignOnLetters.Pdf.Text;

/// <summary>
/// Greedy line breaking at ICU's break opportunities; a word wider than the line is broken
/// between grapheme clusters rather than overflowing. Linear in the paragraph's length.
/// </summary>
internal static class LineBreaker
{
    private const float Tolerance = 0.01f;

    public static List<TextLine> BreakLines(ShapedParagraph paragraph, float maxWidth)
    {
        var text = paragraph.Text;
        var lines = new List<TextLine>();
        if (text.Length == 0)
        {
            lines.Add(BuildLine(paragraph, null, 0, 0, isLast: true));
            return lines;
        }
        var bidi = paragraph.Bidi;
        if (paragraph.Width(0, TrimTrailingSpaces(text, 0, text.Length)) <= maxWidth + Tolerance)
        {
            lines.Add(BuildLine(paragraph, bidi, 0, text.Length, isLast: true));
            return lines;
        }
        var breaks = paragraph.BreakOpportunities;
        var nextBreak = 0;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            while (nextBreak < breaks.Length && breaks[nextBreak] <= lineStart)
                nextBreak++;
            var lineEnd = -1;
            for (var candidate = nextBreak; candidate < breaks.Length; candidate++)
            {
                if (paragraph.Width(lineStart, TrimTrailingSpaces(text, lineStart, breaks[candidate])) > maxWidth + Tolerance)
                    break;
                lineEnd = breaks[candidate];
            }
            if (lineEnd < 0)
            {
                var wordEnd = nextBreak < breaks.Length ? breaks[nextBreak] : text.Length;
                lineEnd = BreakInsideWord(paragraph, lineStart, wordEnd, maxWidth);
            }
            lines.Add(BuildLine(paragraph, bidi, lineStart, lineEnd, isLast: lineEnd >= text.Length));
            lineStart = lineEnd;
        }
        return lines;
    }

    private static int TrimTrailingSpaces(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
            end--;
        return end;
    }

    private static int BreakInsideWord(ShapedParagraph paragraph, int start, int wordEnd, float maxWidth)
    {
        var position = start;
        while (position < wordEnd)
        {
            var length = StringInfo.GetNextTextElementLength(paragraph.Text.AsSpan(position, wordEnd - position));
            // Always take at least one grapheme, or a glyph wider than the line would never be placed.
            if (position > start && paragraph.Width(start, position + length) > maxWidth + Tolerance)
                break;
            position += length;
        }
        return position;
    }

    private static TextLine BuildLine(ShapedParagraph paragraph, BidiParagraph? bidi, int start, int end, bool isLast)
    {
        var visibleEnd = TrimTrailingSpaces(paragraph.Text, start, end);
        var fragments = new List<LineFragment>();
        if (visibleEnd > start)
        {
            if (bidi is null)
                AddFragments(paragraph, fragments, start, visibleEnd, reversed: false);
            else
                foreach (var (runStart, runEnd, isRightToLeft) in bidi.VisualRuns(start, visibleEnd))
                    AddFragments(paragraph, fragments, runStart, runEnd, reversed: isRightToLeft);
        }

        float ascent = 0, descent = 0, lineHeight = 0;
        for (var i = 0; i < Math.Max(1, fragments.Count); i++)
        {
            var style = fragments.Count > 0 ? fragments[i].Run.Style.Style : paragraph.StyleAt(start).Style;
            // The primary face sets the line metrics, so lines stay evenly spaced when a fallback
            // face (Devanagari, Thai) has taller ascenders.
            ascent = Math.Max(ascent, style.Size * style.Chain.Primary.Ascent);
            descent = Math.Max(descent, style.Size * style.Chain.Primary.Descent);
            lineHeight = Math.Max(lineHeight, style.LineHeight);
        }
        return new TextLine(fragments, ascent, descent, lineHeight, isLast,
            paragraph.IsRightToLeft, paragraph.Text[start..visibleEnd]);
    }

    /// <summary>Adds the pieces of the shaped runs covering [start, end), in visual order.</summary>
    private static void AddFragments(ShapedParagraph paragraph, List<LineFragment> fragments, int start, int end, bool reversed)
    {
        var runs = paragraph.Runs;
        var first = FirstRunEndingAfter(runs, start);
        var pieces = new List<LineFragment>();
        for (var r = first; r < runs.Count && runs[r].Start < end; r++)
        {
            var run = runs[r];
            var pieceStart = Math.Max(start, run.Start);
            var pieceEnd = Math.Min(end, run.End);
            var (glyphStart, glyphEnd) = run.GlyphRange(pieceStart, pieceEnd);
            if (glyphEnd > glyphStart)
                pieces.Add(new LineFragment(run, glyphStart, glyphEnd, pieceStart, pieceEnd));
        }
        if (reversed)
            pieces.Reverse();
        fragments.AddRange(pieces);
    }

    private static int FirstRunEndingAfter(List<ShapedRun> runs, int position)
    {
        int low = 0, high = runs.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (runs[middle].End > position)
                high = middle;
            else
                low = middle + 1;
        }
        return low;
    }
}
