using SignOnLetters.TestSupport;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Tests.Infrastructure;

namespace SignOnLetters.Tests.Accounts;

/// <summary>Accounts and organisations through the real pages, antiforgery tokens and cookies included.</summary>
public abstract class AccountJourneyTests(SliceFixture app) : SliceTest(app)
{
    private const string Password = "Sturdy-Password-42";

    [SkippableFact]
    public async Task Should_register_confirm_the_email_sign_in_and_create_an_organisation()
    {
        var browser = BrowserlessClient.For(App);

        var registered = await browser.SubmitFormAsync("/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = "coordinator@example.org",
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        }, "form#registerForm");
        BrowserlessClient.AssertRedirect(registered, "/Identity/Account/RegisterConfirmation");

        // Unconfirmed accounts cannot sign in.
        var early = await SignInAsync(browser, "coordinator@example.org", Password);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("Invalid login attempt", await early.Content.ReadAsStringAsync());

        var confirmation = App.Emails.LatestTo("coordinator@example.org");
        var confirmLink = new Uri(EmailBox.LinkContaining(confirmation, "ConfirmEmail"));
        var (confirmed, confirmedPage) = await browser.GetAsync(confirmLink.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Thank you for confirming your email", confirmedPage.Body!.TextContent);

        BrowserlessClient.AssertRedirect(await SignInAsync(browser, "coordinator@example.org", Password), "/");

        var created = await browser.SubmitFormAsync("/organisations/new", new Dictionary<string, string>
        {
            ["Data.Name"] = "Asian Network of People who Use Drugs",
            ["Data.CountryCode"] = "TH",
            ["Data.Website"] = "https://example.org/anpud",
        });
        BrowserlessClient.AssertRedirect(created, "/organisations/");
        var (details, page) = await browser.GetAsync(created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Equal("Asian Network of People who Use Drugs", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Thailand", page.QuerySelector("dl.facts")!.TextContent);
    }

    [SkippableFact]
    public async Task Should_show_form_errors_next_to_the_fields_and_keep_what_was_typed()
    {
        var browser = await SignedInBrowserAsync("typist@example.org");

        var response = await browser.SubmitFormAsync("/organisations/new", new Dictionary<string, string>
        {
            ["Data.Name"] = "Réseau <b>bold</b>",
            ["Data.CountryCode"] = "QQ",
            ["Data.Website"] = "javascript:alert(1)",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        var summary = page.QuerySelector("#form-errors")!;
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.Contains(summary.QuerySelectorAll("a"), a => a.GetAttribute("href") == "#Data_Name");
        Assert.Contains(summary.QuerySelectorAll("a"), a => a.GetAttribute("href") == "#Data_CountryCode");
        Assert.Contains(summary.QuerySelectorAll("a"), a => a.GetAttribute("href") == "#Data_Website");
        Assert.Equal("Réseau <b>bold</b>", (page.QuerySelector("#Data_Name") as IHtmlInputElement)!.Value);
        Assert.DoesNotContain("<b>bold</b>", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.Organisations.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_explain_a_20_megabyte_logo_instead_of_failing_the_request()
    {
        var browser = await SignedInBrowserAsync("uploader@example.org");
        var (_, form) = await browser.GetAsync("/organisations/new");
        var token = (form.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement)!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Heavy Logo Network"), "Data.Name" },
            { new StringContent("NL"), "Data.CountryCode" },
            { new ByteArrayContent(new byte[20 * 1024 * 1024]), "Data.Logo", "logo.png" },
        };

        var response = await browser.Http.PostAsync("/organisations/new", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("the limit is 2 MB", (await ParseAsync(response)).QuerySelector("#form-errors")!.TextContent);
        Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.Organisations.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_refuse_a_post_without_the_antiforgery_token()
    {
        var browser = await SignedInBrowserAsync("csrf@example.org");

        var response = await browser.Http.PostAsync("/organisations/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Data.Name"] = "Forged Network",
            ["Data.CountryCode"] = "NL",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.Organisations.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_send_anonymous_visitors_of_coordinator_pages_to_sign_in()
    {
        var browser = BrowserlessClient.For(App);

        foreach (var path in new[] { "/organisations", "/organisations/new", "/organisations/1", "/organisations/1/edit", "/organisations/1/invite", "/invitations/abc" })
        {
            var (response, _) = await browser.GetAsync(path);
            BrowserlessClient.AssertRedirect(response, "http://localhost/Identity/Account/Login");
        }
    }

    [SkippableFact]
    public async Task Should_enrol_an_authenticator_app_and_then_ask_for_its_code_at_sign_in()
    {
        var browser = await SignedInBrowserAsync("careful@example.org");
        var (setup, setupPage) = await browser.GetAsync("/Identity/Account/Manage/EnableAuthenticator");
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.StartsWith("data:image/png;base64,", setupPage.QuerySelector("img.qr-code")!.GetAttribute("src"));
        var key = setupPage.QuerySelector("kbd")!.TextContent.Replace(" ", string.Empty);

        var verified = await browser.SubmitAsync(setupPage, "/Identity/Account/Manage/EnableAuthenticator",
            new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "form#send-code");
        BrowserlessClient.AssertRedirect(verified, "/Identity/Account/Manage/ShowRecoveryCodes");

        var second = BrowserlessClient.For(App);
        var signIn = await SignInAsync(second, "careful@example.org", Password);
        BrowserlessClient.AssertRedirect(signIn, "/Identity/Account/LoginWith2fa");
        Assert.False((await second.GetAsync("/organisations")).Response.IsSuccessStatusCode);
        var withCode = await second.SubmitFormAsync("/Identity/Account/LoginWith2fa?ReturnUrl=%2Forganisations",
            new Dictionary<string, string> { ["Input.TwoFactorCode"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        BrowserlessClient.AssertRedirect(withCode, "/organisations");
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/organisations")).Response.StatusCode);
    }

    [SkippableFact]
    public async Task Should_reset_a_forgotten_password_through_the_emailed_link_without_revealing_unknown_addresses()
    {
        await App.CreateUserAsync("forgetful@example.org", password: Password);
        var browser = BrowserlessClient.For(App);

        var known = await browser.SubmitFormAsync("/Identity/Account/ForgotPassword",
            new Dictionary<string, string> { ["Input.Email"] = "forgetful@example.org" });
        var unknown = await browser.SubmitFormAsync("/Identity/Account/ForgotPassword",
            new Dictionary<string, string> { ["Input.Email"] = "nobody@example.org" });
        BrowserlessClient.AssertRedirect(known, "/Identity/Account/ForgotPasswordConfirmation");
        BrowserlessClient.AssertRedirect(unknown, "/Identity/Account/ForgotPasswordConfirmation");
        Assert.Empty(App.Emails.To("nobody@example.org"));

        var resetLink = new Uri(EmailBox.LinkContaining(App.Emails.LatestTo("forgetful@example.org"), "ResetPassword"));
        var reset = await browser.SubmitFormAsync(resetLink.PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = "forgetful@example.org",
            ["Input.Password"] = "A-New-Password-77",
            ["Input.ConfirmPassword"] = "A-New-Password-77",
        });
        BrowserlessClient.AssertRedirect(reset, "/Identity/Account/ResetPasswordConfirmation");

        Assert.Contains("Invalid login attempt", await (await SignInAsync(BrowserlessClient.For(App), "forgetful@example.org", Password)).Content.ReadAsStringAsync());
        BrowserlessClient.AssertRedirect(await SignInAsync(BrowserlessClient.For(App), "forgetful@example.org", "A-New-Password-77"), "/");
    }

    [SkippableFact]
    public async Task Should_keep_data_protection_keys_in_the_database_so_every_instance_shares_them()
    {
        await BrowserlessClient.For(App).GetAsync("/Identity/Account/Login");

        Assert.True(await App.ExecuteDbContextAsync(db => db.DataProtectionKeys.AnyAsync()));
    }

    [SkippableFact]
    public async Task Should_make_only_configured_accounts_site_administrators_who_may_then_manage_any_organisation()
    {
        var (_, organisation) = await App.CreateOrganisationAsync("Somebody's Network", "IT");
        var admin = await App.CreateUserAsync(SliceFixture.AdministratorEmail);
        var ordinary = await App.CreateUserAsync("ordinary@example.org");

        await App.ExecuteScopeAsync(sp => sp.GetRequiredService<SignOnLetters.Web.Infrastructure.Seeding.AdministratorSetup>().ApplyAsync());

        App.RunAs(ordinary);
        await Assert.ThrowsAsync<SignOnLetters.Web.Infrastructure.NotFoundException>(() =>
            App.SendAsync(new SignOnLetters.Web.Pages.Organisations.Details.Query(organisation.Id)));
        App.RunAs(admin);
        var details = await App.SendAsync(new SignOnLetters.Web.Pages.Organisations.Details.Query(organisation.Id));
        Assert.True(details.CanManage);
    }

    [SkippableFact]
    public async Task Should_sign_out_with_the_button_in_the_header()
    {
        var browser = await SignedInBrowserAsync("leaving@example.org");

        var signedOut = await browser.SubmitFormAsync("/", new Dictionary<string, string>(), "header form[action^='/Identity/Account/Logout']");

        BrowserlessClient.AssertRedirect(signedOut, "/");
        BrowserlessClient.AssertRedirect((await browser.GetAsync("/organisations")).Response, "http://localhost/Identity/Account/Login");
    }

    private async Task<BrowserlessClient> SignedInBrowserAsync(string email)
    {
        await App.CreateUserAsync(email, password: Password);
        var browser = BrowserlessClient.For(App);
        BrowserlessClient.AssertRedirect(await SignInAsync(browser, email, Password));
        return browser;
    }

    private static Task<HttpResponseMessage> SignInAsync(BrowserlessClient browser, string email, string password) =>
        browser.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }, "form#account");

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}

[Collection(SqliteCollection.Name)]
public sealed class AccountJourneyTestsOnSqlite(SqliteSlice app) : AccountJourneyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AccountJourneyTestsOnPostgres(PostgresSlice app) : AccountJourneyTests(app);
