using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// Where a drawn thing sits in the structure tree: a chain of structure elements up to the
/// document. <see cref="Key"/> is the composed element (or text span) the structure element
/// stands for, the same on every page it spans, so a paragraph split over two pages is one element.
/// </summary>
internal sealed class StructureScope(object key, StructureTag tag, StructureScope? parent)
{
    public object Key { get; } = key;
    public StructureTag Tag { get; } = tag;
    public StructureScope? Parent { get; } = parent;

    /// <summary>Inside an artifact: drawn but not read.</summary>
    public bool IsArtifact { get; } = tag.Role == StructureRole.Artifact || parent is { IsArtifact: true };
}
