namespace SignOnLetters.Pdf.Infrastructure;

/// <summary>An element that wraps one child; by default it passes measuring and drawing through.</summary>
internal abstract class ContainerElement : Element
{
    private Element child = new Elements.Slot();
    private Element[] children;

    protected ContainerElement() => children = [child];

    public Element Child
    {
        get => child;
        set
        {
            child = value;
            children = [value];
        }
    }

    // An array kept with the child: tree walks ask for children of thousands of elements.
    public override IReadOnlyList<Element> Children => children;

    public override SpacePlan Measure(Size available) => Child.Measure(available);

    public override void Draw(Size available) => Child.Draw(available);
}
