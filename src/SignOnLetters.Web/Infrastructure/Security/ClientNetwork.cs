using System.Net;
using System.Net.Sockets;

namespace SignOnLetters.Web.Infrastructure.Security;

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
/// Networks of client addresses. What is kept of a signer's address is its network, IPv4 to /24 and
/// IPv6 to /48 (see docs/decisions/0004-signature-claims.md for why not a hash). What limits count is
/// the network too, not the single address: one host of an IPv4 /24 may take over the whole /24 by
/// rotating addresses, and a home or a server is given an IPv6 /64 or /56, so counting single IPv6
/// addresses would be no limit at all.
/// </summary>
public static class ClientNetwork
{
    private const int StoredIPv4Bits = 24;
    private const int StoredIPv6Bits = 48;

    /// <summary>The stored network: IPv4 /24, IPv6 /48.</summary>
    public static string? Of(IPAddress? address) => Prefix(address, StoredIPv4Bits, StoredIPv6Bits);

    /// <summary>
    /// The network a rate limit counts: IPv4 /24, IPv6 /56 (the smallest prefix an ISP commonly gives
    /// one customer; a /64 is one LAN and holds 2^64 addresses). Never null: requests without an
    /// address (in-process tests) share one partition.
    /// </summary>
    public static string LimitKey(IPAddress? address) => Prefix(address, 24, 56) ?? "unknown";

    private static string? Prefix(IPAddress? address, int ipv4Bits, int ipv6Bits)
    {
        if (address is null)
            return null;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? ipv4Bits : ipv6Bits;
        return $"{Masked(address, bits)}/{bits}";
    }

    private static IPAddress Masked(IPAddress address, int bits)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
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

    private static int PrefixFor(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? StoredIPv4Bits : StoredIPv6Bits;
}
