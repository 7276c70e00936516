using System.Collections.Concurrent;
using System.Globalization;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Text.Hyphenation;

namespace SignOnLetters.Pdf.Text;

/// <summary>
/// Greedy line breaking at ICU's break opportunities (UAX #14, with ICU's dictionary for Thai and
/// its strict rules for Japanese: no line starts with 。、」 or a small kana); a word wider than the
/// line is broken between grapheme clusters rather than overflowing. A line ending at a soft hyphen
/// (U+00AD) shows a hyphen; in justified text of a language with patterns, a line that would be
/// loose takes the first part of the next word, hyphenated. Linear in the paragraph's length.
/// </summary>
internal static class LineBreaker
{
    private const float Tolerance = 0.01f;
    private const char SoftHyphen = '\u00AD';

    /// <summary>
    /// A line is loose, and worth hyphenating the next word for, when justifying it would widen each
    /// space by more than this share of the font size (a space in Noto Sans is 0.26 em).
    /// </summary>
    private const float LooseExtraPerSpace = 0.2f;

    public static List<TextLine> BreakLines(ShapedParagraph paragraph, float maxWidth, Justification justification, LiangHyphenator? hyphenator)
    {
        var text = paragraph.Text;
        var lines = new List<TextLine>();
        if (text.Length == 0)
        {
            lines.Add(BuildLine(paragraph, null, 0, 0, isLast: true, justification, hyphen: null));
            return lines;
        }
        var bidi = paragraph.Bidi;
        if (paragraph.Width(0, TrimTrailingSpaces(text, 0, text.Length)) <= maxWidth + Tolerance)
        {
            lines.Add(BuildLine(paragraph, bidi, 0, text.Length, isLast: true, justification, hyphen: null));
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
            var candidate = nextBreak;
            for (; candidate < breaks.Length; candidate++)
            {
                var end = TrimTrailingSpaces(text, lineStart, breaks[candidate]);
                if (paragraph.Width(lineStart, end) + SoftHyphenWidth(paragraph, end) > maxWidth + Tolerance)
                    break;
                lineEnd = breaks[candidate];
            }
            LineFragment? hyphen = null;
            if (lineEnd < 0)
            {
                var wordEnd = nextBreak < breaks.Length ? breaks[nextBreak] : text.Length;
                lineEnd = BreakInsideWord(paragraph, lineStart, wordEnd, maxWidth);
            }
            else if (lineEnd < text.Length && hyphenator is not null && candidate < breaks.Length
                && HyphenateNextWord(paragraph, hyphenator, lineStart, lineEnd, breaks[candidate], maxWidth) is { } hyphenated)
            {
                lineEnd = hyphenated;
                hyphen = Hyphen(paragraph, lineEnd - 1);
            }
            var visibleEnd = TrimTrailingSpaces(text, lineStart, lineEnd);
            if (hyphen is null && lineEnd < text.Length && visibleEnd > lineStart && text[visibleEnd - 1] == SoftHyphen)
                hyphen = Hyphen(paragraph, visibleEnd - 1);
            lines.Add(BuildLine(paragraph, bidi, lineStart, lineEnd, isLast: lineEnd >= text.Length, justification, hyphen));
            lineStart = lineEnd;
        }
        return lines;
    }

    /// <summary>A line ending at a soft hyphen shows a hyphen, so it needs its width.</summary>
    private static float SoftHyphenWidth(ShapedParagraph paragraph, int visibleEnd) =>
        visibleEnd > 0 && paragraph.Text[visibleEnd - 1] == SoftHyphen ? HyphenParagraph(paragraph.StyleAt(visibleEnd - 1)).Width(0, 1) : 0;

    /// <summary>
    /// Where to end a line inside the word after <paramref name="lineEnd"/>, hyphenated, when the line
    /// would otherwise be loose: the last break point whose first part and hyphen still fit. Null when
    /// the line is tight enough, or the word is not a word of the language (a link, an e-mail address,
    /// a hash, anything with digits or symbols).
    /// </summary>
    private static int? HyphenateNextWord(ShapedParagraph paragraph, LiangHyphenator hyphenator, int lineStart, int lineEnd, int segmentEnd, float maxWidth)
    {
        var text = paragraph.Text;
        var visibleEnd = TrimTrailingSpaces(text, lineStart, lineEnd);
        var style = paragraph.StyleAt(lineEnd);
        var slack = maxWidth - paragraph.Width(lineStart, visibleEnd);
        var spaces = 0;
        for (var i = lineStart; i < visibleEnd; i++)
            if (text[i] == ' ')
                spaces++;
        if (slack <= LooseExtraPerSpace * style.Style.Size * Math.Max(1, spaces))
            return null;
        if (NextWord(paragraph, lineEnd, segmentEnd) is not var (wordStart, wordEnd))
            return null;
        var points = hyphenator.BreakPoints(text.AsSpan(wordStart, wordEnd - wordStart));
        var hyphenWidth = HyphenParagraph(paragraph.StyleAt(wordStart)).Width(0, 1);
        for (var p = points.Count - 1; p >= 0; p--)
        {
            var end = wordStart + points[p];
            if (paragraph.Width(lineStart, end) + hyphenWidth <= maxWidth + Tolerance)
                return end;
        }
        return null;
    }

