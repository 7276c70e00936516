using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SignOnLetters.Web.Infrastructure.Security;

/// <summary>
/// Links that carry a row's id protected by Data Protection (keys in the database, so every instance
/// reads every link), with no expiry and no column: for links whose only power is to stop e-mails
/// (one-click unsubscribe), which must keep working whichever copy of an e-mail is clicked. Each kind
/// has its own purpose string, so one kind's token names nothing as another.
/// </summary>
public abstract class ProtectedIdLinks(IDataProtectionProvider protection, IPublicUrls urls, string purpose, string pathPrefix)
{
    private readonly IDataProtector _protector = protection.CreateProtector(purpose);

    public string For(int id) => urls.Absolute(pathPrefix + _protector.Protect(id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The id the token names, or null for anything forged, truncated, malformed or of another kind.</summary>
    public int? IdOf(string? token)
    {
        if (token is not { Length: > 0 and < 500 })
            return null;
        try
        {
            return int.TryParse(_protector.Unprotect(token), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
