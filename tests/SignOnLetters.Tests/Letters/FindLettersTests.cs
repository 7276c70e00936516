using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Tests.Letters;

/// <summary>
/// Issue 17, item 5: letters can be found. The home page (<c>/?q=words</c>) and <c>/letters</c> list
/// open letters newest first, then closed ones, with their counts and a search over every language
/// version; unlisted letters, drafts and archived letters are not there, and nobody is sent to sign in.
/// </summary>
public abstract class FindLettersTests(SliceFixture app) : SliceTest(app)
{
    /// <summary>A letter with an English and a Russian version, taken to <paramref name="status"/>; the clock then moves on a minute.</summary>
    private async Task<Letter> LetterAsync(string slug, string title, string russianTitle, string russianBody, LetterStatus status = LetterStatus.Open)
    {
        var (letter, coordinator, _) = await SigningScenario.OpenLetterAsync(App, status: LetterStatus.Draft, slug: slug);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.ExecuteDbContextAsync(async db =>
        {
            var draft = await db.Letters.Include(l => l.Texts).Include(l => l.Addressees).Include(l => l.Revisions).SingleAsync(l => l.Id == letter.Id);
            draft.EditDraft(LetterRuleTests.ReadyDraft(null,
                new LetterText("en", title, "Dear Minister, we write to you."),
                new LetterText("ru", russianTitle, russianBody)), coordinator.Id, now);
            if (status != LetterStatus.Draft)
                draft.Open(coordinator.Id, now);
            if (status is LetterStatus.Closed or LetterStatus.Archived)
                draft.Close(coordinator.Id, now);
            if (status is LetterStatus.Archived)
                draft.Archive(coordinator.Id, now);
            await db.SaveChangesAsync();
        });
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        App.RunAs(null);
        return letter;
    }

    private static IReadOnlyList<string> Titles(IHtmlDocument page) =>
        page.QuerySelectorAll(".letter-card h3").Select(h => h.TextContent.Trim()).ToList();

