using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

/// <summary>
/// Loaded by the runtime before the app's Main when <c>DOTNET_STARTUP_HOOKS</c> names this assembly
/// and <c>SIGNCOST_PROBE</c> names a file. Every 200 ms it appends one line to that file: seconds
/// since start, bytes allocated by the process (<see cref="GC.GetTotalAllocatedBytes"/>), the process's
/// CPU milliseconds, and how many signing POSTs have been answered so far through the API
/// (<c>…/signatures</c>) and through the form (<c>…/sign</c>), counted from ASP.NET Core's own
/// <c>http.server.request.duration</c> measurements. Differences between two lines inside one
/// benchmark phase give CPU and allocations per signature, figures that do not depend on how busy
/// the machine is; bench/signing-alternated.py reads them. It works on any build of the app
/// (5c23185 included), so old and new trees are measured by the same probe.
/// </summary>
internal static class StartupHook
{
    private static long _api;
    private static long _form;

    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("SIGNCOST_PROBE");
        if (string.IsNullOrEmpty(path))
            return;
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            string? route = null, method = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "http.route")
                    route = tag.Value as string;
                else if (tag.Key == "http.request.method")
                    method = tag.Value as string;
            }
            if (method != "POST" || route is null)
                return;
            if (route.EndsWith("/signatures", StringComparison.Ordinal))
                Interlocked.Increment(ref _api);
            else if (route.EndsWith("/sign", StringComparison.Ordinal))
                Interlocked.Increment(ref _form);
        });
        listener.Start();
        var writer = new Thread(() => Write(path)) { IsBackground = true, Name = "signcost probe" };
        writer.Start();
    }

    private static void Write(string path)
    {
        using var file = new StreamWriter(path, append: false) { AutoFlush = true };
        file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# pid {Environment.ProcessId}; seconds allocated_bytes cpu_ms api_posts form_posts"));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Thread.Sleep(200);
            file.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{clock.Elapsed.TotalSeconds:F3} {GC.GetTotalAllocatedBytes(false)} {Environment.CpuUsage.TotalTime.TotalMilliseconds:F1} {Volatile.Read(ref _api)} {Volatile.Read(ref _form)}"));
        }
    }
}
