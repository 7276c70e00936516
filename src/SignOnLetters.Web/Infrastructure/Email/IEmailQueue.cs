namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// What an e-mail is decides where it waits before it leaves (docs/decisions/0013-one-email-route.md).
/// A service asks for the queue of its message's kind: <c>[FromKeyedServices(EmailKind.…)] IEmailQueue</c>.
/// </summary>
public enum EmailKind
{
    /// <summary>
    /// Carries a link that works once (confirm a signature or an account, reset a password, accept an
    /// invitation) or answers one: the in-memory queue, so the live link is never stored and the
    /// request writes nothing more (its timing tells nobody which path it took).
    /// </summary>
    SingleUseLink,

    /// <summary>
    /// Must survive a restart (what a visitor wrote, notices to coordinators): the database outbox,
    /// saved with the command's own changes and sent by <see cref="Outbox.OutboxSender"/>.
    /// </summary>
    Record,
}

/// <summary>
/// The one way a slice hands over an e-mail that a mail writer built: it returns at once, and the
/// message leaves in the background, never inside the request. Two implementations, chosen by
/// <see cref="EmailKind"/>: the in-memory <see cref="Signing.ConfirmationMailer"/> and the database
/// <see cref="Outbox.OutboxQueue"/>. Deliveries and updates to many recipients are outbox rows too,
/// written by their <c>Mailing</c> (one row per recipient, unique per mailing).
/// </summary>
public interface IEmailQueue
{
    /// <summary>
    /// Queues <paramref name="message"/>. The outbox adds a row to the request's unit of work: it is
    /// stored (and sent) only if the command's <c>SaveChanges</c> succeeds.
    /// </summary>
    void Enqueue(EmailMessage message);
}
