using System.Diagnostics;
using System.Globalization;

namespace SignOnLetters.Benchmarks;

/// <summary>
/// Renders the demo letter with 2,000 signatories repeatedly and reports the median warm time,
/// peak memory and file size; with <c>--baseline DLL</c>, runs an earlier build of this benchmark
/// (main before a change, built in a detached worktree) on the same machine right after, and
/// prints the two side by side; then times Debian's Chromium and WeasyPrint printing the same
/// letter as HTML.
/// </summary>
internal static class PdfBenchmark
{
    private const int SignatoryCount = 2_000;
    private const string Chromium = "/usr/bin/chromium";
    private const string WeasyPrint = "/usr/bin/weasyprint";

    public static int Run(string[] args)
    {
        var runs = IntOption(args, "--runs", 20);
        var chromiumRuns = IntOption(args, "--chromium-runs", 3);
        var outputDirectory = StringOption(args, "--out", null) ?? Path.Combine(Path.GetTempPath(), "signonletters-bench");
        Directory.CreateDirectory(outputDirectory);
        var culture = CultureInfo.InvariantCulture;

        var multilingual = new DemoLetter(SignatoryCount, latinOnly: false);
        var latin = new DemoLetter(SignatoryCount, latinOnly: true);

        // Cold: the first document pays for JIT, font discovery (fc-list) and ICU start-up.
        var cold = Stopwatch.StartNew();
        var pdf = Once(multilingual.BuildPdf());
        cold.Stop();
        File.WriteAllBytes(Path.Combine(outputDirectory, "letter-multilingual.pdf"), pdf);
        var peakAfterFirst = ProcStatus("VmHWM");
        var latinPdf = Once(latin.BuildPdf());
        File.WriteAllBytes(Path.Combine(outputDirectory, "letter-latin.pdf"), latinPdf);
        // Warm-up: enough documents for tiered compilation to settle (methods called once per
        // document reach tier 1 after 30 calls), so "warm" means warm.
        var warmUp = IntOption(args, "--warm-up", 40);
        for (var i = 0; i < warmUp; i++)
            _ = Once(multilingual.BuildPdf());
        var peakAfterWarmUp = ProcStatus("VmHWM");

        GC.Collect();
        using var privateMemory = new PeakPrivateMemorySampler();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
        var jitMethodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        // One sink for all runs, as a response stream would be: its growth is not the engine's cost.
        using var sink = new MemoryStream();
        var times = new List<double>();
        var latinTimes = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            // Composing is part of the work a request does, so it is inside the timing.
            var watch = Stopwatch.StartNew();
            sink.SetLength(0);
            multilingual.BuildPdf().GenerateOnce(sink);
            times.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            sink.SetLength(0);
            latin.BuildPdf().GenerateOnce(sink);
            latinTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        var gcPausePerDocument = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / (2.0 * runs);
        var jitPerDocument = (System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds / (2.0 * runs);
        var collections = string.Join(" / ", Enumerable.Range(0, 3).Select(generation => (GC.CollectionCount(generation) - collectionsBefore[generation]) / (2.0 * runs)).Select(count => count.ToString("F1", CultureInfo.InvariantCulture)));
        var allocatedPerRun = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (2.0 * runs);
        self.Refresh();
        // CPU time is steadier than wall time on a machine shared with other builds.
        var cpuPerDocument = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds / (2.0 * runs);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var gcInfo = GC.GetGCMemoryInfo();

        var median = Median(times);
        Console.WriteLine(string.Create(culture, $"PDF engine, demo letter, {SignatoryCount:N0} multilingual signatories in 3 columns, {Pages(pdf)} pages"));
        Console.WriteLine(string.Create(culture, $"  cold first document:      {cold.Elapsed.TotalMilliseconds:F0} ms"));
        Console.WriteLine(string.Create(culture, $"  median warm ({runs} runs):    {median:F1} ms  (min {times.Min():F1}, max {times.Max():F1})"));
        Console.WriteLine(string.Create(culture, $"  CPU time per document:    {cpuPerDocument:F1} ms (all threads, mean of both letters)"));
        Console.WriteLine(string.Create(culture, $"  GC pauses per document:   {gcPausePerDocument:F1} ms; collections gen0/1/2 {collections}; JIT {jitPerDocument:F1} ms, {(System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethodsBefore) / (2.0 * runs):F0} methods"));
        Console.WriteLine(string.Create(culture, $"  file size:                {pdf.Length / 1024.0:F0} KB"));
        Console.WriteLine(string.Create(culture, $"  Latin-only letter:        {latinPdf.Length / 1024.0:F0} KB, median {Median(latinTimes):F1} ms, {Pages(latinPdf)} pages"));
        Console.WriteLine(string.Create(culture, $"  peak working set:         {process.PeakWorkingSet64 / 1048576.0:F0} MB (whole process: runtime, JIT, mapped fonts)"));
        Console.WriteLine(string.Create(culture, $"  peak resident after the first document {peakAfterFirst}, after warm-up {peakAfterWarmUp}"));
        Console.WriteLine(string.Create(culture, $"  of which file-backed:     {ProcStatus("RssFile")} (ICU data, fonts, native libraries; shared, evictable)"));
        Console.WriteLine(string.Create(culture, $"  private (anonymous):      peak {privateMemory.PeakMegabytes:F0} MB during the timed runs (sampled every 5 ms), {ProcStatus("RssAnon")} now"));
        Console.WriteLine(string.Create(culture, $"  GC heap after runs:       {gcInfo.HeapSizeBytes / 1048576.0:F0} MB (committed {gcInfo.TotalCommittedBytes / 1048576.0:F0} MB); allocated per document {allocatedPerRun / 1048576.0:F0} MB"));

        // Read now: sealing and the baseline's child process below are not the engine's memory.
        var peakPrivateMegabytes = privateMemory.PeakMegabytes;
        if (!args.Contains("--no-seal"))
            Seal(multilingual, runs, culture);

        if (StringOption(args, "--baseline", null) is { } baseline)
            CompareWithBaseline(baseline, runs, median, Median(latinTimes), cpuPerDocument, peakPrivateMegabytes, pdf.Length, culture);

        var htmlPath = Path.Combine(outputDirectory, "letter.html");
        File.WriteAllText(htmlPath, multilingual.BuildHtml());
        PrintWithWeasyPrint(htmlPath, Path.Combine(outputDirectory, "letter-weasyprint.pdf"), IntOption(args, "--weasyprint-runs", 1), median, culture);

        if (chromiumRuns == 0)
            return 0;
        if (!File.Exists(Chromium))
        {
            Console.WriteLine($"  Chromium: {Chromium} not installed; no comparison.");
            return 0;
        }
        var chromiumTimes = new List<double>();
        string? command = null;
        for (var i = 0; i < chromiumRuns; i++)
        {
            var (elapsed, ran) = PrintWithChromium(htmlPath, Path.Combine(outputDirectory, "letter-chromium.pdf"));
            chromiumTimes.Add(elapsed);
            command = ran;
        }
        var chromiumMedian = Median(chromiumTimes);
        var chromiumPdf = new FileInfo(Path.Combine(outputDirectory, "letter-chromium.pdf"));
        Console.WriteLine(string.Create(culture, $"Chromium --print-to-pdf, same letter as HTML ({chromiumRuns} runs, fresh profile each)"));
        Console.WriteLine(string.Create(culture, $"  median:                   {chromiumMedian:F0} ms, file {chromiumPdf.Length / 1024.0:F0} KB"));
        Console.WriteLine(string.Create(culture, $"  ratio:                    engine is {chromiumMedian / median:F0}x faster"));
        Console.WriteLine($"  command: {command}");
        return 0;
    }

    /// <summary>
    /// Runs the benchmark as an earlier build has it (its own engine, the same demo letter and
    /// options) in a child process, after this one's runs, and prints old and new side by side.
    /// The child's output is parsed from the lines this benchmark has always printed.
    /// </summary>
    private static void CompareWithBaseline(string baselineDll, int runs, double median, double latinMedian, double cpuPerDocument,
        double peakPrivateMegabytes, int size, CultureInfo culture)
    {
        if (!File.Exists(baselineDll))
        {
            Console.WriteLine($"Baseline: {baselineDll} does not exist; build main's benchmark first (docs/benchmarks.md).");
            return;
        }
        var startInfo = new ProcessStartInfo("dotnet", [baselineDll, "pdf", "--runs", runs.ToString(culture), "--chromium-runs", "0", "--weasyprint-runs", "0", "--no-seal"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(startInfo)!;
        var errors = child.StandardError.ReadToEndAsync();
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        _ = errors.Result;
        double? Figure(string pattern)
        {
            var match = System.Text.RegularExpressions.Regex.Match(output, pattern);
            return match.Success ? double.Parse(match.Groups[1].Value, culture) : null;
        }
        var old = (
            Median: Figure(@"median warm \(\d+ runs\):\s+([\d.]+) ms"),
            Latin: Figure(@"Latin-only letter:\s+\d+ KB, median ([\d.]+) ms"),
            Cpu: Figure(@"CPU time per document:\s+([\d.]+) ms"),
            Private: Figure(@"private \(anonymous\):\s+peak ([\d.]+) MB"),
            Size: Figure(@"file size:\s+([\d.]+) KB"));
        string Row(string name, double? before, double now, string unit) => before is { } value
            ? string.Create(culture, $"  {name,-26}{value,10:F1} {unit} {now,10:F1} {unit}   {now / value:F2}×")
            : string.Create(culture, $"  {name,-26}{"?",10} {unit} {now,10:F1} {unit}");
        Console.WriteLine($"Before ({baselineDll}) and now, {runs} runs each, run one after the other");
        Console.WriteLine(Row("median, multilingual", old.Median, median, "ms"));
        Console.WriteLine(Row("median, Latin only", old.Latin, latinMedian, "ms"));
        Console.WriteLine(Row("CPU per document", old.Cpu, cpuPerDocument, "ms"));
        Console.WriteLine(Row("peak private memory", old.Private, peakPrivateMegabytes, "MB"));
        Console.WriteLine(Row("file size, multilingual", old.Size, size / 1024.0, "KB"));
    }

    /// <summary>WeasyPrint (Debian's package) printing the same HTML; skipped with a message when it is not installed.</summary>
    private static void PrintWithWeasyPrint(string htmlPath, string pdfPath, int runs, double engineMedian, CultureInfo culture)
    {
        if (runs == 0)
            return;
        if (!File.Exists(WeasyPrint))
        {
            Console.WriteLine($"WeasyPrint: {WeasyPrint} not installed (apt-get install weasyprint); no comparison.");
            return;
        }
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var startInfo = new ProcessStartInfo(WeasyPrint, [htmlPath, pdfPath]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            var watch = Stopwatch.StartNew();
            using var weasyPrint = Process.Start(startInfo)!;
            var errors = weasyPrint.StandardError.ReadToEndAsync();
            weasyPrint.StandardOutput.ReadToEnd();
            if (!weasyPrint.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                weasyPrint.Kill(entireProcessTree: true);
                Console.WriteLine("WeasyPrint did not finish within ten minutes.");
                return;
            }
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (weasyPrint.ExitCode != 0)
            {
                Console.WriteLine($"WeasyPrint failed ({weasyPrint.ExitCode}): {errors.Result.Trim()}");
                return;
            }
        }
        Console.WriteLine(string.Create(culture, $"WeasyPrint, same letter as HTML ({runs} runs)"));
        Console.WriteLine(string.Create(culture, $"  median:                   {Median(times):F0} ms, file {new FileInfo(pdfPath).Length / 1024.0:F0} KB"));
        Console.WriteLine(string.Create(culture, $"  ratio:                    engine is {Median(times) / engineMedian:F0}x faster"));
        Console.WriteLine($"  command: {WeasyPrint} {htmlPath} {pdfPath}");
    }

    /// <summary>
    /// What sealing (ADR 0016) adds to the same letter: sealed and unsealed documents alternate in
    /// one run, so both meet the same machine; the figure is the difference of the medians.
    /// </summary>
    private static void Seal(DemoLetter letter, int runs, CultureInfo culture)
    {
        var directory = Path.Combine(Path.GetTempPath(), "signonletters-bench-seal");
        using var keys = new SignOnLetters.Web.Documents.Sealing.SealKeys(directory, createKeyIfMissing: true, "SignOnLetters benchmark",
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var sealedModel = letter.Model with
        {
            Seal = new SignOnLetters.Web.Documents.LetterSeal(1, "https://letters.example.org/letters/demo/verify", null,
                new SignOnLetters.Web.Documents.Sealing.CadesSeal(keys, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), "letters.example.org", "Seal of edition 1 of this letter")),
        };
        for (var i = 0; i < 5; i++)
            _ = SignOnLetters.Web.Documents.LetterDocument.Compose(sealedModel).GeneratePdf();
        var (plain, sealedTimes) = (new List<double>(), new List<double>());
        var (plainCpu, sealedCpu) = (TimeSpan.Zero, TimeSpan.Zero);
        var size = 0;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            _ = letter.BuildPdf().GeneratePdf();
            plain.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            plainCpu += process.TotalProcessorTime - cpu;
            cpu = process.TotalProcessorTime;
            watch.Restart();
            size = SignOnLetters.Web.Documents.LetterDocument.Compose(sealedModel).GeneratePdf().Length;
            sealedTimes.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            sealedCpu += process.TotalProcessorTime - cpu;
        }
        Console.WriteLine(string.Create(culture, $"Sealing (PAdES, RSA 3072, footer with QR code), same letter, {runs} alternating runs"));
        Console.WriteLine(string.Create(culture, $"  median unsealed {Median(plain):F1} ms, sealed {Median(sealedTimes):F1} ms: sealing adds {Median(sealedTimes) - Median(plain):F1} ms; sealed file {size / 1024.0:F0} KB"));
        // CPU time barely moves with other processes on the machine, where wall time does.
        Console.WriteLine(string.Create(culture, $"  CPU per document (all threads): unsealed {plainCpu.TotalMilliseconds / runs:F1} ms, sealed {sealedCpu.TotalMilliseconds / runs:F1} ms: sealing adds {(sealedCpu - plainCpu).TotalMilliseconds / runs:F1} ms"));

        // Where the difference goes: the same sealed document with a seal that signs nothing (the
        // footer, its QR code, the signature field and the placeholder), and the signing alone
        // over a buffer of the file's size.
        var unsignedModel = sealedModel with { Seal = sealedModel.Seal! with { Seal = new NoSignature() } };
        var bytes = new byte[size];
        var (footerTimes, signTimes) = (new List<double>(), new List<double>());
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            _ = SignOnLetters.Web.Documents.LetterDocument.Compose(unsignedModel).GeneratePdf();
            footerTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            _ = sealedModel.Seal!.Seal.Sign(new MemoryStream(bytes, writable: false));
            signTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(string.Create(culture, $"  of which the footer and signature field {Median(footerTimes) - Median(plain):F1} ms (document without signing: median {Median(footerTimes):F1} ms), signing {Median(signTimes):F1} ms"));
    }

    /// <summary>A seal that reserves room and signs nothing: what sealing costs besides the cryptography.</summary>
    private sealed class NoSignature : SignOnLetters.Pdf.Fluent.IPdfSeal
    {
        public DateTimeOffset SigningTime => new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        public string SignerName => "letters.example.org";
        public string Description => "Seal of edition 1 of this letter";
        public int MaximumSignatureLength => 8192;
        public byte[] Sign(Stream signedBytes) => new byte[2048];
    }

    private static (double Milliseconds, string Command) PrintWithChromium(string htmlPath, string pdfPath)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-");
        try
        {
            string[] arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                $"--user-data-dir={profile.FullName}", "--no-pdf-header-footer", $"--print-to-pdf={pdfPath}",
                new Uri(htmlPath).AbsoluteUri,
            ];
            var startInfo = new ProcessStartInfo(Chromium, arguments)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            var watch = Stopwatch.StartNew();
            using var chromium = Process.Start(startInfo)!;
            chromium.StandardError.ReadToEndAsync();
            chromium.StandardOutput.ReadToEndAsync();
            if (!chromium.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                chromium.Kill(entireProcessTree: true);
                throw new TimeoutException("Chromium did not finish printing within three minutes.");
            }
            return (watch.Elapsed.TotalMilliseconds, Chromium + " " + string.Join(' ', arguments));
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Linux reports a peak only for the whole resident set, which counts the pages of fonts, ICU
    /// data and libraries the process has touched (shared and evictable). The memory rendering
    /// costs is the private part; this samples it in the background and keeps the maximum.
    /// </summary>
    private sealed class PeakPrivateMemorySampler : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Thread thread;
        private long peakKilobytes;

        public PeakPrivateMemorySampler()
        {
            thread = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (ReadKilobytes("RssAnon") is { } now && now > peakKilobytes)
                        peakKilobytes = now;
                    Thread.Sleep(5);
                }
            }) { IsBackground = true, Name = "peak private memory" };
            thread.Start();
        }

        public double PeakMegabytes => Interlocked.Read(ref peakKilobytes) / 1024.0;

        public void Dispose()
        {
            stop.Cancel();
            thread.Join();
            stop.Dispose();
        }
    }

    private static long? ReadKilobytes(string field)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
            return null;
        var line = File.ReadLines(status).FirstOrDefault(candidate => candidate.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static string ProcStatus(string field)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
            return "n/a";
        var line = File.ReadLines(status).FirstOrDefault(candidate => candidate.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? "n/a" : (long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024) + " MB";
    }

    private static int Pages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b").Count;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A document composed for one file, generated as the web app does (<c>GenerateOnce</c>, ADR 0028).</summary>
    private static byte[] Once(SignOnLetters.Pdf.Fluent.Document document)
    {
        using var output = new MemoryStream();
        document.GenerateOnce(output);
        return output.ToArray();
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name, null) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? StringOption(string[] args, string name, string? fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
