using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Elements;

/// <summary>
/// Content with a header before and a footer after it, both repeated on every page the content
/// spans. On a page the footer is pinned to the bottom.
/// </summary>
internal sealed class Decoration : Element
{
    public Element Before { get; set; } = new Slot();
    public Element Content { get; set; } = new Slot();
    public Element After { get; set; } = new Slot();
    public bool PinAfterToBottom { get; set; }

    public override IReadOnlyList<Element> Children => [Before, Content, After];

    public override SpacePlan Measure(Size available)
    {
        var (before, content, after, failure) = MeasureParts(available);
        if (failure is not null)
            return failure.Value;
        if (content.IsEmpty)
            return SpacePlan.Empty();
        var height = PinAfterToBottom ? available.Height : before.Height + content.Height + after.Height;
        return content.IsPartial ? SpacePlan.Partial(available.Width, height) : SpacePlan.Full(available.Width, height);
    }

    public override void Draw(Size available)
    {
        var (before, content, after, failure) = MeasureParts(available);
        if (failure is not null || content.IsEmpty)
            return;
        var contentHeight = available.Height - before.Height - after.Height;
        // Running heads and footers repeat on every page: furniture, not text a reader should hear each time.
        var canvas = Context.Canvas;
        canvas.OpenScope(Before, StructureTag.Artifact);
        Before.Draw(new Size(available.Width, before.Height));
        canvas.CloseScope();
        Context.Canvas.Save();
        Context.Canvas.Translate(0, before.Height);
        Content.Draw(new Size(available.Width, contentHeight));
        Context.Canvas.Restore();
        Context.Canvas.Save();
        Context.Canvas.Translate(0, PinAfterToBottom ? available.Height - after.Height : before.Height + content.Height);
        canvas.OpenScope(After, StructureTag.Artifact);
        After.Draw(new Size(available.Width, after.Height));
        canvas.CloseScope();
        Context.Canvas.Restore();
        // Header and footer are drawn again, from the start, on the next page.
        Before.ResetStateOfSubtree();
        After.ResetStateOfSubtree();
    }

    private (SpacePlan Before, SpacePlan Content, SpacePlan After, SpacePlan? Failure) MeasureParts(Size available)
    {
        var before = Before.Measure(available);
        if (before.IsWrap || before.IsPartial)
            return (before, before, before, SpacePlan.Wrap($"the header ({Before.Describe()}) is taller than the page"));
        var after = After.Measure(new Size(available.Width, available.Height - before.Height));
        if (after.IsWrap || after.IsPartial)
            return (before, after, after, SpacePlan.Wrap($"header and footer ({After.Describe()}) leave no room on the page"));
        var content = Content.Measure(new Size(available.Width, Math.Max(0, available.Height - before.Height - after.Height)));
        return content.IsWrap ? (before, content, after, content) : (before, content, after, null);
    }
}
