using System.Text.RegularExpressions;

namespace SignOnLetters.Domain.Letters;

/// <summary>
/// The hosts a letter's sign form may be embedded on: plain DNS names ("partner.example",
/// "www.partner.example"), lower case, no scheme, port, path or wildcard. Nothing else can reach the
/// Content-Security-Policy header these names are written into.
/// </summary>
public static partial class EmbedHosts
{
    public const int HostMaxLength = 253;
    public const int MaxHosts = 20;

    public static bool IsWellFormed(string? host) =>
        host is { Length: > 0 and <= HostMaxLength } && HostPattern().IsMatch(host);

    /// <summary>"Partner.Example" and " partner.example " are the same host; anything else that is not a host name is refused.</summary>
    public static string Normalise(string host)
    {
        var trimmed = host.Trim().TrimEnd('.').ToLowerInvariant();
        return IsWellFormed(trimmed)
            ? trimmed
            : throw new DomainRuleException("\"{0}\" is not a host name. Write it like partner.example, without https:// or a path.", host.Length > 60 ? host[..60] + "…" : host);
    }

    public static string Join(IEnumerable<string> hosts)
    {
        var normalised = hosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(Normalise).Distinct(StringComparer.Ordinal).ToList();
        if (normalised.Count > MaxHosts)
            throw new DomainRuleException("At most {0} hosts may embed the form.", MaxHosts);
        var joined = string.Join(' ', normalised);
        return joined.Length <= 2000 ? joined : throw new DomainRuleException("The list of hosts is too long.");
    }

    public static IReadOnlyList<string> Split(string? hosts) =>
        string.IsNullOrEmpty(hosts) ? [] : hosts.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // Labels of letters, digits and inner hyphens; at least two labels; a letter in the last.
    [GeneratedRegex("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
