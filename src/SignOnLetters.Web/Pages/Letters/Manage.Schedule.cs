namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// What the letter does by itself (issue 23): a draft opens at a chosen time, and partners who have
/// not signed are reminded on a weekly or fortnightly schedule. The background job
/// (<c>LetterScheduler</c>) carries both out; the rules are the letter's.
/// </summary>
public partial class Manage
{
    public enum ReminderFrequency
    {
        Off = 0,
        Weekly = 1,
        EveryTwoWeeks = 2,
    }

    /// <summary>The schedule as the status page shows it and its forms start from.</summary>
    public sealed record ScheduleView(DateTime? OpensAtUtc, string? OpensAtTimeZone, ReminderFrequency Frequency, DayOfWeek Day, int Hour,
        string? ReminderTimeZone, DateTime? NextReminderAtUtc)
    {
        public static ScheduleView Of(DateTime? opensAtUtc, string? opensAtTimeZone, string? cron, string? reminderTimeZone, int everyWeeks, DateTime? next)
        {
            var weekly = cron is null ? null : new ReminderSchedule(cron, reminderTimeZone!, everyWeeks).AsWeekly();
            var frequency = cron is null ? ReminderFrequency.Off : everyWeeks == 2 ? ReminderFrequency.EveryTwoWeeks : ReminderFrequency.Weekly;
            return new ScheduleView(opensAtUtc, opensAtTimeZone, frequency, weekly?.Day ?? DayOfWeek.Monday, weekly?.Hour ?? 9, reminderTimeZone, next);
        }
    }

    /// <summary>The opening time as a wall-clock time (<c>2026-06-01T09:00</c>) in an IANA zone, like the deadline.</summary>
    public sealed record ScheduleOpeningCommand : ICommand, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public string? OpensAt { get; init; }
        public string? OpensAtTimeZone { get; init; }
    }

    public sealed class ScheduleOpeningValidator : AbstractValidator<ScheduleOpeningCommand>
    {
        public ScheduleOpeningValidator()
        {
            RuleFor(c => c.OpensAt).Must(value => DeadlineInput.ParseLocal(value) is not null)
                .WithMessage("The opening time is not a valid date and time. Use the form 2026-06-01 09:00.");
            RuleFor(c => c.OpensAtTimeZone).Must(zone => LetterDeadline.FindZone(zone) is not null)
                .WithMessage("Choose the opening time's time zone from the list.");
        }
    }

    public sealed record CancelScheduledOpening(string Slug) : ICommand, ILetterCoordinatorRequest;

    public sealed record ScheduleRemindersCommand : ICommand, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public ReminderFrequency Frequency { get; init; }
        public DayOfWeek Day { get; init; } = DayOfWeek.Monday;
        public int Hour { get; init; } = 9;
        public string? TimeZone { get; init; }
    }

    public sealed class ScheduleRemindersValidator : AbstractValidator<ScheduleRemindersCommand>
    {
        public ScheduleRemindersValidator()
        {
            RuleFor(c => c.Frequency).IsInEnum().WithMessage("Choose how often reminders go.");
            When(c => c.Frequency != ReminderFrequency.Off, () =>
            {
                RuleFor(c => c.Day).IsInEnum().WithMessage("Choose a day of the week.");
                RuleFor(c => c.Hour).InclusiveBetween(0, 23).WithMessage("Choose an hour from 0 to 23.");
                RuleFor(c => c.TimeZone).Must(zone => LetterDeadline.FindZone(zone) is not null)
                    .WithMessage("Choose the reminders' time zone from the list.");
            });
        }
    }

    /// <summary>Each applies one change of the schedule to the letter, as a lead coordinator.</summary>
    public sealed class ScheduleHandler(AppDbContext db, ICurrentUser user, TimeProvider clock)
        : ICommandHandler<ScheduleOpeningCommand>, ICommandHandler<CancelScheduledOpening>, ICommandHandler<ScheduleRemindersCommand>
    {
        public ValueTask<Unit> Handle(ScheduleOpeningCommand command, CancellationToken cancellationToken) =>
            ApplyAsync(command.Slug, (letter, userId, now) =>
                letter.ScheduleOpening(LetterDeadline.FromLocal(DeadlineInput.ParseLocal(command.OpensAt)!.Value, command.OpensAtTimeZone!), userId, now),
                cancellationToken);

        public ValueTask<Unit> Handle(CancelScheduledOpening command, CancellationToken cancellationToken) =>
            ApplyAsync(command.Slug, (letter, userId, now) => letter.CancelScheduledOpening(userId, now), cancellationToken);

        public ValueTask<Unit> Handle(ScheduleRemindersCommand command, CancellationToken cancellationToken) =>
            ApplyAsync(command.Slug, (letter, userId, now) => letter.ScheduleReminders(command.Frequency == ReminderFrequency.Off
                ? null
                : ReminderSchedule.Weekly(command.Day, command.Hour, command.TimeZone!, command.Frequency == ReminderFrequency.EveryTwoWeeks ? 2 : 1),
                userId, now), cancellationToken);

        private async ValueTask<Unit> ApplyAsync(string slug, Action<Letter, string, DateTime> apply, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(slug, user, cancellationToken);
            apply(letter, user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
