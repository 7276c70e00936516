namespace SignOnLetters.Web.Infrastructure.Security;

/// <summary>
/// Headers every response carries. Pages load nothing from another host, and scripts and styles
/// come only from our own files (no inline code), so the policy can be strict.
/// </summary>
public static class SecurityHeaders
{
    private const string PolicyWithoutAncestors =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; ";

    private const string ContentSecurityPolicy = PolicyWithoutAncestors + "frame-ancestors 'none'";

    /// <summary>
    /// For the one page that may be framed (the embedded sign form): the same policy, except that
    /// pages on <paramref name="host"/> (over HTTPS) may frame it. X-Frame-Options cannot name a host,
    /// so it is dropped; browsers that know CSP obey frame-ancestors. The host must be well formed
    /// (<see cref="Domain.Letters.EmbedHosts"/>), so nothing else reaches the header.
    /// </summary>
    public static void AllowFramingBy(HttpResponse response, string host)
    {
        if (!Domain.Letters.EmbedHosts.IsWellFormed(host))
            throw new ArgumentException("Not a host name.", nameof(host));
        response.Headers.ContentSecurityPolicy = PolicyWithoutAncestors + $"frame-ancestors https://{host}";
        response.Headers.Remove("X-Frame-Options");
    }

    /// <summary>
    /// Nothing is stored by a browser or a proxy unless the response says it may be: pages for
    /// coordinators and accounts, exports, token links and answers to signers all carry personal
    /// data, and a shared computer's back button or a proxy's disk must not show it to the next
    /// person. Public pages that are meant to be cached say so themselves (static files, logos, the
    /// delivered PDF, the letter page's ETag); a signed-in visitor's page is never stored, whatever it
    /// said, unless it is public for everyone.
    /// </summary>
    private static Task KeepOutOfCaches(object state)
    {
        var context = (HttpContext)state;
        var cacheControl = context.Response.Headers.CacheControl.ToString();
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        if (cacheControl.Length == 0 || (signedIn && !cacheControl.Contains("public", StringComparison.OrdinalIgnoreCase)))
            context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            context.Response.OnStarting(KeepOutOfCaches, context);
            await next();
        });
}
