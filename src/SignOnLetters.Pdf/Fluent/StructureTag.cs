namespace SignOnLetters.Pdf.Fluent;

/// <summary>What a piece of content is, for the PDF's structure tree (tagged PDF, PDF/UA).</summary>
public enum StructureRole
{
    Paragraph,
    Heading,
    List,
    ListItem,
    Label,
    ListBody,
    BlockQuote,
    Figure,
    Division,
    Link,
    Span,
    Table,
    TableRow,
    TableHeaderCell,
    TableCell,

    /// <summary>A note's text (a link's address or a footnote, listed after the letter).</summary>
    Note,

    /// <summary>Page furniture (running heads, page numbers, rules): drawn, but not part of the text.</summary>
    Artifact,
}

/// <summary>
/// A structure element. Text blocks not inside a heading, paragraph, label, link or span become
/// paragraphs of their own, so only what is not a paragraph needs tagging.
/// </summary>
public sealed record StructureTag(StructureRole Role)
{
    /// <summary>For headings: 1 to 6.</summary>
    public int Level { get; init; } = 1;

    /// <summary>For figures: what the picture shows, for readers who cannot see it.</summary>
    public string? AlternateText { get; init; }

    /// <summary>The content's language (BCP 47) when it is not the document's.</summary>
    public string? Language { get; init; }

    /// <summary>
    /// A text block directly inside is this element's own text rather than a paragraph of its own
    /// (a list body holding one line, such as a signatory entry): one structure element fewer per entry.
    /// </summary>
    public bool HoldsItsText { get; init; }

    /// <summary>The element's text in logical order, for when its glyphs do not read back in that order.</summary>
    public string? ActualText { get; init; }

    public static StructureTag Paragraph { get; } = new(StructureRole.Paragraph);
    public static StructureTag List { get; } = new(StructureRole.List);
    public static StructureTag ListItem { get; } = new(StructureRole.ListItem);
    public static StructureTag Label { get; } = new(StructureRole.Label);
    public static StructureTag ListBody { get; } = new(StructureRole.ListBody);
    public static StructureTag BlockQuote { get; } = new(StructureRole.BlockQuote);
    public static StructureTag Division { get; } = new(StructureRole.Division);
    public static StructureTag Artifact { get; } = new(StructureRole.Artifact);

    public static StructureTag Heading(int level) => new(StructureRole.Heading) { Level = Math.Clamp(level, 1, 6) };

    public static StructureTag Figure(string alternateText) => new(StructureRole.Figure) { AlternateText = alternateText };

    /// <summary>The structure type's PDF name.</summary>
    internal string PdfName => Role switch
    {
        StructureRole.Paragraph => "P",
        StructureRole.Heading => "H" + Math.Clamp(Level, 1, 6).ToString(System.Globalization.CultureInfo.InvariantCulture),
        StructureRole.List => "L",
        StructureRole.ListItem => "LI",
        StructureRole.Label => "Lbl",
        StructureRole.ListBody => "LBody",
        StructureRole.BlockQuote => "BlockQuote",
        StructureRole.Figure => "Figure",
        StructureRole.Division => "Div",
        StructureRole.Link => "Link",
        StructureRole.Span => "Span",
        StructureRole.Table => "Table",
        StructureRole.TableRow => "TR",
        StructureRole.TableHeaderCell => "TH",
        StructureRole.TableCell => "TD",
        StructureRole.Note => "Note",
        _ => "Artifact",
    };

    /// <summary>Roles whose text is their own: a text block inside one does not become a paragraph of its own.</summary>
    internal bool HoldsText => HoldsItsText || Role is StructureRole.Paragraph or StructureRole.Heading or StructureRole.Label
        or StructureRole.Link or StructureRole.Span or StructureRole.TableHeaderCell or StructureRole.TableCell;
}
