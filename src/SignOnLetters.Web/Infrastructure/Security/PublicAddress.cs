using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;

namespace SignOnLetters.Web.Infrastructure.Security;

/// <summary>
/// Where the app is reached, and who may say so. Every e-mailed link (password resets, account and
/// signature confirmations, invitations) is built from <c>App:PublicBaseUrl</c>, never from the
/// request's Host header, which anyone can forge: a poisoned password-reset link would hand an
/// attacker a coordinator's account (issue 18, row 4). Outside Development the setting is required,
/// and when <c>AllowedHosts</c> is left at <c>*</c> the app answers only requests for that host.
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from the proxies listed in
/// <c>ForwardedHeaders:KnownProxies</c> (loopback too only when listed); <c>X-Forwarded-Host</c>
/// never is, since no link depends on the host.
/// </summary>
public static class PublicAddress
{
    public const string BaseUrlKey = "App:PublicBaseUrl";
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";

    /// <summary>The configured base URL, checked; null only in Development when it is not set.</summary>
    public static Uri? BaseUrl(IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration[BaseUrlKey];
        if (string.IsNullOrWhiteSpace(value))
            return environment.IsDevelopment()
                ? null
                : throw new InvalidOperationException(
                    $"{BaseUrlKey} is required outside Development: set it to the address people use to reach the app, for example " +
                    "App__PublicBaseUrl=https://letters.example.org. Links in e-mails are built from it, never from the request's Host header.");
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            throw new InvalidOperationException(
                $"{BaseUrlKey} must be an absolute http or https address without query or fragment, such as https://letters.example.org; it is '{value}'.");
        return uri;
    }

    /// <summary>
    /// Says at start-up, once, that links are being made up: without a base URL (allowed only in
    /// Development; anywhere else start-up has already refused) webhook payloads and OSDI documents
    /// point at http://localhost and e-mailed links at whatever host the request named.
    /// </summary>
    public static void WarnIfMissing(IServiceProvider services)
    {
        if (services.GetRequiredService<PublicBaseUrl>().IsMissing)
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PublicAddress).FullName!).LogWarning(
                "{Key} is not set: webhook and OSDI links fall back to http://localhost and e-mailed links to the request's host. " +
                "Set it (App__PublicBaseUrl=https://letters.example.org) before anyone outside this machine uses the app.", BaseUrlKey);
    }

    public static IServiceCollection AddPublicAddress(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var baseUrl = BaseUrl(configuration, environment);
        services.AddSingleton(new PublicBaseUrl(baseUrl));
        services.AddScoped<IPublicUrls, PublicUrls>();
        // Registered after the web host's own PostConfigure, which reads AllowedHosts: "*" (the
        // template's default) or nothing becomes the public host.
        services.PostConfigure<HostFilteringOptions>(options =>
        {
            if (baseUrl is not null && (options.AllowedHosts.Count == 0 || options.AllowedHosts.All(h => h == "*")))
                options.AllowedHosts = [baseUrl.IdnHost];
        });
        var proxies = new List<IPAddress>();
        foreach (var proxy in configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [])
            proxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"{KnownProxiesKey} lists '{proxy}', which is not an IP address."));
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With no proxy configured the headers are not read at all: ASP.NET Core treats empty
            // lists of known proxies as "believe anyone", and by default believes loopback.
            options.ForwardedHeaders = proxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            // The obsolete list is checked too, and holds 127.0.0.0/8 by default.
#pragma warning disable CS0618, ASPDEPR005
            options.KnownNetworks.Clear();
#pragma warning restore CS0618, ASPDEPR005
            foreach (var proxy in proxies)
                options.KnownProxies.Add(proxy);
        });
        return services;
    }
}

/// <summary>The configured <c>App:PublicBaseUrl</c> (null only in Development without one).</summary>
public sealed record PublicBaseUrl(Uri? Configured)
{
    /// <summary>No base URL: links fall back to localhost (see <see cref="PublicAddress.WarnIfMissing"/>).</summary>
    public bool IsMissing => Configured is null;

    /// <summary>An app path ("/signatures/confirm/…") on the public base, keeping any path the base has.</summary>
    public string? Absolute(string path) =>
        Configured is null ? null : Configured.AbsoluteUri.TrimEnd('/') + (path.StartsWith('/') ? path : "/" + path);
}
