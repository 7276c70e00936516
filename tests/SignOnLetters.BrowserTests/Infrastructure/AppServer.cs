using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace SignOnLetters.BrowserTests.Infrastructure;

/// <summary>
/// The app as people meet it: the built SignOnLetters.Web started as its own process on real Kestrel
/// at 127.0.0.1 on a free port, with a fresh SQLite file, e-mail written to a pickup directory, and the
/// demo data seeded. Stopped (and its files removed) when the tests end.
/// </summary>
public sealed partial class AppServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sol-browser", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri BaseAddress { get; private set; } = null!;

    public string MailDirectory => Path.Combine(_root, "mail");

    /// <summary>The demo coordinator's password, printed by --seed-demo.</summary>
    public string DemoPassword { get; private set; } = string.Empty;

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The SQLite file, kept across a kill and restart.</summary>
    public string DatabasePath => Path.Combine(_root, "app.db");

    /// <summary>Settings for this instance on top of the defaults, as environment variables ("Signing__RateLimit__Enabled").</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public Task InitializeAsync() => StartAsync();

    /// <summary>Kills the process outright (SIGKILL on Linux): no shutdown hooks, no flushing.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the app (again, on the same database and port after <see cref="KillAsync"/>) and waits until it is healthy.</summary>
    public async Task StartAsync()
    {
        Directory.CreateDirectory(_root);
        var repository = RepositoryRoot();
        var webProject = Path.Combine(repository, "src", "SignOnLetters.Web");
        var dll = Directory.GetFiles(Path.Combine(webProject, "bin"), "SignOnLetters.Web.dll", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}"))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new InvalidOperationException("SignOnLetters.Web is not built.");
        if (BaseAddress is null)
            BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", BaseAddress.ToString().TrimEnd('/'), "--contentRoot", webProject, "--seed-demo" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={DatabasePath};Pooling=True";
        start.Environment["Email__PickupDirectory"] = MailDirectory;
        start.Environment["Email__Smtp__Host"] = string.Empty;
        start.Environment["App__PublicBaseUrl"] = BaseAddress.ToString().TrimEnd('/');
        // Plain HTTP on loopback: .NET's cookie container (the tests' own HTTP clients) sends no Secure cookie over it.
        start.Environment["Security__SecureCookies"] = "false";
        // A throwaway sealing key beside the database (production refuses to start without one).
        start.Environment["Sealing__KeyDirectory"] = Path.Combine(Path.GetDirectoryName(DatabasePath)!, "sealing");
        start.Environment["Sealing__CreateKeyIfMissing"] = "true";
        foreach (var (key, value) in Settings)
            start.Environment[key] = value;
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                    break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The app did not answer /healthz within 90 s:\n{Output}");
            await Task.Delay(250);
        }
        if (DemoPasswordPattern().Match(Output) is { Success: true } m)
            DemoPassword = m.Groups[1].Value;
    }

    public async Task DisposeAsync()
    {
        await KillAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SignOnLetters.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }

    [GeneratedRegex(@"with the password: (\S+)")]
    private static partial Regex DemoPasswordPattern();
}
