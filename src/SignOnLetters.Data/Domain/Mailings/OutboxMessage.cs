namespace SignOnLetters.Domain.Mailings;

/// <summary>
/// Pending → (claimed) Sending → Sent; a failed attempt goes back to Pending with a later
/// <see cref="OutboxMessage.NextAttemptAt"/>, until the attempts run out: Failed. A Sending row whose
/// lease has run out (its sender died) may be claimed again.
/// </summary>
public enum OutboxState
{
    Pending = 0,
    Sending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>What a slice hands to the outbox: one e-mail to one recipient.</summary>
/// <param name="RecipientName">Shown to coordinators next to the address (e.g. the addressee's name); never public.</param>
/// <param name="AttachmentLetterId">Attach this letter's PDF, generated when the message is sent (no bytes in the table).</param>
/// <param name="ListUnsubscribeUrl">One-click unsubscribe link (RFC 8058 headers are added when set).</param>
/// <param name="ReplyTo">
/// The address a reply goes to (a visitor's message to the coordinators: they answer the visitor, who
/// never learns their address until they do). A single mailbox, checked by whoever writes it.
/// </param>
/// <param name="Language">
/// The letter version the e-mail was written in, for an addressee (a later edition goes to them in
/// the same language); null for e-mails not tied to a language version.
/// </param>
public sealed record OutgoingMail(
    string Recipient, string? RecipientName, string Subject, string HtmlBody,
    int? AttachmentLetterId = null, string? AttachmentLanguage = null, string? ListUnsubscribeUrl = null, string? ReplyTo = null,
    string? Language = null);

/// <summary>
/// One e-mail waiting to be sent, or sent, by the background outbox sender. One row per recipient of
/// a mailing (unique on mailing and address), claimed by a conditional UPDATE that only one sender
/// instance wins, and marked sent in its own statement right after the SMTP send.
/// <para>
/// A row with a <see cref="WebhookId"/> is a webhook delivery instead (docs/decisions/0019-osdi-and-webhooks.md):
/// the same claim, lease, retries and back-off, a signed POST of <see cref="Payload"/> instead of an e-mail.
/// </para>
/// </summary>
public class OutboxMessage
{
    public const int RecipientMaxLength = 254;
    public const int RecipientNameMaxLength = 300;
    public const int ErrorMaxLength = 1000;
    public const int UrlMaxLength = 2000;

    public long Id { get; private set; }
    public int? MailingId { get; private set; }
    public Mailing? Mailing { get; internal set; }

    public string Recipient { get; private set; } = null!;

    /// <summary>Lower-case address: backs "each recipient once per mailing".</summary>
    public string RecipientKey { get; private set; } = null!;

    public string? RecipientName { get; private set; }
    public string Subject { get; private set; } = null!;
    public string HtmlBody { get; private set; } = null!;
    public int? AttachmentLetterId { get; private set; }
    public string? AttachmentLanguage { get; private set; }

    /// <summary>The letter version this e-mail is written in (deliveries: chosen per addressee).</summary>
    public string? Language { get; private set; }
    public string? ListUnsubscribeUrl { get; private set; }
    public string? ReplyTo { get; private set; }

    public OutboxState State { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }

    /// <summary>While Sending: the instant after which another sender may take the message over.</summary>
    public DateTime? LeaseUntil { get; private set; }

    /// <summary>While Sending: which claim holds the message, so only its holder marks it sent.</summary>
    public Guid? ClaimId { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>A webhook delivery: the webhook it goes to (null for an e-mail).</summary>
    public int? WebhookId { get; private set; }

    /// <summary>A webhook delivery's event id, sent with every attempt so the receiver can drop a repeat.</summary>
    public Guid? EventId { get; private set; }

    /// <summary>A webhook delivery's JSON body, exactly as signed and sent.</summary>
    public string? Payload { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? SentAt { get; private set; }

    private OutboxMessage() { }

    public static string RecipientKeyOf(string address) => address.Trim().ToLowerInvariant();

    public static OutboxMessage Create(OutgoingMail mail, DateTime now)
    {
        var recipient = mail.Recipient.Trim();
        if (recipient.Length is 0 or > RecipientMaxLength)
            throw new DomainRuleException("Every message needs a recipient's address.");
        return new OutboxMessage
        {
            Recipient = recipient,
            RecipientKey = RecipientKeyOf(recipient),
            RecipientName = string.IsNullOrWhiteSpace(mail.RecipientName) ? null : Truncate(mail.RecipientName.Trim(), RecipientNameMaxLength),
            Subject = mail.Subject,
            HtmlBody = mail.HtmlBody,
            AttachmentLetterId = mail.AttachmentLetterId,
            AttachmentLanguage = mail.AttachmentLanguage,
            Language = mail.Language,
            ListUnsubscribeUrl = mail.ListUnsubscribeUrl,
            ReplyTo = mail.ReplyTo,
            State = OutboxState.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    /// <summary>A webhook delivery of one event; <see cref="Subject"/> keeps the event's type for the coordinators' list.</summary>
    public static OutboxMessage ForWebhook(int webhookId, Guid eventId, string eventType, string payload, DateTime now) => new()
    {
        Recipient = $"webhook {webhookId}",
        RecipientKey = eventId.ToString("N"),
        Subject = eventType,
        HtmlBody = string.Empty,
        WebhookId = webhookId,
        EventId = eventId,
        Payload = payload,
        State = OutboxState.Pending,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    public static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
