using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

/// <summary>
/// Loaded by the runtime before the app's Main when <c>DOTNET_STARTUP_HOOKS</c> names this assembly
/// and <c>SIGNCOST_PROBE</c> names a file. Every 200 ms it appends one line to that file: seconds
/// since start, bytes allocated by the process (<see cref="GC.GetTotalAllocatedBytes"/>), the process's
/// CPU milliseconds, and how many signing POSTs have been answered so far through the API
/// (<c>…/signatures</c>) and through the form (<c>…/sign</c>), counted from ASP.NET Core's own
/// <c>http.server.request.duration</c> measurements, and how many e-mails it has written to its pickup
/// directory (<c>Email__PickupDirectory</c>, as the load benchmark sets it). Differences between two lines inside one
/// benchmark phase give CPU and allocations per signature, figures that do not depend on how busy
/// the machine is; bench/signing-alternated.py reads them. It works on any build of the app
/// (5c23185 included), so old and new trees are measured by the same probe.
/// </summary>
internal static class StartupHook
{
    private static long _api;
    private static long _form;
    private static AllocationsByType? _allocations;
    private static long _mails;
    private static FileSystemWatcher? _mailWatcher;

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
        // The e-mails the app has written to its pickup directory (the load benchmark's), counted as
        // they are renamed into place: the confirmation mailer works behind the requests, so a window
        // of the signing phase holds its signatures' requests but only part of their e-mails, a part
        // that differs between trees (bench/signing-alternated.py's "with its e-mail" figures use it).
        if (Environment.GetEnvironmentVariable("Email__PickupDirectory") is { Length: > 0 } mail)
        {
            Directory.CreateDirectory(mail);
            _mailWatcher = new FileSystemWatcher(mail, "*.eml") { NotifyFilter = NotifyFilters.FileName, InternalBufferSize = 64 * 1024 };
            _mailWatcher.Renamed += (_, _) => Interlocked.Increment(ref _mails);
            _mailWatcher.EnableRaisingEvents = true;
        }
        if (Environment.GetEnvironmentVariable("SIGNCOST_ALLOCATIONS") is { Length: > 0 } allocations)
            _allocations = new AllocationsByType(allocations);
        var writer = new Thread(() => Write(path)) { IsBackground = true, Name = "signcost probe" };
        writer.Start();
    }

    private static void Write(string path)
    {
        using var file = new StreamWriter(path, append: false) { AutoFlush = true };
        file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# pid {Environment.ProcessId}; seconds allocated_bytes cpu_ms api_posts form_posts mails_written"));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Thread.Sleep(200);
            file.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{clock.Elapsed.TotalSeconds:F3} {GC.GetTotalAllocatedBytes(false)} {Environment.CpuUsage.TotalTime.TotalMilliseconds:F1} {Volatile.Read(ref _api)} {Volatile.Read(ref _form)} {Volatile.Read(ref _mails)}"));
        }
    }
}

/// <summary>
/// With <c>SIGNCOST_ALLOCATIONS</c> naming a file: the runtime's allocation samples (one event per
/// about 100 KB allocated, naming the type whose allocation crossed the mark) summed by type, the
/// file rewritten every two seconds, largest first. Sampled bytes are proportional to what each type
/// allocates, so two trees under the same load phase can be compared type by type.
/// </summary>
internal sealed class AllocationsByType : System.Diagnostics.Tracing.EventListener
{
    private readonly Dictionary<string, (long Samples, long Bytes)> _byType = new();
    private readonly string _path;

    public AllocationsByType(string path)
    {
        _path = path;
        new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(2000);
                List<KeyValuePair<string, (long Samples, long Bytes)>> rows;
                lock (_byType)
                    rows = _byType.OrderByDescending(r => r.Value.Bytes).Take(60).ToList();
                File.WriteAllLines(_path, rows.Select(r => string.Create(CultureInfo.InvariantCulture,
                    $"{r.Value.Bytes,14} {r.Value.Samples,8} {r.Key}")));
            }
        }) { IsBackground = true, Name = "signcost allocations" }.Start();
    }

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
            return;
        var type = e.Payload![e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var bytes = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        lock (_byType)
        {
            var (samples, total) = _byType.GetValueOrDefault(type);
            _byType[type] = (samples + 1, total + bytes);
        }
    }
}