    [SkippableFact]
    public async Task Should_list_open_letters_newest_first_then_closed_ones_and_nothing_unpublished_or_unlisted()
    {
        await LetterAsync("older-open", "Older open letter", "Старое письмо", "Текст");
        await LetterAsync("closed-one", "Closed letter", "Закрытое письмо", "Текст", LetterStatus.Closed);
        await LetterAsync("newer-open", "Newer open letter", "Новое письмо", "Текст");
        await LetterAsync("a-draft", "Draft letter", "Черновик", "Текст", LetterStatus.Draft);
        await LetterAsync("archived-one", "Archived letter", "Архив", "Текст", LetterStatus.Archived);
        var unlisted = await LetterAsync("unlisted-one", "Unlisted letter", "Скрытое письмо", "Текст");
        await App.ExecuteDbContextAsync(async db =>
        {
            var letter = await db.Letters.SingleAsync(l => l.Id == unlisted.Id);
            letter.SetListed(false, letter.CreatedByUserId, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        await SigningScenario.SignAndConfirmAsync(App, SigningScenario.Individual() with { Slug = "newer-open" });

        var (home, homePage) = await BrowserlessClient.For(App).GetAsync("/");
        var (index, indexPage) = await BrowserlessClient.For(App).GetAsync("/letters");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode); // a visitor is not sent to sign in
        Assert.Equal(["Newer open letter", "Older open letter", "Closed letter"], Titles(homePage));
        Assert.Equal(Titles(homePage), Titles(indexPage));
        Assert.Equal("1 signatory from 1 country", homePage.QuerySelector(".letter-card .headline-count")!.TextContent.Trim());
        // Unlisted is not hidden: its link still works.
        var (direct, _) = await BrowserlessClient.For(App).GetAsync("/letters/unlisted-one");
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }

    [SkippableTheory]
    [InlineData("МИНИСТРУ", "open-ru")] // upper case Cyrillic finds lower case, in the Russian version only
    [InlineData("élan ÉCOLE", "open-fr")] // every word must match, accents and case folded alike
    [InlineData("newer", "open-ru")]
    public async Task Should_search_titles_and_texts_of_every_language_version_ignoring_case(string search, string expectedSlug)
    {
        await LetterAsync("open-ru", "Newer letter", "Письмо", "Уважаемому министру здравоохранения");
        await LetterAsync("open-fr", "Another letter", "Другое письмо", "Une école et son élan");

        var (_, page) = await BrowserlessClient.For(App).GetAsync($"/?q={Uri.EscapeDataString(search)}");

        var link = Assert.Single(page.QuerySelectorAll(".letter-card h3 a"));
        Assert.Equal($"/letters/{expectedSlug}", link.GetAttribute("href"));
        Assert.Equal(search, page.QuerySelector("input[name=q]")!.GetAttribute("value"));
    }

    [SkippableFact]
    public async Task Should_show_each_letter_in_the_readers_language_version_with_the_counts_in_that_language()
    {
        await LetterAsync("in-russian", "A letter", "Письмо министру", "Текст");
        await SigningScenario.SignAndConfirmAsync(App, SigningScenario.Individual() with { Slug = "in-russian" });
        var russian = BrowserlessClient.For(App);
        russian.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");

        var (_, page) = await russian.GetAsync("/letters");

        var title = page.QuerySelector(".letter-card h3")!;
        Assert.Equal(("Письмо министру", "ru"), (title.TextContent.Trim(), title.GetAttribute("lang")));
        Assert.Equal("1 подписант из 1 страны", page.QuerySelector(".letter-card .headline-count")!.TextContent.Trim());
        Assert.Equal("Письма и петиции", page.QuerySelector("main h1")!.TextContent.Trim());
    }

    [SkippableTheory]
    [InlineData("%")] // LIKE wildcards are searched as typed, not as patterns
    [InlineData("_")]
    [InlineData("a\u0000z")] // a control character becomes a space: "a" and "z" are searched
    [InlineData("<script>alert(1)</script>")]
    public async Task Should_read_hostile_searches_as_typed_without_failing(string search)
    {
        await LetterAsync("plain", "Plain", "Письмо", "Текст");

        var (response, page) = await BrowserlessClient.For(App).GetAsync($"/?q={Uri.EscapeDataString(search)}&page=x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.QuerySelectorAll(".letter-card"));
        Assert.Contains("No letters match this search.", page.Body!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script"));
    }

    [SkippableFact]
    public async Task Should_page_the_list_and_keep_the_search_in_the_links()
    {
        for (var i = 1; i <= PublicLetters.PageSize + 1; i++)
            await LetterAsync($"letter-{i:D2}", $"Letter {i:D2} on harm reduction", "Письмо", "Текст");

        var (_, first) = await BrowserlessClient.For(App).GetAsync("/letters?q=harm");
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href");
        var (_, second) = await BrowserlessClient.For(App).GetAsync(next!);

        Assert.Equal(PublicLetters.PageSize, Titles(first).Count);
        Assert.Equal("/letters?q=harm&page=2", next);
        Assert.Equal(["Letter 01 on harm reduction"], Titles(second)); // the oldest, last
    }

    [SkippableFact]
    public async Task Should_let_the_lead_coordinator_unlist_a_letter_from_its_manage_page()
    {
        var letter = await LetterAsync("to-unlist", "Letter to unlist", "Письмо", "Текст");
        var coordinatorEmail = await App.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == letter.CreatedByUserId).Select(u => u.Email!).SingleAsync());
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinatorEmail);

        var (_, manage) = await browser.GetAsync("/letters/to-unlist/manage");
        Assert.NotNull(manage.QuerySelector("#listing input#listed[checked]"));
        var unlisted = await browser.SubmitAsync(manage, "/letters/to-unlist/manage", new Dictionary<string, string> { ["listed"] = "false" }, "#listing form");
        BrowserlessClient.AssertRedirect(unlisted, "/letters/to-unlist/manage");

        Assert.True(await App.ExecuteDbContextAsync(db => db.Letters.Where(l => l.Id == letter.Id).Select(l => l.IsUnlisted).SingleAsync()));
        var (_, home) = await BrowserlessClient.For(App).GetAsync("/?q=unlist");
        Assert.Empty(Titles(home));
        var (_, again) = await browser.GetAsync("/letters/to-unlist/manage");
        Assert.Null(again.QuerySelector("#listing input#listed[checked]"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class FindLettersTestsOnSqlite(SqliteSlice app) : FindLettersTests(app);

[Collection(PostgresCollection.Name)]
public sealed class FindLettersTestsOnPostgres(PostgresSlice app) : FindLettersTests(app);
