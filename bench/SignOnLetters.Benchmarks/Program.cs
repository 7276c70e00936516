using SignOnLetters.Benchmarks;

return args.FirstOrDefault() switch
{
    "pdf" => PdfBenchmark.Run(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/SignOnLetters.Benchmarks -- pdf [--runs N] [--chromium-runs N] [--out DIR]");
    return 2;
}
