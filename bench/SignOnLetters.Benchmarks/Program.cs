using SignOnLetters.Benchmarks;

// Each verb used to ignore what it did not know, so `scale --help` started a 1,000,000-signature run
// of half an hour. An option a verb does not take now stops it before it starts.
string[] helpWords = ["--help", "-h", "help"];
if (args.Length == 0 || args.Any(helpWords.Contains))
    return Usage(exitCode: args.Length == 0 ? 2 : 0);
if (KnownOptions(args[0]) is { } known && args.Skip(1).TakeWhile(a => a != "--")
        .FirstOrDefault(a => a.StartsWith("--", StringComparison.Ordinal) && !known.Contains(a)) is { } unknown)
{
    Console.Error.WriteLine($"{args[0]}: unknown option {unknown}");
    return Usage(exitCode: 2);
}

return args.FirstOrDefault() switch
{
    "pdf" => PdfBenchmark.Run(args.Skip(1).ToArray()),
    "load" => await SignOnLetters.Benchmarks.Load.LoadBenchmark.RunAsync(args.Skip(1).ToArray()),
    "pdf-scale" => SignOnLetters.Benchmarks.Scale.PdfScaleBenchmark.Run(args.Skip(1).ToArray()),
    "scale" => await SignOnLetters.Benchmarks.Scale.ScaleBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(exitCode: 2),
};

static string[]? KnownOptions(string verb) => verb switch
{
    "pdf" => ["--runs", "--chromium-runs", "--weasyprint-runs", "--baseline", "--no-seal", "--out", "--warm-up"],
    "load" => ["--postgres", "--instances", "--concurrency", "--duration", "--warmup", "--ceiling-duration",
        "--page-duration", "--signatories", "--paths", "--port", "--env", "--out"],
    "pdf-scale" => ["--signatories", "--one"],
    "scale" => ["--signatures", "--postgres", "--duration", "--warmup", "--concurrency", "--port", "--out"],
    _ => null,
};

static int Usage(int exitCode)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/SignOnLetters.Benchmarks -- pdf [--runs N] [--chromium-runs N] [--weasyprint-runs N] [--baseline BASELINE.dll] [--no-seal] [--out DIR]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/SignOnLetters.Benchmarks -- load [--postgres [CONNECTION]] [--instances 2] [--concurrency 64] [--duration 60] [--warmup 5] [--ceiling-duration 10] [--page-duration 20] [--signatories 5000] [--paths api,form] [--out DIR]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/SignOnLetters.Benchmarks -- pdf-scale [--signatories 5000,20000,100000]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/SignOnLetters.Benchmarks -- scale [--signatures 1000000] [--postgres [CONNECTION]] [--duration 10] [--warmup 2] [--concurrency 4] [--port 5440] [--out DIR]");
    return exitCode;
}
