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

    public StructureNode Root { get; } = new(new StructureTag(StructureRole.Division), null);

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
    public static StructureNode InsertedHyphen { get; } = new(StructureTag.Artifact, null);

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
        node = new StructureNode(scope.Tag, parent);
        parent.AddKid(node);
        nodes.Add(scope.Key, node);
        return node;
    }
}

internal sealed class StructureNode(StructureTag tag, StructureNode? parent)
{
    // Most elements have one kid (a list item its body, an entry's body its one marked-content
    // sequence): the first is a field and a list is made only for a second. A list per element
    // was half the tree's memory, two elements per signatory kept until the file is finished.
    private object? firstKid;
    private List<object>? moreKids;

    public StructureTag Tag { get; } = tag;
    public StructureNode? Parent { get; } = parent;

    /// <summary>Child elements, marked-content sequences and annotations, in reading order.</summary>
    public KidList Kids => new(this);

    public void AddKid(object kid)
    {
        if (firstKid is null)
            firstKid = kid;
        else
            (moreKids ??= []).Add(kid);
    }

    public int? FirstPage { get; set; }
    public int ObjectNumber { get; set; }

    /// <summary>The kids, enumerated without an allocation (the finisher walks them three times per element).</summary>
    public readonly struct KidList(StructureNode node)
    {
        public Enumerator GetEnumerator() => new(node);
    }

    public struct Enumerator(StructureNode node)
    {
        private int index = -1;

        public readonly object Current => index == 0 ? node.firstKid! : node.moreKids![index - 1];

        public bool MoveNext()
        {
            index++;
            return index == 0 ? node.firstKid is not null : node.moreKids is { } more && index - 1 < more.Count;
        }
    }
}

internal sealed record MarkedContentKid(int PageIndex, int Mcid);

internal sealed record AnnotationKid(int PageIndex, int IndexOnPage);
