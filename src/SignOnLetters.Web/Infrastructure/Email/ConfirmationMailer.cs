using System.Threading.Channels;

namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// Sends every e-mail to signers after the answer instead of before it
/// (docs/decisions/0008-signing-at-scale.md): confirmations, and the rarer ones (a representative's
/// receipt, "you had already signed"). It is the <see cref="EmailKind.SingleUseLink"/> implementation of
/// <see cref="IEmailQueue"/>: account e-mails and invitations take the same queue (docs/decisions/0013-one-email-route.md). Besides speed, this is what keeps the answer's timing from
/// telling anyone which path a submission took (issue 18): no path waits for a mail server. A submission is answered once its signature is stored
/// and its e-mail is queued here; one sender takes the queue in order, through one transport session
/// per run of messages (one SMTP connection for a burst, not one per signer), so a slow or busy mail
/// server slows the e-mails, never the signing.
/// <para>
/// Nothing is lost with the queue. The stored signature carries <c>ConfirmationMailDueAt</c> until
/// its e-mail was handed to the transport (cleared for a whole run in one UPDATE); a failed send is
/// retried with growing pauses; and if the app stops with e-mails still queued,
/// the owed-confirmation sweep (<c>Pages/Signing/OwedConfirmationSweep</c>) gives those signatures fresh links and queues them again. The
/// links themselves live only in memory and in the e-mail: the database keeps their hashes.
/// </para>
/// </summary>
public sealed class ConfirmationMailer(IServiceScopeFactory scopes, IMailTransport transport, ILogger<ConfirmationMailer> logger) : BackgroundService, IEmailQueue
{
    /// <summary>Messages per transport session and per UPDATE that clears their marks.</summary>
    public const int MaxRun = 100;

    /// <summary>Attempts per message before it is left to the sweep (a malformed address, a refusing server).</summary>
    public const int MaxAttempts = 5;

    private readonly Channel<ConfirmationMail> _queue = Channel.CreateUnbounded<ConfirmationMail>(new UnboundedChannelOptions { SingleReader = true });
    // The signatures whose e-mail is queued or being sent; each is queued once (the sweep skips these).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> _queued = new();

    /// <summary>The first pause after a failed send; it doubles with each further failure, up to a minute.</summary>
    internal TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    // E-mails that owe no mark (receipts, "already signed"): lost if the app stops before they go.
    private int _unmarked;

    /// <summary>Queued or being sent.</summary>
    public int Pending => _queued.Count + Volatile.Read(ref _unmarked);

    /// <summary>Queues the e-mail of a stored signature; returns at once.</summary>
    public void Enqueue(int signatureId, EmailMessage message)
    {
        _queued[signatureId] = 0;
        if (!_queue.Writer.TryWrite(new ConfirmationMail(signatureId, message)))
        {
            // Stopping: the signature keeps its mark, and the sweep mails it after the restart.
            _queued.TryRemove(signatureId, out _);
            logger.LogWarning("The app is stopping; a confirmation e-mail is left to the sweep after restart");
        }
    }

    /// <summary>
    /// Queues an e-mail that no signature marks as owed; returns at once. Such an e-mail is lost if
    /// the app stops before it leaves, which its recipient can recover from (sign again, or withdraw
    /// with the link of an earlier e-mail).
    /// </summary>
    public void Enqueue(EmailMessage message)
    {
        Interlocked.Increment(ref _unmarked);
        if (!_queue.Writer.TryWrite(new ConfirmationMail(null, message)))
        {
            Interlocked.Decrement(ref _unmarked);
            logger.LogWarning("The app is stopping; a queued e-mail was not sent");
        }
    }

    /// <summary>Whether this process still has the signature's e-mail (a long backlog is not an interruption).</summary>
    public bool IsQueued(int signatureId) => _queued.ContainsKey(signatureId);

    /// <summary>Waits until nothing is queued or being sent (tests, and the load benchmark's check).</summary>
    public Task WaitUntilIdleAsync(TimeSpan timeout) => WaitUntilAsync(() => Pending, "confirmation e-mails", timeout);

    /// <summary>Polls until <paramref name="pending"/> is zero, or fails after <paramref name="timeout"/> naming what was left.</summary>
    internal static async Task WaitUntilAsync(Func<int> pending, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (pending() > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{pending()} {what} were still queued after {timeout}.");
            await Task.Delay(5);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Stopping completes the queue; what is queued is still sent while the host waits for us.
        stoppingToken.Register(() => _queue.Writer.TryComplete());
        var run = new List<ConfirmationMail>(MaxRun);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (run.Count < MaxRun && _queue.Reader.TryRead(out var mail))
                run.Add(mail);
            await SendRunAsync(run, stoppingToken);
            run.Clear();
        }
    }

    private async Task SendRunAsync(List<ConfirmationMail> run, CancellationToken stoppingToken)
    {
        var sent = new List<ConfirmationMail>(run.Count);
        var remaining = new Queue<ConfirmationMail>(run);
        var attempt = 0;
        while (remaining.Count > 0)
        {
            try
            {
                await using var session = await transport.OpenSessionAsync(CancellationToken.None);
                while (remaining.TryPeek(out var mail))
                {
                    await session.SendAsync(mail.Message, CancellationToken.None);
                    sent.Add(remaining.Dequeue());
                    attempt = 0;
                }
            }
            catch (Exception ex)
            {
                attempt++;
                if (attempt >= MaxAttempts)
                {
                    // Its signature keeps the mark: the sweep tries again later, with a new link.
                    Forget(remaining.Dequeue());
                    logger.LogError(ex, "A confirmation e-mail failed {Attempts} times; the owed-confirmation sweep will try again with a new link", attempt);
                    attempt = 0;
                    continue;
                }
                var delay = TimeSpan.FromTicks(Math.Min(FirstRetryDelay.Ticks << (attempt - 1), TimeSpan.FromMinutes(1).Ticks));
                logger.LogWarning(ex, "Sending a confirmation e-mail failed (attempt {Attempt}); trying again in {Delay}", attempt, delay);
                // A stopping app still retries, but without pausing: the host gives us little time.
                if (!stoppingToken.IsCancellationRequested)
                    await Task.Delay(delay, CancellationToken.None);
            }
        }
        await ClearMarksAsync(sent);
    }

    /// <summary>One UPDATE for the whole run. If it fails the marks stay, and the sweep mails those signers again later: a second e-mail, never none.</summary>
    private async Task ClearMarksAsync(List<ConfirmationMail> run)
    {
        var sent = run.Where(m => m.SignatureId is not null).Select(m => m.SignatureId!.Value).ToList();
        try
        {
            if (sent.Count > 0)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await db.Signatures.Where(s => sent.Contains(s.Id) && s.ConfirmationMailDueAt != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationMailDueAt, (DateTime?)null), CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Clearing the marks of {Count} sent confirmation e-mails failed; the sweep may send them again", sent.Count);
        }
        finally
        {
            foreach (var mail in run)
                Forget(mail);
        }
    }

    private void Forget(ConfirmationMail mail)
    {
        if (mail.SignatureId is { } id)
            _queued.TryRemove(id, out _);
        else
            Interlocked.Decrement(ref _unmarked);
    }

    /// <param name="SignatureId">The signature whose <c>ConfirmationMailDueAt</c> mark this e-mail clears once sent; null for e-mails that owe none.</param>
    private sealed record ConfirmationMail(int? SignatureId, EmailMessage Message);
}
