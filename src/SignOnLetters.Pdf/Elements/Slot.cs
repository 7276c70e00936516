using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Elements;

/// <summary>A place for exactly one element, filled through the fluent API.</summary>
internal sealed class Slot : Element, IContainer
{
    private Element? child;
    private Element[] children = [];

    public Element? Child
    {
        get => child;
        set
        {
            if (child is not null)
                throw new InvalidOperationException("This container already has content; a container holds one element (use Column for several).");
            child = value;
            children = value is null ? [] : [value];
        }
    }

    // Kept with the child: tree walks ask every slot of the document for its children.
    public override IReadOnlyList<Element> Children => children;

    public override SpacePlan Measure(Size available) => child?.Measure(available) ?? SpacePlan.Empty();

    public override void Draw(Size available) => child?.Draw(available);

    public override string Describe() => child?.Describe() ?? "empty container";
}
