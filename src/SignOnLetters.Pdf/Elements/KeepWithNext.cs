using SignOnLetters.Pdf.Infrastructure;

namespace SignOnLetters.Pdf.Elements;

/// <summary>
/// Marks a column item that must not end a page: when the item after it does not start on the
/// same page, the column moves this one over too (a heading never sits alone at a page foot).
/// It changes nothing on its own; <see cref="Column"/> asks for it.
/// </summary>
internal sealed class KeepWithNext : ContainerElement
{
    /// <summary>Whether the element, or the chain of single-child wrappers it starts, is kept with the next item.</summary>
    public static bool Marks(Element element)
    {
        for (var current = element; ; )
        {
            switch (current)
            {
                case KeepWithNext:
                    return true;
                case Slot { Child: { } child }:
                    current = child;
                    break;
                case ContainerElement container:
                    current = container.Child;
                    break;
                default:
                    return false;
            }
        }
    }
}
