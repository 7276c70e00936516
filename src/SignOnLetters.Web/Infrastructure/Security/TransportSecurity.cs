using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpsPolicy;

namespace SignOnLetters.Web.Infrastructure.Security;

/// <summary>
/// What keeps cookies and pages off the wire and out of caches: <c>Secure</c> on every cookie,
/// a year of HSTS, and (when configured) a redirect to HTTPS for requests a proxy says came over
/// plain HTTP. Responses are kept out of caches by <see cref="SecurityHeaders"/>.
/// </summary>
public static class TransportSecurity
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.Configure<CookiePolicyOptions>(cookies =>
        {
            // Every cookie, whoever appends it (sign-in, two-factor steps, antiforgery, TempData, the
            // language): one that travels over plain HTTP once can be read on the way.
            cookies.Secure = options.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookies.HttpOnly = HttpOnlyPolicy.Always;
        });
        services.AddHsts(hsts =>
        {
            // A year, the least the preload list and most audits accept. No subdomains: the
            // operator's other hosts are not ours to decide for.
            hsts.MaxAge = TimeSpan.FromDays(365);
        });
        services.AddHttpsRedirection(redirect =>
        {
            redirect.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            redirect.HttpsPort = options.HttpsPort;
        });
        return services;
    }

    /// <summary>After the forwarded headers (the scheme a proxy reports), before anything sets a cookie.</summary>
    public static IApplicationBuilder UseTransportSecurity(this IApplicationBuilder app, IConfiguration configuration)
    {
        var options = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        if (options.RedirectToHttps)
            app.UseHttpsRedirection();
        app.UseCookiePolicy();
        return app;
    }
}
