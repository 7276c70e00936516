namespace SignOnLetters.Pdf.Infrastructure;

/// <summary>
/// The unit of layout. <see cref="Measure"/> is pure and may be called any number of times;
/// <see cref="Draw"/> paints at the canvas' current origin and commits progress.
/// </summary>
internal abstract class Element
{
    // Every element shares its document's context once attached; until then a shared placeholder
    // (one allocation per process, not one per element: documents have thousands of elements).
    public RenderContext Context { get; private set; } = RenderContext.Unattached;

    public abstract SpacePlan Measure(Size available);

    public abstract void Draw(Size available);

    public virtual IEnumerable<Element> Children => [];

    /// <summary>A short description for layout error messages.</summary>
    public virtual string Describe() => GetType().Name;

    public void AttachContext(RenderContext context)
    {
        foreach (var element in SelfAndDescendants())
            element.Context = context;
    }

    public IEnumerable<Element> SelfAndDescendants()
    {
        // Iterative: a 5,000-item column nested in rows must not recurse deeply.
        var stack = new Stack<Element>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            yield return element;
            foreach (var child in element.Children)
                stack.Push(child);
        }
    }

    public void ResetStateOfSubtree()
    {
        foreach (var element in SelfAndDescendants())
            (element as IStateful)?.ResetState();
    }
}
