using System.Net;
using Microsoft.AspNetCore.Identity;

namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// The account e-mails, written by us from what Identity's pages hand over (the account, its address,
/// the callback link) through <see cref="IEmailSender{TUser}"/>, and by our own registration page:
/// "confirm your account" (after registering, on request, on an address change), "reset your
/// password", and "someone tried to register with your address". Written in the reader's language
/// (the request's culture, the one the pages show) and queued with their single-use links
/// (<see cref="EmailKind.SingleUseLink"/>), never sent in the request: an e-mail only to an address
/// with an account must not make that answer slower (issue 18).
/// </summary>
public sealed class AccountEmails(
    IPublicUrls urls, IStringLocalizer<SharedResource> T, [FromKeyedServices(EmailKind.SingleUseLink)] IEmailQueue mail) : IEmailSender<ApplicationUser>
{
    // Identity's pages hand the link HTML-encoded (ready for their own sentence), built from the
    // request's Host header, which anyone can forge: it is decoded and moved onto App:PublicBaseUrl.
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink)
    {
        mail.Enqueue(ConfirmAccount(email, urls.Rebase(WebUtility.HtmlDecode(confirmationLink))));
        return Task.CompletedTask;
    }

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink)
    {
        mail.Enqueue(ResetPassword(email, urls.Rebase(WebUtility.HtmlDecode(resetLink))));
        return Task.CompletedTask;
    }

    /// <summary>Only Identity's JSON endpoints send a code, and the app does not map them: refused rather than sent in English.</summary>
    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        throw new NotSupportedException("Password reset codes are not used: the app sends reset links.");

    /// <param name="link">The absolute confirmation link, on App:PublicBaseUrl.</param>
    public EmailMessage ConfirmAccount(string to, string link) =>
        new(to, T["Confirm your email"], T["Please confirm your account by <a href='{0}'>clicking here</a>.", EmailHtml.Encode(link)]);

    public EmailMessage ResetPassword(string to, string link) =>
        new(to, T["Reset your SignOnLetters password"], T["Please reset your password by <a href='{0}'>clicking here</a>.", EmailHtml.Encode(link)]);

    /// <summary>To the holder of an address someone tried to register again: nothing changed, and how to get back in.</summary>
    public EmailMessage RegistrationAttempt(string to, string resetLink) =>
        new(to, T["Someone tried to create an account with your address"],
            EmailHtml.Paragraph(T["Someone, probably you, tried to create a SignOnLetters account with this e-mail address. It already has an account, so nothing changed."]) +
            EmailHtml.Paragraph(T["If it was you, sign in with your password, or choose a new one: {0}."],
                $"<a href=\"{EmailHtml.Encode(resetLink)}\">{EmailHtml.Encode(T["Reset your password"])}</a>") +
            EmailHtml.Paragraph(T["If it was not you, you can ignore this e-mail."]));
}
