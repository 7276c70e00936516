namespace SignOnLetters.Web.Infrastructure.Security;

/// <summary>
/// A request that sends a letter on or hands out signers' personal data (delivery, exports). With
/// <see cref="SecurityOptions.RequireTwoFactorForPersonalData"/> on, only an account protected by
/// two-factor authentication may make it: a stolen password alone must not reveal who signed.
/// </summary>
public interface IRequiresTwoFactor
{
    /// <summary>For requests that are sensitive only in some cases (one step of several).</summary>
    bool TwoFactorRequired => true;
}

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary><c>Security:RequireTwoFactorForPersonalData</c>; on by default, off in Development for the demo.</summary>
    public bool RequireTwoFactorForPersonalData { get; set; } = true;

    /// <summary>
    /// <c>Security:SecureCookies</c>: every cookie is marked <c>Secure</c> (sent over HTTPS only). On by
    /// default, off in Development; off, a cookie is Secure when its request came over HTTPS.
    /// </summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>
    /// <c>Security:RedirectToHttps</c>: requests that came over plain HTTP (as the connection, or a
    /// configured proxy's <c>X-Forwarded-Proto</c>, says) are redirected to HTTPS. Off by default: only
    /// the operator knows that HTTPS is served in front of the app.
    /// </summary>
    public bool RedirectToHttps { get; set; }

    /// <summary><c>Security:HttpsPort</c>: the port of the HTTPS redirect; 443 behind a proxy.</summary>
    public int HttpsPort { get; set; } = 443;
}

/// <summary>Refusal shown as a way forward: the page sends the coordinator to turn two-factor authentication on.</summary>
public sealed class TwoFactorRequiredException()
    : Exception("Turn on two-factor authentication to deliver letters or export signatures: signers' personal data needs more than a password.")
{
    public const string SetUpPage = "/Identity/Account/Manage/TwoFactorAuthentication";
}
