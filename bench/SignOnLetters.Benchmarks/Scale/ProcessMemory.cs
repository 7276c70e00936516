namespace SignOnLetters.Benchmarks.Scale;

/// <summary>A process's resident memory from /proc (Linux): now, its peak so far, and the peak over a stretch of work.</summary>
internal static class ProcessMemory
{
    public static long ResidentBytes(int processId) => Read(processId, "VmRSS:");

    /// <summary>The kernel's high-water mark of the process's resident memory since it started.</summary>
    public static long PeakResidentBytes(int processId) => Read(processId, "VmHWM:");

    /// <summary>Runs <paramref name="work"/> while sampling the process's resident memory every 20 ms; returns its result, the memory before and the highest sample.</summary>
    public static async Task<(T Result, long Before, long Peak)> WatchAsync<T>(int processId, Func<Task<T>> work)
    {
        var before = ResidentBytes(processId);
        var peak = before;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentBytes(processId));
                try
                {
                    await Task.Delay(20, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var result = await work();
        stop.Cancel();
        await sampler;
        return (result, before, Math.Max(peak, ResidentBytes(processId)));
    }

    private static long Read(int processId, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0]) * 1024;
        return 0;
    }
}
