using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SignOnLetters.Web.Infrastructure.Markdown;

/// <summary>
/// Letter bodies are Markdown. Two independent guards keep them from running anything in a reader's
/// browser: <see cref="Problem"/> refuses raw HTML, images and non-web links when an editor saves
/// (a clear message beats silently dropped text), and <see cref="ToSafeHtml"/> renders with
/// Markdig's HTML disabled, then passes the output through an allow-list sanitizer, so a text that
/// slipped past the first guard (or predates it) still cannot carry script. Both keep to the
/// <see cref="MarkdownLimits"/>, so no text can stall or crash a page.
/// </summary>
public static partial class LetterMarkdown
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    // DisableHtml turns raw HTML into visible text. Core CommonMark plus the two extensions the PDF
    // also reads (Documents/MarkdownBody), so the page and the letter show the same text: pipe tables
    // and footnotes. No extension that adds media or HTML blocks; the attributes these add (alignment
    // styles, footnote ids) are dropped by the sanitiser below.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseFootnotes().DisableHtml().Build();

    // For checking only: with HTML enabled Markdig reports raw HTML as its own nodes, which is how
    // Problem finds it (the rendering pipeline above would have turned it into harmless text).
    private static readonly MarkdownPipeline CheckingPipeline = new MarkdownPipelineBuilder().UsePipeTables().UseFootnotes().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>
    /// Safe HTML for a text. Never throws and never takes long: a text outside the
    /// <see cref="MarkdownLimits"/> (stored before they existed, or imported) is shown as plain
    /// paragraphs instead. Pages take it through <see cref="RenderedMarkdown"/>, which renders each text once.
    /// </summary>
    public static string ToSafeHtml(string markdown) => Render(markdown).Html;

    /// <summary>The safe HTML and the plain text (for previews and share cards) of one text.</summary>
    public static RenderedText Render(string markdown)
    {
        if (MarkdownLimits.ParseWithin(markdown, Pipeline) is { } document
            && document.ToHtml(Pipeline) is { Length: <= MarkdownLimits.MaxHtmlChars } html)
            return new RenderedText(Sanitizer.Sanitize(html), PlainText(Markdig.Markdown.ToPlainText(markdown, Pipeline)));
        var paragraphs = MarkdownLimits.PlainParagraphs(markdown);
        return new RenderedText(
            string.Concat(paragraphs.Select(p => "<p>" + System.Net.WebUtility.HtmlEncode(p) + "</p>")),
            PlainText(string.Join(' ', paragraphs)));
    }

    private static string PlainText(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Why an editor's Markdown is refused, as the end of an English sentence, or null when it is fine.</summary>
    public static string? Problem(string markdown) =>
        FindProblem(markdown) is { } problem ? problem.Template.Replace("{Url}", problem.Url, StringComparison.Ordinal) : null;

    /// <summary>
    /// <see cref="Problem"/> as a template with "{Url}" where the refused link goes: after "The text "
    /// or "The update " it is a validation message's template and the key of its translations.
    /// </summary>
    public static (string Template, string Url)? FindProblem(string markdown)
    {
        if (MarkdownLimits.Check(markdown, CheckingPipeline, out var document) is { } tooComplex)
            return (tooComplex, "");
        foreach (var node in document!.Descendants())
        {
            switch (node)
            {
                // Markup CommonMark does not recognise ("<svg/onload=...>") would show as text, but
                // nobody means to write that in a letter: refuse it like HTML.
                case HtmlBlock or HtmlInline:
                case LiteralInline literal when TagLike().IsMatch(literal.Content.ToString()):
                    return (ContainsHtml, "");
                case LinkInline { IsImage: true }:
                    return (ContainsImage, "");
                case LinkInline link when !IsAllowedUrl(link.Url):
                    return (ContainsLink, Shorten(link.Url));
                case AutolinkInline autolink when !IsAllowedUrl(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url):
                    return (ContainsLink, Shorten(autolink.Url));
            }
        }
        return null;
    }

    private const string ContainsHtml = "contains HTML. Write plain Markdown: **bold**, *italic*, # headings, lists, > quotes and [links](https://example.org).";
    private const string ContainsImage = "contains an image. Images are not supported in letters; link to it instead.";
    private const string ContainsLink = "contains a link to \"{Url}\". Links must start with https://, http:// or mailto:.";

    /// <summary>
    /// Refuses Markdown with a <see cref="Problem"/>; the message is "<paramref name="subject"/> " and
    /// the problem ("The text contains an image. …"), translated whole, the refused link as {Url}.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> SafeMarkdown<T>(this IRuleBuilder<T, string?> rule, string subject) =>
        rule.Must((_, value, context) =>
            {
                if (FindProblem(value ?? "") is not { } problem)
                    return true;
                context.MessageFormatter.AppendArgument("Url", problem.Url);
                return false;
            })
            .WithMessage((_, value) => $"{subject} {FindProblem(value ?? "")?.Template}");

    [System.Text.RegularExpressions.GeneratedRegex("<[a-zA-Z!/?]")]
    private static partial System.Text.RegularExpressions.Regex TagLike();

    private static bool IsAllowedUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && AllowedSchemes.Contains(uri.Scheme, StringComparer.Ordinal);

    private static string Shorten(string? url) => url is null ? "" : url.Length > 40 ? url[..40] + "…" : url;

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "em", "strong", "ul", "ol", "li", "blockquote", "a", "code", "pre",
                "table", "thead", "tbody", "tr", "th", "td", "sup", "div",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedSchemes = new HashSet<string>(AllowedSchemes, StringComparer.OrdinalIgnoreCase),
        });
        // Relative and scheme-less addresses are dropped too: a letter links only to the open web.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (!IsAllowedUrl(e.SanitizedUrl))
                e.SanitizedUrl = null;
        };
        // Links leave the site without telling the target where the reader came from, and pass no ranking.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } anchor)
                anchor.SetAttribute("rel", "nofollow noopener noreferrer");
        };
        return sanitizer;
    }
}
