using System.Net;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;

namespace SignOnLetters.Tests.Letters;

/// <summary>
/// Issue 17 item 4: an amendment that changes the main text but not a translation needs an explicit
/// choice; the translation then says it is behind, and everyone can read every published version
/// and what changed.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class AmendmentLanguageVersionTests(SqliteSlice app) : SliceTest(app)
{
    private const string EnglishV1 = "In 2025, 212 people died.";
    private const string EnglishV2 = "In 2025, 214 people died.";
    private const string RussianV1 = "В 2025 году погибли 212 человек.";

    private async Task<(Letter Letter, ApplicationUser Coordinator)> OpenBilingualLetterAsync(string slug = SigningScenario.Slug)
    {
        var (letter, coordinator, _) = await SigningScenario.OpenLetterAsync(App, status: LetterStatus.Draft, slug: slug);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.ExecuteDbContextAsync(async db =>
        {
            var draft = await db.Letters.Include(l => l.Texts).Include(l => l.Addressees).Include(l => l.Revisions).SingleAsync(l => l.Id == letter.Id);
            draft.EditDraft(LetterRuleTests.ReadyDraft(null,
                new LetterText("en", SigningScenario.Title, EnglishV1),
                new LetterText("ru", "Прекратить войну с наркотиками", RussianV1)), coordinator.Id, now);
            draft.Open(coordinator.Id, now);
            await db.SaveChangesAsync();
        });
        return (letter, coordinator);
    }

    private Task<int> LatestVersionAsync() =>
        App.ExecuteDbContextAsync(db => db.Letters.Where(l => l.Slug == SigningScenario.Slug).Select(l => l.LatestVersionNumber).SingleAsync());

    private async Task<HttpResponseMessage> AmendAsync(BrowserlessClient editor, Dictionary<string, string> fields) =>
        await editor.SubmitFormAsync($"/letters/{SigningScenario.Slug}/amend", fields);

    [SkippableFact]
    public async Task Should_refuse_an_amendment_that_leaves_a_translation_behind_without_an_explicit_choice()
    {
        var (_, coordinator) = await OpenBilingualLetterAsync();
        var editor = await BrowserlessClient.SignedInAsync(App, coordinator.Email!, "en");

        var refused = await AmendAsync(editor, new() { ["Data.Texts[0].Body"] = EnglishV2, ["Data.ChangeNote"] = "Corrected the figure (212 → 214)." });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());
        var message = page.QuerySelector("[data-valmsg-for='Data.PublishOutdatedTranslations']")!.TextContent;
        Assert.Contains("these language versions stay as they were: Russian", message);
        // Nothing published, and the editor's text is still in the form.
        Assert.Equal(1, await LatestVersionAsync());
        Assert.Equal(EnglishV2, page.QuerySelector("#Data_Texts_0__Body")!.TextContent);
    }

    [SkippableFact]
    public async Task Should_mark_a_translation_left_behind_and_link_it_to_the_current_main_text()
    {
        var (_, coordinator) = await OpenBilingualLetterAsync();
        var editor = await BrowserlessClient.SignedInAsync(App, coordinator.Email!, "en");

        BrowserlessClient.AssertRedirect(await AmendAsync(editor, new()
        {
            ["Data.Texts[0].Body"] = EnglishV2, ["Data.ChangeNote"] = "Corrected the figure (212 → 214).", ["Data.PublishOutdatedTranslations"] = "true",
        }));
        Assert.Equal(2, await LatestVersionAsync());

        var russianReader = BrowserlessClient.For(App);
        russianReader.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var (_, russian) = await russianReader.GetAsync($"/letters/{SigningScenario.Slug}");
        var notice = russian.QuerySelector(".outdated-translation")!;
        Assert.Contains("Этот перевод не обновлялся с версии 1.", notice.TextContent);
        Assert.Equal($"/letters/{SigningScenario.Slug}?lang=en", notice.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(RussianV1, russian.QuerySelector(".letter-body")!.TextContent);

        var (_, english) = await BrowserlessClient.For(App).GetAsync($"/letters/{SigningScenario.Slug}");
        Assert.Null(english.QuerySelector(".outdated-translation"));
        Assert.Contains(EnglishV2, english.QuerySelector(".letter-body")!.TextContent);

        // Brought up to date by the next amendment: the mark goes.
        BrowserlessClient.AssertRedirect(await AmendAsync(editor, new()
        {
            ["Data.Texts[1].Body"] = "В 2025 году погибли 214 человек.", ["Data.ChangeNote"] = "Russian version updated.",
        }));
        var (_, updated) = await russianReader.GetAsync($"/letters/{SigningScenario.Slug}?lang=ru");
        Assert.Null(updated.QuerySelector(".outdated-translation"));
    }

    [SkippableFact]
    public async Task Should_publish_without_asking_when_every_translation_is_updated_too()
    {
        var (_, coordinator) = await OpenBilingualLetterAsync();
        var editor = await BrowserlessClient.SignedInAsync(App, coordinator.Email!, "en");

        BrowserlessClient.AssertRedirect(await AmendAsync(editor, new()
        {
            ["Data.Texts[0].Body"] = EnglishV2, ["Data.Texts[1].Body"] = "В 2025 году погибли 214 человек.", ["Data.ChangeNote"] = "Corrected the figure.",
        }));

        Assert.Equal(2, await LatestVersionAsync());
    }

    [SkippableFact]
    public async Task Should_let_anyone_read_every_published_version_and_what_changed()
    {
        var (_, coordinator) = await OpenBilingualLetterAsync();
        var editor = await BrowserlessClient.SignedInAsync(App, coordinator.Email!, "en");
        BrowserlessClient.AssertRedirect(await AmendAsync(editor, new()
        {
            ["Data.Texts[0].Body"] = EnglishV2, ["Data.ChangeNote"] = "Corrected the figure (212 → 214).", ["Data.PublishOutdatedTranslations"] = "true",
        }));
        var visitor = BrowserlessClient.For(App);

        var (_, letterPage) = await visitor.GetAsync($"/letters/{SigningScenario.Slug}");
        Assert.NotNull(letterPage.QuerySelector($"a[href^='/letters/{SigningScenario.Slug}/versions']"));

        var (latestResponse, latest) = await visitor.GetAsync($"/letters/{SigningScenario.Slug}/versions");
        Assert.Equal(HttpStatusCode.OK, latestResponse.StatusCode);
        Assert.Equal(["212", "214"], latest.QuerySelectorAll(".changes mark").Select(m => m.TextContent.Trim()).Where(t => t.Length > 0).ToList());
        Assert.Equal(2, latest.QuerySelectorAll(".letter-versions li").Length);

        var (_, first) = await visitor.GetAsync($"/letters/{SigningScenario.Slug}/versions/1");
        Assert.Contains(EnglishV1, first.QuerySelector(".letter-body")!.TextContent);
        Assert.Null(first.QuerySelector(".changes"));

        var (_, russianSecond) = await visitor.GetAsync($"/letters/{SigningScenario.Slug}/versions/2?lang=ru");
        Assert.Contains(RussianV1, russianSecond.QuerySelector(".letter-body")!.TextContent);
        Assert.NotNull(russianSecond.QuerySelector(".outdated-translation"));
    }

    [SkippableTheory]
    [InlineData("/versions/0")]
    [InlineData("/versions/3")]
    [InlineData("/versions/-1")]
    [InlineData("/versions/99999999999")]
    [InlineData("/versions/1abc")]
    [InlineData("/versions/1.5")]
    [InlineData("/versions/1e3")]
    public async Task Should_answer_404_for_forged_version_numbers(string path)
    {
        await OpenBilingualLetterAsync();

        var (response, _) = await BrowserlessClient.For(App).GetAsync($"/letters/{SigningScenario.Slug}{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [SkippableFact]
    public async Task Should_not_show_a_drafts_text_through_the_versions_page_nor_another_letters_version()
    {
        await OpenBilingualLetterAsync();
        await SigningScenario.OpenLetterAsync(App, status: LetterStatus.Draft, slug: "a-draft");
        var visitor = BrowserlessClient.For(App);

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/letters/a-draft/versions")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/letters/a-draft/versions/1")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/letters/no-such-letter/versions/1")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/letters/..%2F..%2Fetc/versions/1")).Response.StatusCode);
    }

    [SkippableFact]
    public async Task Should_refuse_a_forged_choice_value_and_publish_nothing()
    {
        var (_, coordinator) = await OpenBilingualLetterAsync();
        var editor = await BrowserlessClient.SignedInAsync(App, coordinator.Email!, "en");

        var refused = await AmendAsync(editor, new()
        {
            ["Data.Texts[0].Body"] = EnglishV2, ["Data.ChangeNote"] = "Corrected.", ["Data.PublishOutdatedTranslations"] = "yes please",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(1, await LatestVersionAsync());
    }
}

/// <summary>The rule itself (<see cref="TranslationFreshness"/>), on versions built in memory.</summary>
public sealed class TranslationFreshnessTests
{
    private static LetterText En(string body) => new("en", "Title", body);
    private static LetterText Ru(string body) => new("ru", "Заголовок", body);

    [Fact]
    public void Should_name_the_translations_an_amendment_leaves_behind_only_when_the_main_text_changes()
    {
        IReadOnlyList<LetterText> current = [En("212"), Ru("212")];

        Assert.Equal(["ru"], TranslationFreshness.LeftBehind(current, [En("214"), Ru("212")]));
        Assert.Empty(TranslationFreshness.LeftBehind(current, [En("214"), Ru("214")]));
        Assert.Empty(TranslationFreshness.LeftBehind(current, [En("212"), Ru("212, исправлено")]));
        Assert.Empty(TranslationFreshness.LeftBehind(current, [En("214"), new LetterText("fr", "Titre", "214")]));
    }

    [Fact]
    public void Should_date_a_translation_from_the_last_version_that_changed_it()
    {
        var versions = new[]
        {
            new PublishedTexts(1, [En("a"), Ru("а")]),
            new PublishedTexts(2, [En("b"), Ru("б")]),
            new PublishedTexts(3, [En("c"), Ru("б")]),
            new PublishedTexts(4, [En("d"), Ru("б")]),
        };

        Assert.Equal(new Dictionary<string, int> { ["ru"] = 2 }, TranslationFreshness.OutdatedTranslations(versions, "en"));
        Assert.Empty(TranslationFreshness.OutdatedTranslations(versions.Take(2), "en"));
        Assert.Empty(TranslationFreshness.OutdatedTranslations(versions.Append(new PublishedTexts(5, [En("d"), Ru("г")])), "en"));
    }

    [Fact]
    public void Should_refuse_in_the_letter_itself_an_amendment_that_leaves_a_translation_behind_without_the_choice()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var letter = LetterRuleTests.Draft();
        letter.EditDraft(LetterRuleTests.ReadyDraft(null, En("212"), Ru("212")), "user", now);
        letter.Open("user", now);

        var refused = Assert.Throws<DomainRuleException>(() => letter.Amend([En("214"), Ru("212")], "Corrected.", "user", now));
        Assert.Equal(Letter.OutdatedTranslationsNeedChoice, refused.Template);
        Assert.Equal(1, letter.LatestVersionNumber);

        letter.Amend([En("214"), Ru("212")], "Corrected.", "user", now, publishOutdatedTranslations: true);
        Assert.Equal(2, letter.LatestVersionNumber);
    }
}
