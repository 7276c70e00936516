using SignOnLetters.Pdf.Infrastructure;
using SkiaSharp;

namespace SignOnLetters.Pdf.Elements;

/// <summary>Ends the page here; on the next page it takes no space.</summary>
internal sealed class PageBreak : DrawnOnceElement
{
    public override SpacePlan Measure(Size available) => IsDrawn ? SpacePlan.Empty() : SpacePlan.Partial(0, 0);

    public override void Draw(Size available) => MarkDrawn();
}

/// <summary>A filled horizontal rule across the available width.</summary>
internal sealed class HorizontalLine(float thickness, SKColor color) : DrawnOnceElement
{
    public override SpacePlan Measure(Size available)
    {
        if (IsDrawn)
            return SpacePlan.Empty();
        return thickness <= available.Height + Size.Epsilon
            ? SpacePlan.Full(available.Width, thickness)
            : SpacePlan.Wrap($"a {thickness}pt line needs more height than the {available.Height:0.#}pt left");
    }

    public override void Draw(Size available)
    {
        Context.Canvas.FillRectangle(SKRect.Create(0, 0, available.Width, thickness), color);
        MarkDrawn();
    }
}

/// <summary>Keeps its content together: if it would be split, it moves to the next page whole.</summary>
internal sealed class ShowEntire : ContainerElement
{
    public override SpacePlan Measure(Size available)
    {
        var plan = Child.Measure(available);
        return plan.IsPartial
            ? SpacePlan.Wrap($"{Child.Describe()} must be shown entire but is taller than the {available.Height:0.#}pt left")
            : plan;
    }
}

/// <summary>Makes the area its content draws in a link to a URL.</summary>
internal sealed class Hyperlink(string url) : ContainerElement
{
    public override void Draw(Size available)
    {
        var plan = Child.Measure(available);
        if (plan.Type is SpacePlanType.Full or SpacePlanType.Partial)
            Context.Canvas.LinkToUrl(SKRect.Create(0, 0, plan.Width, plan.Height), url);
        Child.Draw(available);
    }
}

/// <summary>Adds an entry to the document outline (bookmarks) where its content starts.</summary>
internal sealed class Bookmark(string title, int level) : ContainerElement, IStateful
{
    private bool isRecorded;

    public override void Draw(Size available)
    {
        if (!isRecorded && !Context.Canvas.IsDiscarding)
        {
            Context.StateChanging(this);
            Context.Outline.Add(new Drawing.OutlineEntry(title, level, Context.PageNumber, Context.Canvas.Origin.Y));
            isRecorded = true;
        }
        Child.Draw(available);
    }

    public void ResetState() => isRecorded = false;

    public object GetState() => isRecorded;

    public void SetState(object state) => isRecorded = (bool)state;
}

internal enum HorizontalAlignment
{
    Left,
    Center,
    Right,
}

/// <summary>Places content narrower than the available width to the left, centre or right.</summary>
internal sealed class Alignment(HorizontalAlignment alignment) : ContainerElement
{
    public override SpacePlan Measure(Size available)
    {
        var plan = Child.Measure(available);
        return plan.Type is SpacePlanType.Full or SpacePlanType.Partial ? plan with { Width = available.Width } : plan;
    }

    public override void Draw(Size available)
    {
        var plan = Child.Measure(available);
        var offset = alignment switch
        {
            HorizontalAlignment.Center => (available.Width - plan.Width) / 2,
            HorizontalAlignment.Right => available.Width - plan.Width,
            _ => 0,
        };
        Context.Canvas.Save();
        Context.Canvas.Translate(offset, 0);
        Child.Draw(new Size(plan.Width, available.Height));
        Context.Canvas.Restore();
    }
}

/// <summary>A vertical rule down the left of its content, as for a block quote; continues across pages.</summary>
internal sealed class LeftRule(float thickness, float gap, SKColor color) : ContainerElement
{
    public override SpacePlan Measure(Size available)
    {
        var plan = Child.Measure(Inner(available));
        return plan.Type is SpacePlanType.Full or SpacePlanType.Partial ? plan with { Width = plan.Width + thickness + gap } : plan;
    }

    public override void Draw(Size available)
    {
        var plan = Child.Measure(Inner(available));
        if (plan.Type is SpacePlanType.Full or SpacePlanType.Partial)
            Context.Canvas.FillRectangle(SKRect.Create(0, 0, thickness, plan.Height), color);
        Context.Canvas.Save();
        Context.Canvas.Translate(thickness + gap, 0);
        Child.Draw(Inner(available));
        Context.Canvas.Restore();
    }

    private Size Inner(Size available) => available with { Width = Math.Max(1, available.Width - thickness - gap) };
}
