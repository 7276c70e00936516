using Microsoft.AspNetCore.RateLimiting;

namespace SignOnLetters.Web.Infrastructure.Security;

public sealed class AccountEmailRateLimitOptions
{
    public const string Section = "Security:AccountEmailRateLimit";

    /// <summary><c>Security:AccountEmailRateLimit:Enabled</c>; tests from one address switch it off by configuration.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Posts to the account pages that send e-mail, per client network (IPv4 /24, IPv6 /56) per hour,
    /// all of them together. Twenty: an office or a conference shares a network, and a person asks
    /// for a link a few times at most; a script walking through addresses is not that.
    /// </summary>
    public int PermitPerHour { get; set; } = 20;
}

/// <summary>
/// Register, "forgot password" and "resend the account confirmation" each send an e-mail to the
/// address typed. Each mailbox has a daily budget (<see cref="Email.RecipientEmailLimit"/>); this limit
/// counts the other side, the network posting, so one host cannot walk a list of addresses through
/// the pages (e-mail bombing across many victims, or timing probes by the thousand). It counts every
/// post, known address or not, so being limited tells nothing about accounts (issue 18, rows 8 and 9).
/// Over the limit the page answers 429 with a plain explanation (<see cref="TokenLinkThrottling"/>).
/// </summary>
public static class AccountEmailThrottling
{
    public const string Policy = "account-emails";

    /// <summary>The Identity pages that e-mail whoever's address is typed in.</summary>
    public static readonly string[] Pages = ["/Account/Register", "/Account/ForgotPassword", "/Account/ResendEmailConfirmation"];

    public static IServiceCollection AddAccountEmailThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccountEmailRateLimitOptions>(configuration.GetSection(AccountEmailRateLimitOptions.Section));
        services.AddRateLimiter(limiter => limiter.AddPolicy(Policy, context =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<AccountEmailRateLimitOptions>>().Value;
            // Only posts send e-mail; reading the form is free.
            if (!options.Enabled || !HttpMethods.IsPost(context.Request.Method))
                return System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("not counted");
            return TokenLinkThrottling.PerNetwork(context, Policy, options.PermitPerHour, TimeSpan.FromHours(1));
        }));
        return services;
    }

    /// <summary>Puts the policy on Identity's e-mailing pages (their page models are Identity's, so by convention).</summary>
    public static void ThrottleAccountEmailPages(this RazorPagesOptions options)
    {
        foreach (var page in Pages)
            options.Conventions.AddAreaPageApplicationModelConvention("Identity", page,
                model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(Policy)));
    }
}
