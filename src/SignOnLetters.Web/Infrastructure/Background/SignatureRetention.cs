namespace SignOnLetters.Web.Infrastructure.Background;

/// <summary>Configuration section <c>Signatures</c>.</summary>
public sealed class SignatureRetentionOptions
{
    public const string Section = "Signatures";

    /// <summary>
    /// Days after a letter is closed (or delivered, whichever is later) before its signatures'
    /// personal data is anonymised. 0 or less turns the job off.
    /// </summary>
    public int RetentionDays { get; set; } = 365;
}

/// <summary>
/// Anonymises the personal data of signatures on letters closed or delivered longer ago than
/// <see cref="SignatureRetentionOptions.RetentionDays"/>, once an hour (see
/// <see cref="Domain.Signatures.Signature.AnonymiseAfterRetention"/> for what goes and what the
/// delivered letter keeps), and deletes the letter's partner invitations (contacts' addresses). A
/// reopened letter is left alone until it closes again. Works from the
/// database alone, so several app instances may run it; each signature is anonymised once.
/// </summary>
public sealed class SignatureRetention(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<SignatureRetentionOptions> options, ILogger<SignatureRetention> logger)
    : PeriodicJob(clock, logger)
{
    /// <summary>Signatures anonymised per save, so a letter with many thousands does not hold one huge transaction.</summary>
    public const int BatchSize = 500;

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Description => "Anonymising signatures past their retention period";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => AnonymiseExpiredAsync(cancellationToken);

    /// <summary>One pass: anonymises every signature due. Returns how many it anonymised.</summary>
    public async Task<int> AnonymiseExpiredAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        if (days <= 0)
            return 0;
        var now = Clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-days);
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var due = db.Letters.Where(l => l.Status != LetterStatus.Open && l.Status != LetterStatus.Draft
                                            && l.ClosedAt != null && (l.DeliveredAt ?? l.ClosedAt) <= cutoff)
                .Select(l => l.Id);
            var batch = await db.Signatures.Include(s => s.Events)
                .Where(s => s.AnonymisedAt == null && due.Contains(s.LetterId))
                .OrderBy(s => s.Id)
                .Take(BatchSize)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
                break;
            foreach (var signature in batch)
                signature.AnonymiseAfterRetention(now);
            await db.SaveChangesAsync(cancellationToken);
            total += batch.Count;
        }
        // Invitations hold contacts' addresses and serve no purpose once the letter has closed.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var invitations = await db.PartnerInvitations
                .Where(i => db.Letters.Any(l => l.Id == i.LetterId && l.Status != LetterStatus.Open && l.Status != LetterStatus.Draft
                                                && l.ClosedAt != null && (l.DeliveredAt ?? l.ClosedAt) <= cutoff))
                .ExecuteDeleteAsync(cancellationToken);
            if (invitations > 0)
                logger.LogInformation("Deleted {Count} partner invitations of letters past the {Days}-day retention period.", invitations, days);
        }
        if (total > 0)
            logger.LogInformation("Anonymised the personal data of {Count} signatures past the {Days}-day retention period.", total, days);
        return total;
    }
}
