using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;

namespace SignOnLetters.Tests.Scale;

/// <summary>
/// The public letter page from the output cache (docs/decisions/0008-signing-at-scale.md): one
/// render serves many readers, a reload costs a 304, a change shows without waiting for expiry,
/// and nothing personal is ever cached.
/// </summary>
public abstract class PublicPageCachingTests(SliceFixture app) : SliceTest(app)
{
    private const string Page = $"/letters/{SigningScenario.Slug}";

    [SkippableFact]
    public async Task Should_serve_readers_from_the_cache_and_answer_a_reload_with_304()
    {
        await SigningScenario.OpenLetterAsync(App);
        var reader = App.Factory.CreateClient();

        var first = await reader.GetAsync(Page);
        var second = await reader.GetAsync(Page);
        var revalidation = new HttpRequestMessage(HttpMethod.Get, Page);
        revalidation.Headers.IfNoneMatch.Add(second.Headers.ETag!);
        var reload = await reader.SendAsync(revalidation);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"), $"A public page that sets a cookie cannot be shared: {string.Join("; ", first.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])}");
        Assert.NotNull(first.Headers.ETag);
        Assert.True(first.Headers.ETag!.IsWeak);
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString());
        Assert.True(second.Headers.Age is not null, "The second reader should get the stored page (an Age header).");
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, reload.StatusCode);
        Assert.Empty(await reload.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task Should_show_a_new_signature_without_waiting_for_the_cache_to_expire()
    {
        await SigningScenario.OpenLetterAsync(App);
        var reader = App.Factory.CreateClient();
        var before = await reader.GetAsync(Page);
        Assert.DoesNotContain("Rui Costa", await before.Content.ReadAsStringAsync());

        await SigningScenario.SignAndConfirmAsync(App, SigningScenario.Individual());

        // Evictions come at most once a second per letter: the confirmation may wait for the end of it.
        string html = string.Empty;
        for (var attempt = 0; attempt < 30 && !html.Contains("Rui Costa"); attempt++)
        {
            await Task.Delay(100);
            html = await reader.GetStringAsync(Page);
        }
        Assert.Contains("Rui Costa", html);
        var after = await reader.GetAsync(Page);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [SkippableFact]
    public async Task Should_keep_each_interface_language_apart()
    {
        await SigningScenario.OpenLetterAsync(App);
        var english = App.Factory.CreateClient();
        var french = App.Factory.CreateClient();
        french.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");

        var englishPage = await english.GetStringAsync(Page);
        var frenchPage = await french.GetStringAsync(Page);

        Assert.Contains("<html lang=\"en\"", englishPage);
        Assert.Contains("<html lang=\"fr\"", frenchPage);
    }

    [SkippableFact]
    public async Task Should_never_cache_or_serve_a_cached_page_to_a_signed_in_visitor()
    {
        var (_, coordinator, organisation) = await SigningScenario.OpenLetterAsync(App);
        var anonymous = App.Factory.CreateClient();
        await anonymous.GetAsync(Page);
        await anonymous.GetAsync(Page);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);

        var (response, document) = await browser.GetAsync(Page);

        Assert.Null(response.Headers.Age);
        // The representative's own form: sign for their organisation, with an antiforgery token.
        Assert.Contains(document.QuerySelectorAll("option, input[type=radio]"), o => o.TextContent.Contains(organisation.Name) || o.GetAttribute("value") == organisation.Id.ToString());
        Assert.NotNull(document.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Null((await anonymous.GetAsync(Page)).Headers.GetValues("Vary").FirstOrDefault(v => v.Contains("sol.auth")));
    }

    [SkippableFact]
    public async Task Should_take_an_anonymous_signature_from_the_cached_form_without_a_token()
    {
        await SigningScenario.OpenLetterAsync(App);
        var (_, page) = await BrowserlessClient.For(App).GetAsync(Page);
        Assert.Null(page.QuerySelector("input[name=__RequestVerificationToken]"));

        var response = await BrowserlessClient.For(App).SubmitAsync(page, Page, new Dictionary<string, string>
        {
            ["Data.Kind"] = "Individual",
            ["Data.SignerName"] = "Amina Diallo",
            ["Data.CountryCode"] = "SN",
            ["Data.Email"] = "amina@example.org",
            ["Data.Consent"] = "true",
        }, "form[action$='/sign']");

        BrowserlessClient.AssertRedirect(response, $"{Page}/sign");
        Assert.Single(await SigningScenario.SignaturesAsync(App), s => s.Email == "amina@example.org");
    }

    [SkippableFact]
    public async Task Should_refuse_a_signed_in_form_without_a_token_and_keep_the_answers()
    {
        var (_, coordinator, organisation) = await SigningScenario.OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);

        var response = await browser.Http.PostAsync($"{Page}/sign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Data.Kind"] = "Organisation",
            ["Data.OrganisationId"] = organisation.Id.ToString(),
            ["Data.SignerName"] = "Forged Name",
            ["Data.Consent"] = "true",
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("please check the form and send it again", html);
        Assert.Contains("Forged Name", html);
        Assert.Empty(await SigningScenario.SignaturesAsync(App));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PublicPageCachingTestsOnSqlite(SqliteSlice app) : PublicPageCachingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PublicPageCachingTestsOnPostgres(PostgresSlice app) : PublicPageCachingTests(app);
