using Markdig;
using Markdig.Extensions.AutoLinks;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Web.Infrastructure.Markdown;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// Renders the letter's Markdown from Markdig's syntax tree straight to layout elements (no HTML in
/// between): headings (with bookmarks), paragraphs, emphasis, links, lists, block quotes, rules.
/// Raw HTML is dropped, never rendered: the text of a letter is data, not markup.
/// </summary>
internal sealed class MarkdownBody(LetterStyle style)
{
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks(new AutoLinkOptions { OpenInNewWindow = false })
        .Build();

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
                var headingSize = heading.Level switch { 1 => 15f, 2 => 13f, 3 => 11.5f, _ => 10.5f };
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

    private static void ComposeInlines(TextDescriptor text, ContainerInline? container, InlineStyle inlineStyle)
    {
        foreach (var (content, style) in Spans(container, inlineStyle))
            Emit(text, content, style);
    }

    /// <summary>
    /// A paragraph's inlines as runs of text with their emphasis and link: what the PDF and the Word
    /// export both draw, so that they read the Markdown the same way.
    /// </summary>
    internal static IEnumerable<(string Text, InlineStyle Style)> Spans(ContainerInline? container, InlineStyle inlineStyle)
    {
        if (container is null)
            yield break;
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    yield return (literal.Content.ToString(), inlineStyle);
                    break;
                case EmphasisInline emphasis:
                    var emphasised = emphasis.DelimiterCount >= 2 ? inlineStyle with { Bold = true } : inlineStyle with { Italic = true };
                    foreach (var span in Spans(emphasis, emphasised))
                        yield return span;
                    break;
                case LinkInline { IsImage: true } image:
                    // Images in the text are not fetched (no third-party requests); their alt text stands in.
                    foreach (var span in Spans(image, inlineStyle))
                        yield return span;
                    break;
                case LinkInline link:
                    foreach (var span in Spans(link, inlineStyle with { Url = ClickableUrl(link.GetDynamicUrl?.Invoke() ?? link.Url) }))
                        yield return span;
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
            }
        }
        return builder.ToString().Trim();
    }

    internal sealed record InlineStyle(bool Bold, bool Italic, string? Url)
    {
        public static readonly InlineStyle Plain = new(false, false, null);
    }
}
