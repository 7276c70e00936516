namespace SignOnLetters.Pdf.Fluent;

/// <summary>The stages of a generation, in the order they run.</summary>
public enum RenderStage
{
    /// <summary>Shaping every text block (most of the layout work, spread over the cores).</summary>
    Shaping,
    /// <summary>Setting pages; the first pass does not know the page count yet (<see cref="RenderProgress.Total"/> is null).</summary>
    Pagination,
    /// <summary>Writing the laid-out pages into the file.</summary>
    Writing,
    /// <summary>
    /// Every page is written and the composed content let go (<see cref="Document.GenerateOnce"/>
    /// only, reported once): what is left is finishing the file (fonts, structure tree, cross-references).
    /// </summary>
    Finishing,
}

/// <summary>
/// How far a generation is, for someone waiting on a long document: <paramref name="Done"/> of
/// <paramref name="Total"/> text blocks shaped or pages set or written; Total is null while unknown.
/// </summary>
public sealed record RenderProgress(RenderStage Stage, int Done, int? Total);
