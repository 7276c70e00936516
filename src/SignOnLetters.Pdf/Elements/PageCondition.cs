using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Elements;

/// <summary>
/// Content shown only on the pages a condition on (page number, total pages) picks: a running head
/// from page 2, page numbers only when there is more than one page. Elsewhere it takes no space.
/// The total is known from the paginator's second pass; the first pass sees the pages so far.
/// </summary>
internal sealed class PageCondition(Func<int, int, bool> show) : ContainerElement
{
    private bool IsShown => show(Context.PageNumber, Context.TotalPages);

    public override SpacePlan Measure(Size available) => IsShown ? Child.Measure(available) : SpacePlan.Empty();

    public override void Draw(Size available)
    {
        if (IsShown)
            Child.Draw(available);
    }
}
