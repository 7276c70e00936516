using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace SignOnLetters.Benchmarks.Load;

/// <summary>
/// The web app as its own process, built in Release, on a loopback port: what a deployment runs,
/// with its own runtime settings (tiered compilation with dynamic PGO, workstation GC; see the web project).
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    /// <summary>The app's recent output lines with the time each arrived (bounded), for <see cref="LinesBetween"/>.</summary>
    private readonly ConcurrentQueue<(DateTime At, string Line)> _recent = new();

    private const int RecentLimit = 10_000;

    private AppProcess(Process process, StreamWriter log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>Total CPU time the app process has used, to relate throughput to CPU spent.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<AppProcess> StartAsync(string repositoryRoot, int port, IReadOnlyDictionary<string, string> settings, bool seedDemo, string logPath)
    {
        var start = Command(repositoryRoot, port, settings, seedDemo ? ["--urls", $"http://127.0.0.1:{port}", "--seed-demo"] : ["--urls", $"http://127.0.0.1:{port}"]);
        start.RedirectStandardOutput = start.RedirectStandardError = true;

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var app = new AppProcess(process, log, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Received(e.Data);
        process.ErrorDataReceived += (_, e) => app.Received(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        // Generous: on a shared machine under load, starting (and migrating a fresh database) has taken over 90 s.
        var deadline = DateTime.UtcNow.AddSeconds(300);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The app exited with {process.ExitCode}; see {logPath}");
            try
            {
                if ((await http.GetAsync(new Uri(app.Address, "/healthz"))).StatusCode == HttpStatusCode.OK)
                    return app;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        await app.DisposeAsync();
        throw new TimeoutException($"The app did not answer /healthz within 300 s; see {logPath}");
    }

    private void Received(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.WriteLine(line);
        _recent.Enqueue((DateTime.UtcNow, line));
        while (_recent.Count > RecentLimit && _recent.TryDequeue(out _))
        {
        }
    }

    /// <summary>The output lines that arrived between two moments (UTC), oldest first.</summary>
    public IReadOnlyList<(DateTime At, string Line)> LinesBetween(DateTime from, DateTime to) =>
        _recent.Where(l => l.At >= from && l.At <= to).ToList();

    /// <summary>The Release build of the web app with <paramref name="arguments"/> (serving, or a command-line verb) and the benchmark's configuration.</summary>
    public static ProcessStartInfo Command(string repositoryRoot, int port, IReadOnlyDictionary<string, string> settings, IEnumerable<string> arguments)
    {
        var web = Path.Combine(repositoryRoot, "src", "SignOnLetters.Web");
        var dll = Path.Combine(web, "bin", "Release", "net10.0", "SignOnLetters.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: run the benchmark with -c Release, which builds the web app in Release too.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // Required outside Development; links in the benchmark's e-mails point at this process.
        start.Environment["App__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        // Plain HTTP on loopback: the load client's cookie container would not send Secure cookies back.
        start.Environment["Security__SecureCookies"] = "false";
        // A throwaway sealing key (production refuses to start without one).
        start.Environment["Sealing__KeyDirectory"] = Path.Combine(Path.GetTempPath(), $"signonletters-bench-seal-{port}");
        start.Environment["Sealing__CreateKeyIfMissing"] = "true";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;

        return start;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log)
            _log.Dispose();
    }
}
