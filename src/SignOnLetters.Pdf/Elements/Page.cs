using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Infrastructure;
using SkiaSharp;

namespace SignOnLetters.Pdf.Elements;

/// <summary>One page template: size, margins, header, content and footer. Content flows over as many pages as it needs.</summary>
internal sealed class Page : Element
{
    public float Width { get; set; } = PageSizes.A4.Width;
    public float Height { get; set; } = PageSizes.A4.Height;
    public Padding Margins { get; } = new() { Left = 56.7f, Top = 56.7f, Right = 56.7f, Bottom = 56.7f };
    public Decoration Layout { get; } = new() { PinAfterToBottom = true };
    public TextStyle? DefaultTextStyle { get; set; }
    public SKColor? Background { get; set; }

    public Page() => Margins.Child = Layout;

    public override IReadOnlyList<Element> Children => [Margins];

    public override SpacePlan Measure(Size available) => Margins.Measure(available);

    public override void Draw(Size available)
    {
        if (Background is { } background)
            Context.Canvas.FillRectangle(SKRect.Create(0, 0, available.Width, available.Height), background);
        Margins.Draw(available);
    }

    /// <summary>Hands the page's default text style down to every text block under it.</summary>
    public void ApplyDefaultTextStyle()
    {
        foreach (var element in SelfAndDescendants())
        {
            if (element is TextBlock text)
                text.InheritedStyle = DefaultTextStyle;
            else if (element is Column { Generated: { } generated })
                generated.InheritedStyle = DefaultTextStyle;
        }
    }
}
