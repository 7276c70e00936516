using Microsoft.AspNetCore.HttpOverrides;
using System.Net;

namespace SignOnLetters.Web.Infrastructure.Signing;

public static class SigningSetup
{
    /// <summary>
    /// The signing rate limiter and the client address it keys on. Forwarded headers are believed
    /// only from the proxies listed in <c>ForwardedHeaders:KnownProxies</c> (loopback by default),
    /// so a client cannot choose its own address by sending X-Forwarded-For.
    /// </summary>
    public static IServiceCollection AddSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SigningRateLimitOptions>(configuration.GetSection(SigningRateLimitOptions.Section));
        services.AddOptions<SigningOptions>().Bind(configuration.GetSection(SigningOptions.Section))
            .Validate(o => o.ConfirmationLinkDays is >= 1 and <= 90, "Signing:ConfirmationLinkDays must be a number of days from 1 to 90.")
            .ValidateOnStart();
        services.AddSingleton<ConfirmationLinks>();
        services.AddSingleton<SigningRateLimiter>();
        services.AddSingleton<SignatureCommits>();
        services.AddSingleton<Caching.SigningLetterCache>();
        services.AddHostedService(sp => sp.GetRequiredService<SignatureCommits>());
        services.AddSingleton<ConfirmationMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfirmationMailer>());
        services.AddSingleton<ConfirmationResends>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfirmationResends>());
        services.AddSingleton<LapsedSignatureExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<LapsedSignatureExpiry>());
        services.AddSingleton<OwedConfirmationSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<OwedConfirmationSweep>());
        services.AddScoped<IClientAddress, HttpClientAddress>();
        services.AddScoped<SignatureEmails>();
        services.AddScoped<Pages.Signatures.InvitationList>();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                if (IPAddress.TryParse(proxy, out var address))
                    options.KnownProxies.Add(address);
            }
        });
        return services;
    }
}
