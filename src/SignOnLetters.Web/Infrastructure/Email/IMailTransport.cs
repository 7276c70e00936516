namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// Sends one fully described e-mail. Identity's <c>IEmailSender</c> takes only an address, a subject
/// and HTML; the outbox also needs attachments and List-Unsubscribe headers.
/// </summary>
public interface IMailTransport
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

public sealed record EmailMessage(
    string To, string Subject, string HtmlBody,
    IReadOnlyList<EmailAttachment>? Attachments = null, string? ListUnsubscribeUrl = null);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
