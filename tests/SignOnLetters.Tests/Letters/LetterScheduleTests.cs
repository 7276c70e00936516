using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Background;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Tests.Letters;

/// <summary>A draft that opens by itself at a set time (issue 23): the rules, the form's hostile input and the job, on a test clock.</summary>
public abstract class LetterScheduleTests(SliceFixture app) : SliceTest(app)
{
    // The test clock starts on Sunday 1 March 2026, 09:00 UTC (10:00 in Paris).
    private LetterScheduler Scheduler => App.Factory.Services.GetRequiredService<LetterScheduler>();

    /// <summary>
    /// A scheduled opening is the act of the coordinator who set it: if they may no longer open the
    /// letter when the time comes, nobody opens it in their name; the other coordinators are told.
    /// </summary>
    [SkippableTheory]
    [InlineData("removed")]
    [InlineData("demoted")]
    [InlineData("locked")]
    public async Task Should_not_open_in_the_name_of_a_coordinator_who_lost_access_and_tell_the_others(string how)
    {
        var (leaver, organisation, slug) = await App.CreateDraftAsync();
        var remaining = await App.CreateUserAsync("remaining-coordinator@example.org");
        await App.ExecuteDbContextAsync(async db =>
        {
            (await db.Organisations.Include(o => o.Memberships).SingleAsync(o => o.Id == organisation.Id))
                .AddMember(remaining.Id, OrganisationRole.Coordinator, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        App.RunAs(leaver);
        await App.SendAsync(await App.ReadyEditAsync(slug) with { Deadline = "2026-03-20T18:00", DeadlineTimeZone = "Europe/Paris" });
        await App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = "2026-03-02T09:30", OpensAtTimeZone = "Europe/Paris" });
        await App.ExecuteScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SignOnLetters.Data.AppDbContext>();
            var lead = await db.Organisations.Include(o => o.Memberships).SingleAsync(o => o.Id == organisation.Id);
            switch (how)
            {
                case "removed":
                    lead.RemoveMember(leaver.Id);
                    break;
                case "demoted":
                    lead.ChangeRole(leaver.Id, OrganisationRole.Representative);
                    break;
                default:
                    var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
                    await users.SetLockoutEndDateAsync((await users.FindByIdAsync(leaver.Id))!, DateTimeOffset.MaxValue);
                    break;
            }
            await db.SaveChangesAsync();
        });
        App.Logs.Clear();

        App.Clock.Set(new DateTimeOffset(2026, 3, 2, 8, 30, 20, TimeSpan.Zero));
        Assert.Equal(0, await Scheduler.OpenDueLettersAsync(CancellationToken.None));
        Assert.Equal(0, await Scheduler.OpenDueLettersAsync(CancellationToken.None));

