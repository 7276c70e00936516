namespace SignOnLetters.Domain.Osdi;

/// <summary>
/// An address of a partner system that is told, by a signed POST, when something happens to the
/// letters the organisation leads or co-authors (<see cref="WebhookEventTypes"/>). The secret signs
/// each delivery (HMAC-SHA256), so it must be readable to the sender: it is stored encrypted with
/// the app's Data Protection keys, never in clear, and shown to the coordinators once.
/// Deliveries are outbox rows (<see cref="Mailings.OutboxMessage.WebhookId"/>).
/// </summary>
public class OrganisationWebhook
{
    public const int UrlMaxLength = 2000;

    /// <summary>Room for the encrypted secret (Data Protection output, base64url).</summary>
    public const int ProtectedSecretMaxLength = 1000;

    public int Id { get; private set; }
    public int OrganisationId { get; private set; }
    public string Url { get; private set; } = null!;
    public string ProtectedSecret { get; private set; } = null!;
    public string CreatedByUserId { get; private set; } = null!;
    public DateTime CreatedAt { get; private set; }

    /// <summary>Removed webhooks receive nothing more; their past deliveries stay visible.</summary>
    public DateTime? RemovedAt { get; private set; }

    public bool IsActive => RemovedAt is null;

    private OrganisationWebhook() { }

    /// <param name="url">Checked by the caller (scheme, host, address: the web project's <c>WebhookAddress</c>).</param>
    public static OrganisationWebhook Create(int organisationId, string url, string protectedSecret, string userId, DateTime now) => new()
    {
        OrganisationId = organisationId,
        Url = url,
        ProtectedSecret = protectedSecret,
        CreatedByUserId = userId,
        CreatedAt = now,
    };

    public void Remove(DateTime now)
    {
        if (!IsActive)
            throw new DomainRuleException("This webhook was already removed.");
        RemovedAt = now;
    }
}

/// <summary>The events a webhook receives (the <c>type</c> of each payload; a contract with partners).</summary>
public static class WebhookEventTypes
{
    /// <summary>A signature became counted and public (confirmed, and approved where the letter is moderated).</summary>
    public const string SignatureConfirmed = "signature.confirmed";

    /// <summary>A counted signature left the letter: withdrawn by its signer, or its personal data erased on request.</summary>
    public const string SignatureWithdrawn = "signature.withdrawn";

    /// <summary>A batch of signatures imported from a file became counted (one event per batch of rows, with their count; never one per row).</summary>
    public const string SignaturesImported = "signatures.imported";

    public const string LetterOpened = "letter.opened";
    public const string LetterClosed = "letter.closed";
    public const string LetterDelivered = "letter.delivered";

    public const int MaxLength = 40;
}
