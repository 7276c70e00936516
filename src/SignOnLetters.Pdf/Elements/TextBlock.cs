using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Infrastructure;
using SignOnLetters.Pdf.Text;

namespace SignOnLetters.Pdf.Elements;

/// <summary>
/// Paragraphs of styled spans. Shaping is cached per content, line breaking per width, so a
/// block is shaped once however often it is measured; progress is the next line to draw.
/// </summary>
internal sealed class TextBlock : Element, IStateful
{
    private int nextLine;
    private string? shapedContentKey;
    private List<ShapedParagraph> paragraphs = [];
    private float linesWidth = float.NaN;
    private List<TextLine> lines = [];

    public List<TextSpanDefinition> Spans { get; } = [];
    public TextStyle? Style { get; set; }

    /// <summary>The page's default style, set when the document is assembled.</summary>
    public TextStyle? InheritedStyle { get; set; }

    public TextAlignment Alignment { get; set; } = TextAlignment.Start;
    public TextDirection Direction { get; set; } = TextDirection.Auto;
    public float ParagraphSpacing { get; set; }

    public override SpacePlan Measure(Size available)
    {
        EnsureLaidOut(available.Width);
        if (nextLine >= lines.Count)
            return SpacePlan.Empty();
        var (end, height) = LinesThatFit(available.Height);
        if (end == nextLine)
            return SpacePlan.Wrap($"text line \"{Preview(lines[nextLine].Text)}\" needs {lines[nextLine].Height:0.#}pt of height, {available.Height:0.#}pt left");
        var width = available.Width;
        if (Alignment is TextAlignment.Left || Alignment is TextAlignment.Start && !lines[nextLine].IsRightToLeft)
        {
            width = 0;
            for (var i = nextLine; i < end; i++)
                width = Math.Max(width, lines[i].Width);
        }
        return end == lines.Count ? SpacePlan.Full(width, height) : SpacePlan.Partial(width, height);
    }

    public override void Draw(Size available)
    {
        EnsureLaidOut(available.Width);
        var (end, _) = LinesThatFit(available.Height);
        var top = 0f;
        var scope = ParagraphScope();
        for (var i = nextLine; i < end; i++)
        {
            top += SpacingBefore(i);
            DrawLine(lines[i], top, available.Width, scope);
            top += lines[i].Height;
        }
        Context.StateChanging(this);
        nextLine = end;
    }

    public bool HasPageNumbers
    {
        get
        {
            // A loop over the List: this is asked on every measure, and LINQ over it boxes an enumerator.
            foreach (var span in Spans)
                if (span.Kind != TextSpanKind.Literal)
                    return true;
            return false;
        }
    }

    /// <summary>
    /// Shapes the text ahead of layout. Width-independent and free of page state for blocks without
    /// page numbers, so the paginator runs it for all such blocks in parallel.
    /// </summary>
    public void ShapeAhead()
    {
        if (HasPageNumbers || shapedContentKey is not null)
            return;
        var content = ResolveContent();
        paragraphs = Shape(content.Text, content.Styles);
        shapedContentKey = content.Key;
    }

    /// <summary>Characters of this block that no available font has.</summary>
    public IEnumerable<int> MissingCharacters => paragraphs.SelectMany(paragraph => paragraph.MissingCharacters ?? []);

    /// <summary>The lines as last laid out (at the width last measured or drawn at).</summary>
    internal IReadOnlyList<TextLine> CurrentLines => lines;

    /// <summary>Lines laid out for a width; exposed for layout tests.</summary>
    internal IReadOnlyList<TextLine> LayOut(float width)
    {
        EnsureLaidOut(width);
        return lines;
    }

