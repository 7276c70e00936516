namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// Sends one fully described e-mail (attachments, List-Unsubscribe headers, Reply-To): what the two
/// queues behind <see cref="IEmailQueue"/> hand over when a message leaves.
/// </summary>
public interface IMailTransport
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// A session for sending many messages in a row: over SMTP one connection (and one TLS handshake
    /// and login) serves them all, instead of one per message. By default, one send per message.
    /// </summary>
    Task<IMailSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IMailSession>(new OneByOneSession(this));

    private sealed class OneByOneSession(IMailTransport transport) : IMailSession
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => transport.SendAsync(message, cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Messages sent in a row through one transport connection; disposing it closes the connection.</summary>
public interface IMailSession : IAsyncDisposable
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <param name="ReplyTo">Sent as the Reply-To header: whom the recipient's "reply" writes to.</param>
public sealed record EmailMessage(
    string To, string Subject, string HtmlBody,
    IReadOnlyList<EmailAttachment>? Attachments = null, string? ListUnsubscribeUrl = null, string? ReplyTo = null);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
