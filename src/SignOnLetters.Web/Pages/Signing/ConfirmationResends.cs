using System.Threading.Channels;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// "I lost the confirmation e-mail", after the answer. The request only queues the letter and the
/// address (<see cref="Resend"/>); here the address's latest unconfirmed signature, if there is one,
/// gets a new confirmation link (and a new withdraw link that works alongside the first e-mail's),
/// within its resend limits, and its e-mail goes to <see cref="ConfirmationMailer"/> marked as owed,
/// like a first confirmation. Whether the address signed changes nothing the requester can see or
/// time. A request lost when the app stops is lost; the signer can ask again.
/// </summary>
public sealed class ConfirmationResends(
    IServiceScopeFactory scopes, ConfirmationMailer mailer, ConfirmationLinks links, TimeProvider clock, ILogger<ConfirmationResends> logger)
    : BackgroundService
{
    private readonly Channel<ResendRequest> _queue = Channel.CreateUnbounded<ResendRequest>(new UnboundedChannelOptions { SingleReader = true });
    private int _pending;

    /// <summary>Queued or being handled.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(int letterId, string slug, string emailKey)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite(new ResendRequest(letterId, slug, emailKey)))
            Interlocked.Decrement(ref _pending);
    }

    /// <summary>Waits until no request is queued or being handled (tests).</summary>
    public Task WaitUntilIdleAsync(TimeSpan timeout) => ConfirmationMailer.WaitUntilAsync(() => Pending, "confirmation resends", timeout);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stoppingToken.Register(() => _queue.Writer.TryComplete());
        await foreach (var request in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await ResendAsync(request);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Sending a confirmation again failed; the signer can ask again");
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private async Task ResendAsync(ResendRequest request)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var emails = scope.ServiceProvider.GetRequiredService<SignatureEmails>();
        var now = clock.GetUtcNow().UtcDateTime;
        // The latest of the address's unconfirmed signatures: it may have submitted more than one.
        var signature = await db.Signatures
            .Where(s => s.LetterId == request.LetterId && s.EmailKey == request.EmailKey && s.State == SignatureState.PendingConfirmation)
            .OrderByDescending(s => s.Id)
            .FirstOrDefaultAsync(CancellationToken.None);
        var issued = links.Issue();
        if (signature is null || !signature.TryReissueConfirmation(issued.Hashes, now))
            return;
        // A concurrency failure (the signer confirmed meanwhile) ends here: nothing is owed any more.
        await db.SaveChangesAsync(CancellationToken.None);
        var letter = await LetterForSigning.FindAsync(db, request.Slug, CancellationToken.None);
        mailer.Enqueue(signature.Id, emails.Confirmation(letter.ForSigner(signature.Language), signature.Email!,
            issued.ConfirmToken, issued.WithdrawToken, signature.ConfirmationExpiresAt!.Value));
    }

    private sealed record ResendRequest(int LetterId, string Slug, string EmailKey);
}
