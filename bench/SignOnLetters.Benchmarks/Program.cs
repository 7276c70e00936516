using SignOnLetters.Benchmarks;

return args.FirstOrDefault() switch
{
    "pdf" => PdfBenchmark.Run(args.Skip(1).ToArray()),
    "load" => await SignOnLetters.Benchmarks.Load.LoadBenchmark.RunAsync(args.Skip(1).ToArray()),
    "pdf-scale" => SignOnLetters.Benchmarks.Scale.PdfScaleBenchmark.Run(args.Skip(1).ToArray()),
    "scale" => await SignOnLetters.Benchmarks.Scale.ScaleBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/SignOnLetters.Benchmarks -- pdf [--runs N] [--chromium-runs N] [--weasyprint-runs N] [--baseline BASELINE.dll] [--no-seal] [--out DIR]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/SignOnLetters.Benchmarks -- load [--postgres [CONNECTION]] [--instances 2] [--concurrency 64] [--duration 60] [--warmup 5] [--ceiling-duration 10] [--page-duration 20] [--signatories 5000] [--paths api,form] [--out DIR]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/SignOnLetters.Benchmarks -- pdf-scale [--signatories 5000,20000,100000]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/SignOnLetters.Benchmarks -- scale [--signatures 1000000] [--postgres [CONNECTION]] [--duration 10] [--warmup 2] [--concurrency 4] [--port 5440] [--out DIR]");
    return 2;
}
