using SignOnLetters.Pdf.Drawing;

namespace SignOnLetters.Pdf.Infrastructure;

/// <summary>Shared by every element of a document: where to draw and which page this is.</summary>
internal sealed class RenderContext
{
    public PageCanvas Canvas { get; set; } = PageCanvas.Discarding;
    public int PageNumber { get; set; }

    /// <summary>Known from the second layout pass on; the first pass guesses with the page count so far.</summary>
    public int TotalPages { get; set; }

    public List<OutlineEntry> Outline { get; } = [];

    /// <summary>
    /// Bumped whenever any element's progress changes, so a container can reuse the child
    /// measurements it made in Measure when Draw follows with nothing changed in between.
    /// </summary>
    public long StateVersion { get; private set; }

    public void StateChanged() => StateVersion++;
}
