using SignOnLetters.Web.Infrastructure.Background;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// Hourly, the large PDFs' folder (<see cref="LetterPdfFiles"/>, <c>Pdf:CacheDirectory</c>) loses
/// the files no request will read again: letters that no longer exist, a second file of one letter
/// and language, and half-written files a crash left. Superseded keys (a newer version, newer
/// signatures) are removed when their replacement is saved. Several app instances sharing the
/// folder may each run it: removing a file twice is no error.
/// </summary>
public sealed class LetterPdfFileSweep(IServiceScopeFactory scopes, LetterPdfFiles files, TimeProvider clock, ILogger<LetterPdfFileSweep> logger)
    : PeriodicJob(clock, logger)
{
    /// <summary>A ".part" file older than this is no render in progress: the longest renders take minutes.</summary>
    public static readonly TimeSpan PartialAge = TimeSpan.FromHours(6);

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Description => "Removing PDF files no letter needs";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>One pass; returns the names of the files removed.</summary>
    public async Task<IReadOnlyList<string>> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var letters = (await db.Letters.Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();
        var removed = files.Sweep(letters, Clock.GetUtcNow().UtcDateTime, PartialAge);
        if (removed.Count > 0)
            logger.LogInformation("Removed {Count} PDF files no letter needs.", removed.Count);
        return removed;
    }
}
