using Microsoft.AspNetCore.Identity.UI.Services;

namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// Identity's and the app's <see cref="IEmailSender"/>: the message is handed to the background queue
/// that signing uses (<see cref="ConfirmationMailer"/>) and the request goes on at once. Identity's
/// forgot-password and resend-confirmation pages send an e-mail only when the address has an account;
/// sent in the request, that e-mail made the known address answer some 300 ms later than an unknown
/// one (issue 18, rows 2 and 9). Queued, both answers take the same time, and a slow mail server slows
/// nobody's page. Like every e-mail of that queue it counts against the recipient's daily budget
/// (<see cref="RecipientEmailLimit"/>), applied when it leaves.
/// </summary>
public sealed class QueuedEmailSender(ConfirmationMailer mailer) : IEmailSender
{
    public Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        mailer.Enqueue(new EmailMessage(email, subject, htmlMessage));
        return Task.CompletedTask;
    }
}
