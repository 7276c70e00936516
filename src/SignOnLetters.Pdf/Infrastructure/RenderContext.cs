using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Text;

namespace SignOnLetters.Pdf.Infrastructure;

/// <summary>Shared by every element of a document: where to draw and which page this is.</summary>
internal sealed class RenderContext
{
    /// <summary>What elements see before a document attaches its own context.</summary>
    public static readonly RenderContext Unattached = new();

    /// <summary>The fonts text is set in: the shared catalog, or one a test chose.</summary>
    public FontCatalog Fonts { get; init; } = FontCatalog.Shared;

    public PageCanvas Canvas { get; set; } = PageCanvas.Discarding;
    public int PageNumber { get; set; }

    /// <summary>Known from the second layout pass on; the first pass guesses with the page count so far.</summary>
    public int TotalPages { get; set; }

    public List<OutlineEntry> Outline { get; } = [];

    /// <summary>
    /// Set for the pass that writes the pages: only then are a column's generated items made and
    /// drawn (<see cref="Elements.GeneratedItems"/>); the passes that count pages measure them only.
    /// </summary>
    public bool DrawsGeneratedItems { get; set; }

    /// <summary>The glyphs of every generated item, recorded when it is first measured, for the font subsets.</summary>
    public FontSubsetter GeneratedGlyphs { get; } = new();

    /// <summary>Characters of generated items that no available font has.</summary>
    public HashSet<int> GeneratedMissingCharacters { get; } = [];

    private bool keepRulesRelaxed;

    /// <summary>
    /// Set by the paginator for one page when content does not fit on an empty page: keep-with-next
    /// and widow and orphan control give way rather than make a document impossible to lay out.
    /// </summary>
    public bool KeepRulesRelaxed
    {
        get => keepRulesRelaxed;
        set
        {
            if (keepRulesRelaxed == value)
                return;
            keepRulesRelaxed = value;
            StateReplaced();
        }
    }

    /// <summary>
    /// Bumped whenever any element's progress changes, so a container can reuse the child
    /// measurements it made in Measure when Draw follows with nothing changed in between.
    /// </summary>
    public long StateVersion { get; private set; }

    private readonly Stack<List<(IStateful Element, object State)>> trialJournals = new();

    // Journals of finished trials, kept for the next: a multi-column page runs several trials.
    private readonly Stack<List<(IStateful Element, object State)>> spareJournals = new();

    /// <summary>
    /// Called by an element just before it commits progress. During a trial (see
    /// <see cref="BeginTrial"/>) the old state is journalled, so undoing a trial costs only what
    /// it touched rather than a walk over, say, 2,000 signatory lines.
    /// </summary>
    public void StateChanging(IStateful element)
    {
        if (trialJournals.Count > 0)
            trialJournals.Peek().Add((element, element.GetState()));
        StateVersion++;
    }

    /// <summary>Called after a state is set from outside (reset, restore); never journalled.</summary>
    public void StateReplaced() => StateVersion++;

    /// <summary>Starts a trial draw; disposing the result puts every touched element back.</summary>
    public TrialScope BeginTrial()
    {
        trialJournals.Push(spareJournals.Count > 0 ? spareJournals.Pop() : []);
        return new TrialScope(this);
    }

    internal readonly struct TrialScope(RenderContext context) : IDisposable
    {
        public void Dispose()
        {
            var journal = context.trialJournals.Pop();
            for (var i = journal.Count - 1; i >= 0; i--)
                journal[i].Element.SetState(journal[i].State);
            journal.Clear();
            context.spareJournals.Push(journal);
        }
    }
}
