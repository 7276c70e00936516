using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Elements;

internal sealed class Padding : ContainerElement
{
    public float Left { get; set; }
    public float Top { get; set; }
    public float Right { get; set; }
    public float Bottom { get; set; }

    public override SpacePlan Measure(Size available)
    {
        var plan = Child.Measure(Inner(available));
        if (plan.IsWrap || plan.IsEmpty)
            return plan;
        return plan with { Width = plan.Width + Left + Right, Height = plan.Height + Top + Bottom };
    }

    public override void Draw(Size available)
    {
        Context.Canvas.Save();
        Context.Canvas.Translate(Left, Top);
        Child.Draw(Inner(available));
        Context.Canvas.Restore();
    }

    private Size Inner(Size available) =>
        new(Math.Max(0, available.Width - Left - Right), Math.Max(0, available.Height - Top - Bottom));
}
