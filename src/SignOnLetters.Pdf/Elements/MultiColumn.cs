using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Elements;

/// <summary>
/// Flows content through several columns, newspaper style: down the first column, then the next,
/// then on to the next page. On the last page the columns are balanced to even heights. In a
/// right-to-left document the first column is the rightmost, as a reader of Arabic expects.
/// </summary>
internal sealed class MultiColumn : ContainerElement
{
    public int ColumnCount { get; set; } = 2;
    public float Spacing { get; set; } = 12;
    public bool Balance { get; set; } = true;
    public bool RightToLeft { get; set; }

    private Measurement? lastMeasurement;

    public override SpacePlan Measure(Size available) => MeasureFlow(available).Plan;

    public override void Draw(Size available)
    {
        var measurement = MeasureFlow(available);
        var columnSize = ColumnSize(available) with { Height = measurement.ColumnHeight };
        for (var column = 0; column < ColumnCount; column++)
        {
            var plan = Child.Measure(columnSize);
            if (plan.IsEmpty || plan.IsWrap)
                break;
            Context.Canvas.Save();
            var slot = RightToLeft ? ColumnCount - 1 - column : column;
            Context.Canvas.Translate(slot * (columnSize.Width + Spacing), 0);
            Child.Draw(columnSize);
            Context.Canvas.Restore();
            if (plan.IsFull)
                break;
        }
    }

    /// <summary>Trial-flows at most once per page: Draw reuses what Measure found if nothing changed since.</summary>
    private Measurement MeasureFlow(Size available)
    {
        if (lastMeasurement is { } cached && cached.Available == available && cached.StateVersion == Context.StateVersion)
            return cached;
        var columnSize = ColumnSize(available);
        var first = Child.Measure(columnSize);
        SpacePlan plan;
        var columnHeight = columnSize.Height;
        if (first.IsWrap || first.IsEmpty)
            plan = first;
        else if (first.IsFull && ColumnCount == 1)
            plan = first with { Width = available.Width };
        else
        {
            var (fitsAll, height) = TrialFlow(columnSize);
            if (fitsAll && Balance)
                height = columnHeight = BalancedHeight(columnSize);
            plan = fitsAll ? SpacePlan.Full(available.Width, height) : SpacePlan.Partial(available.Width, height);
        }
        lastMeasurement = new Measurement(available, Context.StateVersion, plan, columnHeight);
        return lastMeasurement;
    }

    private sealed record Measurement(Size Available, long StateVersion, SpacePlan Plan, float ColumnHeight);

    private Size ColumnSize(Size available) =>
        new(Math.Max(1, (available.Width - Spacing * (ColumnCount - 1)) / ColumnCount), available.Height);

    /// <summary>Flows the content through the columns without recording anything, then restores its progress.</summary>
    private (bool FitsAll, float Height) TrialFlow(Size columnSize)
    {
        var canvas = Context.Canvas;
        Context.Canvas = PageCanvas.Discarding;
        using var trial = Context.BeginTrial();
        try
        {
            var height = 0f;
            for (var column = 0; column < ColumnCount; column++)
            {
                var plan = Child.Measure(columnSize);
                if (plan.IsEmpty)
                    return (true, height);
                if (plan.IsWrap)
                    return (false, height);
                height = Math.Max(height, plan.Height);
                Child.Draw(columnSize);
                if (plan.IsFull)
                    return (true, height);
            }
            return (Child.Measure(columnSize).IsEmpty, height);
        }
        finally
        {
            Context.Canvas = canvas;
        }
    }

    /// <summary>The least column height, to half a point, at which the rest of the content still fits.</summary>
    private float BalancedHeight(Size columnSize)
    {
        float low = 0, high = columnSize.Height;
        while (high - low > 0.5f)
        {
            var middle = (low + high) / 2;
            if (TrialFlow(columnSize with { Height = middle }).FitsAll)
                high = middle;
            else
                low = middle;
        }
        return high;
    }
}
