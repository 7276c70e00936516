using SignOnLetters.Domain.Mailings;

namespace SignOnLetters.Web.Infrastructure.Outbox;

/// <summary>
/// The <see cref="EmailKind.Record"/> queue: each message becomes an <see cref="OutboxMessage"/> row
/// in the request's own <see cref="AppDbContext"/>, stored by the command's <c>SaveChanges</c> together
/// with what caused it (nothing is mailed for a change that was not saved), and the sender is woken
/// once that save succeeded.
/// </summary>
public sealed class OutboxQueue(AppDbContext db, TimeProvider clock, OutboxSender sender) : IEmailQueue, IDisposable
{
    private EventHandler<Microsoft.EntityFrameworkCore.SavedChangesEventArgs>? _wakeSender;

    public void Enqueue(EmailMessage message)
    {
        // The row keeps a reference to a letter's PDF, never bytes: an attachment has no place here.
        if (message.Attachments is { Count: > 0 })
            throw new InvalidOperationException("Outbox messages carry no attachment bytes; a Mailing attaches the letter's PDF by reference.");
        db.OutboxMessages.Add(OutboxMessage.Create(new OutgoingMail(message.To, null,
            OutboxMessage.Truncate(message.Subject, Mailing.SubjectMaxLength), message.HtmlBody,
            ListUnsubscribeUrl: message.ListUnsubscribeUrl, ReplyTo: message.ReplyTo), clock.GetUtcNow().UtcDateTime));
        if (_wakeSender is not null)
            return;
        _wakeSender = (_, _) => sender.Wake();
        db.SavedChanges += _wakeSender;
    }

    // The context is pooled and keeps its event handlers into its next request: ours goes with this scope.
    public void Dispose()
    {
        if (_wakeSender is not null)
            db.SavedChanges -= _wakeSender;
    }
}
