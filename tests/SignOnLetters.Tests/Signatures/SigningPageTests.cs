using System.Net;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Signatures.SigningScenario;

namespace SignOnLetters.Tests.Signatures;

/// <summary>The signing pages as a signed-in person sees them, through the real login and cookies.</summary>
public abstract class SigningPageTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_let_a_signed_in_representative_sign_from_the_page_in_one_step()
    {
        await OpenLetterAsync(App);
        var (representative, organisation) = await App.CreateOrganisationAsync("Youth RISE", "IE", "rep@youthrise.example");
        App.RunAs(null);
        var browser = await SignedInAsync("rep@youthrise.example");

        var (page, form) = await browser.GetAsync($"/letters/{Slug}/sign");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{organisation.Id}\"", html);
        Assert.DoesNotContain(" style=\"", html);
        Assert.DoesNotContain("<script", html);
        var signed = await browser.SubmitAsync(form, $"/letters/{Slug}/sign", new Dictionary<string, string>
        {
            ["Data.OrganisationId"] = organisation.Id.ToString(), ["Data.SignerName"] = "Mae", ["Data.Consent"] = "true",
        });

        BrowserlessClient.AssertRedirect(signed, $"/letters/{Slug}/sign");
        var signature = Assert.Single(await SignaturesAsync(App));
        Assert.Equal((SignatureState.Approved, representative.Id), (signature.State, signature.RepresentativeUserId));
        Assert.Contains("Youth RISE", WebUtility.HtmlDecode(await browser.Http.GetStringAsync($"/letters/{Slug}/signatories")));
    }

    [SkippableFact]
    public async Task Should_show_the_review_queue_to_the_lead_coordinator_and_approve_from_the_page()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, new LetterSettings(WhoMaySign.OrganisationsAndIndividuals, ModerationMode.Manual, false));
        await App.SendAsync(Individual());
        await App.SendAsync(new Confirm.Command(Token(LinkPath(App, "rui@example.org", "/signatures/confirm/"))));
        var browser = await SignedInAsync(coordinator.Email!);

        var (page, queue) = await browser.GetAsync($"/letters/{Slug}/moderation");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("rui@example.org", queue.Body!.TextContent);
        var id = Assert.Single(await SignaturesAsync(App)).Id;
        var approved = await browser.SubmitAsync(queue, $"/letters/{Slug}/moderation", new Dictionary<string, string> { ["selected"] = id.ToString() }, "form#approve-form");

        BrowserlessClient.AssertRedirect(approved, $"/letters/{Slug}/moderation");
        Assert.Equal(SignatureState.Approved, Assert.Single(await SignaturesAsync(App)).State);
        var csv = await browser.Http.GetAsync($"/letters/{Slug}/signatures.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("rui@example.org", await csv.Content.ReadAsStringAsync());

        var anonymous = await App.Factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/letters/{Slug}/signatures.csv");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    private async Task<BrowserlessClient> SignedInAsync(string email)
    {
        App.RunAs(null);
        var browser = BrowserlessClient.For(App);
        var login = await browser.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = TestPasswords.Strong,
        }, "form#account");
        BrowserlessClient.AssertRedirect(login);
        return browser;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SigningPageTestsOnSqlite(SqliteSlice app) : SigningPageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SigningPageTestsOnPostgres(PostgresSlice app) : SigningPageTests(app);
