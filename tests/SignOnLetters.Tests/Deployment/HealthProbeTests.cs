using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using SignOnLetters.Web.Infrastructure;

namespace SignOnLetters.Tests.Deployment;

/// <summary>
/// <c>dotnet SignOnLetters.Web.dll --health-check</c>, docker-compose's health check, against a real
/// listening server (a socket, not the test server: the probe is an ordinary HTTP client).
/// </summary>
public sealed class HealthProbeTests
{
    [Theory]
    [InlineData(StatusCodes.Status200OK, 0, "Healthy")]
    [InlineData(StatusCodes.Status503ServiceUnavailable, 1, "Unhealthy: 503 Unhealthy")]
    public async Task Should_exit_zero_only_when_the_server_answers_healthy(int status, int expectedExitCode, string expectedStart)
    {
        await using var server = await StartServerAsync("*", status);

        var (exitCode, said) = await ProbeAsync($"--urls={server.Urls.Single()}");

        Assert.Equal(expectedExitCode, exitCode);
        Assert.StartsWith(expectedStart, said);
    }

    [Fact]
    public async Task Should_exit_one_with_a_reason_when_nothing_listens()
    {
        var closedPort = FreePort();

        var (exitCode, said) = await ProbeAsync($"--urls=http://127.0.0.1:{closedPort}");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"Unhealthy: no answer from http://127.0.0.1:{closedPort}/healthz", said);
    }

    [Fact]
    public async Task Should_name_a_host_the_servers_allowed_hosts_accept()
    {
        // The compose file sets AllowedHosts to the public name; a probe on 127.0.0.1 without that
        // Host header is refused with 400 by the host filter, and a working app would look broken.
        await using var server = await StartServerAsync("letters.example.org", StatusCodes.Status200OK);
        var port = new Uri(server.Urls.Single()).Port;

        var withTheirHosts = await ProbeAsync($"--urls=http://+:{port}", "--AllowedHosts=letters.example.org");
        var withoutAHost = await ProbeAsync($"--urls=http://+:{port}", "--AllowedHosts=*");

        Assert.Equal(0, withTheirHosts.ExitCode);
        Assert.Equal(1, withoutAHost.ExitCode);
        Assert.StartsWith("Unhealthy: 400", withoutAHost.Said);
    }

    [Fact]
    public async Task Should_refuse_an_unreadable_address_with_a_reason_instead_of_crashing()
    {
        var (exitCode, said) = await ProbeAsync("--urls=http://exa mple:80:90");

        Assert.Equal(1, exitCode);
        Assert.Contains("cannot read the address 'http://exa mple:80:90'", said);
    }

    [Theory]
    [InlineData("http://+:8080", null, "http://127.0.0.1:8080/healthz")]
    [InlineData("http://*:8080;https://*:8443", null, "http://127.0.0.1:8080/healthz")]
    [InlineData("https://+:8443;http://0.0.0.0:80", null, "http://127.0.0.1/healthz")]
    [InlineData("http://[::]:8080", null, "http://[::1]:8080/healthz")]
    [InlineData("http://localhost:5005/", null, "http://localhost:5005/healthz")]
    [InlineData(null, "8080;8081", "http://127.0.0.1:8080/healthz")]
    [InlineData(null, null, "http://localhost:5000/healthz")]
    public void Should_ask_where_the_server_listens(string? urls, string? httpPorts, string expected)
    {
        var (url, _) = HealthProbe.Target(Settings(("urls", urls), ("http_ports", httpPorts)));

        Assert.Equal(expected, url.ToString());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("*", null)]
    [InlineData("letters.example.org;localhost", "letters.example.org")]
    [InlineData("*.example.org;localhost", "localhost")]
    [InlineData("*.example.org", "healthz.example.org")]
    public void Should_send_a_host_header_only_when_allowed_hosts_are_restricted(string? allowedHosts, string? expected)
    {
        var (_, host) = HealthProbe.Target(Settings(("urls", "http://+:8080"), ("AllowedHosts", allowedHosts)));

        Assert.Equal(expected, host);
    }

    [Fact]
    public void Should_refuse_a_server_that_listens_only_on_https()
    {
        var exception = Assert.Throws<FormatException>(() => HealthProbe.Target(Settings(("urls", "https://+:8443"))));

        Assert.Contains("no http:// address", exception.Message);
    }

    private static async Task<(int ExitCode, string Said)> ProbeAsync(params string[] settings)
    {
        var output = new StringWriter();
        var exitCode = await HealthProbe.RunAsync([HealthProbe.Argument, .. settings], output);
        return (exitCode, output.ToString().Trim());
    }

    private static async Task<WebApplication> StartServerAsync(string allowedHosts, int status)
    {
        var builder = WebApplication.CreateBuilder(["--urls=http://127.0.0.1:0", $"--AllowedHosts={allowedHosts}"]);
        var app = builder.Build();
        app.MapGet(HealthProbe.Path, () => Results.Text(status == StatusCodes.Status200OK ? "Healthy" : "Unhealthy", statusCode: status));
        await app.StartAsync();
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IConfiguration Settings(params (string Key, string? Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value))).Build();
}
