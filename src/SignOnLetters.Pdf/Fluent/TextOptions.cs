namespace SignOnLetters.Pdf.Fluent;

/// <summary>Base direction of a paragraph; <see cref="Auto"/> takes it from the first strong character.</summary>
public enum TextDirection
{
    Auto,
    LeftToRight,
    RightToLeft,
}

/// <summary>Horizontal alignment of lines. <see cref="Start"/> is left for left-to-right paragraphs, right for right-to-left ones.</summary>
public enum TextAlignment
{
    Start,
    Left,
    Center,
    Right,
    /// <summary>
    /// Both edges flush; the last line of a paragraph is aligned to the start. How depends on the
    /// text (one rule, <c>JustificationRule</c>): Chinese, Japanese and Thai share the space between
    /// characters; a language with bundled hyphenation patterns widens spaces and hyphenates a word
    /// when a line would be loose; a language without patterns is set ragged (start-aligned), since
    /// widened spaces alone leave holes; text of no stated language widens spaces only.
    /// </summary>
    Justify,
}
