using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Elements;

/// <summary>Gives what its child draws a place in the structure tree; changes nothing on the page.</summary>
internal sealed class Tagged(StructureTag tag) : ContainerElement
{
    public StructureTag Tag { get; } = tag;

    public override void Draw(Size available)
    {
        var canvas = Context.Canvas;
        canvas.OpenScope(this, Tag);
        try
        {
            Child.Draw(available);
        }
        finally
        {
            canvas.CloseScope();
        }
    }
}
