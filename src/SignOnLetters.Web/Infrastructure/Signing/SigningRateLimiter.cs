using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SignOnLetters.Web.Infrastructure.Signing;

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
    /// Submissions per client address per letter in any minute. Three, not one: colleagues in one
    /// office share an address, and an over-limit signature is held for review, not lost.
    /// </summary>
    public int PermitPerMinute { get; set; } = 3;

    public int PermitPerFiveMinutes { get; set; } = 10;
}

/// <summary>
/// Counts signing submissions per client address per letter with ASP.NET Core's rate limiters
/// (two sliding windows, chained). It does not reject requests: the signing handler asks it and
/// quietly holds an over-limit submission for review, so an attacker learns nothing by probing.
/// In memory, per app instance (see docs/decisions/0002-signature-claims.md).
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
        using var lease = _limiter.AttemptAcquire($"{client?.ToString() ?? "unknown"}|{letterId}");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter?.Dispose();

    private static PartitionedRateLimiter<string> Window(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            SegmentsPerWindow = 5,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}

/// <summary>The address a request came from (after forwarded headers from configured proxies only).</summary>
public interface IClientAddress
{
    IPAddress? Address { get; }
}

public sealed class HttpClientAddress(IHttpContextAccessor accessor) : IClientAddress
{
    public IPAddress? Address => accessor.HttpContext?.Connection.RemoteIpAddress;
}

/// <summary>
/// What is kept of a signer's address: its network, IPv4 to /24 and IPv6 to /48 (see
/// docs/decisions/0002-signature-claims.md for why not a hash).
/// </summary>
public static class ClientNetwork
{
    public static string? Of(IPAddress? address)
    {
        if (address is null)
            return null;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var prefix = PrefixFor(address);
        for (var i = prefix / 8; i < bytes.Length; i++)
            bytes[i] = 0;
        return $"{new IPAddress(bytes)}/{prefix}";
    }

    /// <summary>
    /// A network written elsewhere (a backup file) held to the same rule: a longer prefix, up to a
    /// single address, is cut to /24 or /48; a wider network is kept as it is (it says less); what
    /// is not a network gives null.
    /// </summary>
    public static string? Of(string? network)
    {
        if (network is null || !IPNetwork.TryParse(network, out var parsed))
            return null;
        var address = parsed.BaseAddress.IsIPv4MappedToIPv6 ? parsed.BaseAddress.MapToIPv4() : parsed.BaseAddress;
        var prefixLength = parsed.BaseAddress.IsIPv4MappedToIPv6 ? Math.Max(0, parsed.PrefixLength - 96) : parsed.PrefixLength;
        return prefixLength < PrefixFor(address) ? new IPNetwork(address, prefixLength).ToString() : Of(address);
    }

    private static int PrefixFor(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 24 : 48;
}
