using SignOnLetters.Pdf.Elements;
using SignOnLetters.Pdf.Infrastructure;
using SignOnLetters.Pdf.Text;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>The pages of a document, with its outline.</summary>
/// <param name="Pages">The pages' display lists when the caller kept them (layout tests); empty when they were written as laid out.</param>
/// <param name="PageHeights">Each page's height, in points.</param>
/// <param name="MissingCharacters">Characters no available font has, drawn as boxes; in code point order.</param>
internal sealed record DocumentLayout(IReadOnlyList<PageCanvas> Pages, IReadOnlyList<float> PageHeights, IReadOnlyList<OutlineEntry> Outline, IReadOnlyList<int> MissingCharacters);

/// <summary>
/// The paging loop. It runs until the page count is known, because "page X of Y" needs Y: the
/// first pass counts pages, the second lays out with the count known (and a third only if the
/// count changed in between). Those passes only count; one more, the same as the last, hands each
/// page to the writer as soon as it is laid out, so the pages' display lists (and a long list's
/// elements: <see cref="GeneratedItems"/>) are never all alive at once. The counting passes
/// record the glyphs the last of them drew: the fonts are cut down to those before the first page
/// is written.
/// </summary>
internal static class Paginator
{
    // A guard against content that asks for page after page, not a size limit: a letter with
    // 1,000,000 signatories in three columns takes about 9,200 A4 pages, more on US Letter.
    public const int MaxPages = 50_000;

    /// <param name="startWriting">
    /// Called once the layout is known, with the glyphs it draws; returns what takes each page of
    /// the final layout, in order (the page is not used again after it returns).
    /// </param>
    public static DocumentLayout Layout(IReadOnlyList<Page> pageTemplates, FontCatalog fonts, IProgress<Fluent.RenderProgress>? progress,
        Func<FontSubsetter, Action<PageCanvas>> startWriting)
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
        var totalShown = 0;
        var pageCount = 0;
        var glyphs = new FontSubsetter();
        for (var pass = 1; pass <= 3; pass++)
        {
            totalShown = context.TotalPages = knownTotal;
            context.Outline.Clear();
            var passGlyphs = glyphs = new FontSubsetter();
            pageCount = RunPass(pageTemplates, context, Fluent.RenderStage.Pagination, progress, knownTotal > 0 ? knownTotal : null,
                page =>
                {
                    foreach (var command in page.Commands)
                        if (command is GlyphRunCommand glyphRun)
                            passGlyphs.Add(glyphRun.Fragment);
                });
            if (pageCount == knownTotal)
                break;
            knownTotal = pageCount;
        }

        // The last counting pass again, drawn for good: the same state, the same page count shown.
        context.TotalPages = totalShown;
        context.Outline.Clear();
        glyphs.Add(context.GeneratedGlyphs);
        var write = startWriting(glyphs);
        var heights = new List<float>();
        context.DrawsGeneratedItems = true;
        try
        {
            RunPass(pageTemplates, context, Fluent.RenderStage.Writing, progress, pageCount, page =>
            {
                heights.Add(page.Height);
                write(page);
            });
        }
        finally
        {
            context.DrawsGeneratedItems = false;
        }
        var missing = textBlocks.SelectMany(block => block.MissingCharacters).Concat(context.GeneratedMissingCharacters).Distinct().Order().ToList();
        return new DocumentLayout([], heights, context.Outline.ToList(), missing);
    }

    /// <summary>The layout with every page's display list kept: for layout tests.</summary>
    public static DocumentLayout LayoutKeepingPages(IReadOnlyList<Page> pageTemplates, FontCatalog fonts)
    {
        var pages = new List<PageCanvas>();
        var layout = Layout(pageTemplates, fonts, null, _ => pages.Add);
        return layout with { Pages = pages };
    }

    /// <summary>Lays out every page, handing each to <paramref name="pageDone"/>; returns the page count.</summary>
    private static int RunPass(IReadOnlyList<Page> pageTemplates, RenderContext context, Fluent.RenderStage stage,
        IProgress<Fluent.RenderProgress>? progress, int? expectedPages, Action<PageCanvas> pageDone)
    {
        var pageCount = 0;
        foreach (var template in pageTemplates)
        {
            template.ResetStateOfSubtree();
            var size = new Size(template.Width, template.Height);
            var isFirstPageOfTemplate = true;
            while (true)
            {
                var canvas = new PageCanvas(template.Width, template.Height, pageCount + 1);
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
                pageCount++;
                context.Canvas = PageCanvas.Discarding;
                pageDone(canvas);
                progress?.Report(new Fluent.RenderProgress(stage, pageCount, expectedPages));
                if (!plan.IsPartial)
                    break;
                if (pageCount >= MaxPages)
                    throw new LayoutException($"The document passed {MaxPages:N0} pages; content keeps asking for another page ({template.Describe()}).");
            }
        }
        context.Canvas = PageCanvas.Discarding;
        return pageCount;
    }
}
