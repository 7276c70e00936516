using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SignOnLetters.Web.Infrastructure.Security;

public sealed class TokenLinkRateLimitOptions
{
    public const string Section = "Security:TokenLinkRateLimit";

    /// <summary><c>Security:TokenLinkRateLimit:Enabled</c>; load tests from one address switch it off by configuration.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests to token links per client network (IPv4 /24, IPv6 /56) per minute, right or wrong.</summary>
    public int PermitPerMinute { get; set; } = 20;
}

/// <summary>
/// Links that carry a token (confirm, withdraw, invitations, unsubscribe) are throttled per client network with
/// ASP.NET Core's rate limiter. Tokens have 256 bits, so guessing is hopeless anyway; the limit keeps
/// a script from hammering the database trying, and a person clicking a link a few times never meets it.
/// </summary>
public static class TokenLinkThrottling
{
    public const string Policy = "token-links";

    public static IServiceCollection AddTokenLinkThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TokenLinkRateLimitOptions>(configuration.GetSection(TokenLinkRateLimitOptions.Section));
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context =>
            {
                // Read per request, so the setting can be changed without rebuilding the limiter.
                var options = context.RequestServices.GetRequiredService<IOptions<TokenLinkRateLimitOptions>>().Value;
                if (!options.Enabled)
                    return RateLimitPartition.GetNoLimiter("off");
                if (context.GetEndpoint()?.Metadata.GetMetadata<TokenLinkWhenAttribute>() is { } when && !when.Applies(context.Request))
                    return RateLimitPartition.GetNoLimiter("not a token link");
                return PerNetwork(context, "token-link", options.PermitPerMinute, TimeSpan.FromMinutes(1));
            });
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                // The limiter answers for every policy; the endpoint's policy says which limit was met.
                var policy = rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                var (retryAfter, message) = policy switch
                {
                    AccountEmailThrottling.Policy => ("3600", "Too many requests for account e-mails from your network in a short time. Wait an hour, then try again."),
                    PublicCheckThrottling.Policy => ("60", "Too many checks from your network in a short time. Wait a minute, then try again."),
                    _ => ("60", "Too many link openings from your network in a short time. Wait a minute, then open the link again."),
                };
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter;
                rejected.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                // Request localisation runs before the limiter: the reader's language is known here.
                var T = rejected.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await rejected.HttpContext.Response.WriteAsync(T[message], cancellationToken);
            };
        });
        return services;
    }

    /// <summary>
    /// A sliding window of <paramref name="permits"/> per <paramref name="window"/> for the request's
    /// client network, in a partition of its own per <paramref name="limit"/>. Per network, not per
    /// address: a /64 of IPv6 addresses would otherwise be 2^64 budgets.
    /// </summary>
    internal static RateLimitPartition<string> PerNetwork(HttpContext context, string limit, int permits, TimeSpan window) =>
        RateLimitPartition.GetSlidingWindowLimiter($"{limit}|{ClientNetwork.LimitKey(context.Connection.RemoteIpAddress)}", _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        });
}

/// <summary>
/// For a page that is a token link only for some requests, next to
/// <c>[EnableRateLimiting(TokenLinkThrottling.Policy)]</c>: the limit counts only those requests.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TokenLinkWhenAttribute : Attribute
{
    /// <summary>Counted only when the query string carries this key (the sign page's <c>?invitation=</c>).</summary>
    public string? QueryKey { get; init; }

    /// <summary>Counted only for GET and HEAD (see the unsubscribe page (<c>Pages/Signatures/Unsubscribe</c>) for why its POST is not).</summary>
    public bool ReadsOnly { get; init; }

    public bool Applies(HttpRequest request) =>
        (QueryKey is null || request.Query.ContainsKey(QueryKey))
        && (!ReadsOnly || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
}
