using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Tests.Letters;

/// <summary>"Start from this letter" (issue 23): a coordinator running a second campaign starts from the first.</summary>
public abstract class LetterTemplateTests(SliceFixture app) : SliceTest(app)
{
    private const string Source = "first-campaign";

    /// <summary>An open letter in English and French, with two addressees, manual moderation, a goal, a deadline, a co-author and a signature.</summary>
    private async Task<(Domain.ApplicationUser Coordinator, Domain.Organisation Lead, Domain.Organisation CoAuthor, Domain.ApplicationUser CoAuthorCoordinator)> SourceLetterAsync()
    {
        var (coAuthorCoordinator, coAuthor) = await App.CreateOrganisationAsync("Asian Network of People who Use Drugs", "TH", "anpud@example.org");
        var (coordinator, lead) = await App.CreateOrganisationAsync("Harm Reduction International", "GB", "hri@example.org");
        await App.ExecuteDbContextAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var organisation = await db.Organisations.SingleAsync(o => o.Id == lead.Id);
            var letter = Letter.CreateDraft(LetterKind.SignOnLetter, Source, organisation, new LetterText("en", "Fund harm reduction", ""), coordinator.Id, now);
            letter.EditDraft(new LetterDraft(
                [new LetterText("en", "Fund harm reduction", "Dear Minister, fund it."), new LetterText("fr", "Financez la réduction des risques", "Madame la Ministre, financez-la.")],
                [new LetterAddressee(1, "Dr Jane Doe", "Minister of Health", "Ministry of Health"), new LetterAddressee(2, "Mr John Roe", "Mayor", "Riverton")],
                [coAuthor.Id], new HashSet<int>(),
                new LetterSettings(WhoMaySign.OrganisationsOnly, ModerationMode.Manual, false),
                new LetterDeadline(now.AddDays(30), "Europe/Paris"), 500), coordinator.Id, now);
            letter.Open(coordinator.Id, now);
            db.Letters.Add(letter);
            await db.SaveChangesAsync();
            var versionId = await db.LetterVersions.Where(v => v.LetterId == letter.Id).Select(v => v.Id).SingleAsync();
            db.Signatures.Add(LetterSigning.SigningTerms(letter, versionId).SignOnPaper(
                new SignerDetails(SignerKind.Organisation, "Paper Network", "KE", "Signer", null, null, null, SignatureVisibility.NameAndOrganisation, false),
                coordinator.Id, now));
            await db.SaveChangesAsync();
        });
        App.RunAs(coordinator);
        return (coordinator, lead, coAuthor, coAuthorCoordinator);
    }

    [SkippableFact]
    public async Task Should_copy_text_addressees_settings_and_goal_and_ask_the_co_authors_again()
    {
        var (_, lead, coAuthor, coAuthorCoordinator) = await SourceLetterAsync();

        var slug = await App.SendAsync(new Create.Command { LeadOrganisationId = lead.Id, Title = "Fund harm reduction, again", LanguageCode = "en", FromSlug = Source });

        var copy = await App.ExecuteDbContextAsync(db => db.Letters.AsNoTracking().Include(l => l.CoAuthors).SingleAsync(l => l.Slug == slug));
        var source = await App.ExecuteDbContextAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.Slug == Source));
        Assert.Equal(LetterStatus.Draft, copy.Status);
        Assert.Equal("en", copy.PrimaryLanguage);
        Assert.Equal([("en", "Fund harm reduction, again", "Dear Minister, fund it."), ("fr", "Financez la réduction des risques", "Madame la Ministre, financez-la.")],
            copy.Texts.Select(t => (t.LanguageCode, t.Title, t.Body)).OrderBy(t => t.LanguageCode));
        Assert.Equal(["Dr Jane Doe", "Mr John Roe"], copy.Addressees.OrderBy(a => a.Position).Select(a => a.Name));
        Assert.Equal((WhoMaySign.OrganisationsOnly, ModerationMode.Manual, 500), (copy.WhoMaySign, copy.Moderation, copy.SignatureGoal));
        Assert.Null(copy.DeadlineUtc);
        Assert.Equal([coAuthor.Id], copy.CoAuthors.Select(c => c.OrganisationId));
        Assert.False(copy.CoAuthors.Single().IsAccepted);
        Assert.NotEqual(source.ShortCode, copy.ShortCode);
        Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.Signatures.CountAsync(s => s.LetterId == copy.Id)));
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.Signatures.CountAsync(s => s.LetterId == source.Id)));
        Assert.Contains(await App.ExecuteDbContextAsync(db => db.OutboxMessages.Select(m => m.Recipient).ToListAsync()), r => r == coAuthorCoordinator.Email);
    }

    [SkippableFact]
    public async Task Should_start_in_another_language_keeping_the_source_s_versions()
    {
        var (_, lead, _, _) = await SourceLetterAsync();

        var slug = await App.SendAsync(new Create.Command { LeadOrganisationId = lead.Id, Title = "Financez-la encore", LanguageCode = "fr", FromSlug = Source });

        var copy = await App.ExecuteDbContextAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.Slug == slug));
        Assert.Equal("fr", copy.PrimaryLanguage);
        Assert.Equal(("Financez-la encore", "Madame la Ministre, financez-la."), copy.Texts.Where(t => t.LanguageCode == "fr").Select(t => (t.Title, t.Body)).Single());
        Assert.Equal("Fund harm reduction", copy.Texts.Single(t => t.LanguageCode == "en").Title);
    }

    [SkippableTheory]
    [InlineData(Source)]
    [InlineData("no-such-letter")]
    [InlineData("../../etc/passwd")]
    [InlineData("<script>")]
    public async Task Should_not_let_anyone_start_from_a_letter_they_do_not_edit(string from)
    {
        await SourceLetterAsync();
        var (_, stranger) = await App.CreateOrganisationAsync("Stranger Network", "US", "stranger@example.org");
        var before = await App.ExecuteDbContextAsync(db => db.Letters.CountAsync());

        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Create.Command { LeadOrganisationId = stranger.Id, Title = "Stolen", LanguageCode = "en", FromSlug = from }));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Create.Query(from)));

        Assert.Equal(before, await App.ExecuteDbContextAsync(db => db.Letters.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_offer_it_from_the_status_page_and_prefill_the_form()
    {
        var (coordinator, _, _, _) = await SourceLetterAsync();
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);

        var (_, manage) = await browser.GetAsync($"/letters/{Source}/manage");
        var start = manage.QuerySelector("a.start-from")!.GetAttribute("href")!;
        var (_, form) = await browser.GetAsync(start);
        Assert.Equal("Fund harm reduction", ((IHtmlInputElement)form.QuerySelector("#Data_Title")!).Value);
        Assert.Contains("2 language", form.QuerySelector(".template-summary")!.TextContent);

        var created = await browser.SubmitFormAsync(start, new Dictionary<string, string> { ["Data.Title"] = "Second campaign", ["Data.Slug"] = "second-campaign" });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/letters/second-campaign/edit", created.Headers.Location!.OriginalString);
        Assert.Equal(2, await App.ExecuteDbContextAsync(db => db.Letters.Where(l => l.Slug == "second-campaign").Select(l => l.Texts.Count).SingleAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LetterTemplateTestsOnSqlite(SqliteSlice app) : LetterTemplateTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LetterTemplateTestsOnPostgres(PostgresSlice app) : LetterTemplateTests(app);
