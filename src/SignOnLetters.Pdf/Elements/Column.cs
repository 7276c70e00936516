using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Elements;

/// <summary>Items stacked vertically; continues on the next page where the page ends.</summary>
internal sealed class Column : Element, IStateful
{
    private int firstPendingItem;
    // Only the latest measurement is ever used, so one is kept and refilled rather than a new one
    // (and a new list) made on every trial flow of a multi-column page.
    private readonly MeasuredItems lastMeasurement = new();

    public List<Element> Items { get; } = [];
    public float Spacing { get; set; }

    /// <summary>Items made on demand instead of <see cref="Items"/> (a long list); null for composed items.</summary>
    public GeneratedItems? Generated { get; set; }

    private int ItemCount => Generated?.Count ?? Items.Count;

    private SpacePlan MeasureItem(int index, Size available) =>
        Generated is { } generated ? generated.Measure(index, available, Context) : Items[index].Measure(available);

    private void DrawItem(int index, Size available)
    {
        if (Generated is { } generated)
            generated.Draw(index, available, Context);
        else
            Items[index].Draw(available);
    }

    public override IReadOnlyList<Element> Children => Items;

    public override SpacePlan Measure(Size available) => MeasureItems(available).Plan;

    public override void Draw(Size available)
    {
        var measured = MeasureItems(available);
        var top = 0f;
        var nextPending = firstPendingItem;
        foreach (var (index, plan, offset) in measured.Placed)
        {
            top = offset;
            if (plan.IsEmpty)
            {
                nextPending = index + 1;
                continue;
            }
            Context.Canvas.Save();
            Context.Canvas.Translate(0, top);
            DrawItem(index, new Size(available.Width, plan.Height));
            Context.Canvas.Restore();
            if (plan.IsFull)
                nextPending = index + 1;
        }
        Context.StateChanging(this);
        firstPendingItem = nextPending;
    }

    /// <summary>Measures items from the first pending one until the page is full, once per state.</summary>
    private MeasuredItems MeasureItems(Size available)
    {
        if (lastMeasurement.IsValid && lastMeasurement.Available == available && lastMeasurement.StateVersion == Context.StateVersion)
            return lastMeasurement;

        var placed = lastMeasurement.Placed;
        placed.Clear();
        float height = 0, width = 0;
        var anyPlaced = false;
        SpacePlan? result = null;
        for (var index = firstPendingItem; index < ItemCount; index++)
        {
            var spacing = anyPlaced ? Spacing : 0;
            var remaining = available.Height - height - spacing;
            if (remaining < -Size.Epsilon)
            {
                if (!Context.KeepRulesRelaxed)
                    (height, width, anyPlaced) = MoveKeptItemsOver(placed);
                result = anyPlaced ? SpacePlan.Partial(width, height) : SpacePlan.Wrap($"column item {index + 1}: no room left after the items kept with it");
                break;
            }
            var plan = MeasureItem(index, new Size(available.Width, Math.Max(0, remaining)));
            if (plan.IsEmpty)
            {
                placed.Add((index, plan, height));
                continue;
            }
            if (plan.IsWrap)
            {
                if (anyPlaced && !Context.KeepRulesRelaxed)
                    (height, width, anyPlaced) = MoveKeptItemsOver(placed);
                result = anyPlaced ? SpacePlan.Partial(width, height) : SpacePlan.Wrap($"column item {index + 1}: {plan.WrapReason}");
                break;
            }
            placed.Add((index, plan, height + spacing));
            height += spacing + plan.Height;
            width = Math.Max(width, plan.Width);
            anyPlaced = true;
            if (plan.IsPartial)
            {
                result = SpacePlan.Partial(width, height);
                break;
            }
        }
        result ??= anyPlaced ? SpacePlan.Full(width, height) : SpacePlan.Empty();
        lastMeasurement.Available = available;
        lastMeasurement.StateVersion = Context.StateVersion;
        lastMeasurement.Plan = result.Value;
        lastMeasurement.IsValid = true;
        return lastMeasurement;
    }

    /// <summary>
    /// The item that does not fit moves to the next page: so do the whole items just before it
    /// that are kept with the next one (a heading, or a heading and its subheading). Returns the
    /// height, width and whether anything is still placed.
    /// </summary>
    private (float Height, float Width, bool AnyPlaced) MoveKeptItemsOver(List<(int Index, SpacePlan Plan, float Top)> placed)
    {
        while (placed.Count > 0)
        {
            var (index, plan, _) = placed[^1];
            if (plan.IsEmpty)
            {
                placed.RemoveAt(placed.Count - 1);
                continue;
            }
            if (!plan.IsFull || !(Generated?.IsKeptWithNext(index) ?? KeepWithNext.Marks(Items[index])))
                break;
            placed.RemoveAt(placed.Count - 1);
        }
        float height = 0, width = 0;
        var anyPlaced = false;
        foreach (var (_, plan, top) in placed)
        {
            if (plan.IsEmpty)
                continue;
            height = top + plan.Height;
            width = Math.Max(width, plan.Width);
            anyPlaced = true;
        }
        return (height, width, anyPlaced);
    }

    public void ResetState()
    {
        Generated?.ResetState();
        SetState(0);
    }

    public object GetState() => firstPendingItem;

    public void SetState(object state)
    {
        firstPendingItem = (int)state;
        lastMeasurement.IsValid = false;
        Context.StateReplaced();
    }

    public override string Describe() => $"column of {ItemCount} items";

    private sealed class MeasuredItems
    {
        public bool IsValid { get; set; }
        public Size Available { get; set; }
        public long StateVersion { get; set; }
        public SpacePlan Plan { get; set; }
        public List<(int Index, SpacePlan Plan, float Top)> Placed { get; } = [];
    }
}
