namespace SignOnLetters.Domain.Signatures;

/// <summary>
/// The key that says two e-mail addresses reach the same mailbox, for "one signature per e-mail per
/// letter". Lower-cased whole (local parts are case-sensitive in theory, never in practice). Beyond
/// that only what a provider documents is folded, because folding too much would merge two
/// different people:
/// <list type="bullet">
/// <item>Gmail ignores dots in the local part and delivers <c>name+tag@</c> to <c>name@</c>;
/// googlemail.com is the same service.</item>
/// <item>The providers in <see cref="PlusTagDomains"/> deliver <c>name+tag@</c> to <c>name@</c>
/// (documented "plus addressing") but treat dots as significant.</item>
/// </list>
/// Yahoo's "-keyword" disposable addresses are separate mailboxes set up by the owner: not folded.
/// </summary>
public static class EmailCanonicalizer
{
    private static readonly HashSet<string> DotlessDomains = ["gmail.com"];

    private static readonly Dictionary<string, string> DomainAliases = new() { ["googlemail.com"] = "gmail.com" };

    private static readonly HashSet<string> PlusTagDomains =
    [
        "gmail.com",
        // Microsoft consumer mail.
        "outlook.com", "hotmail.com", "live.com", "msn.com",
        // Proton.
        "proton.me", "protonmail.com", "protonmail.ch", "pm.me",
        // Apple iCloud.
        "icloud.com", "me.com", "mac.com",
        "fastmail.com",
    ];

    public static string Canonicalize(string email)
    {
        var trimmed = email.Trim().ToLowerInvariant();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
            return trimmed;
        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..].TrimEnd('.');
        domain = DomainAliases.GetValueOrDefault(domain, domain);
        if (PlusTagDomains.Contains(domain) && local.IndexOf('+') is > 0 and var plus)
            local = local[..plus];
        if (DotlessDomains.Contains(domain))
            local = local.Replace(".", string.Empty, StringComparison.Ordinal);
        return $"{local}@{domain}";
    }
}
