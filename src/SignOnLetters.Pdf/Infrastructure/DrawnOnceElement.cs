namespace SignOnLetters.Pdf.Infrastructure;

/// <summary>
/// A leaf drawn whole on one page. Once drawn it measures as empty, so a row whose other cells
/// continue on the next page does not draw it a second time.
/// </summary>
internal abstract class DrawnOnceElement : Element, IStateful
{
    protected bool IsDrawn { get; private set; }

    protected void MarkDrawn()
    {
        Context.StateChanging(this);
        IsDrawn = true;
    }

    public void ResetState() => SetState(false);

    public object GetState() => IsDrawn;

    public void SetState(object state)
    {
        IsDrawn = (bool)state;
        Context.StateReplaced();
    }
}
