using SignOnLetters.Web.Infrastructure.Background;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// Ends signatures that were never confirmed and are past their time (<see cref="Signature.IsLapsed"/>):
/// unconfirmed ones whose link expired, and submissions held over the rate limit for as long as a
/// link works (<c>Signing:ConfirmationLinkDays</c>). They never claimed a name or an address (claims
/// are taken at confirmation), so this only keeps them from waiting in the coordinators' table.
/// Works from the database alone, so several app instances may run it.
/// </summary>
public sealed class LapsedSignatureExpiry(
    IServiceScopeFactory scopes, ConfirmationLinks links, TimeProvider clock, ILogger<LapsedSignatureExpiry> logger)
    : PeriodicJob(clock, logger)
{
    public const int BatchSize = 500;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override string Description => "Ending unconfirmed signatures past their time";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => ExpireLapsedAsync(cancellationToken);

    /// <summary>One pass; returns how many signatures it ended.</summary>
    public async Task<int> ExpireLapsedAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var lifetime = links.Lifetime;
        var heldSince = now - lifetime;
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // The same condition as Signature.IsLapsed, as SQL.
            var batch = await db.Signatures
                .Where(s => s.ConfirmedAt == null
                            && ((s.State == SignatureState.PendingConfirmation && s.ConfirmationExpiresAt <= now)
                                || (s.State == SignatureState.HeldForReview && s.ConfirmationExpiresAt == null && s.CreatedAt <= heldSince)))
                .OrderBy(s => s.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
                break;
            foreach (var signature in batch)
                signature.Expire(now, lifetime);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A signer or a coordinator acted on one of them meanwhile (or another instance
                // expired them): the next pass looks again.
                break;
            }
            total += batch.Count;
        }
        if (total > 0)
            logger.LogInformation("Ended {Count} signatures that were never confirmed", total);
        return total;
    }
}