    /// <summary>
    /// The letters of the word in [start, segmentEnd) that may be hyphenated, without the punctuation
    /// around them (and after an elision's apostrophe: l'organisation); null when the whole
    /// space-delimited token is not plain words (URLs, e-mail addresses, hashes, numbers) or is a link.
    /// </summary>
    private static (int Start, int End)? NextWord(ShapedParagraph paragraph, int start, int segmentEnd)
    {
        var text = paragraph.Text;
        var tokenEnd = start;
        while (tokenEnd < text.Length && !char.IsWhiteSpace(text[tokenEnd]))
            tokenEnd++;
        var tokenStart = start;
        while (tokenStart > 0 && !char.IsWhiteSpace(text[tokenStart - 1]))
            tokenStart--;
        for (var i = tokenStart; i < tokenEnd; i++)
        {
            var c = text[i];
            if (char.IsDigit(c) || c is '@' or '/' or '\\' or ':' or '_' or '#' or '=' or '&' or '%' or '~' or '+' or '<' or '>'
                || c == '.' && i + 1 < tokenEnd && char.IsLetter(text[i + 1]) || c == SoftHyphen)
                return null;
        }
        if (paragraph.StyleAt(start).Url is not null)
            return null;
        var wordStart = start;
        var wordEnd = Math.Min(segmentEnd, tokenEnd);
        while (wordStart < wordEnd && !char.IsLetter(text[wordStart]))
            wordStart++;
        for (var i = wordStart; i < wordEnd; i++)
            if (text[i] is '\'' or '\u2019' && i + 1 < wordEnd && char.IsLetter(text[i + 1]))
                wordStart = i + 1;
        var end = wordStart;
        while (end < wordEnd && (char.IsLetter(text[end]) || CharUnicodeInfo.GetUnicodeCategory(text[end]) is UnicodeCategory.NonSpacingMark))
            end++;
        // Letters only up to the segment's punctuation: "word," and "(word" qualify, "wo-rd" breaks at its own hyphen.
        for (var i = end; i < wordEnd; i++)
            if (char.IsLetterOrDigit(text[i]))
                return null;
        return end > wordStart ? (wordStart, end) : null;
    }

    // One shaped hyphen per style: the hyphen is drawn in the face, size and colour of the word it ends.
    private static readonly ConcurrentDictionary<ResolvedStyle, ShapedParagraph> HyphenParagraphs = new();

    /// <summary>The hyphen (U+2010) in a style, shaped once.</summary>
    private static ShapedParagraph HyphenParagraph(StyledRange style) =>
        HyphenParagraphs.GetOrAdd(style.Style, resolved => new ShapedParagraph("\u2010", [new StyledRange(0, 1, resolved, null)], TextDirection.LeftToRight));

    /// <summary>The hyphen that ends a line broken inside a word, in the style of the character before it.</summary>
    private static LineFragment Hyphen(ShapedParagraph paragraph, int before)
    {
        var run = HyphenParagraph(paragraph.StyleAt(before)).Runs[0];
        return new LineFragment(run, 0, run.Glyphs.Length, 0, 1) { IsInsertedHyphen = true };
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

    private static TextLine BuildLine(ShapedParagraph paragraph, BidiParagraph? bidi, int start, int end, bool isLast,
        Justification justification, LineFragment? hyphen)
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
        // The hyphen goes where the line ends: right in a left-to-right paragraph, left in a right-to-left one.
        if (hyphen is not null)
            fragments.Insert(paragraph.IsRightToLeft ? 0 : fragments.Count, hyphen);

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
            paragraph.IsRightToLeft, paragraph.Text[start..visibleEnd]) { Justification = justification };
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
