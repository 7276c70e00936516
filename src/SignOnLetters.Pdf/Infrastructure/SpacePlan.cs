namespace SignOnLetters.Pdf.Infrastructure;

internal enum SpacePlanType
{
    /// <summary>Nothing (left) to draw; takes no space.</summary>
    Empty,
    /// <summary>Does not fit in the available space; must move to the next page.</summary>
    Wrap,
    /// <summary>Part fits; the rest continues on the next page.</summary>
    Partial,
    /// <summary>Everything that is left fits.</summary>
    Full,
}

/// <summary>The answer of <see cref="Element.Measure"/>: how much space an element wants.</summary>
internal readonly record struct SpacePlan(SpacePlanType Type, float Width, float Height, string? WrapReason)
{
    public static SpacePlan Empty() => new(SpacePlanType.Empty, 0, 0, null);
    public static SpacePlan Wrap(string reason) => new(SpacePlanType.Wrap, 0, 0, reason);
    public static SpacePlan Partial(float width, float height) => new(SpacePlanType.Partial, width, height, null);
    public static SpacePlan Full(float width, float height) => new(SpacePlanType.Full, width, height, null);

    public bool IsWrap => Type == SpacePlanType.Wrap;
    public bool IsEmpty => Type == SpacePlanType.Empty;
    public bool IsPartial => Type == SpacePlanType.Partial;
    public bool IsFull => Type == SpacePlanType.Full;
}