        var letter = await App.LoadAsync(slug);
        Assert.Equal(LetterStatus.Draft, letter.Status);
        Assert.Null(letter.OpensAtUtc);
        Assert.Empty(letter.Versions);
        var told = await App.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().Select(o => new { o.Recipient, o.Subject }).ToListAsync());
        var message = Assert.Single(told);
        Assert.Equal("remaining-coordinator@example.org", message.Recipient);
        Assert.Contains("did not open at its scheduled time", message.Subject);
        Assert.Single(App.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(slug) && l.Contains("may no longer open it"));
    }

    [SkippableFact]
    public async Task Should_open_a_scheduled_draft_when_its_time_comes_and_not_before()
    {
        var (coordinator, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug) with { Deadline = "2026-03-20T18:00", DeadlineTimeZone = "Europe/Paris" });
        await App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = "2026-03-02T09:30", OpensAtTimeZone = "Europe/Paris" });

        var manage = await App.SendAsync(new Manage.Query(slug));
        Assert.Equal(new DateTime(2026, 3, 2, 8, 30, 0, DateTimeKind.Utc), manage.Schedule.OpensAtUtc);
        Assert.Equal("Europe/Paris", manage.Schedule.OpensAtTimeZone);

        App.Clock.Set(new DateTimeOffset(2026, 3, 2, 8, 29, 59, TimeSpan.Zero));
        Assert.Equal(0, await Scheduler.OpenDueLettersAsync(CancellationToken.None));
        Assert.Equal(LetterStatus.Draft, (await App.LoadAsync(slug)).Status);

        App.Clock.Set(new DateTimeOffset(2026, 3, 2, 8, 30, 20, TimeSpan.Zero));
        Assert.Equal(1, await Scheduler.OpenDueLettersAsync(CancellationToken.None));
        Assert.Equal(0, await Scheduler.OpenDueLettersAsync(CancellationToken.None));

        var letter = await App.LoadAsync(slug);
        Assert.Equal(LetterStatus.Open, letter.Status);
        Assert.Equal(new DateTime(2026, 3, 2, 8, 30, 20, DateTimeKind.Utc), letter.OpenedAt);
        var version = Assert.Single(letter.Versions);
        Assert.Equal((1, coordinator.Id), (version.Number, version.PublishedByUserId));
        Assert.Null(letter.OpensAtUtc);
        Assert.Equal(coordinator.Id, letter.UpdatedByUserId);
    }

    public static TheoryData<string?, string?, string> HostileOpeningTimes => new()
    {
        { "2026-03-01T09:59", "Europe/Paris", "in the past" },          // 08:59 UTC, a minute before the clock
        { "2026-02-28T12:00", "UTC", "in the past" },
        { "2026-03-25T12:00", "UTC", "after its deadline" },
        { "2026-03-20T18:00", "Europe/Paris", "after its deadline" },  // the deadline itself
    };

    [SkippableTheory]
    [MemberData(nameof(HostileOpeningTimes))]
    public async Task Should_refuse_an_opening_in_the_past_or_after_the_deadline(string? opensAt, string? zone, string expected)
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug) with { Deadline = "2026-03-20T18:00", DeadlineTimeZone = "Europe/Paris" });

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() =>
            App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = opensAt, OpensAtTimeZone = zone }));

        Assert.Contains(expected, refused.Message);
        Assert.Null((await App.LoadAsync(slug)).OpensAtUtc);
    }

    public static TheoryData<string?, string?, string> MalformedOpeningTimes => new()
    {
        { "2026-13-01T10:00", "UTC", "OpensAt" },
        { "tomorrow", "UTC", "OpensAt" },
        { "", "UTC", "OpensAt" },
        { null, "UTC", "OpensAt" },
        { "1999-12-31T23:00", "UTC", "OpensAt" },
        { "2026-04-01T10:00", "Mars/Olympus_Mons", "OpensAtTimeZone" },
        { "2026-04-01T10:00", "../../etc/localtime", "OpensAtTimeZone" },
        { "2026-04-01T10:00", null, "OpensAtTimeZone" },
    };

    [SkippableTheory]
    [MemberData(nameof(MalformedOpeningTimes))]
    public async Task Should_refuse_malformed_opening_times_with_a_message_on_the_field(string? opensAt, string? zone, string field)
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));

        var refused = await Assert.ThrowsAnyAsync<ValidationException>(() =>
            App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = opensAt, OpensAtTimeZone = zone }));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
        Assert.Null((await App.LoadAsync(slug)).OpensAtUtc);
    }

    [SkippableFact]
    public async Task Should_refuse_to_schedule_a_letter_that_cannot_open_or_is_open_already()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        var notReady = await Assert.ThrowsAsync<DomainRuleException>(() =>
            App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = "2026-03-05T09:00", OpensAtTimeZone = "UTC" }));
        await App.SendAsync(await App.ReadyEditAsync(slug));
        await App.SendAsync(new Manage.ChangeStatus(slug, Manage.LetterStep.Open, await App.ChangeCountAsync(slug)));
        var open = await Assert.ThrowsAsync<DomainRuleException>(() =>
            App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = "2026-03-05T09:00", OpensAtTimeZone = "UTC" }));

        Assert.Contains("no text yet", notReady.Message);
        Assert.Contains("Only a draft", open.Message);
    }

    [SkippableFact]
    public async Task Should_let_only_the_lead_coordinators_schedule_their_letter()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        await App.RunAsNewUserAsync("stranger@example.org");
        await App.CreateOrganisationAsync("Another Network", "KE");

        await Assert.ThrowsAsync<SignOnLetters.Web.Infrastructure.NotFoundException>(() =>
            App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = "2026-03-05T09:00", OpensAtTimeZone = "UTC" }));
        await Assert.ThrowsAsync<SignOnLetters.Web.Infrastructure.NotFoundException>(() => App.SendAsync(new Manage.CancelScheduledOpening(slug)));
        await Assert.ThrowsAsync<SignOnLetters.Web.Infrastructure.NotFoundException>(() =>
            App.SendAsync(new Manage.ScheduleRemindersCommand { Slug = slug, Frequency = Manage.ReminderFrequency.Weekly, TimeZone = "UTC" }));
        Assert.Null((await App.LoadAsync(slug)).OpensAtUtc);
    }

    [SkippableFact]
    public async Task Should_cancel_and_reschedule_and_keep_the_deadline_after_the_opening()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        await App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = "2026-03-05T09:00", OpensAtTimeZone = "America/Bogota" });
        await App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = "2026-03-06T09:00", OpensAtTimeZone = "America/Bogota" });
        Assert.Equal(new DateTime(2026, 3, 6, 14, 0, 0, DateTimeKind.Utc), (await App.LoadAsync(slug)).OpensAtUtc);

        var deadlineBefore = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await App.SendAsync(await App.ReadyEditAsync(slug) with { Deadline = "2026-03-06T08:00", DeadlineTimeZone = "America/Bogota" }));
        Assert.Contains("before the scheduled opening", deadlineBefore.Message);

        await App.SendAsync(new Manage.CancelScheduledOpening(slug));
        Assert.Null((await App.LoadAsync(slug)).OpensAtUtc);
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Manage.CancelScheduledOpening(slug)));
        App.Clock.Set(new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await Scheduler.OpenDueLettersAsync(CancellationToken.None));
        Assert.Equal(LetterStatus.Draft, (await App.LoadAsync(slug)).Status);
    }

    [SkippableFact]
    public async Task Should_leave_a_draft_that_can_no_longer_open_a_draft_and_drop_its_schedule()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        await App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = "2026-03-05T09:00", OpensAtTimeZone = "UTC" });
        // An editor empties the French text after the opening was scheduled.
        var edit = await App.ReadyEditAsync(slug);
        await App.SendAsync(edit with { Texts = [edit.Texts[0], new TextInput { LanguageCode = "fr", Title = "Titre", Body = "" }] });

        App.Clock.Set(new DateTimeOffset(2026, 3, 5, 9, 1, 0, TimeSpan.Zero));
        Assert.Equal(0, await Scheduler.OpenDueLettersAsync(CancellationToken.None));

        var letter = await App.LoadAsync(slug);
        Assert.Equal(LetterStatus.Draft, letter.Status);
        Assert.Null(letter.OpensAtUtc);
        Assert.Contains(App.Logs.Lines, m => m.Contains("could not open at its scheduled time"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LetterScheduleTestsOnSqlite(SqliteSlice app) : LetterScheduleTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LetterScheduleTestsOnPostgres(PostgresSlice app) : LetterScheduleTests(app);
