namespace SignOnLetters.Domain.Mailings;

public enum MailingKind
{
    /// <summary>The signed letter sent to its addressees; marks the letter delivered.</summary>
    Delivery = 0,

    /// <summary>A later edition (signatures after delivery) sent again to the addressees.</summary>
    AddresseeUpdate = 1,

    /// <summary>News from the coordinators to signers who asked to be kept updated; shown on the public letter page.</summary>
    SignerUpdate = 2,

    /// <summary>Signers of earlier versions told what an amendment changed.</summary>
    AmendmentNotice = 3,
}

/// <summary>
/// One batch of e-mails about a letter (a delivery, or an update), sent through the outbox: one
/// <see cref="OutboxMessage"/> per recipient. Progress is counted from those rows, never kept as a
/// counter here (see ARCHITECTURE.md, "a hot counter is never a row updated +1").
/// </summary>
public class Mailing
{
    public const int SubjectMaxLength = 300;
    public const int CoverMessageMaxLength = 5000;
    public const int UpdateMaxLength = 20_000;

    public int Id { get; private set; }
    public int LetterId { get; private set; }
    public MailingKind Kind { get; private set; }
    public string Subject { get; private set; } = null!;

    /// <summary>What the coordinator wrote: a plain-text cover message (deliveries) or Markdown (signer updates).</summary>
    public string Message { get; private set; } = null!;

    /// <summary>Recipients when the mailing was made; the outbox rows say how many of them were sent.</summary>
    public int RecipientCount { get; private set; }

    /// <summary>Deliveries: the letter's PDF travels as an attachment (else only a link).</summary>
    public bool AttachesPdf { get; private set; }

    public string CreatedByUserId { get; private set; } = null!;
    public DateTime CreatedAt { get; private set; }

    public List<OutboxMessage> Messages { get; } = [];

    private Mailing() { }

    public static Mailing Create(int letterId, MailingKind kind, string subject, string message, bool attachesPdf, string userId, DateTime now)
    {
        subject = subject.Trim();
        if (subject.Length is 0 or > SubjectMaxLength)
            throw new DomainRuleException("A subject of 1 to {0} characters is needed.", SubjectMaxLength);
        var max = kind is MailingKind.SignerUpdate or MailingKind.AmendmentNotice ? UpdateMaxLength : CoverMessageMaxLength;
        if (message.Length > max)
            throw new DomainRuleException("The message may have at most {0:N0} characters.", max);
        return new Mailing
        {
            LetterId = letterId,
            Kind = kind,
            Subject = subject,
            Message = message,
            AttachesPdf = attachesPdf,
            CreatedByUserId = userId,
            CreatedAt = now,
        };
    }

    /// <summary>Queues one message; a second one to the same address in this mailing is refused (and the unique index backs that up).</summary>
    public OutboxMessage Add(OutgoingMail mail, DateTime now)
    {
        var key = OutboxMessage.RecipientKeyOf(mail.Recipient);
        if (Messages.Any(m => m.RecipientKey == key))
            throw new DomainRuleException("{0} is listed twice.", mail.Recipient);
        var message = OutboxMessage.Create(mail, now);
        message.Mailing = this;
        Messages.Add(message);
        RecipientCount = Messages.Count;
        return message;
    }
}
