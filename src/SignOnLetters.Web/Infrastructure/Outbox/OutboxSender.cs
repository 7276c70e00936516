using SignOnLetters.Domain.Mailings;
using SignOnLetters.Web.Documents;

namespace SignOnLetters.Web.Infrastructure.Outbox;

/// <summary>
/// Sends what slices queued in <see cref="OutboxMessage"/> rows, in the background, so a mailing to
/// a thousand addresses survives a restart and never makes a coordinator wait. Each message is:
/// <list type="number">
/// <item>claimed by one conditional UPDATE (state Pending and due, or Sending with a lapsed lease):
/// when two instances race for it the database lets exactly one change the row;</item>
/// <item>sent through <see cref="IMailTransport"/>;</item>
/// <item>marked Sent right after, in its own statement, by the holder of the claim only.</item>
/// </list>
/// A sender killed between 2 and 3 leaves the row Sending; once its lease lapses another sender
/// takes it over. That narrow window is the only way a recipient can get a message twice; no
/// recipient is ever skipped. A failed send is retried with exponential back-off, then marked Failed
/// with its error for the coordinator to see.
/// <para>
/// A row with a webhook is posted instead of mailed (<see cref="Webhooks.WebhookPoster"/>), with the
/// same claim, retries and back-off: the receiver may get an event twice in the same narrow window,
/// and drops the repeat by its event id.
/// </para>
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, IMailTransport transport, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<OutboxSender> logger,
    Webhooks.WebhookPoster webhooks)
    : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(6);
    private readonly SemaphoreSlim _wake = new(0, 1);

    private OutboxOptions Settings => options.Value;

    /// <summary>Tells the sender that something was queued, so it does not wait for its next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try { _wake.Release(); }
            catch (SemaphoreFullException) { }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database outage must not stop the service: the next round tries again.
                logger.LogError(ex, "Sending queued e-mails failed; will try again.");
            }
            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, Settings.PollIntervalSeconds)), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every message due now, until none is left. Returns how many this call sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            var candidates = await DueMessageIdsAsync(cancellationToken);
            var progressed = false;
            foreach (var id in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = await SendOneAsync(id, cancellationToken);
                progressed |= outcome != Outcome.TakenByAnother;
                if (outcome == Outcome.Sent)
                    sent++;
            }
            if (!progressed)
                return sent;
        }
    }

    private async Task<List<long>> DueMessageIdsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now;
        return await Due(db.OutboxMessages, now).OrderBy(m => m.Id).Select(m => m.Id).Take(Settings.BatchSize).ToListAsync(cancellationToken);
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> messages, DateTime now) =>
        messages.Where(m => (m.State == OutboxState.Pending && m.NextAttemptAt <= now)
                            || (m.State == OutboxState.Sending && m.LeaseUntil < now));

    private enum Outcome { Sent, Retrying, Failed, TakenByAnother }

    private async Task<Outcome> SendOneAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now;
        var claim = Guid.NewGuid();
        var leaseUntil = now.AddSeconds(Settings.LeaseSeconds);
        // The claim: one conditional UPDATE. Two senders may both see the row as due; the database
        // applies the second UPDATE after the first, when the row no longer matches.
        var claimed = await Due(db.OutboxMessages.Where(m => m.Id == id), now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxState.Sending)
                .SetProperty(m => m.ClaimId, claim)
                .SetProperty(m => m.LeaseUntil, leaseUntil)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == 0)
            return Outcome.TakenByAnother;

        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            if (message.WebhookId is not null)
                await webhooks.SendAsync(db, message, cancellationToken);
            else
                await MailAsync(scope.ServiceProvider, message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the row stays claimed until its lease lapses, then another sender takes it.
            throw;
        }
        catch (Exception ex)
        {
            return await RecordFailureAsync(db, message, claim, ex);
        }

        // Marked at once and whatever happens to the caller now: the message is out.
        await db.OutboxMessages.Where(m => m.Id == id && m.ClaimId == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxState.Sent)
                .SetProperty(m => m.SentAt, Now)
                .SetProperty(m => m.ClaimId, (Guid?)null)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
        return Outcome.Sent;
    }

    private async Task MailAsync(IServiceProvider services, OutboxMessage message, CancellationToken cancellationToken)
    {
        var attachments = message.AttachmentLetterId is { } letterId
            ? await AttachmentsAsync(services, letterId, message.AttachmentLanguage, cancellationToken)
            : null;
        await transport.SendAsync(new EmailMessage(message.Recipient, message.Subject, message.HtmlBody, attachments, message.ListUnsubscribeUrl, message.ReplyTo),
            cancellationToken);
    }

    private async Task<Outcome> RecordFailureAsync(AppDbContext db, OutboxMessage message, Guid claim, Exception ex)
    {
        var attempts = message.Attempts;
        var failed = attempts >= Settings.MaxAttempts;
        var delay = TimeSpan.FromSeconds(Settings.RetryBaseSeconds * Math.Pow(2, Math.Min(attempts - 1, 20)));
        var next = Now + (delay > MaxRetryDelay ? MaxRetryDelay : delay);
        var error = OutboxMessage.Truncate($"{ex.GetType().Name}: {ex.Message}", OutboxMessage.ErrorMaxLength);
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimId == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, failed ? OutboxState.Failed : OutboxState.Pending)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.ClaimId, (Guid?)null)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
        // The message id, never the address: recipients stay out of logs.
        logger.LogWarning(ex, "Outbox message {Id} failed (attempt {Attempts}){Final}.", message.Id, attempts, failed ? "; giving up" : "; will retry");
        return failed ? Outcome.Failed : Outcome.Retrying;
    }

    private static async Task<IReadOnlyList<EmailAttachment>> AttachmentsAsync(IServiceProvider services, int letterId, string? language, CancellationToken cancellationToken)
    {
        var pdfs = services.GetRequiredService<LetterPdfSource>();
        var letter = await pdfs.LoadAsync(l => l.Id == letterId, cancellationToken)
            ?? throw new InvalidOperationException($"Letter {letterId} no longer exists.");
        // A large letter's PDF comes from the background job (waited for here), never a second render.
        var pdf = await pdfs.WaitForBytesAsync(letter, language, cancellationToken);
        return [new EmailAttachment(pdf.FileName, "application/pdf", pdf.Bytes)];
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
