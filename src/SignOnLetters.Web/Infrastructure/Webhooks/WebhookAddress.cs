using System.Net;
using System.Net.Sockets;

namespace SignOnLetters.Web.Infrastructure.Webhooks;

/// <summary>
/// Where a webhook may point, checked twice (server-side request forgery): when it is registered
/// (the URL) and at every delivery (each address its host resolves to, at connect time, so a name
/// that later resolves to an internal address, DNS rebinding, is refused too). Public https hosts
/// only; with <see cref="WebhookOptions.AllowLoopbackHttp"/>, also http and https on loopback.
/// </summary>
public static class WebhookAddress
{
    /// <summary>Why the URL cannot be a webhook (a key of the shared resource), or null when it can.</summary>
    public static string? Problem(string? url, bool allowLoopback)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > Domain.Osdi.OrganisationWebhook.UrlMaxLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
            return "Enter the webhook's full address, starting with https://.";
        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
            return "Enter the webhook's full address, starting with https://.";
        var loopbackHost = uri.IsLoopback;
        if (uri.Scheme == Uri.UriSchemeHttp && !(allowLoopback && loopbackHost))
            return "Webhooks must use https://.";
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            return "Webhooks must use https://.";
        if (loopbackHost && !allowLoopback)
            return "A webhook cannot point to a private or local network address.";
        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal) && !IsAllowed(literal, allowLoopback))
            return "A webhook cannot point to a private or local network address.";
        if (uri.HostNameType == UriHostNameType.Dns && !uri.IdnHost.Contains('.') && !loopbackHost)
            return "A webhook cannot point to a private or local network address.";
        return null;
    }

    /// <summary>Whether a delivery may connect to <paramref name="address"/>: a public unicast address (or loopback when allowed).</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address))
            return allowLoopback;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or >= 224                        // "this network", private, multicast and reserved
                     || (b[0] == 100 && b[1] is >= 64 and < 128)       // carrier-grade NAT
                     || (b[0] == 169 && b[1] == 254)                   // link-local (cloud metadata services)
                     || (b[0] == 172 && b[1] is >= 16 and < 32)        // private
                     || (b[0] == 192 && b[1] == 168)                   // private
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0)        // IETF protocol assignments
                     || (b[0] == 198 && b[1] is 18 or 19));            // benchmarking
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || address.IsIPv6UniqueLocal || address.IsIPv4MappedToIPv6)
                return false;
            var b = address.GetAddressBytes();
            return !(b[0] == 0 && b[1] == 0); // ::/16 (unspecified, IPv4-compatible, and the like)
        }
        return false;
    }
}
