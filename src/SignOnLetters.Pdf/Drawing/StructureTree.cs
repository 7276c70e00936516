using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// The structure tree as the writer meets the display lists: each change of structure element
/// in a page's content opens a marked-content sequence, numbered per page (the MCID), and the
/// element it belongs to is created on first use, under its parents, in reading order.
/// </summary>
internal sealed class StructureTree
{
    // Weak keys: a key is the composed element a structure element stands for, and a long list's
    // elements are dropped once drawn (GeneratedItems); holding them here kept every one alive.
    // Lookups are by reference, as before, and only ever for keys still in use.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, StructureNode> nodes = new();

    public StructureNode Root { get; } = new(new StructureTag(StructureRole.Division));

    /// <summary>Per page: the structure element of each MCID.</summary>
    public List<List<StructureNode>> ContentByPage { get; } = [];

    /// <summary>Per page: what each marked-content sequence is, in content order (null or <see cref="InsertedHyphen"/>: an artifact).</summary>
    public List<List<(StructureNode? Node, int Mcid)>> SequencesByPage { get; } = [];

    /// <summary>Per page, in the order drawn: the Link element of each link annotation.</summary>
    public List<List<StructureNode>> LinksByPage { get; } = [];

    public void BeginPage()
    {
        ContentByPage.Add([]);
        SequencesByPage.Add([]);
        LinksByPage.Add([]);
    }

    /// <summary>
    /// Stands for the hyphen a line broken inside a word ends with: an artifact that also reads as
    /// nothing (an empty /ActualText), since poppler and the tools on it ignore artifacts and would
    /// otherwise read "evi‐ dence".
    /// </summary>
    public static StructureNode InsertedHyphen { get; } = new(StructureTag.Artifact);

    /// <summary>The element a drawn command's content belongs to; null for an artifact.</summary>
    public StructureNode? ElementOf(DrawCommand command) => command switch
    {
        RectangleCommand => null,
        GlyphRunCommand { Fragment.IsInsertedHyphen: true } => InsertedHyphen,
        ImageCommand { Scope: { IsArtifact: false, Tag.Role: StructureRole.Figure } scope } => Node(scope),
        ImageCommand => null,
        _ when command.Scope is { IsArtifact: true } => null,
        _ => Node(command.Scope),
    };

    /// <summary>Opens a marked-content sequence on the current page.</summary>
    public void OpenSequence(StructureNode? node, int pageIndex)
    {
        if (node is null || node == InsertedHyphen)
        {
            SequencesByPage[^1].Add((node, -1));
            return;
        }
        var content = ContentByPage[^1];
        var mcid = content.Count;
        content.Add(node);
        node.AddKid(new MarkedContentKid(pageIndex, mcid));
        node.FirstPage ??= pageIndex;
        SequencesByPage[^1].Add((node, mcid));
    }

    public void AddLink(LinkCommand link, int pageIndex)
    {
        var node = link.Scope is { Tag.Role: StructureRole.Link, IsArtifact: false } scope
            ? Node(scope)
            : Node(new StructureScope(link, new StructureTag(StructureRole.Link) { AlternateText = link.Url }, link.Scope is { IsArtifact: false } ? link.Scope : null));
        var links = LinksByPage[^1];
        node.AddKid(new AnnotationKid(pageIndex, links.Count));
        node.FirstPage ??= pageIndex;
        links.Add(node);
    }

    private StructureNode Node(StructureScope? scope)
    {
        if (scope is null)
            return Root;
        if (nodes.TryGetValue(scope.Key, out var node))
            return node;
        var parent = Node(scope.Parent);
        node = new StructureNode(scope.Tag);
        parent.AddKid(node);
        nodes.Add(scope.Key, node);
        return node;
    }
}

internal sealed class StructureNode(StructureTag tag)
{
    // Two elements per signatory are kept until the file is finished, so each is kept small
    // (40 bytes): its kids in one field (the kid itself while there is one, as most elements have:
    // a list item its body, an entry's body its one marked-content sequence; a list from the
    // second), its first page as an int, and no parent (the finisher passes it down as it writes).
    private object? kids;
    private int firstPage = -1;

    public StructureTag Tag { get; } = tag;

    /// <summary>Child elements, marked-content sequences and annotations, in reading order.</summary>
    public KidList Kids => new(this);

    public void AddKid(object kid)
    {
        switch (kids)
        {
            case null:
                kids = kid;
                break;
            case List<object> more:
                more.Add(kid);
                break;
            default:
                kids = new List<object> { kids, kid };
                break;
        }
    }

    public int? FirstPage
    {
        get => firstPage < 0 ? null : firstPage;
        set => firstPage = value ?? -1;
    }

    public int ObjectNumber { get; set; }

    /// <summary>The kids, enumerated without an allocation (the finisher walks them three times per element).</summary>
    public readonly struct KidList(StructureNode node)
    {
        public Enumerator GetEnumerator() => new(node.kids);
    }

    public struct Enumerator(object? kids)
    {
        private int index = -1;

        public readonly object Current => kids is List<object> more ? more[index] : kids!;

        public bool MoveNext()
        {
            index++;
            return kids is List<object> more ? index < more.Count : index == 0 && kids is not null;
        }
    }
}

internal sealed record MarkedContentKid(int PageIndex, int Mcid);

internal sealed record AnnotationKid(int PageIndex, int IndexOnPage);
