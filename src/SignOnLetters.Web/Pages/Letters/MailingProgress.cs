using SignOnLetters.Domain.Mailings;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>A mailing as its coordinators follow it: "312 of 1,040 sent", and which addresses failed and why.</summary>
public sealed record MailingProgress(
    int Id, MailingKind Kind, string Subject, DateTime CreatedAt, int Total, int Sent, int Failed, IReadOnlyList<MailingFailure> Failures)
{
    public int Waiting => Total - Sent - Failed;
}

public sealed record MailingFailure(string Recipient, string? RecipientName, int Attempts, string? Error);

public static class MailingProgressQueries
{
    private const int FailuresShown = 50;

    /// <summary>The letter's mailings of the given kinds, newest first, counted from their outbox rows.</summary>
    public static async Task<IReadOnlyList<MailingProgress>> ForLetterAsync(AppDbContext db, int letterId, MailingKind[] kinds, CancellationToken cancellationToken)
    {
        var mailings = await db.Mailings.AsNoTracking()
            .Where(m => m.LetterId == letterId && kinds.Contains(m.Kind))
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Select(m => new { m.Id, m.Kind, m.Subject, m.CreatedAt, m.RecipientCount })
            .ToListAsync(cancellationToken);
        if (mailings.Count == 0)
            return [];
        var ids = mailings.Select(m => m.Id).ToList();
        var counts = await db.OutboxMessages.AsNoTracking()
            .Where(o => o.MailingId != null && ids.Contains(o.MailingId.Value))
            .GroupBy(o => new { o.MailingId, o.State })
            .Select(g => new { g.Key.MailingId, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var failures = await db.OutboxMessages.AsNoTracking()
            .Where(o => o.MailingId != null && ids.Contains(o.MailingId.Value) && o.State == OutboxState.Failed)
            .OrderBy(o => o.Id)
            .Take(FailuresShown)
            .Select(o => new { o.MailingId, Failure = new MailingFailure(o.Recipient, o.RecipientName, o.Attempts, o.LastError) })
            .ToListAsync(cancellationToken);
        int Count(int id, OutboxState state) => counts.Where(c => c.MailingId == id && c.State == state).Sum(c => c.Count);
        return mailings.Select(m => new MailingProgress(m.Id, m.Kind, m.Subject, m.CreatedAt, m.RecipientCount,
                Count(m.Id, OutboxState.Sent), Count(m.Id, OutboxState.Failed),
                failures.Where(f => f.MailingId == m.Id).Select(f => f.Failure).ToList()))
            .ToList();
    }
}
