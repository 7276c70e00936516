using System.Diagnostics;

namespace SignOnLetters.Benchmarks.Load;

/// <summary>One step of a virtual user: true when the server accepted it.</summary>
internal delegate Task<bool> LoadStep(int worker, long sequence, CancellationToken cancellationToken);

/// <summary>
/// A closed-loop load: a fixed number of workers, each sending its next request as soon as the
/// previous one is answered, for a warm-up and then a measured window. Latency is from sending the
/// request to reading the whole answer, per successful request; errors and timeouts are counted apart.
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(string name, int concurrency, TimeSpan warmUp, TimeSpan duration, LoadStep step, Func<TimeSpan>? cpu = null)
    {
        var measuring = false;
        var stop = new CancellationTokenSource();
        var latencies = new List<double>[concurrency];
        var errors = new long[concurrency];
        var errorSamples = new System.Collections.Concurrent.ConcurrentBag<string>();
        long sequence = 0;

        async Task Worker(int index)
        {
            var mine = latencies[index] = new List<double>(65536);
            while (!stop.IsCancellationRequested)
            {
                var number = Interlocked.Increment(ref sequence);
                var started = Stopwatch.GetTimestamp();
                var counting = Volatile.Read(ref measuring);
                bool ok;
                try
                {
                    ok = await step(index, number, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    ok = false;
                    if (errorSamples.Count < 5)
                        errorSamples.Add(exception.GetType().Name + ": " + exception.Message);
                }
                // Only requests that started and ended inside the measured window count.
                if (!counting || stop.IsCancellationRequested)
                    continue;
                if (ok)
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else
                    errors[index]++;
            }
        }

        var workers = Enumerable.Range(0, concurrency).Select(i => Task.Run(() => Worker(i))).ToArray();
        await Task.Delay(warmUp);
        var cpuBefore = cpu?.Invoke();
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(duration);
        stop.Cancel();
        var elapsed = clock.Elapsed;
        var cpuUsed = cpu is null ? (TimeSpan?)null : cpu() - cpuBefore!.Value;
        await Task.WhenAll(workers);

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(name, concurrency, elapsed, all.Length, errors.Sum(), all, cpuUsed, errorSamples.ToArray());
    }
}

internal sealed record LoadResult(
    string Name, int Concurrency, TimeSpan Elapsed, long Succeeded, long Failed, double[] SortedLatencies, TimeSpan? AppCpu, string[] ErrorSamples)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    /// <summary>Several windows of the same load as one (rounds alternated with another load's): latencies pooled, times and counts summed.</summary>
    public static LoadResult Merge(string name, IReadOnlyList<LoadResult> rounds)
    {
        var latencies = rounds.SelectMany(r => r.SortedLatencies).ToArray();
        Array.Sort(latencies);
        var cpu = rounds.All(r => r.AppCpu is not null) ? TimeSpan.FromTicks(rounds.Sum(r => r.AppCpu!.Value.Ticks)) : (TimeSpan?)null;
        return new LoadResult(name, rounds[0].Concurrency, TimeSpan.FromTicks(rounds.Sum(r => r.Elapsed.Ticks)), rounds.Sum(r => r.Succeeded),
            rounds.Sum(r => r.Failed), latencies, cpu, rounds.SelectMany(r => r.ErrorSamples).Take(5).ToArray());
    }

    public double Percentile(double p) => SortedLatencies.Length == 0 ? double.NaN : SortedLatencies[Math.Min(SortedLatencies.Length - 1, (int)Math.Ceiling(p / 100 * SortedLatencies.Length) - 1)];

    /// <summary>Milliseconds of app CPU per successful request (both cores count).</summary>
    public double? CpuPerRequest => AppCpu is { } cpu && Succeeded > 0 ? cpu.TotalMilliseconds / Succeeded : null;

    public string Line() =>
        $"{Name,-34} {PerSecond,9:N0}/s  p50 {Percentile(50),6:N1} ms  p95 {Percentile(95),6:N1} ms  p99 {Percentile(99),6:N1} ms  max {(SortedLatencies.Length == 0 ? double.NaN : SortedLatencies[^1]),7:N1} ms  errors {Failed}"
        + (CpuPerRequest is { } perRequest ? $"  app CPU {perRequest:N2} ms/req" : "")
        + (ErrorSamples.Length > 0 ? $"\n    e.g. {string.Join(" | ", ErrorSamples.Take(2))}" : "");
}
