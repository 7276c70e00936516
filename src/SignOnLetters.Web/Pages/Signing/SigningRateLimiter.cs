using System.Net;
using System.Threading.RateLimiting;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>Configuration section <c>Signing:RateLimit</c>.</summary>
public sealed class SigningRateLimitOptions
{
    public const string Section = "Signing:RateLimit";

    /// <summary>
    /// On unless configuration says otherwise. Load benchmarks and acceptance runs from one loopback
    /// address turn it off here; no code path can.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Submissions per client network (IPv4 /24, IPv6 /56) per letter in any minute. Three, not one:
    /// colleagues in one office share a network, and an over-limit signature is held for review, not lost.
    /// </summary>
    public int PermitPerMinute { get; set; } = 3;

    public int PermitPerFiveMinutes { get; set; } = 10;
}

/// <summary>
/// Counts signing submissions per client network (<see cref="ClientNetwork.LimitKey"/>) per letter with ASP.NET Core's rate limiters
/// (two sliding windows, chained). It does not reject requests: the signing handler asks it and
/// quietly holds an over-limit submission for review, so an attacker learns nothing by probing.
/// In memory, per app instance (see docs/decisions/0004-signature-claims.md).
/// </summary>
public sealed class SigningRateLimiter : IDisposable
{
    private readonly SigningRateLimitOptions _options;
    private readonly PartitionedRateLimiter<string>? _limiter;

    public SigningRateLimiter(IOptions<SigningRateLimitOptions> options)
    {
        _options = options.Value;
        if (!_options.Enabled)
            return;
        _limiter = PartitionedRateLimiter.CreateChained(
            Window(_options.PermitPerMinute, TimeSpan.FromMinutes(1)),
            Window(_options.PermitPerFiveMinutes, TimeSpan.FromMinutes(5)));
    }

    /// <summary>True when this submission is within the limits (always, when limiting is off).</summary>
    public bool TryAcquire(IPAddress? client, int letterId)
    {
        if (_limiter is null)
            return true;
        using var lease = _limiter.AttemptAcquire($"{ClientNetwork.LimitKey(client)}|{letterId}");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter?.Dispose();

    /// <summary>A sliding window of <paramref name="permits"/> per <paramref name="window"/> for each key (shared with the contact form's limits).</summary>
    internal static PartitionedRateLimiter<string> Window(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            SegmentsPerWindow = 5,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
