namespace SignOnLetters.Web.Pages.Signing;

public static class SigningSetup
{
    /// <summary>
    /// Signing's services: the rate limiter and the client address it keys on (X-Forwarded-For is
    /// believed only from configured proxies: <see cref="Security.PublicAddress"/>), the group commit,
    /// the e-mail queue and the background jobs of signing.
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
        services.AddSingleton<SigningLetterCache>();
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
        services.AddScoped<SigningAnonymously>();
        services.AddScoped<SigningAsRepresentative>();
        services.AddScoped<Pages.Signatures.PartnerInvitationList>();
        return services;
    }
}
