namespace SignOnLetters.Pdf.Infrastructure;

/// <summary>
/// An element whose drawing progress spans pages (the next line, the next item). The state is
/// boxed so a subtree can be snapshotted and restored, which multi-column flow needs to measure
/// "what would fit" without committing.
/// </summary>
internal interface IStateful
{
    void ResetState();
    object GetState();
    void SetState(object state);
}
