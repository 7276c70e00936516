using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Elements;

/// <summary>Items side by side, with fixed widths or shares of the width left over.</summary>
internal sealed class Row : Element
{
    public List<RowItem> Items { get; } = [];
    public float Spacing { get; set; }

    public override IReadOnlyList<Element> Children => Items.Select(item => item.Content).ToArray();

    public override SpacePlan Measure(Size available)
    {
        var widths = ItemWidths(available.Width);
        float height = 0;
        var anyPartial = false;
        var anyContent = false;
        for (var i = 0; i < Items.Count; i++)
        {
            var plan = Items[i].Content.Measure(new Size(widths[i], available.Height));
            if (plan.IsWrap)
                return SpacePlan.Wrap($"row item {i + 1}: {plan.WrapReason}");
            if (plan.IsEmpty)
                continue;
            anyContent = true;
            anyPartial |= plan.IsPartial;
            height = Math.Max(height, plan.Height);
        }
        if (!anyContent)
            return SpacePlan.Empty();
        return anyPartial ? SpacePlan.Partial(available.Width, height) : SpacePlan.Full(available.Width, height);
    }

    public override void Draw(Size available)
    {
        var widths = ItemWidths(available.Width);
        var left = 0f;
        for (var i = 0; i < Items.Count; i++)
        {
            Context.Canvas.Save();
            Context.Canvas.Translate(left, 0);
            Items[i].Content.Draw(new Size(widths[i], available.Height));
            Context.Canvas.Restore();
            left += widths[i] + Spacing;
        }
    }

    private float[] ItemWidths(float availableWidth)
    {
        var fixedTotal = Items.Where(item => item.ConstantWidth is not null).Sum(item => item.ConstantWidth!.Value);
        var relativeTotal = Items.Where(item => item.ConstantWidth is null).Sum(item => item.RelativeWidth);
        var leftOver = Math.Max(0, availableWidth - fixedTotal - Spacing * Math.Max(0, Items.Count - 1));
        return Items
            .Select(item => item.ConstantWidth ?? (relativeTotal > 0 ? leftOver * item.RelativeWidth / relativeTotal : 0))
            .ToArray();
    }

    public override string Describe() => $"row of {Items.Count} items";
}

internal sealed record RowItem(Element Content, float? ConstantWidth, float RelativeWidth);
