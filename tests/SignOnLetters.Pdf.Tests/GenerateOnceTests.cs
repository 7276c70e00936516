using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Tests;

/// <summary>
/// <see cref="Document.GenerateOnce"/>: a document's last generation lets its composed pages go before
/// the file's last phase (the web app's long letters; docs/benchmarks.md, "The app's peak at the end of
/// the 1,000,000 PDF"). It must write exactly what <see cref="Document.Generate(Stream, IProgress{RenderProgress})"/> writes.
/// </summary>
public sealed class GenerateOnceTests
{
    private const int Count = 300;

    private static readonly DateTimeOffset CreatedAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Keeps every report as it comes, and runs <see cref="OnFinishing"/> on the Finishing one.</summary>
    private sealed class Recorder : IProgress<RenderProgress>
    {
        public ConcurrentQueue<RenderProgress> Reports { get; } = new();

        public Action? OnFinishing { get; init; }

        public void Report(RenderProgress value)
        {
            Reports.Enqueue(value);
            if (value.Stage == RenderStage.Finishing)
                OnFinishing?.Invoke();
        }
    }

    /// <summary>The list's text, held (as the web app's sorted entries are) only by what Items' compose captures.</summary>
    private sealed class Entries(int count)
    {
        public string[] Names { get; } = Enumerable.Range(1, count)
            .Select(i => $"{new[] { "Anna Lindqvist", "Жанна Смирнова", "محمد الأحمد", "李小龙", "Søren Kierkegaard-Hansen" }[i % 5]} {i}").ToArray();
    }

    /// <summary>A numbered long list on small pages, its entries made on demand from <paramref name="entries"/>.</summary>
    private static Document ListDocument(Entries entries) =>
        Document.Create(document => document.Page(page =>
        {
            page.Size(300, 260);
            page.Margin(20);
            page.DefaultTextStyle(new TextStyle { FontSize = 8 });
            page.Content().Column(column =>
            {
                column.Item().Bookmark("Signatories").Heading(2).Text("Signatories").FontSize(12).Bold();
                column.Item().MultiColumn(3, spacing: 6).Tag(StructureTag.List).Column(list =>
                {
                    list.Spacing(2);
                    list.Items(entries.Names.Length, (index, item) => item.ShowEntire().Tag(StructureTag.ListItem).Text(entries.Names[index]));
                });
            });
            page.Footer().AlignCenter().Text(text =>
            {
                text.CurrentPageNumber();
                text.Span(" / ");
                text.TotalPages();
            });
        })).WithMetadata(new DocumentMetadata { Title = "List", Language = "en", CreationDate = CreatedAt });

    /// <summary>Composed here, so that no frame of the test holds the entries: only the document does.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Document Document, WeakReference Entries) ComposedWithWeakEntries()
    {
        var entries = new Entries(Count);
        return (ListDocument(entries), new WeakReference(entries));
    }

    [Fact]
    public void Should_write_the_same_bytes_as_generate()
    {
        var entries = new Entries(Count);
        var expected = ListDocument(entries).GeneratePdf();
        using var once = new MemoryStream();

        var missing = ListDocument(entries).GenerateOnce(once);

        Assert.Equal(expected, once.ToArray());
        Assert.Empty(missing);
    }

    [Fact]
    public void Should_report_finishing_once_after_the_last_page_written()
    {
        var recorder = new Recorder();

        ListDocument(new Entries(Count)).GenerateOnce(Stream.Null, recorder);

        var reports = recorder.Reports.ToList();
        var finishing = Assert.Single(reports, r => r.Stage == RenderStage.Finishing);
        Assert.Same(finishing, reports[^1]);
        var lastWritten = reports[^2];
        Assert.Equal(RenderStage.Writing, lastWritten.Stage);
        Assert.True(lastWritten.Done > 3, $"{lastWritten.Done} pages");
        Assert.Equal(lastWritten.Done, finishing.Done);
        Assert.Equal(lastWritten.Total, finishing.Total);
    }

    [Fact]
    public void Should_no_longer_hold_the_composed_list_when_it_reports_finishing()
    {
        var (document, entries) = ComposedWithWeakEntries();
        bool? aliveAtFinishing = null;
        var recorder = new Recorder
        {
            OnFinishing = () =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                aliveAtFinishing = entries.IsAlive;
            },
        };

        document.GenerateOnce(Stream.Null, recorder);

        Assert.False(aliveAtFinishing, "The list's entries were still reachable when the last page was set.");
    }

    [Fact]
    public void Should_hold_the_composed_list_through_generate_which_may_run_again()
    {
        // The control for the test above: the same check fails with Generate, which keeps the pages.
        var (document, entries) = ComposedWithWeakEntries();
        var first = document.GeneratePdf();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.True(entries.IsAlive);
        Assert.Equal(first, document.GeneratePdf());
    }

    [Fact]
    public void Should_refuse_a_second_generation_after_generate_once()
    {
        var document = ListDocument(new Entries(10));
        document.GenerateOnce(Stream.Null);

        var error = Assert.Throws<InvalidOperationException>(() => document.GeneratePdf());
        Assert.Contains("GenerateOnce", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => document.GenerateOnce(Stream.Null));
    }
}
