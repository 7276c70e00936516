using System.Net;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Delivery;
using SignOnLetters.Tests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Caching;
using SignOnLetters.Web.Pages.Letters;
using CoAuthorships = SignOnLetters.Web.Pages.Organisations.CoAuthorships;
using UglyToad.PdfPig;

namespace SignOnLetters.Tests.Letters;

/// <summary>
/// Issue 18 row 5: naming an organisation as co-author is only an invitation. It appears nowhere
/// public (page, API, embed, PDF letterhead and Author field) until one of its own coordinators accepts.
/// </summary>
public abstract class CoAuthorshipTests(SliceFixture app) : SliceTest(app)
{
    private const string Collective = "Sex Workers Collective";
    private const string CollectiveCoordinatorEmail = "collective@example.org";

    /// <summary>The collective (its coordinator), and an open letter by a stranger's organisation that names it.</summary>
    private async Task<(ApplicationUser CollectiveCoordinator, Organisation Collective, ApplicationUser Stranger, string Slug)> NamedByStrangerAsync()
    {
        var (collectiveCoordinator, collective) = await App.CreateOrganisationAsync(Collective, "DE", CollectiveCoordinatorEmail);
        var (stranger, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug) with { CoAuthors = "sex workers collective" });
        await App.SendAsync(new Manage.ChangeStatus(slug, Manage.LetterStep.Open, await App.ChangeCountAsync(slug)));
        await App.SendAsync(new Manage.ChangeEmbedHosts { Slug = slug, Hosts = "partner.example" });
        return (collectiveCoordinator, collective, stranger, slug);
    }

    private async Task<int> LetterIdAsync(string slug) => (await App.LoadAsync(slug)).Id;

    /// <summary>Everything a stranger can fetch about the letter, as one text per place.</summary>
    private async Task<Dictionary<string, string>> PublicPlacesAsync(string slug)
    {
        var client = App.Factory.CreateClient();
        // The public page drops its cached answers at most once a second per letter (a change is shown
        // at the end of that second): a test that reads right after a change empties it itself.
        await App.Factory.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(PublicLetterPageCache.AllPagesTag, CancellationToken.None);
        App.RunAs(null);
        var authors = string.Join(", ", (await App.SendAsync(new View.Query(slug, null))).Authors);
        return new Dictionary<string, string>
        {
            ["authors"] = authors,
            ["page"] = await client.GetStringAsync($"/letters/{slug}"),
            ["api"] = await client.GetStringAsync($"/api/letters/{slug}"),
            ["signatories api"] = await client.GetStringAsync($"/api/letters/{slug}/signatories"),
            ["embed"] = await client.GetStringAsync($"/letters/{slug}/embed?host=partner.example"),
        };
    }

    private async Task<(string Author, string Text)> DeliveredPdfAsync(string slug, ApplicationUser coordinator)
    {
        await App.ExecuteDbContextAsync(async db =>
        {
            var letter = await db.Letters.SingleAsync(l => l.Slug == slug);
            var now = App.Clock.GetUtcNow().UtcDateTime;
            if (letter.Status == LetterStatus.Open)
                letter.Close(coordinator.Id, now);
            if (letter.Status == LetterStatus.Closed)
                letter.MarkDelivered(coordinator.Id, now);
            await db.SaveChangesAsync();
        });
        var bytes = await App.Factory.CreateClient().GetByteArrayAsync($"/letters/{slug}/pdf");
        using var pdf = PdfDocument.Open(bytes);
        return (pdf.Information.Author ?? "", string.Join("\n", pdf.GetPages().Select(p => p.Text)));
    }

    [SkippableFact]
    public async Task Should_show_an_organisation_a_stranger_names_nowhere_public_until_its_coordinator_accepts()
    {
        var (collectiveCoordinator, collective, stranger, slug) = await NamedByStrangerAsync();

        foreach (var (place, text) in await PublicPlacesAsync(slug))
            Assert.False(text.Contains(Collective, StringComparison.OrdinalIgnoreCase), $"The invited organisation appears in the {place}.");
        App.RunAs(stranger);
        var (_, editPage) = await App.SendAsync(new Edit.Query(slug));
        Assert.Equal([Collective], editPage.InvitedCoAuthors);

        // Its coordinators are told, with a link to the page where they answer (behind sign-in, no token).
        Assert.Equal(1, await App.SendQueuedAsync());
        var invitation = Assert.Single(App.Emails.To(CollectiveCoordinatorEmail));
        Assert.Contains(Collective, invitation.Subject);
        Assert.Contains($"http://localhost/organisations/{collective.Id}/co-authorships", EmailBox.Links(invitation));

        App.RunAs(collectiveCoordinator);
        var waiting = await App.SendAsync(new CoAuthorships.Query(collective.Id));
        var naming = Assert.Single(waiting.Invited);
        Assert.Equal(slug, naming.Slug);
        Assert.Empty(waiting.Accepted);
        await App.SendAsync(new CoAuthorships.Answer(collective.Id, naming.LetterId, Accept: true));

        var places = await PublicPlacesAsync(slug);
        Assert.Equal($"Harm Reduction International, {Collective}", places["authors"]);
        Assert.Contains(Collective, places["page"]);
        App.RunAs(stranger);
        Assert.Empty((await App.SendAsync(new Edit.Query(slug))).Item2.InvitedCoAuthors);
        var accepted = await App.LoadAsync(slug);
        Assert.Equal(collectiveCoordinator.Id, accepted.CoAuthors.Single().AcceptedByUserId);
        Assert.Equal(stranger.Id, accepted.CoAuthors.Single().InvitedByUserId);
    }

    [SkippableFact]
    public async Task Should_leave_an_invited_organisation_out_of_the_pdf_letterhead_and_author_field_until_it_accepts()
    {
        var (collectiveCoordinator, collective, stranger, slug) = await NamedByStrangerAsync();
        var letterId = await LetterIdAsync(slug);

        var (author, text) = await DeliveredPdfAsync(slug, stranger);
        Assert.Equal("Harm Reduction International", author);
        Assert.DoesNotContain(Collective, text);

        App.RunAs(collectiveCoordinator);
        await App.SendAsync(new CoAuthorships.Answer(collective.Id, letterId, Accept: true));
        (author, text) = await DeliveredPdfAsync(slug, stranger);
        Assert.Equal($"Harm Reduction International, {Collective}", author);
        Assert.Contains(Collective, text);
    }

    [SkippableFact]
    public async Task Should_accept_with_the_button_on_the_organisations_co_authorships_page()
    {
        var (_, collective, _, slug) = await NamedByStrangerAsync();
        var browser = await BrowserlessClient.SignedInAsync(App, CollectiveCoordinatorEmail, "en");
        var path = $"/organisations/{collective.Id}/co-authorships";

        var (_, page) = await browser.GetAsync(path);
        Assert.Contains("End the war on drugs", page.QuerySelector("main table")!.TextContent);
        var answered = await browser.SubmitAsync(page, path, new Dictionary<string, string>(), "main form[action*=Accept]");

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.NotNull((await App.LoadAsync(slug)).CoAuthors.Single().AcceptedAt);
        (_, page) = await browser.GetAsync(path);
        Assert.Contains("No invitations waiting.", page.QuerySelector("main")!.TextContent);
        Assert.Contains(Collective, (await PublicPlacesAsync(slug))["page"]);
    }

    [SkippableFact]
    public async Task Should_let_only_the_named_organisations_coordinators_answer()
    {
        var (_, collective, _, slug) = await NamedByStrangerAsync();
        var letterId = await LetterIdAsync(slug);
        var representative = await App.AddRepresentativeAsync(collective, "rep@example.org");
        var (otherCoordinator, other) = await App.CreateOrganisationAsync("Another Network");

        App.RunAs(representative);
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new CoAuthorships.Answer(collective.Id, letterId, Accept: true)));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new CoAuthorships.Query(collective.Id)));
        App.RunAs(otherCoordinator);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new CoAuthorships.Answer(collective.Id, letterId, Accept: true)));
        // Its own organisation is not the one named: nothing to accept there either.
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new CoAuthorships.Answer(other.Id, letterId, Accept: true)));

        Assert.Null((await App.LoadAsync(slug)).CoAuthors.Single().AcceptedAt);
        Assert.DoesNotContain(Collective, (await PublicPlacesAsync(slug))["page"]);
    }

    [SkippableFact]
    public async Task Should_refuse_answers_to_invitations_that_do_not_exist_were_answered_or_were_declined()
    {
        var (collectiveCoordinator, collective, stranger, slug) = await NamedByStrangerAsync();
        var letterId = await LetterIdAsync(slug);
        App.RunAs(collectiveCoordinator);

        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new CoAuthorships.Answer(collective.Id, letterId + 1000, Accept: true)));
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new CoAuthorships.Answer(collective.Id, -1, Accept: false)));
        await App.SendAsync(new CoAuthorships.Answer(collective.Id, letterId, Accept: true));
        var twice = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new CoAuthorships.Answer(collective.Id, letterId, Accept: true)));
        Assert.Contains("already accepted", twice.Message);

        // Declining (here: withdrawing after accepting) takes the name off; accepting again finds nothing.
        await App.SendAsync(new CoAuthorships.Answer(collective.Id, letterId, Accept: false));
        Assert.Empty((await App.LoadAsync(slug)).CoAuthors);
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new CoAuthorships.Answer(collective.Id, letterId, Accept: true)));
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new CoAuthorships.Answer(collective.Id, letterId, Accept: false)));
        Assert.Equal("Harm Reduction International", (await PublicPlacesAsync(slug))["authors"]);
        App.RunAs(collectiveCoordinator);
        Assert.Empty((await App.SendAsync(new CoAuthorships.Query(collective.Id))).Accepted);
    }

    [SkippableFact]
    public async Task Should_let_the_editors_withdraw_an_invitation_before_it_is_answered()
    {
        var (_, collective) = await App.CreateOrganisationAsync(Collective, "DE", CollectiveCoordinatorEmail);
        var (draftEditor, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug) with { CoAuthors = Collective });
        var letterId = await LetterIdAsync(slug);

        App.RunAs(draftEditor);
        await App.SendAsync(await App.ReadyEditAsync(slug) with { CoAuthors = "" });

        Assert.Empty((await App.LoadAsync(slug)).CoAuthors);
        App.RunAs(await CollectiveCoordinatorAsync());
        Assert.Empty((await App.SendAsync(new CoAuthorships.Query(collective.Id))).Invited);
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new CoAuthorships.Answer(collective.Id, letterId, Accept: true)));
    }

    [SkippableFact]
    public async Task Should_accept_at_once_an_organisation_the_editor_coordinates_and_send_no_invitation()
    {
        var (coordinator, organisation, slug) = await App.CreateDraftAsync();
        var (_, second) = await App.CreateOrganisationAsync(Collective, "DE", CollectiveCoordinatorEmail);
        await App.ExecuteDbContextAsync(async db =>
        {
            (await db.Organisations.Include(o => o.Memberships).SingleAsync(o => o.Id == second.Id)).AddMember(coordinator.Id, OrganisationRole.Coordinator, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        App.RunAs(coordinator);

        await App.SendAsync(await App.ReadyEditAsync(slug) with { CoAuthors = Collective });

        Assert.NotNull((await App.LoadAsync(slug)).CoAuthors.Single().AcceptedAt);
        Assert.Equal(0, await App.SendQueuedAsync());
        Assert.Empty(App.Emails.To(CollectiveCoordinatorEmail));
    }

    private Task<ApplicationUser> CollectiveCoordinatorAsync() =>
        App.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Email == CollectiveCoordinatorEmail));
}

[Collection(SqliteCollection.Name)]
public sealed class CoAuthorshipTestsOnSqlite(SqliteSlice app) : CoAuthorshipTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CoAuthorshipTestsOnPostgres(PostgresSlice app) : CoAuthorshipTests(app);
