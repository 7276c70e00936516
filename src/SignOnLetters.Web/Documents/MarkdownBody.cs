using Markdig;
using Markdig.Extensions.AutoLinks;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.SmartyPants;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Web.Infrastructure.Markdown;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// Renders the letter's Markdown from Markdig's syntax tree straight to layout elements (no HTML in
/// between): headings (with bookmarks), paragraphs, emphasis, links, lists, block quotes, rules,
/// pipe tables and footnotes, with the letter language's quotation marks. Paper loses a link's
/// address, so each link gets a numbered note ("[1]") listing it; footnotes share the numbering.
/// Raw HTML is dropped, never rendered: the text of a letter is data, not markup.
/// </summary>
internal sealed class MarkdownBody(LetterStyle style, string? languageCode = null)
{
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks(new AutoLinkOptions { OpenInNewWindow = false })
        .UsePipeTables()
        .UseFootnotes()
        .UseSmartyPants()
        .Build();

    private readonly QuoteMarks marks = QuoteMarks.For(languageCode);

    /// <summary>The link addresses and footnotes met so far, numbered in order of first mention.</summary>
    private readonly MarkdownNotes notes = new();

    public bool HasNotes => notes.All.Count > 0;

    private const float IndentWidth = 18;

    public void Compose(ColumnDescriptor column, string markdown)
    {
        // Within the limits the editors are held to; a text beyond them (stored before they existed)
        // is printed as its plain paragraphs rather than failing the PDF.
        if (MarkdownLimits.ParseWithin(markdown ?? string.Empty, Pipeline) is not { } document)
        {
            foreach (var paragraph in MarkdownLimits.PlainParagraphs(markdown ?? string.Empty))
                column.Item().Text(text =>
                {
                    style.Paragraph(text);
                    text.Span(paragraph);
                });
            return;
        }
        foreach (var block in document)
            ComposeBlock(column, block);
    }

