using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Letters;

/// <summary>The dashboard at /letters (issue 23): what needs doing per letter, progress, what comes next, the last 14 days.</summary>
public abstract class DashboardTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_show_per_letter_what_needs_doing_and_the_last_fourteen_days()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, new LetterSettings(WhoMaySign.OrganisationsAndIndividuals, ModerationMode.Manual, false));
        App.RunAs(coordinator);
        await App.SendAsync(new PartnerInvitations.Import
        {
            Slug = Slug,
            Csv = "organisation,email\nSilent Network,silent@example.org\nQuiet Network,quiet@example.org\nDeclining Network,no@example.org\nMédecins du Monde,mdm@example.org\n",
        });
        App.RunAs(null);
        await App.SendAsync(new Invited.Decline(Slug, Token(LinkPath(App, "no@example.org", "/invited/"))));
        // Held for review (manual moderation): the organisation has answered, and the queue has one.
        await SignAndConfirmAsync(App, Organisation("Médecins du Monde", "ana@example.org"));
        // Two never confirmed: one for two days, one for an hour.
        await App.SendAsync(Individual("Old Unconfirmed", "old@example.org"));
        App.Clock.Advance(TimeSpan.FromDays(2));
        await App.SendAsync(Individual("New Unconfirmed", "new@example.org"));
        App.RunAs(coordinator);
        await App.SendAsync(new Manage.ScheduleRemindersCommand
            { Slug = Slug, Frequency = Manage.ReminderFrequency.Weekly, Day = DayOfWeek.Monday, Hour = 9, TimeZone = "Europe/Paris" });
        // A draft of the same organisation scheduled to open, and a stranger's letter that must not show.
        var organisationId = (await App.LoadAsync(Slug)).LeadOrganisationId;
        var draft = await App.SendAsync(new Create.Command { LeadOrganisationId = organisationId, Title = "Next campaign", LanguageCode = "en" });
        await App.SendAsync(await App.ReadyEditAsync(draft) with { SignatureGoal = "50" });
        await App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = draft, OpensAt = "2026-03-10T09:00", OpensAtTimeZone = "Africa/Nairobi" });
        await OpenLetterAsync(App, slug: "someone-elses");
        App.RunAs(coordinator);

        var dashboard = await App.SendAsync(new SignOnLetters.Web.Pages.Letters.Index.Query());

        var items = dashboard.Groups.SelectMany(g => g.Letters).ToDictionary(i => i.Slug);
        Assert.Equal(new[] { Slug, draft }.Order(), items.Keys.Order());
        var open = items[Slug].Figures;
        Assert.Equal((1, 1, 2, 0), (open.AwaitingReview, open.UnconfirmedOverADay, open.PartnersNotSigned, open.FailedDeliveryMails));
        Assert.True(open.NeedsAction);
        Assert.Equal(LetterDashboard.NextEventKind.Reminder, items[Slug].NextEvent!.Kind);
        Assert.Equal(new DateTime(2026, 3, 9, 8, 0, 0, DateTimeKind.Utc), items[Slug].NextEvent!.Utc);
        Assert.Equal(LetterDashboard.NextEventKind.Opens, items[draft].NextEvent!.Kind);
        Assert.Equal(new DateTime(2026, 3, 10, 6, 0, 0, DateTimeKind.Utc), items[draft].NextEvent!.Utc);
        Assert.Equal((0, 50), (items[draft].Progress!.Signed, items[draft].Progress!.Goal));
        Assert.False(items[draft].Figures.NeedsAction);

        // The coordinator approves: the count and today's bar move, the review queue empties.
        var held = (await SignaturesAsync(App)).Single(s => s.State == SignatureState.HeldForReview);
        await App.SendAsync(new Moderate.Approve(Slug, [held.Id]));
        App.RunAs(coordinator);
        var after = (await App.SendAsync(new SignOnLetters.Web.Pages.Letters.Index.Query())).Groups.SelectMany(g => g.Letters).Single(i => i.Slug == Slug);

        Assert.Equal((1, 0), (after.Counts.Total, after.Figures.AwaitingReview));
        Assert.Equal(LetterDashboard.SparklineDays, after.Figures.Daily.Count);
        Assert.Equal(new DateOnly(2026, 3, 3), after.Figures.Daily[^1].Day);
        Assert.Equal(new DateOnly(2026, 2, 18), after.Figures.Daily[0].Day);
        Assert.Equal(1, after.Figures.Daily.Sum(d => d.Count));
    }

    [SkippableFact]
    public async Task Should_read_the_figures_of_many_letters_in_the_same_number_of_queries_as_one()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        App.Logs.Clear();
        await App.SendAsync(new SignOnLetters.Web.Pages.Letters.Index.Query());
        var queriesForOne = App.Logs.Lines.Count(l => l.Contains("Executed DbCommand"));

        var organisationId = (await App.LoadAsync(Slug)).LeadOrganisationId;
        for (var i = 0; i < 4; i++)
            await App.SendAsync(new Create.Command { LeadOrganisationId = organisationId, Title = $"Letter {i}", LanguageCode = "en" });
        App.Logs.Clear();
        await App.SendAsync(new SignOnLetters.Web.Pages.Letters.Index.Query());

        Assert.True(queriesForOne > 0);
        Assert.Equal(queriesForOne, App.Logs.Lines.Count(l => l.Contains("Executed DbCommand")));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DashboardTestsOnSqlite(SqliteSlice app) : DashboardTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DashboardTestsOnPostgres(PostgresSlice app) : DashboardTests(app);
