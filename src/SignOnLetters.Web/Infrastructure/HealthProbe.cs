using System.Text.RegularExpressions;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// <c>dotnet SignOnLetters.Web.dll --health-check</c>: asks the app already running on this machine for
/// <c>GET /healthz</c> and exits 0 when it answers 2xx, 1 otherwise, with one line saying why. The
/// container image has no shell and no curl (chiseled, docs/decisions/0010), so the app is its own
/// probe (docker-compose's health check). It reads the configuration the server reads (appsettings,
/// environment, command line) to find where the server listens and a host name the server's
/// <c>AllowedHosts</c> filter accepts (a probe refused with 400 would mark a working app unhealthy);
/// it starts nothing else: no database, no migrations.
/// </summary>
public static partial class HealthProbe
{
    public const string Argument = "--health-check";
    public const string Path = "/healthz";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static bool IsRequested(IEnumerable<string> args) => args.Contains(Argument, StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        Uri url;
        string? host;
        try
        {
            (url, host) = Target(ServerConfiguration(args));
        }
        catch (FormatException exception)
        {
            output.WriteLine($"Unhealthy: {exception.Message}");
            return 1;
        }

        using var client = new HttpClient { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (host is not null)
            request.Headers.Host = host;
        try
        {
            using var response = await client.SendAsync(request);
            var body = (await response.Content.ReadAsStringAsync()).Trim();
            var said = body.Length > 200 ? body[..200] : body;
            if (response.IsSuccessStatusCode)
            {
                output.WriteLine($"{said} ({url})");
                return 0;
            }
            output.WriteLine($"Unhealthy: {(int)response.StatusCode} {said} from {url}");
            return 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            output.WriteLine($"Unhealthy: no answer from {url}: {exception.Message}");
            return 1;
        }
    }

    /// <summary>The settings the web host reads, in its order; the probe's own argument left out.</summary>
    private static IConfiguration ServerConfiguration(string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production;
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => !a.Equals(Argument, StringComparison.OrdinalIgnoreCase)).ToArray())
            .Build();
    }

    /// <summary>
    /// Where to ask and which Host header to send: the first <c>http://</c> address of <c>urls</c>
    /// (<c>ASPNETCORE_URLS</c>), else the first of <c>http_ports</c> (<c>ASPNETCORE_HTTP_PORTS</c>, set by
    /// the .NET images), else Kestrel's default; a wildcard address (+, *, 0.0.0.0, [::]) is asked on loopback.
    /// </summary>
    internal static (Uri Url, string? Host) Target(IConfiguration configuration)
    {
        var listen = ListenAddress(configuration);
        var match = ListenPattern().Match(listen);
        if (!match.Success)
            throw new FormatException($"cannot read the address '{listen}' (expected http://host:port).");
        var hostPart = match.Groups["host"].Value switch
        {
            "+" or "*" or "0.0.0.0" => "127.0.0.1",
            "[::]" => "[::1]",
            var named => named,
        };
        if (!Uri.TryCreate($"http://{hostPart}{match.Groups["port"].Value}{Path}", UriKind.Absolute, out var url))
            throw new FormatException($"cannot read the address '{listen}' (expected http://host:port).");
        return (url, AcceptedHost(configuration["AllowedHosts"]));
    }

    private static string ListenAddress(IConfiguration configuration)
    {
        var urls = Split(configuration["urls"]);
        if (urls.Length > 0)
            return urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"the server listens on no http:// address (urls: {configuration["urls"]}); the probe does not speak TLS.");
        var port = Split(configuration["http_ports"]).FirstOrDefault();
        return port is null ? "http://localhost:5000" : $"http://+:{port}";
    }

    /// <summary>A name the host filter lets through: none needed for "*", an exact name first, else a name under a "*." pattern.</summary>
    private static string? AcceptedHost(string? allowedHosts)
    {
        var hosts = Split(allowedHosts);
        if (hosts.Length == 0 || hosts.Contains("*"))
            return null;
        return hosts.FirstOrDefault(h => !h.StartsWith("*.", StringComparison.Ordinal))
            ?? "healthz" + hosts[0][1..];
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"^http://(?<host>\[[^\]]*\]|[^:/\[\]]+)(?<port>:[0-9]{1,5})?/?[^\s]*$", RegexOptions.IgnoreCase)]
    private static partial Regex ListenPattern();
}
