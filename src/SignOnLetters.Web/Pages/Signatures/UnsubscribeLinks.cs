using Microsoft.AspNetCore.DataProtection;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// One-click unsubscribe links for updates: the signature's id, protected. Signing up again is not
/// possible through it, it only stops updates. The link is kept in the queued e-mail until it is
/// sent, like every link the e-mail holds.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, IPublicUrls urls)
    : ProtectedIdLinks(protection, urls, "SignOnLetters.Updates.Unsubscribe.v1", "/signatures/unsubscribe/");
