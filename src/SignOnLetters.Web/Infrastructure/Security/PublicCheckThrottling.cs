using System.Threading.RateLimiting;

namespace SignOnLetters.Web.Infrastructure.Security;

public sealed class PublicCheckRateLimitOptions
{
    public const string Section = "Security:PublicCheckRateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Checks (form posts) per client network per minute: plenty for a person, too few to mine the record with guesses.</summary>
    public int PermitPerMinute { get; set; } = 10;
}

/// <summary>
/// Public checks that anyone may run and that cost the server work (the verify page's forms): only
/// their POSTs are throttled, per client network, as token links are (<see cref="TokenLinkThrottling"/>,
/// whose rejection handler words the answer); reading the page is not.
/// </summary>
public static class PublicCheckThrottling
{
    public const string Policy = "public-checks";

    public static IServiceCollection AddPublicCheckThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PublicCheckRateLimitOptions>(configuration.GetSection(PublicCheckRateLimitOptions.Section));
        services.AddRateLimiter(limiter => limiter.AddPolicy(Policy, context =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<PublicCheckRateLimitOptions>>().Value;
            if (!options.Enabled || !HttpMethods.IsPost(context.Request.Method))
                return RateLimitPartition.GetNoLimiter("not a check");
            return TokenLinkThrottling.PerNetwork(context, Policy, options.PermitPerMinute, TimeSpan.FromMinutes(1));
        }));
        return services;
    }
}
