using LinqKit;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Web.Pages.Signatures;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// What needs doing on each of a coordinator's letters (issue 23), for the dashboard at
/// <c>/letters</c>. Read for all the letters at once, one query per kind of figure whatever their
/// number: counts, the review queue and the last 14 days from the running tallies
/// (<see cref="SignatureTally"/>, never by counting signatures); the unconfirmed, the partners not yet
/// signed and the failing e-mails each in one grouped query.
/// </summary>
public static class LetterDashboard
{
    public const int SparklineDays = 14;

    /// <summary>Signatures waiting for their signer's confirmation longer than this need a look (a lost e-mail?).</summary>
    public static readonly TimeSpan UnconfirmedAge = TimeSpan.FromDays(1);

    /// <param name="Daily">Signatures counted each of the last <see cref="SparklineDays"/> days (UTC), oldest first.</param>
    public sealed record Figures(SignatureCounts Counts, int AwaitingReview, int UnconfirmedOverADay, int PartnersNotSigned,
        int FailedDeliveryMails, int FailedUpdateMails, IReadOnlyList<DailyCount> Daily)
    {
        public static Figures None { get; } = new(SignatureCounts.None, 0, 0, 0, 0, 0, []);

        public bool NeedsAction => AwaitingReview + UnconfirmedOverADay + PartnersNotSigned + FailedDeliveryMails + FailedUpdateMails > 0;
    }

    public sealed record DailyCount(DateOnly Day, int Count);

    /// <summary>The figures of every letter in <paramref name="letterIds"/>; <paramref name="coordinated"/> are those whose private figures the reader may see.</summary>
    public static async Task<Dictionary<int, Figures>> ForLettersAsync(AppDbContext db, IReadOnlyCollection<int> letterIds, IReadOnlySet<int> coordinated,
        DateTime now, CancellationToken cancellationToken)
    {
        if (letterIds.Count == 0)
            return [];
        var ids = letterIds.ToList();
        var managed = coordinated.ToList();
        var today = DateOnly.FromDateTime(now);
        var days = Enumerable.Range(0, SparklineDays).Select(i => today.AddDays(i - SparklineDays + 1)).ToList();
        var dayKeys = days.Select(d => SignatureFacets.DayKey(d.ToDateTime(TimeOnly.MinValue))).ToList();
        var held = SignatureState.HeldForReview.ToString();

        var tallies = await db.SignatureTallies.AsNoTracking()
            .Where(t => ids.Contains(t.LetterId) && t.Count != 0
                        && (t.Facet == SignatureFacets.Counted
                            || (t.Facet == SignatureFacets.Day && dayKeys.Contains(t.Key))
                            || (t.Facet == SignatureFacets.State && t.Key == held)))
            .Select(t => new { t.LetterId, t.Facet, t.Key, t.Count })
            .ToListAsync(cancellationToken);

        var unconfirmedBefore = now - UnconfirmedAge;
        var unconfirmed = await db.Signatures.AsNoTracking()
            .Where(s => managed.Contains(s.LetterId) && s.State == SignatureState.PendingConfirmation && s.CreatedAt < unconfirmedBefore)
            .GroupBy(s => s.LetterId)
            .Select(g => new { LetterId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.LetterId, g => g.Count, cancellationToken);

        var answered = PartnerInvitationList.Answered(db);
        var notSigned = await db.PartnerInvitations.AsNoTracking().AsExpandable()
            .Where(i => managed.Contains(i.LetterId) && i.State != PartnerInvitationState.Declined && !answered.Invoke(i))
            .GroupBy(i => i.LetterId)
            .Select(g => new { LetterId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.LetterId, g => g.Count, cancellationToken);

        var failed = await db.Mailings.AsNoTracking()
            .Where(m => managed.Contains(m.LetterId))
            .Join(db.OutboxMessages.Where(o => o.State == OutboxState.Failed), m => (int?)m.Id, o => o.MailingId, (m, o) => new { m.LetterId, m.Kind })
            .GroupBy(x => new { x.LetterId, x.Kind })
            .Select(g => new { g.Key.LetterId, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var byLetter = tallies.ToLookup(t => t.LetterId);
        var figures = new Dictionary<int, Figures>();
        foreach (var id in ids)
        {
            var rows = byLetter[id].ToList();
            var counts = SignatureCounts.Of(rows.Where(r => r.Facet == SignatureFacets.Counted)
                .Select(r =>
                {
                    var (kind, country) = SignatureFacets.ParseCounted(r.Key);
                    return new CountedGroup(kind, country, r.Count);
                })
                .ToList());
            var daily = rows.Where(r => r.Facet == SignatureFacets.Day).ToDictionary(r => r.Key, r => r.Count);
            var isManaged = coordinated.Contains(id);
            figures[id] = new Figures(counts,
                isManaged ? rows.Where(r => r.Facet == SignatureFacets.State).Sum(r => r.Count) : 0,
                unconfirmed.GetValueOrDefault(id),
                notSigned.GetValueOrDefault(id),
                failed.Where(f => f.LetterId == id && f.Kind is MailingKind.Delivery or MailingKind.AddresseeUpdate).Sum(f => f.Count),
                failed.Where(f => f.LetterId == id && f.Kind is not (MailingKind.Delivery or MailingKind.AddresseeUpdate)).Sum(f => f.Count),
                days.Select((day, i) => new DailyCount(day, daily.GetValueOrDefault(dayKeys[i]))).ToList());
        }
        return figures;
    }

    /// <summary>What the letter does next by itself, soonest first: opening (a draft), a reminder run or closing (an open letter).</summary>
    public static NextEvent? NextEventOf(LetterStatus status, DateTime? opensAtUtc, string? opensAtZone, DateTime? deadlineUtc, string? deadlineZone,
        DateTime? nextReminderUtc, string? reminderZone) => status switch
    {
        LetterStatus.Draft when opensAtUtc is { } opens => new NextEvent(NextEventKind.Opens, opens, opensAtZone!),
        LetterStatus.Open => new[]
            {
                deadlineUtc is { } closes ? new NextEvent(NextEventKind.Closes, closes, deadlineZone!) : null,
                nextReminderUtc is { } remind ? new NextEvent(NextEventKind.Reminder, remind, reminderZone!) : null,
            }
            .Where(e => e is not null).MinBy(e => e!.Utc),
        _ => null,
    };

    public enum NextEventKind
    {
        Opens,
        Closes,
        Reminder,
    }

    public sealed record NextEvent(NextEventKind Kind, DateTime Utc, string TimeZoneId);
}
