using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Localization;

namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// Identity's page models write the account e-mails themselves, in English: "Confirm your email" (after
/// registering, on request, on an address change) and "Reset your password". Those two are recognised
/// by Identity's exact sentence around the link and written again in the reader's language (the request's culture,
/// the one the pages show), keeping Identity's link; every other e-mail passes through untouched.
/// </summary>
public sealed partial class AccountEmails(IEmailSender inner, IStringLocalizer<SharedResource> T) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var link = IdentityLink().Match(htmlMessage);
        if (!link.Success)
            return inner.SendEmailAsync(email, subject, htmlMessage);
        // The link is already HTML-encoded by Identity and goes back in as it came.
        var href = link.Groups["href"].Value;
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
