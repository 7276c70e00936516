using Microsoft.Playwright;
using SignOnLetters.BrowserTests.Infrastructure;
using SignOnLetters.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace SignOnLetters.BrowserTests.Journeys;

/// <summary>
/// The end of a letter's life, on its own app instance (it closes the demo letter, which the other
/// journeys sign): the coordinator looks at the moderation queue, closes the letter, is asked to turn
/// on two-factor authentication before delivering, does so with an authenticator code, delivers to
/// the addressee, and the public page then offers the signed PDF, which reads back.
/// </summary>
public sealed class DeliveryJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Addressee = "elena.markovic@riverton.example";

    [SkippableFact]
    public async Task Should_close_turn_on_two_factor_deliver_and_offer_the_signed_pdf()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync();
        var page = visitor.Page;
        await browser.SignInAsDemoCoordinatorAsync(visitor);

        await page.GotoAsync("/letters/demo/moderation");
        await visitor.AssertAccessibleAsync();
        await page.GotoAsync("/letters/demo/manage");
        await page.GetByRole(AriaRole.Link, new() { Name = "Close now" }).ClickAsync();
        // Closing asks first, on a page of its own.
        await Expect(page.GetByText("You can reopen it later for late signatures.")).ToBeVisibleAsync();
        await visitor.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close now" }).ClickAsync();
        await Expect(page.GetByText("Closed").First).ToBeVisibleAsync();

        // Delivering hands the signatories to the addressees: a password alone is not enough.
        await FillDeliveryAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send and mark delivered" }).ClickAsync();
        await Expect(page.GetByText("Turn on two-factor authentication", new() { Exact = false })).ToBeVisibleAsync();
        await visitor.ScreenshotAsync("journey-5-two-factor-asked");
        await page.GotoAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = (await page.Locator("kbd").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("Verification code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByText("recovery codes", new() { Exact = false }).First).ToBeVisibleAsync();

        await FillDeliveryAsync(page);
        await visitor.ScreenshotAsync("journey-5-delivery-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send and mark delivered" }).ClickAsync();
        var delivery = await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, Addressee, "", TimeSpan.FromSeconds(60));
        Assert.Contains(delivery.Attachments, attachment => attachment.ContentType.MimeType == "application/pdf");

        await page.GotoAsync("/letters/demo");
        await Expect(page.GetByText("Delivered to", new() { Exact = false }).First).ToBeVisibleAsync();
        Assert.DoesNotContain(Addressee, await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await visitor.ScreenshotAsync("journey-5-delivered-letter");
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Download the signed letter (PDF)" }).GetAttributeAsync("href");
        var pdf = await page.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, pdf.Status);
        var bytes = await pdf.BodyAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        var text = PdfText.Of(bytes);
        Assert.Contains("Keep people alive", text);
        // The headline as the letter page words it (issue 17, one wording for page, API, embed and PDF).
        Assert.Matches(@"\d+ signatories from \d+ countries: \d+ organisations and \d+ individuals", text);
    }

    private static async Task FillDeliveryAsync(IPage page)
    {
        await page.GotoAsync("/letters/demo/deliver");
        await page.Locator("#Data_AddresseeEmails_0_").FillAsync(Addressee);
        await page.Locator("#Data_CoverMessages_en__Value").FillAsync("Dear Dr Marković, please find our joint letter attached, with its signatories.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check before sending" })).ToBeVisibleAsync();
    }
}