    private void ComposeBlock(ColumnDescriptor column, Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                // Each level its own size, so h3 and h4 do not look alike; a heading stays with its text.
                var headingSize = heading.Level switch { 1 => 15f, 2 => 13.5f, 3 => 12f, _ => 11f };
                // The letter's title is the one H1; Markdown's levels sit under it.
                column.Item().KeepWithNext().Bookmark(PlainText(heading.Inline), heading.Level).PaddingTop(6).Heading(heading.Level + 1).Text(text =>
                {
                    style.Paragraph(text);
                    text.DefaultTextStyle(new TextStyle { FontSize = headingSize, Bold = true });
                    ComposeInlines(text, heading.Inline, InlineStyle.Plain);
                });
                break;
            case ParagraphBlock paragraph:
                column.Item().Text(text =>
                {
                    style.Paragraph(text);
                    text.Justify();
                    ComposeInlines(text, paragraph.Inline, InlineStyle.Plain);
                });
                break;
            case ListBlock list:
                ComposeList(column, list);
                break;
            case QuoteBlock quote:
                // The engine draws rules on the left only; a right-to-left quote is set off by its indent alone.
                var quoted = (style.RightToLeft ? column.Item().PaddingVertical(2).PaddingRight(IndentWidth) : column.Item().PaddingVertical(2).BorderLeft())
                    .Tag(StructureTag.BlockQuote);
                quoted.Column(inner =>
                {
                    inner.Spacing(6);
                    foreach (var child in quote)
                        ComposeBlock(inner, child);
                });
                break;
            case ThematicBreakBlock:
                column.Item().PaddingVertical(6).LineHorizontal(0.75f, "#A0AEC0");
                break;
            case CodeBlock code:
                // Printed as the literal text it is; a letter has no use for syntax colouring.
                var codeText = string.Join('\n', code.Lines.Lines.Take(code.Lines.Count).Select(line => line.ToString()));
                column.Item().PaddingLeft(IndentWidth).Text(text =>
                {
                    style.Paragraph(text);
                    text.Span(codeText).FontColor("#2D3748");
                });
                break;
            case Table table:
                ComposeTable(column, table);
                break;
            case FootnoteGroup:
                // Printed with the link addresses, in the notes after the letter (ComposeNotes).
                break;
            case HtmlBlock:
            case LinkReferenceDefinitionGroup:
                // Raw HTML is ignored on purpose (never rendered, never shown as text); reference
                // definitions only feed the links that use them.
                break;
            case ContainerBlock container:
                foreach (var child in container)
                    ComposeBlock(column, child);
                break;
            case LeafBlock { Inline: { } inline }:
                column.Item().Text(text =>
                {
                    style.Paragraph(text);
                    ComposeInlines(text, inline, InlineStyle.Plain);
                });
                break;
        }
    }

    private void ComposeList(ColumnDescriptor column, ListBlock list)
    {
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, out var start) ? start : 1;
        column.Item().Tag(StructureTag.List).Column(items =>
        {
            items.Spacing(3);
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var marker = list.IsOrdered ? $"{number++}{list.OrderedDelimiter}" : list.Parent is ListItemBlock ? "◦" : "•";
                items.Item().Tag(StructureTag.ListItem).Row(row =>
                {
                    // In a right-to-left letter the marker sits on the right: the row is laid out from the left.
                    if (style.RightToLeft)
                    {
                        ItemContent(row.RelativeItem(), item);
                        Marker(row.ConstantItem(IndentWidth), marker);
                    }
                    else
                    {
                        Marker(row.ConstantItem(IndentWidth), marker);
                        ItemContent(row.RelativeItem(), item);
                    }
                });
            }
        });
    }

    private void Marker(IContainer container, string marker) => container.Tag(StructureTag.Label).Text(text =>
    {
        style.Paragraph(text);
        text.Span(marker);
    });

    private void ItemContent(IContainer container, ListItemBlock item) => container.Tag(StructureTag.ListBody).Column(content =>
    {
        content.Spacing(3);
        foreach (var child in item)
            ComposeBlock(content, child);
    });

    private void ComposeInlines(TextDescriptor text, ContainerInline? container, InlineStyle inlineStyle)
    {
        foreach (var (content, style) in Spans(container, inlineStyle, marks, notes))
            Emit(text, content, style);
    }

    /// <summary>
    /// A pipe table as a table: a row per line, the header row bold and ruled off, each cell aligned
    /// as its column's separator says. Cells sit from the side lines start on (right to left in an
    /// Arabic letter), and the structure tree reads them in the Markdown's order.
    /// </summary>
    private void ComposeTable(ColumnDescriptor column, Table table)
    {
        var columns = Math.Max(1, table.ColumnDefinitions.Count);
        column.Item().PaddingVertical(2).Tag(new StructureTag(StructureRole.Table)).Column(rows =>
        {
            rows.Spacing(2);
            foreach (var row in table.OfType<TableRow>())
            {
                rows.Item().ShowEntire().Tag(new StructureTag(StructureRole.TableRow)).Row(line =>
                {
                    line.Spacing(8);
                    var cells = row.OfType<TableCell>().Take(columns).ToList();
                    // Short rows are filled so every column keeps its width.
                    var slots = Enumerable.Range(0, columns).Select(index => index < cells.Count ? cells[index] : null).ToList();
                    if (style.RightToLeft)
                        slots.Reverse();
                    foreach (var cell in slots)
                    {
                        var item = line.RelativeItem();
                        if (cell is null)
                            continue;
                        var alignment = cell.ColumnIndex >= 0 && cell.ColumnIndex < table.ColumnDefinitions.Count ? table.ColumnDefinitions[cell.ColumnIndex].Alignment : null;
                        item.Tag(new StructureTag(row.IsHeader ? StructureRole.TableHeaderCell : StructureRole.TableCell)).Text(text =>
                        {
                            style.Paragraph(text);
                            if (alignment == TableColumnAlign.Right)
                                text.AlignRight();
                            else if (alignment == TableColumnAlign.Center)
                                text.AlignCenter();
                            var first = true;
                            foreach (var paragraph in cell.OfType<LeafBlock>())
                            {
                                if (!first)
                                    text.Span("\n");
                                first = false;
                                ComposeInlines(text, paragraph.Inline, row.IsHeader ? InlineStyle.Plain with { Bold = true } : InlineStyle.Plain);
                            }
                        });
                    }
                });
                if (row.IsHeader)
                    rows.Item().LineHorizontal(0.75f, "#A0AEC0");
            }
        });
    }

    /// <summary>
    /// The notes after the letter: "[1] https://…" for each link address and each footnote's text,
    /// in the order the letter first mentions them. A footnote may itself hold a link: its note is
    /// added as the list is printed.
    /// </summary>
    public void ComposeNotes(ColumnDescriptor column, string heading)
    {
        if (!HasNotes)
            return;
        column.Item().KeepWithNext().PaddingTop(10).Heading(2).Text(text => style.Paragraph(text).Span(style.Label(heading)).FontSize(12).Bold());
        column.Item().Tag(StructureTag.List).Column(items =>
        {
            items.Spacing(2);
            for (var index = 0; index < notes.All.Count; index++)
            {
                var note = notes.All[index];
                items.Item().Tag(StructureTag.ListItem).Row(row =>
                {
                    void Label() => row.ConstantItem(24).Tag(StructureTag.Label).Text(text => style.Paragraph(text).Span($"[{note.Number}]").FontSize(8.5f));
                    void Body() => row.RelativeItem().Tag(StructureTag.ListBody).Tag(new StructureTag(StructureRole.Note)).Column(body =>
                    {
                        if (note.Url is { } url)
                            body.Item().Text(text =>
                            {
                                style.Paragraph(text).Direction(TextDirection.LeftToRight);
                                text.Span(PrintedAddress(url)).FontSize(8.5f).Link(url).FontColor(LetterStyle.LinkColour);
                            });
                        else if (note.Footnote is { } footnote)
                            foreach (var paragraph in footnote.OfType<LeafBlock>())
                                body.Item().Text(text =>
                                {
                                    style.Paragraph(text);
                                    text.DefaultTextStyle(new TextStyle { FontSize = 8.5f });
                                    ComposeInlines(text, paragraph.Inline, InlineStyle.Plain);
                                });
                    });
                    // In a right-to-left letter the number sits on the right: the row is laid out from the left.
                    if (style.RightToLeft)
                    {
                        Body();
                        Label();
                    }
                    else
                    {
                        Label();
                        Body();
                    }
                });
            }
        });
    }

    /// <summary>An address as a reader types it from paper: without "mailto:".</summary>
    private static string PrintedAddress(string url) =>
        url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url["mailto:".Length..] : url;

    /// <summary>
    /// A paragraph's inlines as runs of text with their emphasis and link: what the PDF and the Word
    /// export both draw, so that they read the Markdown the same way. With <paramref name="notes"/>,
    /// a link whose text is not its address is followed by its note's number, and a footnote
    /// reference by its number in the same sequence; without, a footnote keeps Markdig's number.
    /// </summary>
    internal static IEnumerable<(string Text, InlineStyle Style)> Spans(ContainerInline? container, InlineStyle inlineStyle,
        QuoteMarks? marks = null, MarkdownNotes? notes = null)
    {
        if (container is null)
            yield break;
        marks ??= QuoteMarks.English;
        // Single quotes opened in this run of text: a closing one is their closing mark, any other an apostrophe.
        var openSingleQuotes = 0;
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    // SmartyPants leaves a quote inside a word ("it's", "l'eau") as typed: it is an apostrophe.
                    yield return (literal.Content.ToString().Replace('\'', '\u2019'), inlineStyle);
                    break;
                case SmartyPant { Type: SmartyPantType.LeftQuote }:
                    openSingleQuotes++;
                    yield return (marks.InnerOpen, inlineStyle);
                    break;
                case SmartyPant { Type: SmartyPantType.RightQuote } when openSingleQuotes > 0:
                    openSingleQuotes--;
                    yield return (marks.InnerClose, inlineStyle);
                    break;
                case SmartyPant mark:
                    yield return (marks.Of(mark.Type), inlineStyle);
                    break;
                case EmphasisInline emphasis:
                    var emphasised = emphasis.DelimiterCount >= 2 ? inlineStyle with { Bold = true } : inlineStyle with { Italic = true };
                    foreach (var span in Spans(emphasis, emphasised, marks, notes))
                        yield return span;
                    break;
                case LinkInline { IsImage: true } image:
                    // Images in the text are not fetched (no third-party requests); their alt text stands in.
                    foreach (var span in Spans(image, inlineStyle, marks, notes))
                        yield return span;
                    break;
                case LinkInline link:
                    var url = ClickableUrl(link.GetDynamicUrl?.Invoke() ?? link.Url);
                    foreach (var span in Spans(link, inlineStyle with { Url = url }, marks, notes))
                        yield return span;
                    // The address is lost on paper unless the text already is the address.
                    if (notes is not null && url is not null && PlainText(link) != PrintedAddress(url) && PlainText(link) != url)
                        yield return ($"\u00A0[{notes.ForUrl(url)}]", inlineStyle with { Url = null, Note = true });
                    break;
                case FootnoteLink { IsBackLink: false } footnote:
                    yield return ($"\u00A0[{notes?.ForFootnote(footnote.Footnote) ?? footnote.Footnote.Order}]", inlineStyle with { Url = null, Note = true });
                    break;
                case FootnoteLink:
                    break;
                case AutolinkInline autolink:
                    yield return (autolink.Url, inlineStyle with { Url = ClickableUrl(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url) });
                    break;
                case CodeInline code:
                    yield return (code.Content, inlineStyle);
                    break;
                case HtmlEntityInline entity:
                    yield return (entity.Transcoded.ToString(), inlineStyle);
                    break;
                case LineBreakInline lineBreak:
                    yield return (lineBreak.IsHard ? "\n" : " ", inlineStyle);
                    break;
                case HtmlInline:
                    // A tag inside a paragraph is dropped; the text around and between tags stays.
                    break;
                case ContainerInline nested:
                    foreach (var span in Spans(nested, inlineStyle))
                        yield return span;
                    break;
            }
        }
    }

    private static void Emit(TextDescriptor text, string content, InlineStyle inlineStyle)
    {
        if (content.Length == 0)
            return;
        var span = text.Span(content);
        if (inlineStyle.Bold)
            span.Bold();
        if (inlineStyle.Italic)
            span.Italic();
        if (inlineStyle.Url is { } url)
            span.Link(url).FontColor(LetterStyle.LinkColour);
        if (inlineStyle.Note)
            span.FontSize(7.5f).FontColor(LetterStyle.MutedColour);
    }

    /// <summary>Only web and mail links become clickable; "javascript:" and relative links stay plain text.</summary>
    private static string? ClickableUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" ? url : null;

    /// <summary>The text of a heading, for its bookmark.</summary>
    internal static string PlainText(ContainerInline? container)
    {
        if (container is null)
            return string.Empty;
        var builder = new System.Text.StringBuilder();
        foreach (var inline in container.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    builder.Append(' ');
                    break;
                case SmartyPant mark:
                    builder.Append(QuoteMarks.English.Of(mark.Type));
                    break;
            }
        }
        return builder.ToString().Trim();
    }

    /// <param name="Note">A note's number after a link or at a footnote reference.</param>
    internal sealed record InlineStyle(bool Bold, bool Italic, string? Url, bool Note = false)
    {
        public static readonly InlineStyle Plain = new(false, false, null);
    }
}

/// <param name="Url">A link's address; null for a footnote.</param>
internal sealed record MarkdownNote(int Number, string? Url, Footnote? Footnote);

/// <summary>Link addresses and footnotes in one numbered sequence; an address or footnote met again keeps its number.</summary>
internal sealed class MarkdownNotes
{
    private readonly List<MarkdownNote> notes = [];

    public IReadOnlyList<MarkdownNote> All => notes;

    public int ForUrl(string url) => Number(note => note.Url == url, number => new MarkdownNote(number, url, null));

    public int ForFootnote(Footnote footnote) => Number(note => ReferenceEquals(note.Footnote, footnote), number => new MarkdownNote(number, null, footnote));

    private int Number(Func<MarkdownNote, bool> same, Func<int, MarkdownNote> create)
    {
        if (notes.FirstOrDefault(same) is { } existing)
            return existing.Number;
        var note = create(notes.Count + 1);
        notes.Add(note);
        return note.Number;
    }
}
