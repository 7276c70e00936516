using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Tests.Letters;

/// <summary>The real pages and the JSON API over HTTP, as a browser without JavaScript and a partner's server see them.</summary>
public abstract partial class LetterHttpTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_show_an_open_letter_publicly_in_the_chosen_language_with_share_meta_and_nothing_from_other_hosts()
    {
        var slug = await App.OpenReadyLetterAsync();
        App.RunAs(null);
        var browser = BrowserlessClient.For(App);

        var (response, page) = await browser.GetAsync($"/letters/{slug}");
        var html = page.DocumentElement.OuterHtml;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("End the war on drugs", page.QuerySelector("article h1")!.TextContent);
        Assert.Equal("en", page.QuerySelector("article")!.GetAttribute("lang"));
        Assert.Contains("Dr Jane Doe", page.QuerySelector(".addressees")!.TextContent);
        Assert.Contains("Not yet signed", page.QuerySelector(".headline-count")!.TextContent);
        Assert.Contains("Harm Reduction International", page.QuerySelector(".letter-meta")!.TextContent);
        Assert.Equal("End the war on drugs", page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal($"http://localhost/letters/{slug}", page.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        Assert.Equal("summary", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.StartsWith("Dear Dr Doe", page.QuerySelector("meta[name='description']")!.GetAttribute("content"));
        Assert.NotNull(page.QuerySelector("#sign"));
        Assert.Equal(["English", "Français"], page.QuerySelectorAll(".language-versions a").Select(a => a.TextContent));
        // Everything the browser fetches by itself (the canonical link is only an address, never fetched).
        Assert.All(SubresourcePattern().Matches(html).Where(m => !m.Value.Contains("rel=\"canonical\"")).Select(m => m.Groups["url"].Value), url => Assert.True(url.StartsWith('/') && !url.StartsWith("//"), url));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=\"", html);

        var (_, french) = await browser.GetAsync($"/letters/{slug}?lang=fr");
        Assert.Equal("Mettre fin à la guerre aux drogues", french.QuerySelector("article h1")!.TextContent);
        Assert.Equal("fr", french.QuerySelector("article")!.GetAttribute("lang"));
        var (_, unknown) = await browser.GetAsync($"/letters/{slug}?lang=%3Cscript%3E");
        Assert.Equal("End the war on drugs", unknown.QuerySelector("article h1")!.TextContent);
    }

    [SkippableTheory]
    [InlineData("/letters/no-such-letter")]
    [InlineData("/letters/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/letters/A%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/letters/demo'%20OR%20'1'='1")]
    [InlineData("/letters/%E2%80%AEevil")]
    [InlineData("/api/letters/..%2F..%2Fetc%2Fpasswd")]
    public async Task Should_answer_hostile_or_unknown_slugs_with_404(string path)
    {
        var response = await App.Factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var longSlug = await App.Factory.CreateClient().GetAsync("/letters/" + new string('a', 5000));
        Assert.Equal(HttpStatusCode.NotFound, longSlug.StatusCode);
    }

    [SkippableFact]
    public async Task Should_keep_drafts_private_on_the_page_and_in_the_api()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        App.RunAs(null);
        var client = App.Factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/letters/{slug}")).StatusCode);
        var api = await client.GetAsync($"/api/letters/{slug}");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Should_link_a_favicon_from_every_page_and_serve_it()
    {
        var slug = await App.OpenReadyLetterAsync();
        App.RunAs(null);
        var browser = BrowserlessClient.For(App);

        foreach (var path in new[] { "/", $"/letters/{slug}", $"/letters/{slug}/signatories" })
        {
            var (_, page) = await browser.GetAsync(path);
            Assert.StartsWith("/favicon.svg", page.QuerySelector("link[rel='icon']")?.GetAttribute("href"));
        }
        var icon = await App.Factory.CreateClient().GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Should_serve_the_letter_as_json_and_unknown_slugs_as_problem_details()
    {
        var slug = await App.OpenReadyLetterAsync();
        App.RunAs(null);
        var client = App.Factory.CreateClient();

        var response = await client.GetAsync($"/api/letters/{slug}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("End the war on drugs", root.GetProperty("title").GetString());
        Assert.Equal("SignOnLetter", root.GetProperty("kind").GetString());
        Assert.Equal("Open", root.GetProperty("status").GetString());
        Assert.Equal(["en", "fr"], root.GetProperty("languageVersions").EnumerateArray().Select(v => v.GetProperty("language").GetString()));
        // Each version's text, as written and as the page shows it, and the addressees: what an addressee's office or a partner republishes.
        var english = root.GetProperty("languageVersions")[0];
        Assert.StartsWith("Dear Dr Doe", english.GetProperty("text").GetString());
        Assert.StartsWith("<p>Dear Dr Doe", english.GetProperty("html").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("languageVersions")[1].GetProperty("text").GetString()));
        Assert.Equal("Dr Jane Doe", root.GetProperty("addressees")[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("deadline").ValueKind);
        var counts = root.GetProperty("counts");
        Assert.Equal((0, 0, 0, 0), (counts.GetProperty("organisations").GetInt32(), counts.GetProperty("individuals").GetInt32(),
            counts.GetProperty("countries").GetInt32(), counts.GetProperty("total").GetInt32()));
        var french = JsonDocument.Parse(await client.GetStringAsync($"/api/letters/{slug}?lang=fr")).RootElement;
        Assert.Equal("Mettre fin à la guerre aux drogues", french.GetProperty("title").GetString());

        var missing = await client.GetAsync("/api/letters/no-such-letter");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
    }

    [SkippableFact]
    public async Task Should_render_every_editor_page_and_send_anonymous_visitors_to_sign_in()
    {
        var (coordinator, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        App.RunAs(null);
        var anonymous = await App.Factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/letters/{slug}/edit");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Identity/Account/Login", anonymous.Headers.Location!.OriginalString);

        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);
        foreach (var path in new[] { "/letters", "/letters/new", $"/letters/{slug}/edit", $"/letters/{slug}/history", $"/letters/{slug}/manage", $"/letters/{slug}/amend", $"/letters/{slug}" })
        {
            var (response, page) = await browser.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            Assert.NotNull(page.QuerySelector("main h1"));
            Assert.DoesNotContain(" style=\"", page.DocumentElement.OuterHtml);
        }
        var (_, preview) = await browser.GetAsync($"/letters/{slug}");
        Assert.Contains("has not been opened for signatures", preview.QuerySelector("main")!.TextContent);
    }

    [SkippableFact]
    public async Task Should_create_edit_and_open_a_letter_through_the_forms_and_show_errors_in_the_form()
    {
        var (coordinator, organisation) = await App.CreateOrganisationAsync();
        App.RunAs(null);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);

        var created = await browser.SubmitFormAsync("/letters/new", new Dictionary<string, string>
        {
            ["Data.Title"] = "Naloxone in every pharmacy", ["Data.LanguageCode"] = "en", ["Data.LeadOrganisationId"] = organisation.Id.ToString(),
        });
        BrowserlessClient.AssertRedirect(created, "/letters/naloxone-in-every-pharmacy/edit");

        var refused = await browser.SubmitFormAsync("/letters/naloxone-in-every-pharmacy/edit", new Dictionary<string, string>
        {
            ["Data.Texts[0].Body"] = "Dear Mayor, <script>alert(1)</script>",
            ["Data.Addressees[0].Name"] = "The Mayor",
        });
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("contains HTML", refusedHtml);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", refusedHtml);
        Assert.DoesNotContain("<script>alert(1)", refusedHtml);

        var saved = await browser.SubmitFormAsync("/letters/naloxone-in-every-pharmacy/edit", new Dictionary<string, string>
        {
            ["Data.Texts[0].Body"] = "Dear Mayor,\n\nPlease fund naloxone.",
            ["Data.Texts[1].LanguageCode"] = "es", ["Data.Texts[1].Title"] = "Naloxona en cada farmacia", ["Data.Texts[1].Body"] = "Estimado alcalde:",
            ["Data.Addressees[0].Name"] = "The Mayor", ["Data.Addressees[0].Institution"] = "City of Example",
            ["Data.Deadline"] = "2026-05-31T23:59", ["Data.DeadlineTimeZone"] = "America/Mexico_City",
            ["Data.Moderation"] = "Manual", ["Data.IndividualsMustGiveOrganisation"] = "true",
        });
        BrowserlessClient.AssertRedirect(saved, "/letters/naloxone-in-every-pharmacy/edit");
        var letter = await App.LoadAsync("naloxone-in-every-pharmacy");
        Assert.Equal(["en", "es"], letter.Texts.Select(t => t.LanguageCode).Order());
        Assert.Equal((ModerationMode.Manual, true), (letter.Moderation, letter.IndividualsMustGiveOrganisation));
        Assert.Equal(new DateTime(2026, 6, 1, 5, 59, 0, DateTimeKind.Utc), letter.DeadlineUtc);

        var opened = await browser.SubmitFormAsync("/letters/naloxone-in-every-pharmacy/manage", new Dictionary<string, string>(), "form[action*='handler=Step']");
        BrowserlessClient.AssertRedirect(opened);
        Assert.Equal(LetterStatus.Open, (await App.LoadAsync("naloxone-in-every-pharmacy")).Status);
        var (_, publicPage) = await BrowserlessClient.For(App).GetAsync("/letters/naloxone-in-every-pharmacy");
        Assert.Contains("31 May 2026, 23:59 (UTC\u221206:00)", publicPage.QuerySelector(".letter-meta")!.TextContent);
    }

    [SkippableFact]
    public async Task Should_show_the_second_editor_the_conflict_and_the_other_change_in_the_form()
    {
        var (coordinator, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        App.RunAs(null);
        var first = BrowserlessClient.For(App);
        await first.SignInAsync(coordinator.Email!);
        var second = BrowserlessClient.For(App);
        await second.SignInAsync(coordinator.Email!);
        var (_, secondForm) = await second.GetAsync($"/letters/{slug}/edit");

        BrowserlessClient.AssertRedirect(await first.SubmitFormAsync($"/letters/{slug}/edit",
            new Dictionary<string, string> { ["Data.Texts[0].Body"] = "Dear Dr Doe,\n\nThe first editor's paragraph." }));
        var conflict = await second.SubmitAsync(secondForm, $"/letters/{slug}/edit",
            new Dictionary<string, string> { ["Data.Texts[0].Title"] = "The second editor's title" });
        var html = await conflict.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("saved this letter", html);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Contains("The first editor's paragraph.", document.QuerySelector("#conflict .diff-inserted")!.TextContent);
        Assert.Contains("value=\"The second editor&#x27;s title\"", html);
        Assert.Equal("End the war on drugs", (await App.LoadAsync(slug)).Texts.Single(t => t.LanguageCode == "en").Title);
    }

    [SkippableFact]
    public async Task Should_answer_403_to_a_co_editor_who_tries_to_open_the_letter_over_http()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        var coEditor = await App.CreateUserAsync("co-editor@example.org");
        await App.ExecuteDbContextAsync(async db =>
        {
            var letter = await db.Letters.Include(l => l.Editors).SingleAsync(l => l.Slug == slug);
            letter.AddEditor(coEditor.Id, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        App.RunAs(null);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coEditor.Email!);
        var (manage, managePage) = await browser.GetAsync($"/letters/{slug}/manage");
        Assert.Equal(HttpStatusCode.OK, manage.StatusCode);
        Assert.Null(managePage.QuerySelector("form[action*='handler=Step']"));

        // A forged POST of the coordinator's form, with a valid antiforgery token from the edit page.
        var (_, editPage) = await browser.GetAsync($"/letters/{slug}/edit");
        var token = editPage.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var forged = await browser.Http.PostAsync($"/letters/{slug}/manage?handler=Step", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["step"] = "Open", ["changeCount"] = (await App.ChangeCountAsync(slug)).ToString(),
        }));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(LetterStatus.Draft, (await App.LoadAsync(slug)).Status);
    }

    [SkippableFact]
    public async Task Should_ask_before_closing_a_letter_and_close_nothing_on_a_post_that_skips_the_question()
    {
        var (coordinator, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        await App.SendAsync(new Manage.ChangeStatus(slug, Manage.LetterStep.Open, await App.ChangeCountAsync(slug)));
        App.RunAs(null);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);

        var (_, manage) = await browser.GetAsync($"/letters/{slug}/manage");
        Assert.Equal($"/letters/{slug}/close", manage.QuerySelector("a#close-link")!.GetAttribute("href"));
        var token = manage.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        // The old one-click post, with a valid token: it only leads to the question.
        var skipped = await browser.Http.PostAsync($"/letters/{slug}/manage?handler=Step", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["step"] = "Close", ["changeCount"] = (await App.ChangeCountAsync(slug)).ToString(),
        }));
        BrowserlessClient.AssertRedirect(skipped, $"/letters/{slug}/close");
        Assert.Equal(LetterStatus.Open, (await App.LoadAsync(slug)).Status);

        var (_, question) = await browser.GetAsync($"/letters/{slug}/close");
        var text = question.QuerySelector("#confirm-close")!.TextContent;
        Assert.Contains("stops taking signatures at once", text);
        Assert.Contains("You can reopen it later", text);
        Assert.Null(question.QuerySelector("script"));
        // Without the antiforgery token, or after the letter changed since the question was shown: nothing closes.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Http.PostAsync($"/letters/{slug}/close",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["changeCount"] = (await App.ChangeCountAsync(slug)).ToString() }))).StatusCode);
        var stale = await browser.SubmitAsync(question, $"/letters/{slug}/close", new Dictionary<string, string> { ["changeCount"] = "-5" }, "#confirm-close form");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("The letter changed since you loaded this page", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
        Assert.Equal(LetterStatus.Open, (await App.LoadAsync(slug)).Status);

        var closed = await browser.SubmitAsync(question, $"/letters/{slug}/close", new Dictionary<string, string>(), "#confirm-close form");
        BrowserlessClient.AssertRedirect(closed, $"/letters/{slug}/manage");
        Assert.Equal(LetterStatus.Closed, (await App.LoadAsync(slug)).Status);
        var (_, after) = await browser.GetAsync($"/letters/{slug}/close");
        Assert.Null(after.QuerySelector("#confirm-close"));
    }

    [SkippableFact]
    public async Task Should_seed_one_open_demo_letter_in_four_languages_with_automatic_moderation()
    {
        await App.ExecuteScopeAsync(sp => sp.GetRequiredService<SignOnLetters.Web.Infrastructure.Seeding.DemoSeeder>().SeedAsync());
        await App.ExecuteScopeAsync(sp => sp.GetRequiredService<SignOnLetters.Web.Infrastructure.Seeding.DemoSeeder>().SeedAsync());

        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.Letters.CountAsync()));
        var letter = await App.LoadAsync("demo");
        Assert.Equal((LetterStatus.Open, ModerationMode.Automatic), (letter.Status, letter.Moderation));
        Assert.Equal(["en", "es", "fr", "ru"], letter.Texts.Select(t => t.LanguageCode).Order());
        Assert.Contains("Public Health", letter.Addressees.Single().Title);
        Assert.True(letter.DeadlineUtc > App.Clock.GetUtcNow().UtcDateTime);
        Assert.All(letter.Texts, t => Assert.Null(SignOnLetters.Web.Infrastructure.Markdown.LetterMarkdown.Problem(t.Body)));
        var (response, page) = await BrowserlessClient.For(App).GetAsync("/letters/demo?lang=ru");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Сохранить жизни: финансируйте снижение вреда в Ривертоне сейчас", page.QuerySelector("article h1")!.TextContent);
        Assert.Equal(4, page.QuerySelectorAll(".language-versions a").Length);
    }

    [GeneratedRegex("<(?:script|link|img|iframe|source)\\b[^>]*\\b(?:src|href)=\"(?<url>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex SubresourcePattern();
}

[Collection(SqliteCollection.Name)]
public sealed class LetterHttpTestsOnSqlite(SqliteSlice app) : LetterHttpTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LetterHttpTestsOnPostgres(PostgresSlice app) : LetterHttpTests(app);