    /// <summary>
    /// The block's place in the structure tree: a paragraph of its own, unless it draws inside an
    /// element that holds text itself (a heading, a label) or inside page furniture.
    /// </summary>
    private StructureScope? ParagraphScope()
    {
        var scope = Context.Canvas.Scope;
        if (scope is { IsArtifact: true })
            return scope;
        var actualText = MixedDirectionText();
        if (scope is { Tag.HoldsText: true })
            // The element takes the block's language when it has none of its own.
            return scope.Tag.Language is null && BlockStyle().Language is not null || actualText is not null
                ? new StructureScope(scope.Key, scope.Tag with { Language = scope.Tag.Language ?? BlockStyle().Language, ActualText = actualText }, scope.Parent)
                : scope;
        return new StructureScope(this, StructureTag.Paragraph with { Language = BlockStyle().Language, ActualText = actualText }, scope);
    }

    private (List<ShapedParagraph> Of, string? Text)? mixedDirectionText;

    /// <summary>
    /// The block's text in logical order when it mixes right-to-left letters with anything but
    /// spaces and marks (a Hebrew name with a Latin hyphen, an Arabic line with digits): readers
    /// reorder such lines their own way (ADR 0011), so the structure element says what it reads.
    /// </summary>
    private string? MixedDirectionText()
    {
        if (mixedDirectionText is { } cached && ReferenceEquals(cached.Of, paragraphs))
            return cached.Text;
        string? result = null;
        foreach (var paragraph in paragraphs)
        {
            var rightToLeft = false;
            var other = false;
            foreach (var c in paragraph.Text)
            {
                if (c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF')
                    rightToLeft |= char.IsLetter(c);
                else if (c != ' ' && !char.IsWhiteSpace(c) && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is not
                    (System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.Format))
                    other = true;
            }
            if (rightToLeft && other)
            {
                result = string.Join("\n", paragraphs.Select(p => p.Text));
                break;
            }
        }
        mixedDirectionText = (paragraphs, result);
        return result;
    }

    /// <summary>A link, or a span whose language is not its paragraph's, is a structure element inside the paragraph.</summary>
    private static StructureScope? RangeScope(StyledRange range, StructureScope? paragraph, string? blockLanguage)
    {
        if (paragraph is null || paragraph.IsArtifact)
            return paragraph;
        if (range.Url is { } url)
            return new StructureScope(range, new StructureTag(StructureRole.Link) { AlternateText = url, Language = range.Style.Language }, paragraph);
        if (range.Style.Language is { } language && !string.Equals(language, blockLanguage, StringComparison.OrdinalIgnoreCase))
            return new StructureScope(range, new StructureTag(StructureRole.Span) { Language = language }, paragraph);
        return paragraph;
    }

    private void DrawLine(TextLine line, float top, float width, StructureScope? paragraph)
    {
        var start = line.IsRightToLeft ? TextAlignment.Right : TextAlignment.Left;
        var alignment = Alignment switch
        {
            TextAlignment.Start => start,
            TextAlignment.Justify when line.IsLastInParagraph || line.Justification == Justification.None => start,
            TextAlignment.Justify when (line.Justification == Justification.BetweenCharacters ? line.ClusterGapCount : line.SpaceCount) == 0 => start,
            _ => Alignment,
        };
        var slack = Math.Max(0, width - line.Width);
        var extraPerSpace = 0f;
        var extraPerCluster = 0f;
        if (alignment == TextAlignment.Justify && line.Justification == Justification.BetweenCharacters)
            extraPerCluster = slack / line.ClusterGapCount;
        else if (alignment == TextAlignment.Justify)
            extraPerSpace = slack / line.SpaceCount;
        var x = alignment switch
        {
            TextAlignment.Right => width - line.Width,
            TextAlignment.Center => (width - line.Width) / 2,
            _ => 0f,
        };
        foreach (var fragment in line.Fragments)
        {
            var fragmentWidth = fragment.Width + fragment.SpaceCount * extraPerSpace + (extraPerCluster > 0 ? fragment.ClusterCount * extraPerCluster : 0);
            var scope = fragment.IsInsertedHyphen
                ? new StructureScope(fragment, StructureTag.Artifact, paragraph)
                : RangeScope(fragment.Run.Style, paragraph, BlockStyle().Language);
            Context.Canvas.DrawGlyphs(fragment, x, top + line.Baseline, extraPerSpace, scope, extraPerCluster);
            if (fragment.Run.Style.Url is { } url)
                Context.Canvas.LinkToUrl(SkiaSharp.SKRect.Create(x, top, fragmentWidth, line.Height), url, scope);
            x += fragmentWidth;
        }
    }

    /// <summary>Lines need at least this many on each side of a page break within a paragraph.</summary>
    private const int MinimumLinesAtBreak = 2;

    private (int End, float Height) LinesThatFit(float availableHeight)
    {
        var height = 0f;
        var index = nextLine;
        while (index < lines.Count)
        {
            var needed = SpacingBefore(index) + lines[index].Height;
            if (height + needed > availableHeight + Size.Epsilon)
                break;
            height += needed;
            index++;
        }
        if (index < lines.Count && !Context.KeepRulesRelaxed)
        {
            var end = EndWithoutWidowOrOrphan(index);
            for (var i = end; i < index; i++)
                height -= SpacingBefore(i) + lines[i].Height;
            index = end;
        }
        return (index, height);
    }

    /// <summary>
    /// Where a page may end, at or before <paramref name="end"/>, so that no paragraph leaves one
    /// line alone at the foot of the page (an orphan) or carries one line alone to the next (a
    /// widow): a break inside a paragraph keeps two lines on each side, or moves the paragraph.
    /// </summary>
    private int EndWithoutWidowOrOrphan(int end)
    {
        if (end == nextLine || lines[end - 1].IsLastInParagraph)
            return end;
        var paragraphStart = end - 1;
        while (paragraphStart > 0 && !lines[paragraphStart - 1].IsLastInParagraph)
            paragraphStart--;
        var paragraphEnd = end;
        while (!lines[paragraphEnd - 1].IsLastInParagraph && paragraphEnd < lines.Count)
            paragraphEnd++;
        // Lines of this paragraph already set on an earlier page count towards the first side.
        var startsOnThisPage = paragraphStart >= nextLine;
        var linesAfter = paragraphEnd - end;
        if (linesAfter < MinimumLinesAtBreak)
            end -= MinimumLinesAtBreak - linesAfter;
        var linesBefore = end - (startsOnThisPage ? paragraphStart : nextLine);
        var neededBefore = startsOnThisPage ? MinimumLinesAtBreak : 1;
        if (linesBefore < neededBefore)
            end = startsOnThisPage ? paragraphStart : nextLine;
        return Math.Max(end, nextLine);
    }

    /// <summary>Paragraph spacing sits between paragraphs on the same page, never at a page top.</summary>
    private float SpacingBefore(int lineIndex) =>
        lineIndex > nextLine && lines[lineIndex - 1].IsLastInParagraph ? ParagraphSpacing : 0;

    private void EnsureLaidOut(float width)
    {
        if (shapedContentKey is not null && !HasPageNumbers && width.Equals(linesWidth))
            return;
        var content = ResolveContent();
        if (content.Key != shapedContentKey)
        {
            paragraphs = Shape(content.Text, content.Styles);
            shapedContentKey = content.Key;
            linesWidth = float.NaN;
        }
        if (width.Equals(linesWidth))
            return;
        lines = [];
        foreach (var paragraph in paragraphs)
        {
            var justification = Alignment == TextAlignment.Justify
                ? JustificationRule.For(paragraph.Text, paragraph.Styles[0].Style.Language ?? BlockStyle().Language)
                : Justification.BetweenWords;
            var hyphenator = justification == Justification.BetweenWordsWithHyphenation
                ? Text.Hyphenation.HyphenationPatterns.For(paragraph.Styles[0].Style.Language ?? BlockStyle().Language)
                : null;
            lines.AddRange(LineBreaker.BreakLines(paragraph, Math.Max(1, width), justification, hyphenator));
        }
        linesWidth = width;
    }

    /// <summary>The block's text with page numbers filled in, and the style ranges over it.</summary>
    private (string Key, string Text, List<StyledRange> Styles) ResolveContent()
    {
        var blockStyle = BlockStyle();
        var text = new System.Text.StringBuilder();
        var styles = new List<StyledRange>();
        foreach (var span in Spans)
        {
            var spanText = span.Kind switch
            {
                TextSpanKind.CurrentPageNumber => Context.PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TextSpanKind.TotalPages => Context.TotalPages.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => span.Text,
            };
            var start = text.Length;
            text.Append(spanText);
            styles.Add(new StyledRange(start, text.Length, span.Resolve(blockStyle, Context.Fonts), span.Url));
        }
        var joined = text.ToString();
        // The key changes only when page numbers do; literal spans are fixed once composed.
        var key = HasPageNumbers ? joined : "literal";
        return (key, joined, styles);
    }

    private TextStyle? blockStyle;
    private (TextStyle? Inherited, TextStyle? Own) blockStyleFrom;

    /// <summary>The default style with the page's and the block's own over it, made once, not per layout.</summary>
    private TextStyle BlockStyle()
    {
        if (blockStyle is null || !ReferenceEquals(blockStyleFrom.Inherited, InheritedStyle) || !ReferenceEquals(blockStyleFrom.Own, Style))
        {
            blockStyle = TextStyle.Default.With(InheritedStyle).With(Style);
            blockStyleFrom = (InheritedStyle, Style);
        }
        return blockStyle;
    }

    private List<ShapedParagraph> Shape(string text, List<StyledRange> styles)
    {
        var result = new List<ShapedParagraph>();
        if (styles.Count > 0 && !text.Contains('\n', StringComparison.Ordinal))
        {
            // One paragraph, the usual case: no slicing needed.
            result.Add(new ShapedParagraph(text, styles, Direction));
            return result;
        }
        var paragraphStart = 0;
        while (paragraphStart <= text.Length)
        {
            var newline = text.IndexOf('\n', paragraphStart);
            var paragraphEnd = newline < 0 ? text.Length : newline;
            var paragraphStyles = styles
                .Where(style => style.End > paragraphStart && style.Start < paragraphEnd)
                .Select(style => style with { Start = Math.Max(style.Start, paragraphStart) - paragraphStart, End = Math.Min(style.End, paragraphEnd) - paragraphStart })
                .ToList();
            if (paragraphStyles.Count == 0)
            {
                var styleHere = styles.LastOrDefault(style => style.Start <= paragraphStart) ?? styles.FirstOrDefault()
                    ?? new StyledRange(0, 0, ResolvedStyle.From(BlockStyle(), Context.Fonts), null);
                paragraphStyles.Add(styleHere with { Start = 0, End = 0 });
            }
            result.Add(new ShapedParagraph(text[paragraphStart..paragraphEnd], paragraphStyles, Direction));
            if (newline < 0)
                break;
            paragraphStart = newline + 1;
        }
        return result;
    }

    public void ResetState() => SetState(0);

    public object GetState() => nextLine;

    public void SetState(object state)
    {
        nextLine = (int)state;
        Context.StateReplaced();
    }

    public override string Describe() =>
        $"text \"{Preview(string.Concat(Spans.Where(span => span.Kind == TextSpanKind.Literal).Select(span => span.Text)))}\"";

    private static string Preview(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

internal enum TextSpanKind
{
    Literal,
    CurrentPageNumber,
    TotalPages,
}

/// <summary>One span as composed: its text is sanitised when set.</summary>
internal sealed class TextSpanDefinition(TextSpanKind kind, string text)
{
    private ResolvedStyle? resolved;
    private TextStyle? resolvedFrom;

    public TextSpanKind Kind { get; } = kind;
    public string Text { get; } = TextSanitizer.Sanitize(text);
    public TextStyle? Style { get; set; }
    public string? Url { get; set; }

    public ResolvedStyle Resolve(TextStyle blockStyle, FontCatalog fonts)
    {
        if (resolved is null || resolved.Fonts != fonts || !ReferenceEquals(resolvedFrom, blockStyle) && resolvedFrom != blockStyle)
        {
            resolved = ResolvedStyle.From(blockStyle.With(Style), fonts);
            resolvedFrom = blockStyle;
        }
        return resolved;
    }
}
