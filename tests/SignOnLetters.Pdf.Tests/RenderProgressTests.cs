using System.Collections.Concurrent;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Tests;

/// <summary>Generate(IProgress): what someone waiting on a long document is told (ADR 0021 in the web app).</summary>
public sealed class RenderProgressTests
{
    /// <summary>Keeps every report as it comes (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class Recorder : IProgress<RenderProgress>
    {
        public ConcurrentQueue<RenderProgress> Reports { get; } = new();

        public void Report(RenderProgress value) => Reports.Enqueue(value);
    }

    [Fact]
    public void Should_report_shaping_then_every_page_set_then_every_page_written_and_give_the_same_file()
    {
        var document = Document.Create(container => container.Page(page =>
        {
            page.Size(300, 300);
            page.Margin(20);
            page.Content().Column(column =>
            {
                foreach (var i in Enumerable.Range(1, 120))
                    column.Item().Text($"Signatory number {i}, from a long list");
            });
        }));
        var recorder = new Recorder();

        var withProgress = document.Generate(recorder);

        var reports = recorder.Reports.ToList();
        var pages = reports.Where(r => r.Stage == RenderStage.Writing).Max(r => r.Total!.Value);
        Assert.True(pages > 3, $"{pages} pages");
        // Shaping reaches every block; the stages come in order.
        var shaping = reports.Where(r => r.Stage == RenderStage.Shaping).ToList();
        Assert.Equal(shaping[0].Total, shaping.Max(r => r.Done));
        Assert.Equal(reports.Select(r => r.Stage).OrderBy(s => s), reports.Select(r => r.Stage));
        // The first pass does not know the page count; a later one does, and each pass counts up to it.
        var setting = reports.Where(r => r.Stage == RenderStage.Pagination).ToList();
        Assert.Null(setting[0].Total);
        Assert.Contains(setting, r => r.Total == pages && r.Done == pages);
        Assert.Equal(Enumerable.Range(1, pages), reports.Where(r => r.Stage == RenderStage.Writing).Select(r => r.Done));
        // Reporting changes nothing in the file.
        Assert.Equal(document.Generate().Bytes, withProgress.Bytes);
    }
}
