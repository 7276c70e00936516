using System.Threading.Channels;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// Group commit for new signatures (docs/decisions/0008-signing-at-scale.md). Requests hand their
/// new signature to one writer and wait; the writer stores everything that arrived while it was
/// busy in one transaction, so a burst of a hundred signatures costs one commit instead of a hundred
/// commits queueing for SQLite's single write lock (whose busy handler sleeps in steps of several
/// milliseconds) or for PostgreSQL's WAL flush. No timer adds latency: a lone signature is written at
/// once, and batches form only while a commit is in progress. A request is answered only after its
/// signature's transaction has committed, so a success answer still means "stored".
/// <para>
/// New signatures claim nothing (claims are taken at confirmation, <see cref="SignatureClaims"/>), so
/// no submission is refused for what was signed before. A batch that fails anyway is retried one
/// signature at a time, so one bad row fails only its own request.
/// </para>
/// </summary>
public sealed class SignatureCommits(IServiceScopeFactory scopes, ILogger<SignatureCommits> logger) : BackgroundService
{
    /// <summary>Enough to take a burst in one transaction, small enough to keep one commit short.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<PendingSignature> _queue = Channel.CreateUnbounded<PendingSignature>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Stores a new, untracked signature (with its first event); completes once committed.</summary>
    public Task StoreAsync(Signature signature, CancellationToken cancellationToken)
    {
        var pending = new PendingSignature(signature);
        if (!_queue.Writer.TryWrite(pending))
            throw new InvalidOperationException("The app is stopping; the signature was not stored.");
        // The caller may stop waiting (the client went away), but a queued signature is still stored:
        // the same as a request cut off after its own commit.
        return pending.Stored.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingSignature>(MaxBatch);
        // Stopping completes the queue; whatever is queued is still written before the writer ends.
        stoppingToken.Register(() => _queue.Writer.TryComplete());
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                batch.Add(pending);
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<PendingSignature> batch)
    {
        try
        {
            await StoreAsync(batch.Select(p => p.Signature).ToList());
            foreach (var pending in batch)
                pending.Stored.TrySetResult();
            return;
        }
        catch (Exception exception) when (batch.Count == 1 || !IsRefusal(exception))
        {
            foreach (var pending in batch)
                pending.Stored.TrySetException(exception);
            return;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "A batch of {Count} signatures was refused; storing them one by one", batch.Count);
        }
        foreach (var pending in batch)
        {
            try
            {
                await StoreAsync([pending.Signature]);
                pending.Stored.TrySetResult();
            }
            catch (Exception exception)
            {
                pending.Stored.TrySetException(exception);
            }
        }
    }

    /// <summary>
    /// One transaction for all. A failed attempt leaves the signatures as they were (no keys), so
    /// they can be stored again one by one.
    /// </summary>
    private async Task StoreAsync(IReadOnlyList<Signature> signatures)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // New signatures wait for confirmation or review, so the public list and its record do not
        // change with them; one that counts at once (none does today) goes through SaveChanges, whose
        // hook records it in the same transaction (docs/decisions/0015-signatory-record.md).
        if (SignatureRowInsert.For(db) is { } insert && !signatures.Any(s => s.IsCounted))
        {
            await insert.InsertAsync(db, signatures, CancellationToken.None);
            return;
        }
        // EF discards the keys a failed SaveChanges generated, so a retry adds the signatures afresh.
        db.Signatures.AddRange(signatures);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>What the database refusing a row looks like, through EF or straight from the provider.</summary>
    private static bool IsRefusal(Exception exception) => exception is DbUpdateException or System.Data.Common.DbException;

    private sealed record PendingSignature(Signature Signature)
    {
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
