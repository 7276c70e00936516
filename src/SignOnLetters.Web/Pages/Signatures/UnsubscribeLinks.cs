using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// One-click unsubscribe links for updates: the signature's id protected by Data Protection (keys in
/// the database, so every instance reads every link), with no expiry and no column: signing up again
/// is not possible through it, it only stops updates. The link is kept in the queued e-mail until it
/// is sent, like every link the e-mail holds.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, IPublicUrls urls)
{
    private readonly IDataProtector _protector = protection.CreateProtector("SignOnLetters.Updates.Unsubscribe.v1");

    public string For(int signatureId) => urls.Absolute($"/signatures/unsubscribe/{_protector.Protect(signatureId.ToString(System.Globalization.CultureInfo.InvariantCulture))}");

    /// <summary>The signature the token names, or null for anything forged, truncated or malformed.</summary>
    public int? SignatureId(string? token)
    {
        if (token is not { Length: > 0 and < 500 })
            return null;
        try
        {
            return int.TryParse(_protector.Unprotect(token), out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
