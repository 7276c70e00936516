using Microsoft.EntityFrameworkCore;
using System.Net;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Signing;

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
        var approved = await browser.SubmitAsync(queue, $"/letters/{Slug}/moderation", new Dictionary<string, string> { ["selected"] = id.ToString() }, "form#review-form");

        BrowserlessClient.AssertRedirect(approved, $"/letters/{Slug}/moderation");
        Assert.Equal(SignatureState.Approved, Assert.Single(await SignaturesAsync(App)).State);
        var csv = await browser.Http.GetAsync($"/letters/{Slug}/signatures.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("rui@example.org", text);
        // Signed and confirmed times in ISO 8601 UTC, never a culture's month-first date.
        Assert.Matches(@"(^|,)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z(,|$)", text.Split('\n')[1]);
        Assert.DoesNotMatch(@"\d{1,2}/\d{1,2}/\d{4}", text);

        var anonymous = await App.Factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/letters/{Slug}/signatures.csv");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }

    [SkippableFact]
    public async Task Should_show_the_organisation_in_the_review_queue_and_reject_the_ticked_signatures_from_the_page()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, new LetterSettings(WhoMaySign.OrganisationsAndIndividuals, ModerationMode.Manual, false));
        var ana = await SignAndConfirmAsync(App, Organisation("Médecins du Monde", "ana@example.org"));
        var rui = await SignAndConfirmAsync(App, Individual() with { OrganisationName = "Harm Reduction International" });
        var kept = await SignAndConfirmAsync(App, Individual("Mae", "mae@example.org"));
        var browser = await SignedInAsync(coordinator.Email!);

        var (_, queue) = await browser.GetAsync($"/letters/{Slug}/moderation");
        var headers = queue.QuerySelectorAll("#review-form th").Select(h => h.TextContent).ToList();
        var organisationColumn = headers.IndexOf("Organisation");
        Assert.True(organisationColumn >= 0, string.Join(", ", headers));
        var organisations = queue.QuerySelectorAll("#review-form tbody tr").Select(r => r.QuerySelectorAll("td")[organisationColumn].TextContent).ToList();
        Assert.Equal(["Médecins du Monde", "Harm Reduction International (for identification)", "—"], organisations);
        Assert.Null(queue.QuerySelector("script"));

        // Nothing ticked: told so, nothing changes.
        var empty = await browser.SubmitAsync(queue, $"/letters/{Slug}/moderation", new Dictionary<string, string> { ["Rejection.Reason"] = "Spam" },
            "form#review-form", "button[formaction*='handler=Reject']");
        Assert.Contains("Select the signatures to reject.", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));

        foreach (var id in new[] { ana, rui })
            ((AngleSharp.Html.Dom.IHtmlInputElement)queue.QuerySelector($"#select-{id}")!).IsChecked = true;
        var rejected = await browser.SubmitAsync(queue, $"/letters/{Slug}/moderation", new Dictionary<string, string> { ["Rejection.Reason"] = "Not harm reduction groups" },
            "form#review-form", "button[formaction*='handler=Reject']");

        BrowserlessClient.AssertRedirect(rejected, $"/letters/{Slug}/moderation");
        var states = (await SignaturesAsync(App)).ToDictionary(s => s.Id);
        Assert.Equal((SignatureState.Rejected, SignatureState.Rejected, SignatureState.HeldForReview), (states[ana].State, states[rui].State, states[kept].State));
        Assert.Equal("Not harm reduction groups", states[rui].RejectionReason);
        var (_, after) = await browser.GetAsync($"/letters/{Slug}/moderation");
        Assert.Contains("2 signatures rejected.", after.Body!.TextContent);

        // A forged id (another letter's, or none) in the post: refused as a whole.
        var forged = await browser.SubmitAsync(after, $"/letters/{Slug}/moderation",
            new Dictionary<string, string> { ["selected"] = "999999", ["Rejection.Reason"] = "Spam" }, "form#review-form", "button[formaction*='handler=Reject']");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var garbage = await browser.SubmitAsync(after, $"/letters/{Slug}/moderation",
            new Dictionary<string, string> { ["selected"] = "1 OR 1=1", ["Rejection.Reason"] = "Spam" }, "form#review-form", "button[formaction*='handler=Reject']");
        Assert.NotEqual(HttpStatusCode.InternalServerError, garbage.StatusCode);
        Assert.Equal(SignatureState.HeldForReview, (await SignaturesAsync(App)).Single(s => s.Id == kept).State);
    }

    [SkippableFact]
    public async Task Should_prefill_the_representatives_one_step_form_so_sending_it_as_it_is_signs()
    {
        await OpenLetterAsync(App);
        var representative = await App.CreateUserAsync("mae@youthrise.example", displayName: "Mae O'Brien");
        var (_, organisation) = await App.CreateOrganisationAsync("Youth RISE", "IE");
        await App.ExecuteDbContextAsync(async db =>
        {
            var tracked = await db.Organisations.Include(o => o.Memberships).SingleAsync(o => o.Id == organisation.Id);
            tracked.AddMember(representative.Id, SignOnLetters.Domain.OrganisationRole.Representative, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        var browser = await SignedInAsync("mae@youthrise.example");

        var (_, form) = await browser.GetAsync($"/letters/{Slug}");
        // Chosen and filled in: the organisation, and the account's name; the e-mail path's fields are
        // marked to be hidden while an organisation is chosen.
        Assert.NotNull(form.QuerySelector($"#sign-org-{organisation.Id}[checked]"));
        Assert.Equal("Mae O'Brien", form.QuerySelector("#Data_SignerName")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("#sign form.can-represent .anonymous-only #Data_Email"));
        Assert.NotNull(form.QuerySelector("#sign form.can-represent .anonymous-only #Data_CountryCode"));
        var signed = await browser.SubmitAsync(form, $"/letters/{Slug}", new Dictionary<string, string> { ["Data.Consent"] = "true" }, "#sign form");

        BrowserlessClient.AssertRedirect(signed, $"/letters/{Slug}/sign");
        var signature = Assert.Single(await SignaturesAsync(App));
        Assert.Equal(("Youth RISE", "Mae O'Brien", SignatureState.Approved), (signature.OrganisationName, signature.SignerName, signature.State));
    }

    [SkippableFact]
    public async Task Should_show_the_next_steps_instead_of_a_blank_form_after_signing()
    {
        await OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);

        var signed = await browser.SubmitFormAsync($"/letters/{Slug}", new Dictionary<string, string>
        {
            ["Data.Kind"] = "Individual", ["Data.SignerName"] = "Rui Costa", ["Data.CountryCode"] = "PT",
            ["Data.Email"] = "rui@example.org", ["Data.Consent"] = "true",
        }, "#sign form");
        BrowserlessClient.AssertRedirect(signed, $"/letters/{Slug}/sign");
        var (_, thanks) = await browser.GetAsync(signed.Headers.Location!.ToString());

        Assert.Contains("Check your inbox", thanks.QuerySelector(".signed-next-steps h2")!.TextContent);
        Assert.Equal($"/letters/{Slug}/sign/resend", thanks.QuerySelector(".signed-next-steps a[href$='/resend']")!.GetAttribute("href"));
        Assert.EndsWith($"/letters/{Slug}", thanks.QuerySelector("#share-url")!.GetAttribute("value"));
        Assert.Null(thanks.QuerySelector("#Data_SignerName")); // no blank form under the thank-you
        // Opened again later, the page is the form again.
        var (_, later) = await browser.GetAsync($"/letters/{Slug}/sign");
        Assert.NotNull(later.QuerySelector("#Data_SignerName"));
    }

    [SkippableFact]
    public async Task Should_offer_a_jump_to_the_form_at_the_top_and_the_language_switch_in_the_header()
    {
        await OpenLetterAsync(App);

        var (_, page) = await BrowserlessClient.For(App).GetAsync($"/letters/{Slug}");

        var jump = page.QuerySelector(".letter-head a[href='#sign']")!;
        Assert.Equal("Sign this letter", jump.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#sign form"));
        Assert.NotNull(page.QuerySelector("header.site-header form.language-switcher select[name=language]"));
        Assert.Null(page.QuerySelector("footer .language-switcher"));
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
