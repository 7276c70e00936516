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
    /// <summary>Both edges flush, by widening spaces; no hyphenation. The last line of a paragraph is aligned to the start.</summary>
    Justify,
}
