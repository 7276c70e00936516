using System.Diagnostics;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SignOnLetters.Web.Infrastructure.Markdown;

/// <summary>
/// How complex a letter text may be, so that no text can stall or crash the pages, the API or the
/// PDF (security finding: a body of "[a](" × 30,000 took Markdig 8–25 s on every render; ">" × 100k,
/// "[" × 100k or 300 nested lists made Markdig throw). One place for the rule: editors' saves are
/// refused with a message (<see cref="Check"/>, through <see cref="LetterMarkdown.FindProblem"/>), and
/// the renderers (web and PDF) take only what <see cref="ParseWithin"/> accepts, showing anything
/// else (a text stored before these limits) as plain paragraphs.
/// </summary>
public static class MarkdownLimits
{
    /// <summary>Quotes, lists, emphasis and links inside each other; real letters use two or three.</summary>
    public const int MaxNesting = 16;

    /// <summary>The rendered HTML of a text; reference links can make it far larger than the Markdown.</summary>
    public const int MaxHtmlChars = 2_000_000;

    // Markdig scans to the end of a paragraph for each unmatched bracket or backtick, so a
    // paragraph's cost grows with (such characters) × (its length). 50 M steps is well under a
    // second; a 200 KB letter with hundreds of links in one paragraph needs about a tenth of it.
    private const long MaxScanWork = 50_000_000;

    // The backstop for slow inputs the scan above does not foresee; generous, so that a busy
    // server never refuses a real letter.
    private static readonly TimeSpan MaxParseTime = TimeSpan.FromSeconds(2);

    // English sentence ends after "The text " / "The update ": validation templates and translation keys.
    public const string TooDeep = "is nested too deeply: quotes, lists, emphasis and links may go at most 16 levels inside each other.";
    public const string TooComplex = "is too complex to lay out (it would take too long or make too large a page). Look for long runs of brackets, backticks or repeated links, and split long paragraphs.";

    /// <summary>Why <paramref name="markdown"/> is beyond the limits (a template above), or null with its parsed document.</summary>
    public static string? Check(string markdown, MarkdownPipeline pipeline, out MarkdownDocument? document)
    {
        document = null;
        if (ScanWork(markdown) > MaxScanWork)
            return TooComplex;
        var timer = Stopwatch.StartNew();
        if (!TryParse(markdown, pipeline, out var parsed))
            return TooDeep;
        if (timer.Elapsed > MaxParseTime)
            return TooComplex;
        if (Nesting(parsed) > MaxNesting)
            return TooDeep;
        if (parsed.ToHtml(pipeline).Length > MaxHtmlChars)
            return TooComplex;
        document = parsed;
        return null;
    }

    /// <summary>The parsed text when it is within the structural limits, else null; never throws and never takes long.</summary>
    public static MarkdownDocument? ParseWithin(string markdown, MarkdownPipeline pipeline) =>
        ScanWork(markdown) <= MaxScanWork && TryParse(markdown, pipeline, out var document) && Nesting(document) <= MaxNesting
            ? document
            : null;

    /// <summary>A text shown without its Markdown: its paragraphs (split at blank lines) as they were typed.</summary>
    public static IReadOnlyList<string> PlainParagraphs(string markdown) =>
        markdown.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryParse(string markdown, MarkdownPipeline pipeline, out MarkdownDocument document)
    {
        try
        {
            document = Markdig.Markdown.Parse(markdown, pipeline);
            return true;
        }
        catch (ArgumentException)
        {
            // Markdig's own depth limit ("too deeply nested"): the text is refused, not a 500.
            document = null!;
            return false;
        }
    }

    /// <summary>The sum over paragraphs (runs of lines between blank lines) of their length times their brackets and backticks.</summary>
    private static long ScanWork(string markdown)
    {
        long work = 0, length = 0, scanners = 0;
        var lineIsBlank = true;
        foreach (var c in markdown)
        {
            if (c == '\n')
            {
                if (lineIsBlank)
                {
                    work += length * scanners;
                    (length, scanners) = (0, 0);
                }
                lineIsBlank = true;
                continue;
            }
            length++;
            if (c is '[' or ']' or '`' or '<')
                scanners++;
            if (!char.IsWhiteSpace(c))
                lineIsBlank = false;
        }
        return work + length * scanners;
    }

    private static int Nesting(MarkdownDocument document)
    {
        var deepest = 0;
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (node is QuoteBlock or ListBlock or EmphasisInline or LinkInline)
                depth++;
            deepest = Math.Max(deepest, depth);
            if (deepest > MaxNesting)
                return deepest;
            switch (node)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                        pending.Push((child, depth));
                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, depth));
                    break;
                case ContainerInline inlines:
                    foreach (var child in inlines)
                        pending.Push((child, depth));
                    break;
            }
        }
        return deepest;
    }
}
