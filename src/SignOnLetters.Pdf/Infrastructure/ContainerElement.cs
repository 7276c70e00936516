namespace SignOnLetters.Pdf.Infrastructure;

/// <summary>An element that wraps one child; by default it passes measuring and drawing through.</summary>
internal abstract class ContainerElement : Element
{
    public Element Child { get; set; } = new Elements.Slot();

    public override IEnumerable<Element> Children => [Child];

    public override SpacePlan Measure(Size available) => Child.Measure(available);

    public override void Draw(Size available) => Child.Draw(available);
}
