using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;

namespace SignOnLetters.Domain.Signatures;

/// <summary>
/// The one rule for "is this organisation signature really the organisation's?" (issue 18, row 3),
/// used by signing, confirmation, the reviews, the public list, the API, the PDF and the export.
/// <list type="bullet">
/// <item>A signed-in member of the registered organisation signing for it is verified
/// (<see cref="OrganisationVerification.Representative"/>).</item>
/// <item>A signature confirmed from a mailbox on the <em>registered</em> organisation's web domain, or a
/// sub-domain of it, is verified (<see cref="OrganisationVerification.OrganisationDomain"/>). The domain
/// is the host of <see cref="Organisation.Website"/>, which only that organisation's coordinators can
/// set; the website a signer types on the form is never used, so a stranger cannot name their own
/// domain. A website on a shared platform or a mail provider (<see cref="SharedDomains"/>) gives no
/// domain: its addresses belong to anyone.</item>
/// <item>Every other organisation signature is unverified until a coordinator of the letter or of the
/// organisation approves it (<see cref="OrganisationVerification.Coordinator"/>). One that names a
/// registered organisation (matched by confusable skeleton, <see cref="NameNormalizer"/>) is not
/// listed at all until then: it is held for the organisation's coordinators
/// (<see cref="HoldReason.HeldForOrganisation"/>).</item>
/// </list>
/// Registering an organisation is the trust anchor here, as it already is for representatives: the
/// skeleton keeps a look-alike of a registered name from being registered again.
/// </summary>
/// <param name="RegisteredOrganisationId">The registered organisation the signature names, or null.</param>
/// <param name="WebDomain">That organisation's web domain (lower case, ASCII), or null when it has none usable.</param>
public sealed record OrganisationSignatureVerification(int? RegisteredOrganisationId, string? WebDomain)
{
    /// <summary>For a signature that names no registered organisation (or is an individual's).</summary>
    public static readonly OrganisationSignatureVerification NotRegistered = new(null, null);

    /// <summary>
    /// Hosts whose addresses or pages anyone can have: an organisation whose website is a page on one
    /// of these (or a sub-domain of one) has no web domain of its own for this rule.
    /// </summary>
    public static readonly IReadOnlySet<string> SharedDomains = new HashSet<string>(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "google.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "aol.com",
        "icloud.com", "me.com", "mail.com", "gmx.com", "gmx.net", "gmx.de", "web.de", "yandex.ru", "yandex.com", "mail.ru",
        "proton.me", "protonmail.com", "pm.me", "tutanota.com", "riseup.net", "zoho.com", "qq.com", "163.com",
        "facebook.com", "fb.com", "instagram.com", "x.com", "twitter.com", "linkedin.com", "tiktok.com", "youtube.com", "t.me",
        "vk.com", "wordpress.com", "blogspot.com", "wixsite.com", "wix.com", "squarespace.com", "github.io", "gitlab.io",
        "medium.com", "substack.com", "linktr.ee", "sites.google.com", "netlify.app", "vercel.app", "weebly.com", "tumblr.com",
    };

    /// <summary>The registered organisation a signature names (after the letter's aliases), for an organisation signature.</summary>
    public static async Task<OrganisationSignatureVerification> ForAsync(AppDbContext db, Signature signature, CancellationToken cancellationToken)
    {
        if (signature is not { Kind: SignerKind.Organisation, OrganisationKey: { } key })
            return NotRegistered;
        var registered = await db.Organisations.AsNoTracking().Where(o => o.NormalizedName == key)
            .Select(o => new { o.Id, o.Website }).FirstOrDefaultAsync(cancellationToken);
        return registered is null ? NotRegistered : new(registered.Id, WebDomainOf(registered.Website));
    }

    /// <summary>What proving the mailbox <paramref name="email"/> (following the confirmation link) establishes.</summary>
    public OrganisationVerification ForConfirmedMailbox(string? email) =>
        WebDomain is { } domain && DomainOfAddress(email) is { } mailDomain && IsSameOrSubDomain(mailDomain, domain)
            ? OrganisationVerification.OrganisationDomain
            : OrganisationVerification.Unverified;

    /// <summary>An unverified signature naming a registered organisation waits for that organisation's coordinators.</summary>
    public bool HoldsForOrganisation(OrganisationVerification verification) =>
        RegisteredOrganisationId is not null && verification == OrganisationVerification.Unverified;

    /// <summary>Whether a signature is shown as verified: organisation signatures only (an individual's organisation is identification, not a claim).</summary>
    public static bool IsVerified(SignerKind kind, OrganisationVerification verification) =>
        kind == SignerKind.Organisation && verification != OrganisationVerification.Unverified;

    /// <summary>Whether the public list, the API, the PDF and the export mark the entry "unverified".</summary>
    public static bool IsUnverified(SignerKind kind, OrganisationVerification verification) =>
        kind == SignerKind.Organisation && verification == OrganisationVerification.Unverified;

    /// <summary>
    /// The host of an organisation's website, lower case and in ASCII (IDNA), without a leading
    /// "www."; null when there is none, it is no domain name (an IP address, a single label), or it
    /// is on a shared platform.
    /// </summary>
    public static string? WebDomainOf(string? website)
    {
        if (string.IsNullOrWhiteSpace(website))
            return null;
        var text = website.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
            text = "https://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.HostNameType != UriHostNameType.Dns)
            return null;
        var host = Ascii(uri.Host);
        if (host is null)
            return null;
        if (host.StartsWith("www.", StringComparison.Ordinal))
            host = host[4..];
        if (!host.Contains('.', StringComparison.Ordinal) || IsShared(host))
            return null;
        return host;
    }

    /// <summary>The domain of an e-mail address, lower case and in ASCII; null when it has none.</summary>
    public static string? DomainOfAddress(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        return at < 1 || at == email!.Length - 1 ? null : Ascii(email[(at + 1)..]);
    }

    private static bool IsSameOrSubDomain(string host, string domain) =>
        host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);

    private static bool IsShared(string host) => SharedDomains.Any(shared => IsSameOrSubDomain(host, shared));

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    private static string? Ascii(string host)
    {
        try
        {
            return Idn.GetAscii(host.Trim().TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
