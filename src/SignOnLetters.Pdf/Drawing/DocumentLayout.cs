using SignOnLetters.Pdf.Elements;
using SignOnLetters.Pdf.Infrastructure;
using SignOnLetters.Pdf.Text;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>The pages of a document as display lists, with its outline.</summary>
/// <param name="MissingCharacters">Characters no available font has, drawn as boxes; in code point order.</param>
internal sealed record DocumentLayout(IReadOnlyList<PageCanvas> Pages, IReadOnlyList<OutlineEntry> Outline, IReadOnlyList<int> MissingCharacters);

/// <summary>
/// The paging loop. It runs twice, because "page X of Y" needs Y: the first pass counts pages,
/// the second lays out with the count known (and a third only if the count changed in between).
/// </summary>
internal static class Paginator
{
    // A guard against content that asks for page after page, not a size limit: a letter with
    // 1,000,000 signatories in three columns takes about 9,200 A4 pages, more on US Letter.
    public const int MaxPages = 50_000;

    public static DocumentLayout Layout(IReadOnlyList<Page> pageTemplates, FontCatalog fonts, IProgress<Fluent.RenderProgress>? progress = null)
    {
        var context = new RenderContext { Fonts = fonts };
        foreach (var template in pageTemplates)
        {
            template.AttachContext(context);
            template.ApplyDefaultTextStyle();
        }

        // Shaping is most of the layout work and each text block's is independent: spread it over the cores.
        var textBlocks = pageTemplates.SelectMany(template => template.SelfAndDescendants()).OfType<TextBlock>().ToList();
        var shaped = 0;
        Parallel.ForEach(textBlocks, block =>
        {
            block.ShapeAhead();
            var done = Interlocked.Increment(ref shaped);
            // Every block would flood a slow handler: about two hundred reports in all.
            if (progress is not null && (done % Math.Max(1, textBlocks.Count / 200) == 0 || done == textBlocks.Count))
                progress.Report(new Fluent.RenderProgress(Fluent.RenderStage.Shaping, done, textBlocks.Count));
        });

        var knownTotal = 0;
        List<PageCanvas> pages = [];
        for (var pass = 1; pass <= 3; pass++)
        {
            context.TotalPages = knownTotal;
            context.Outline.Clear();
            pages = RunPass(pageTemplates, context, progress, knownTotal > 0 ? knownTotal : null);
            if (pages.Count == knownTotal)
                break;
            knownTotal = pages.Count;
        }
        var missing = textBlocks.SelectMany(block => block.MissingCharacters).Distinct().Order().ToList();
        return new DocumentLayout(pages, context.Outline.ToList(), missing);
    }

    private static List<PageCanvas> RunPass(IReadOnlyList<Page> pageTemplates, RenderContext context,
        IProgress<Fluent.RenderProgress>? progress, int? expectedPages)
    {
        var pages = new List<PageCanvas>();
        foreach (var template in pageTemplates)
        {
            template.ResetStateOfSubtree();
            var size = new Size(template.Width, template.Height);
            var isFirstPageOfTemplate = true;
            while (true)
            {
                var canvas = new PageCanvas(template.Width, template.Height, pages.Count + 1);
                context.Canvas = canvas;
                context.PageNumber = canvas.PageNumber;
                var plan = template.Measure(size);
                if (plan.IsWrap)
                {
                    // Keeping a heading with its text or two lines of a paragraph together asked
                    // for more than a page holds: set this page without those rules.
                    context.KeepRulesRelaxed = true;
                    plan = template.Measure(size);
                }
                if (plan.IsWrap)
                    throw new LayoutException(
                        $"Page {canvas.PageNumber}: {plan.WrapReason}. It does not fit even on an empty {template.Width:0.#} × {template.Height:0.#}pt page, so it can never be placed.");
                // Every template gives at least one page; after that, nothing left means done.
                if (plan.IsEmpty && !isFirstPageOfTemplate)
                    break;
                isFirstPageOfTemplate = false;
                template.Draw(size);
                context.KeepRulesRelaxed = false;
                pages.Add(canvas);
                progress?.Report(new Fluent.RenderProgress(Fluent.RenderStage.Pagination, pages.Count, expectedPages));
                if (!plan.IsPartial)
                    break;
                if (pages.Count >= MaxPages)
                    throw new LayoutException($"The document passed {MaxPages:N0} pages; content keeps asking for another page ({template.Describe()}).");
            }
        }
        context.Canvas = PageCanvas.Discarding;
        return pages;
    }
}
