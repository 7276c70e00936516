using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Localization;

namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// Identity's page models write the account e-mails themselves, in English: "Confirm your email" (after
/// registering, on request, on an address change) and "Reset your password". Those two are recognised
/// by Identity's exact sentence around the link and written again in the reader's language (the request's culture,
/// the one the pages show), with Identity's link moved onto <c>App:PublicBaseUrl</c>; every other e-mail passes through untouched.
/// </summary>
public sealed partial class AccountEmails(IEmailSender inner, IPublicUrls urls, IStringLocalizer<SharedResource> T) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var link = IdentityLink().Match(htmlMessage);
        if (!link.Success)
            return inner.SendEmailAsync(email, subject, htmlMessage);
        // Identity builds the link from the request's Host header, which anyone can forge: it is moved
        // onto App:PublicBaseUrl (issue 18). It came HTML-encoded and goes back in encoded.
        var href = EmailHtml.Encode(urls.Rebase(System.Net.WebUtility.HtmlDecode(link.Groups["href"].Value)));
        return link.Groups["action"].Value switch
        {
            "confirm your account" => inner.SendEmailAsync(email,
                T["Confirm your email"],
                T["Please confirm your account by <a href='{0}'>clicking here</a>.", href]),
            _ => inner.SendEmailAsync(email,
                T["Reset your SignOnLetters password"],
                T["Please reset your password by <a href='{0}'>clicking here</a>.", href]),
        };
    }

    [GeneratedRegex("^Please (?<action>confirm your account|reset your password) by <a href='(?<href>[^']*)'>clicking here</a>\\.$")]
    private static partial Regex IdentityLink();
}
