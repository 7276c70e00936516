using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Background;
using SignOnLetters.Web.Infrastructure.Outbox;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using SignOnLetters.Web.Pages.Signing;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Letters;

/// <summary>Automatic reminders to partners who have not signed (issue 23): the schedule's rules, and the job on a test clock.</summary>
public abstract class ScheduledReminderTests(SliceFixture app) : SliceTest(app)
{
    // The test clock starts on Sunday 1 March 2026, 09:00 UTC. Mondays 09:00 in Paris are 08:00 UTC until 29 March.
    private static readonly DateTime FirstMonday = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);

    private LetterScheduler Scheduler => App.Factory.Services.GetRequiredService<LetterScheduler>();

    public static TheoryData<string, int, string> HostileSchedules => new()
    {
        { "0 9 * * *", 1, "at most once a week" },        // daily
        { "*/5 * * * *", 1, "at most once a week" },
        { "0 9 * * 1,4", 1, "at most once a week" },      // twice a week
        { "0 9,18 * * 1", 1, "at most once a week" },     // twice on Mondays
        { "0 9 1,3 * *", 1, "at most once a week" },      // two days apart each month
        { "not a cron", 1, "not a schedule we can read" },
        { "0 9 * * 1 2027", 1, "not a schedule we can read" },
        { "", 1, "not a schedule we can read" },
        { "0 9 * * 1", 3, "every week or every other week" },
        { "0 9 * * 1", 0, "every week or every other week" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileSchedules))]
    public void Should_refuse_schedules_that_remind_more_than_weekly_or_cannot_be_read(string cron, int everyWeeks, string expected)
    {
        var refused = Assert.Throws<DomainRuleException>(() => new ReminderSchedule(cron, "Europe/Paris", everyWeeks));
        Assert.Contains(expected, refused.Message);
    }

    [SkippableFact]
    public void Should_accept_weekly_and_monthly_schedules_and_find_the_next_run_in_the_coordinators_zone()
    {
        var weekly = ReminderSchedule.Weekly(DayOfWeek.Monday, 9, "Europe/Paris", 1);
        Assert.Equal("0 9 * * 1", weekly.Cron);
        Assert.Equal((DayOfWeek.Monday, 9), weekly.AsWeekly());
        Assert.Equal(FirstMonday, weekly.NextAfter(TestClock.Start.UtcDateTime, null));
        // Across the spring clock change 09:00 in Paris moves from 08:00 to 07:00 UTC.
        Assert.Equal(new DateTime(2026, 3, 30, 7, 0, 0, DateTimeKind.Utc), weekly.NextAfter(new DateTime(2026, 3, 23, 8, 0, 5, DateTimeKind.Utc), null));
        var fortnightly = ReminderSchedule.Weekly(DayOfWeek.Monday, 9, "Europe/Paris", 2);
        Assert.Equal(FirstMonday.AddDays(14), fortnightly.NextAfter(FirstMonday.AddSeconds(30), FirstMonday.AddSeconds(30)));
        Assert.NotNull(new ReminderSchedule("0 9 1 * *", "Asia/Tokyo", 1));
        Assert.Throws<DomainRuleException>(() => ReminderSchedule.Weekly(DayOfWeek.Monday, 24, "Europe/Paris", 1));
        Assert.Throws<DomainRuleException>(() => ReminderSchedule.Weekly((DayOfWeek)9, 9, "Europe/Paris", 1));
        Assert.Throws<DomainRuleException>(() => ReminderSchedule.Weekly(DayOfWeek.Monday, 9, "Nowhere/Atlantis", 1));
    }

    public static TheoryData<int, int, string?, string> HostileForms => new()
    {
        { 9, 1, "Europe/Paris", "Frequency" },
        { 1, 24, "Europe/Paris", "Hour" },
        { 1, -1, "Europe/Paris", "Hour" },
        { 1, 9, "Nowhere/Atlantis", "TimeZone" },
        { 1, 9, null, "TimeZone" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileForms))]
    public async Task Should_refuse_a_reminder_form_with_hostile_values(int frequency, int hour, string? zone, string field)
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);

        var refused = await Assert.ThrowsAnyAsync<ValidationException>(() => App.SendAsync(new Manage.ScheduleRemindersCommand
        {
            Slug = Slug, Frequency = (Manage.ReminderFrequency)frequency, Day = DayOfWeek.Monday, Hour = hour, TimeZone = zone,
        }));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
        Assert.Null((await App.LoadAsync(Slug)).ReminderCron);
    }

    [SkippableFact]
    public async Task Should_remind_weekly_through_the_outbox_only_partners_who_have_not_answered()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(new PartnerInvitations.Import
        {
            Slug = Slug,
            Csv = "organisation,email\nSilent Network,silent@example.org\nDeclining Network,no@example.org\nMédecins du Monde,mdm@example.org\n",
        });
        App.RunAs(null);
        await App.SendAsync(new Invited.Decline(Slug, Token(LinkPath(App, "no@example.org", "/invited/"))));
        // Someone else of the organisation signs: the organisation has answered.
        await SignAndConfirmAsync(App, Organisation("Médecins du Monde", "ana@example.org"));
        App.RunAs(coordinator);
        await App.SendAsync(new Manage.ScheduleRemindersCommand
            { Slug = Slug, Frequency = Manage.ReminderFrequency.Weekly, Day = DayOfWeek.Monday, Hour = 9, TimeZone = "Europe/Paris" });
        Assert.Equal(FirstMonday, (await App.SendAsync(new Manage.Query(Slug))).Schedule.NextReminderAtUtc);

        // The first Monday is a day after the invitations: too soon for anyone (at most weekly).
        App.Clock.Set(FirstMonday.AddSeconds(20));
        Assert.Equal(0, await Scheduler.SendDueRemindersAsync(CancellationToken.None));
        Assert.Equal(FirstMonday.AddDays(7), (await App.LoadAsync(Slug)).NextReminderAtUtc);

        App.Clock.Set(FirstMonday.AddDays(7).AddSeconds(40));
        var before = App.Emails.To("silent@example.org").Count;
        Assert.Equal(1, await Scheduler.SendDueRemindersAsync(CancellationToken.None));
        Assert.Equal(0, await Scheduler.SendDueRemindersAsync(CancellationToken.None));
        var queued = await App.ExecuteDbContextAsync(db => db.OutboxMessages.Where(o => o.State == OutboxState.Pending).Select(o => o.Recipient).ToListAsync());
        Assert.Equal(["silent@example.org"], queued);
        await App.Factory.Services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);

        Assert.Equal(before + 1, App.Emails.To("silent@example.org").Count);
        Assert.StartsWith("Reminder:", App.Emails.LatestTo("silent@example.org").Subject);
        Assert.Single(App.Emails.To("no@example.org"));
        Assert.Single(App.Emails.To("mdm@example.org"));
        Assert.Equal(FirstMonday.AddDays(14), (await App.SendAsync(new Manage.Query(Slug))).Schedule.NextReminderAtUtc);

        // Three reminders in all, then no more however long the schedule runs.
        for (var week = 2; week <= 6; week++)
        {
            App.Clock.Set(FirstMonday.AddDays(7 * week).AddSeconds(5));
            await Scheduler.SendDueRemindersAsync(CancellationToken.None);
        }
        var invitation = await App.ExecuteDbContextAsync(db => db.PartnerInvitations.SingleAsync(i => i.ContactEmail == "silent@example.org"));
        Assert.Equal(PartnerInvitation.MaxReminders, invitation.RemindersSent);
    }

    [SkippableFact]
    public async Task Should_remind_every_other_week_and_skip_a_run_missed_long_ago()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(new PartnerInvitations.Invite { Slug = Slug, OrganisationName = "Silent Network", Email = "silent@example.org" });
        await App.SendAsync(new Manage.ScheduleRemindersCommand
            { Slug = Slug, Frequency = Manage.ReminderFrequency.EveryTwoWeeks, Day = DayOfWeek.Monday, Hour = 9, TimeZone = "Europe/Paris" });

        App.Clock.Set(FirstMonday.AddSeconds(10));
        Assert.Equal(0, await Scheduler.SendDueRemindersAsync(CancellationToken.None));   // too soon after the invitation
        Assert.Equal(FirstMonday.AddDays(14), (await App.LoadAsync(Slug)).NextReminderAtUtc);
        App.Clock.Set(FirstMonday.AddDays(7).AddSeconds(10));
        Assert.Equal(0, await Scheduler.SendDueRemindersAsync(CancellationToken.None));   // the week in between
        // The app was down that Monday: at 20:00 the run is too late to send; the next is two weeks on.
        App.Clock.Set(FirstMonday.AddDays(14).AddHours(12));
        Assert.Equal(0, await Scheduler.SendDueRemindersAsync(CancellationToken.None));
        // 30 March: summer time in Paris, so 09:00 there is 07:00 UTC.
        var afterClockChange = new DateTime(2026, 3, 30, 7, 0, 0, DateTimeKind.Utc);
        Assert.Equal(afterClockChange, (await App.LoadAsync(Slug)).NextReminderAtUtc);
        App.Clock.Set(afterClockChange.AddSeconds(10));
        Assert.Equal(1, await Scheduler.SendDueRemindersAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Should_send_a_run_once_when_two_app_instances_claim_it_at_the_same_time()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(new PartnerInvitations.Invite { Slug = Slug, OrganisationName = "Silent Network", Email = "silent@example.org" });
        App.Clock.Set(FirstMonday.AddDays(6));
        await App.SendAsync(new Manage.ScheduleRemindersCommand
            { Slug = Slug, Frequency = Manage.ReminderFrequency.Weekly, Day = DayOfWeek.Monday, Hour = 9, TimeZone = "Europe/Paris" });
        App.Clock.Set(FirstMonday.AddDays(7).AddSeconds(10));
        // A second instance: its own job object over the same database.
        var other = ActivatorUtilities.CreateInstance<LetterScheduler>(App.Factory.Services);

        var sent = await Task.WhenAll(Scheduler.SendDueRemindersAsync(CancellationToken.None), other.SendDueRemindersAsync(CancellationToken.None));

        Assert.Equal(1, sent.Sum());
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync(o => o.Recipient == "silent@example.org")));
        Assert.Equal(1, (await App.ExecuteDbContextAsync(db => db.PartnerInvitations.SingleAsync())).RemindersSent);
    }

    [SkippableFact]
    public async Task Should_turn_reminders_off_and_refuse_them_on_a_closed_letter()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(new Manage.ScheduleRemindersCommand
            { Slug = Slug, Frequency = Manage.ReminderFrequency.Weekly, Day = DayOfWeek.Friday, Hour = 15, TimeZone = "Africa/Nairobi" });
        var shown = (await App.SendAsync(new Manage.Query(Slug))).Schedule;
        Assert.Equal((Manage.ReminderFrequency.Weekly, DayOfWeek.Friday, 15, "Africa/Nairobi"), (shown.Frequency, shown.Day, shown.Hour, shown.ReminderTimeZone));
        Assert.Equal(new DateTime(2026, 3, 6, 12, 0, 0, DateTimeKind.Utc), shown.NextReminderAtUtc);

        await App.SendAsync(new Manage.ScheduleRemindersCommand { Slug = Slug, Frequency = Manage.ReminderFrequency.Off });
        var letter = await App.LoadAsync(Slug);
        Assert.Equal((null, null), (letter.ReminderCron, letter.NextReminderAtUtc));

        await OpenLetterAsync(App, status: LetterStatus.Closed, slug: "closed-letter");
        App.RunAs(await App.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Email == "coordinator-closed-letter@example.org")));
        var closed = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Manage.ScheduleRemindersCommand
            { Slug = "closed-letter", Frequency = Manage.ReminderFrequency.Weekly, Day = DayOfWeek.Friday, Hour = 15, TimeZone = "UTC" }));
        Assert.Contains("reopen it first", closed.Message);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ScheduledReminderTestsOnSqlite(SqliteSlice app) : ScheduledReminderTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ScheduledReminderTestsOnPostgres(PostgresSlice app) : ScheduledReminderTests(app);
