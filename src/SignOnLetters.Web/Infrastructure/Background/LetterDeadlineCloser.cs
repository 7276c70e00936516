namespace SignOnLetters.Web.Infrastructure.Background;

/// <summary>
/// Closes open letters whose deadline has passed, once a minute. Each pass works from the database
/// alone, so with several app instances a letter is closed by whichever gets there first; the
/// others meet the concurrency token and leave it (it is closed either way).
/// </summary>
public sealed class LetterDeadlineCloser(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LetterDeadlineCloser> logger)
    : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override string Description => "Closing letters past their deadline";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => CloseDueLettersAsync(cancellationToken);

    /// <summary>One pass: closes every open letter whose deadline is at or before now. Returns how many it closed.</summary>
    public async Task<int> CloseDueLettersAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var due = await db.Letters
            .Where(l => l.Status == LetterStatus.Open && l.DeadlineUtc != null && l.DeadlineUtc <= now)
            .ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var letter in due)
        {
            if (!letter.CloseIfDeadlinePassed(now))
                continue;
            try
            {
                // One save per letter: a conflict on one (an editor amending it this very second)
                // must not keep the others open.
                await db.SaveChangesAsync(cancellationToken);
                closed++;
                logger.LogInformation("Closed letter {Slug}: its deadline passed.", letter.Slug);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                logger.LogInformation("Letter {Slug} changed while closing it at its deadline; the next pass looks again.", letter.Slug);
            }
        }
        return closed;
    }
}
