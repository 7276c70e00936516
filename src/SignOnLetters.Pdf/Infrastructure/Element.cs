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

    public virtual IReadOnlyList<Element> Children => [];

    /// <summary>A short description for layout error messages.</summary>
    public virtual string Describe() => GetType().Name;

    public void AttachContext(RenderContext context) => VisitSubtree(element => element.Context = context);

    public List<Element> SelfAndDescendants()
    {
        var elements = new List<Element>();
        VisitSubtree(elements.Add);
        return elements;
    }

    public void ResetStateOfSubtree() => VisitSubtree(static element => (element as IStateful)?.ResetState());

    /// <summary>
    /// Iterative, because a 5,000-item column nested in rows must not recurse deeply, and free of
    /// iterators and boxed enumerators, because every layout pass walks thousands of elements.
    /// </summary>
    private void VisitSubtree(Action<Element> visit)
    {
        var stack = new Stack<Element>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            visit(element);
            var children = element.Children;
            for (var i = 0; i < children.Count; i++)
                stack.Push(children[i]);
        }
    }
}
