using Microsoft.AspNetCore.DataProtection;

namespace SignOnLetters.Web.Infrastructure.Webhooks;

/// <summary>
/// A webhook's signing secret: 256 random bits shown to the coordinators once, kept encrypted with
/// the app's Data Protection keys (the sender must read it back to sign, so a hash will not do).
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("SignOnLetters.Webhooks.Secret.v1");

    public (string Secret, string Protected) Create()
    {
        var secret = "whsec_" + SecureToken.Create().Token;
        return (secret, _protector.Protect(secret));
    }

    public string Read(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
