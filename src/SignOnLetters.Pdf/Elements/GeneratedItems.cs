using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Infrastructure;
using SignOnLetters.Pdf.Text;

namespace SignOnLetters.Pdf.Elements;

/// <summary>
/// A column's items made on demand from their index instead of composed all at once: a list of
/// 1,000,000 signatories as elements, shaped lines and display lists is several gigabytes, while
/// each page needs only its own hundred entries. Each item is made, shaped and measured once per
/// layout to learn its size (kept: three numbers per item), and made again to be drawn on the
/// page that writes it, then dropped. A list of at most <see cref="RetainedItems"/> items keeps its
/// elements from measuring to drawing instead, so a letter of ordinary length shapes every entry
/// once, as before.
/// </summary>
/// <remarks>
/// What makes this possible is what such items must be: each is kept whole (never split across
/// columns or pages, as <see cref="ShowEntire"/> does), its size depends only on the width, and
/// it holds no page numbers and no bookmarks. Measuring an item is then a lookup, and the layout
/// passes that only count pages never make its element.
/// </remarks>
internal sealed class GeneratedItems(int count, Func<int, Element> create, int retainedItems = GeneratedItems.RetainedItems)
{
    // All or nothing: keeping the first part of a long list would save shaping that part twice
    // (2 % of a 1,000,000-entry list) for tens of megabytes held through the whole layout.
    private readonly bool keepsElements = count <= retainedItems;

    /// <summary>Items made together: their text is shaped in parallel, as the paginator shapes the rest.</summary>
    private const int ChunkSize = 512;

    /// <summary>
    /// The longest list whose elements are kept from measuring to drawing (about 3 KB each once
    /// shaped) and so shaped once; a longer list's items are shaped twice.
    /// </summary>
    public const int RetainedItems = 20_000;

    public int Count { get; } = count;

    private RenderContext? measuredIn;
    private float measuredWidth = float.NaN;
    private int measuredCount;
    private float[] widths = [];
    private float[] heights = [];
    private SpacePlanType[] types = [];
    private System.Collections.BitArray keptWithNext = new(0);
    private readonly Dictionary<int, Element> made = [];

    /// <summary>The page's default text style, handed to each item's text as it is made.</summary>
    public TextStyle? InheritedStyle { get; set; }

    /// <summary>The item's plan: all of it where it fits, else it moves on (it is never split).</summary>
    public SpacePlan Measure(int index, Size available, RenderContext context)
    {
        EnsureMeasured(index, available.Width, context);
        return types[index] switch
        {
            SpacePlanType.Empty => SpacePlan.Empty(),
            _ when heights[index] <= available.Height + Size.Epsilon => SpacePlan.Full(widths[index], heights[index]),
            _ => SpacePlan.Wrap($"list item {index + 1} needs {heights[index]:0.#}pt of height, {available.Height:0.#}pt left"),
        };
    }

    public bool IsKeptWithNext(int index) => keptWithNext[index];

    /// <summary>
    /// Draws the item when the page is written; while pages are only counted, or in a trial flow,
    /// nothing of it would be kept, so its element is not even made.
    /// </summary>
    public void Draw(int index, Size available, RenderContext context)
    {
        if (!context.DrawsGeneratedItems || context.Canvas.IsDiscarding)
            return;
        if (!made.TryGetValue(index, out var element))
        {
            Make(index, Math.Min(Count, index + ChunkSize), context, forMeasuring: false);
            element = made[index];
        }
        element.Draw(available);
        if (!keepsElements)
            made.Remove(index);
    }

    /// <summary>Puts the kept elements back to their start for a new layout pass.</summary>
    public void ResetState()
    {
        foreach (var element in made.Values)
            element.ResetStateOfSubtree();
    }

    private void EnsureMeasured(int index, float width, RenderContext context)
    {
        if (!ReferenceEquals(measuredIn, context) || !width.Equals(measuredWidth))
        {
            // A new document layout (its glyphs and missing characters are recorded afresh) or a new width.
            measuredIn = context;
            measuredWidth = width;
            measuredCount = 0;
            made.Clear();
            widths = new float[Count];
            heights = new float[Count];
            types = new SpacePlanType[Count];
            keptWithNext = new System.Collections.BitArray(Count);
        }
        while (measuredCount <= index)
        {
            var end = Math.Min(Count, Math.Max(index + 1, measuredCount + ChunkSize));
            Make(measuredCount, end, context, forMeasuring: true);
            measuredCount = end;
        }
    }

    /// <summary>
    /// Makes items <paramref name="start"/> to <paramref name="end"/>, shapes their text over the
    /// cores and lays it out at the measured width. When measuring, records each one's size, its
    /// glyphs (the fonts are cut down to them before the first page is written) and the characters
    /// no font has; items past <see cref="RetainedItems"/> are then dropped.
    /// </summary>
    private void Make(int start, int end, RenderContext context, bool forMeasuring)
    {
        var elements = new Element[end - start];
        var blocks = new List<TextBlock>[end - start];
        for (var i = 0; i < elements.Length; i++)
        {
            if (made.TryGetValue(start + i, out var kept))
            {
                elements[i] = kept;
                blocks[i] = [];
                continue;
            }
            var element = create(start + i);
            element.AttachContext(context);
            var itemBlocks = element.SelfAndDescendants().OfType<TextBlock>().ToList();
            foreach (var block in itemBlocks)
            {
                if (block.HasPageNumbers)
                    throw new LayoutException($"List item {start + i + 1} holds a page number; an item made on demand is laid out once, not per page.");
                block.InheritedStyle = InheritedStyle;
            }
            elements[i] = element;
            blocks[i] = itemBlocks;
        }
        Parallel.For(0, elements.Length, i =>
        {
            foreach (var block in blocks[i])
                block.ShapeAhead();
        });
        if (!forMeasuring)
        {
            for (var i = 0; i < elements.Length; i++)
                made[start + i] = elements[i];
            return;
        }
        var unlimited = new Size(measuredWidth, float.MaxValue / 4);
        for (var i = 0; i < elements.Length; i++)
        {
            var index = start + i;
            var element = elements[i];
            var plan = element.Measure(unlimited);
            if (plan.IsPartial || plan.IsWrap)
                throw new LayoutException($"List item {index + 1} ({element.Describe()}) cannot be laid out whole at {measuredWidth:0.#}pt wide.");
            types[index] = plan.Type;
            widths[index] = plan.Width;
            heights[index] = plan.Height;
            keptWithNext[index] = KeepWithNext.Marks(element);
            foreach (var block in blocks[i])
            {
                foreach (var line in block.CurrentLines)
                    foreach (var fragment in line.Fragments)
                        context.GeneratedGlyphs.Add(fragment);
                context.GeneratedMissingCharacters.UnionWith(block.MissingCharacters);
            }
            if (keepsElements)
                made[index] = element;
        }
    }
}
