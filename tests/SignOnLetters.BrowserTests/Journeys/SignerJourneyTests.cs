using Microsoft.Playwright;
using SignOnLetters.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SignOnLetters.BrowserTests.Journeys;

/// <summary>
/// Signers as they meet the product: on a phone, with the confirmation link from their mailbox,
/// withdrawing later; and with JavaScript switched off altogether.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignerJourneyTests(BrowserFixture browser, Xunit.Abstractions.ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Should_let_an_individual_sign_on_a_phone_confirm_from_the_email_and_withdraw_later()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync(BrowserFixture.Phone);
        var page = visitor.Page;
        const string email = "phone.signer@example.org";

        await page.GotoAsync("/letters/demo");
        await FillIndividualAsync(page, "Lindiwe Dlamini", "ZA", email);
        await visitor.ScreenshotAsync("journey-3-phone-sign-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Check your inbox", new() { Exact = false })).Not.ToHaveCountAsync(0);
        await visitor.AssertAccessibleAsync();

        var confirmation = await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, email, "confirm your signature");
        await page.GotoAsync(Mailbox.Link(confirmation, "/signatures/confirm/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your signature" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my signature" }).ClickAsync();
        await page.GotoAsync("/letters/demo/signatories?page=1");
        await page.GotoAsync("/letters/demo");
        Assert.True(await SignedAsync(browser, "Lindiwe Dlamini"), "The confirmed signature is not listed.");
        await visitor.ScreenshotAsync("journey-3-phone-confirmed");

        await page.GotoAsync(Mailbox.Link(confirmation, "/signatures/withdraw/"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw my signature" }).ClickAsync();
        await Expect(page.GetByText("withdrawn", new() { Exact = false })).Not.ToHaveCountAsync(0);
        Assert.False(await SignedAsync(browser, "Lindiwe Dlamini"), "The withdrawn signature is still listed.");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "A signing page scrolls sideways on a phone.");
        Assert.All(visitor.Requests, url => Assert.StartsWith(browser.App.BaseAddress.ToString(), url));
    }

    [SkippableFact]
    public async Task Should_sign_and_confirm_with_javascript_switched_off()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync(javaScript: false);
        var page = visitor.Page;
        const string email = "no.script@example.org";

        await page.GotoAsync("/letters/demo");
        await FillIndividualAsync(page, "Tomás Ó Briain", "IE", email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Check your inbox", new() { Exact = false })).Not.ToHaveCountAsync(0);

        var confirmation = await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, email, "confirm your signature");
        await page.GotoAsync(Mailbox.Link(confirmation, "/signatures/confirm/"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my signature" }).ClickAsync();
        await visitor.ScreenshotAsync("journey-6-no-javascript-confirmed");

        Assert.True(await SignedAsync(browser, "Tomás Ó Briain"), "The signature made without JavaScript is not listed.");
    }

    [SkippableFact]
    public async Task Should_send_the_letter_page_with_its_sign_form_in_at_most_60_kilobytes()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync(BrowserFixture.Phone);
        var responses = new List<IResponse>();
        visitor.Page.Response += (_, response) => { lock (responses) responses.Add(response); };

        await visitor.Page.GotoAsync("/letters/demo", new() { WaitUntil = WaitUntilState.NetworkIdle });

        long transferred = 0;
        foreach (var response in responses.ToList())
        {
            var sizes = await response.Request.SizesAsync();
            transferred += sizes.ResponseHeadersSize + sizes.ResponseBodySize;
        }
        output.WriteLine($"First load of /letters/demo: {transferred / 1024.0:F1} KB over {responses.Count} responses.");
        var document = responses.First(response => response.Url.EndsWith("/letters/demo", StringComparison.Ordinal));
        Assert.Contains(await document.HeaderValueAsync("content-encoding") ?? "", new[] { "br", "gzip" });
        Assert.True(transferred <= 60 * 1024, $"The first load of the letter page transferred {transferred / 1024.0:F1} KB over {responses.Count} responses.");
        Assert.All(visitor.Requests, url => Assert.StartsWith(browser.App.BaseAddress.ToString(), url));
    }

    private static async Task FillIndividualAsync(IPage page, string name, string country, string email)
    {
        await page.GetByLabel("An individual").CheckAsync();
        await page.GetByLabel("Country").SelectOptionAsync(country);
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "E-mail address" }).FillAsync(email);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "I agree" }).CheckAsync();
    }

    /// <summary>Whether the public list (JSON API, all pages) names the signer.</summary>
    private static async Task<bool> SignedAsync(BrowserFixture browser, string name)
    {
        using var http = new HttpClient { BaseAddress = browser.App.BaseAddress };
        for (var page = 1; page <= 50; page++)
        {
            var json = await http.GetStringAsync($"/api/letters/demo/signatories?page={page}");
            if (json.Contains(name, StringComparison.Ordinal))
                return true;
            if (!json.Contains("\"name\"", StringComparison.OrdinalIgnoreCase))
                return false;
        }
        return false;
    }
}
