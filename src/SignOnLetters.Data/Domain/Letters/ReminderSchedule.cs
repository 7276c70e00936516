using Cronos;

namespace SignOnLetters.Domain.Letters;

/// <summary>
/// When a letter's automatic reminders go out: a five-field cron expression read in the coordinator's
/// IANA time zone (Cronos finds the next occurrence across clock changes), every week or every other
/// week. At most weekly is this type's rule, checked when it is made: partners are people, not a queue.
/// </summary>
public sealed record ReminderSchedule
{
    public const int CronMaxLength = 100;

    /// <summary>
    /// Two runs at least a week apart, less the slack a weekly time needs: 09:00 every Monday in Paris
    /// is 7 days less an hour of UTC across the spring clock change.
    /// </summary>
    public static readonly TimeSpan MinimumGap = TimeSpan.FromDays(7) - TimeSpan.FromHours(2);

    /// <summary>How many of the next occurrences are checked against <see cref="MinimumGap"/>: more than a year of weekly runs.</summary>
    private const int OccurrencesChecked = 60;

    public string Cron { get; }
    public string TimeZoneId { get; }
    public int EveryWeeks { get; }

    /// <summary>Checks the expression, the zone and the frequency; a <see cref="DomainRuleException"/> says what is wrong.</summary>
    public ReminderSchedule(string cron, string timeZoneId, int everyWeeks)
    {
        if (everyWeeks is not (1 or 2))
            throw new DomainRuleException("Reminders go every week or every other week.");
        var zone = LetterDeadline.FindZone(timeZoneId)
            ?? throw new DomainRuleException("'{0}' is not a time zone we know. Choose one from the list.", timeZoneId);
        cron = cron.Trim();
        var expression = Parse(cron);
        var previous = expression.GetNextOccurrence(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), zone);
        for (var i = 0; i < OccurrencesChecked && previous is { } from; i++)
        {
            var next = expression.GetNextOccurrence(from, zone);
            if (next - from < MinimumGap)
                throw new DomainRuleException("Reminders go at most once a week: this schedule would send them more often.");
            previous = next;
        }
        (Cron, TimeZoneId, EveryWeeks) = (cron, zone.Id, everyWeeks);
    }

    /// <summary>Every <paramref name="everyWeeks"/> weeks on <paramref name="day"/> at <paramref name="hour"/>:00 in the zone.</summary>
    public static ReminderSchedule Weekly(DayOfWeek day, int hour, string timeZoneId, int everyWeeks)
    {
        if (hour is < 0 or > 23)
            throw new DomainRuleException("Choose an hour from 0 to 23.");
        if (!Enum.IsDefined(day))
            throw new DomainRuleException("Choose a day of the week.");
        return new ReminderSchedule($"0 {hour} * * {(int)day}", timeZoneId, everyWeeks);
    }

    /// <summary>The weekday and hour of a schedule made by <see cref="Weekly"/>; null for another expression.</summary>
    public (DayOfWeek Day, int Hour)? AsWeekly()
    {
        var parts = Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is ["0", var hour, "*", "*", var day] && int.TryParse(hour, out var h) && int.TryParse(day, out var d) && d is >= 0 and <= 6
            ? ((DayOfWeek)d, h)
            : null;
    }

    /// <summary>
    /// The first run after <paramref name="afterUtc"/>; every other week, also at least a week after
    /// <paramref name="lastRun"/> (so the run a week after the last one is passed over).
    /// </summary>
    public DateTime? NextAfter(DateTime afterUtc, DateTime? lastRun)
    {
        var from = DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc);
        if (EveryWeeks > 1 && lastRun is { } last)
        {
            var earliest = DateTime.SpecifyKind(last, DateTimeKind.Utc) + TimeSpan.FromDays(7 * (EveryWeeks - 1)) + TimeSpan.FromHours(12);
            if (earliest > from)
                from = earliest;
        }
        return Parse(Cron).GetNextOccurrence(from, LetterDeadline.FindZone(TimeZoneId) ?? TimeZoneInfo.Utc);
    }

    private static CronExpression Parse(string cron)
    {
        if (cron.Length is 0 or > CronMaxLength)
            throw new DomainRuleException("The reminder schedule is not a schedule we can read.");
        try
        {
            return CronExpression.Parse(cron, CronFormat.Standard);
        }
        catch (CronFormatException)
        {
            throw new DomainRuleException("The reminder schedule is not a schedule we can read.");
        }
    }
}
