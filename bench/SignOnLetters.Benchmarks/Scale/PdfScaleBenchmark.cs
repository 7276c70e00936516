using System.Diagnostics;
using System.Globalization;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Benchmarks.Scale;

/// <summary>
/// The letter's PDF with a long list (issue 20's PDF row), without the app or a database: the demo
/// letter with N made-up multilingual signatories, composed and rendered by <see
/// cref="Web.Documents.LetterDocument"/> as the download does. Each size runs in its own process, so
/// its peak resident memory is its own; each prints wall time, CPU time, bytes allocated, peak
/// resident memory and the file's size and pages.
/// </summary>
internal static class PdfScaleBenchmark
{
    public static int Run(string[] args)
    {
        var culture = CultureInfo.InvariantCulture;
        if (args.FirstOrDefault() == "--one")
            return RunOne(int.Parse(args[1], culture), culture);
        var sizes = (Option(args, "--signatories") ?? "5000,20000,100000").Split(',').Select(size => int.Parse(size, culture)).ToList();
        var assembly = typeof(PdfScaleBenchmark).Assembly.Location;
        Console.WriteLine("| signatories | pages | file | wall | CPU | allocated | peak resident | resident after: full GC; the worker's compacting GC |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var size in sizes)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
            start.ArgumentList.Add(assembly);
            foreach (var argument in new[] { "pdf-scale", "--one", size.ToString(culture) })
                start.ArgumentList.Add(argument);
            using var child = Process.Start(start)!;
            var line = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            Console.WriteLine(child.ExitCode == 0 ? line : $"| {size:N0} | failed (exit {child.ExitCode}) |");
        }
        return 0;
    }

    private static int RunOne(int signatories, CultureInfo culture)
    {
        // Warm the engine (JIT, fonts, ICU) on a small letter first: the figure is the long list's cost.
        _ = new DemoLetter(200, latinOnly: false).BuildPdf().GeneratePdf();
        var letter = new DemoLetter(signatories, latinOnly: false);
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        using var output = new CountingStream();
        letter.BuildPdf().GeneratePdf(output);
        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peak = ProcessMemory.PeakResidentBytes(Environment.ProcessId);
        // What the process keeps once the render is over: after an ordinary full collection, and
        // after the one the app's PDF worker runs (compacting, aggressive: ADR 0022).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var afterCollect = ProcessMemory.ResidentBytes(Environment.ProcessId);
        Web.Documents.LetterPdfJobs.GiveMemoryBack();
        var afterGiveBack = ProcessMemory.ResidentBytes(Environment.ProcessId);
        Console.WriteLine(string.Create(culture,
            $"| {signatories:N0} | {output.Pages:N0} | {output.Length / 1048576.0:F1} MB | {watch.Elapsed.TotalSeconds:F2} s | {cpu.TotalSeconds:F2} s | {allocated / 1048576.0:N0} MB | {peak / 1048576.0:N0} MB | {afterCollect / 1048576.0:N0} MB; {afterGiveBack / 1048576.0:N0} MB |"));
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>A sink that keeps only the length and counts "/Type /Page" objects, as a response stream keeps nothing.</summary>
    private sealed class CountingStream : Stream
    {
        private static readonly byte[] PageMarker = "/Type /Page\n"u8.ToArray();
        private long length;
        private readonly List<byte> tail = [];

        public int Pages { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            length += buffer.Length;
            // Pages are counted across writes: a marker may straddle two.
            var joined = tail.Concat(buffer.ToArray()).ToArray();
            var span = joined.AsSpan();
            int at;
            var start = 0;
            while ((at = span[start..].IndexOf(PageMarker)) >= 0)
            {
                Pages++;
                start += at + PageMarker.Length;
            }
            tail.Clear();
            tail.AddRange(joined.AsSpan(Math.Max(start, joined.Length - PageMarker.Length + 1)).ToArray());
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => length;
        public override long Position { get => length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
