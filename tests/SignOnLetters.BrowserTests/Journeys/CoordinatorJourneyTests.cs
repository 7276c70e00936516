using Microsoft.Playwright;
using SignOnLetters.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SignOnLetters.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class CoordinatorJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Should_let_a_coordinator_register_create_an_organisation_draft_and_open_a_letter_and_sign_another_in_one_step()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync();
        var page = visitor.Page;
        var email = $"coordinator-{Guid.NewGuid():N}@example.org";

        await page.GotoAsync("/");
        await visitor.AssertAccessibleAsync();
        await visitor.ScreenshotAsync("journey1-01-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a coordinator account" }).ClickAsync();

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("Journey-Password-1");
        await page.GetByLabel("Confirm Password").FillAsync("Journey-Password-1");
        await visitor.AssertAccessibleAsync();
        await visitor.ScreenshotAsync("journey1-02-register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Register confirmation" })).ToBeVisibleAsync();

        var confirmation = await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, email, "Confirm your email");
        await page.GotoAsync(Mailbox.Link(confirmation, "ConfirmEmail"));
        await Expect(page.GetByText("Thank you for confirming your email")).ToBeVisibleAsync();

        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Journey-Password-1");
        await visitor.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = email })).ToBeVisibleAsync();

        await page.GotoAsync("/organisations");
        await visitor.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an organisation" }).ClickAsync();
        // A mistake first: the error is announced, linked to its field, and what was typed stays.
        await page.GetByLabel("Name").FillAsync("Red Latinoamericana de Personas que Usan Drogas");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose a country");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Red Latinoamericana de Personas que Usan Drogas");
        await visitor.AssertAccessibleAsync();
        await visitor.ScreenshotAsync("journey1-03-organisation-error");
        await page.GetByLabel("Country").SelectOptionAsync("CO");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Red Latinoamericana de Personas que Usan Drogas" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Colombia")).ToBeVisibleAsync();
        await visitor.AssertAccessibleAsync();
        await visitor.ScreenshotAsync("journey1-04-organisation");

        await page.GetByRole(AriaRole.Link, new() { Name = "Invite members" }).ClickAsync();
        await page.GetByLabel("E-mail address").FillAsync("colleague@example.org");
        await page.GetByLabel("Coordinator: also drafts letters and manages members").CheckAsync();
        await visitor.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Invitation sent to colleague@example.org");
        await Expect(page.GetByText("colleague@example.org as coordinator")).ToBeVisibleAsync();

        // A letter drafted with the demo network as co-author, then opened for signatures.
        await page.GotoAsync("/letters/new");
        await page.GetByLabel("Title").FillAsync("Decriminalise drug use in Colombia");
        await page.GetByLabel("Language of this first version").FillAsync("es");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }).ClickAsync();
        await page.Locator("#Data_Texts_0__Body").FillAsync("Señora Ministra:\n\nLe escribimos para pedirle que **despenalice** el uso de drogas.");
        await page.Locator("#Data_Addressees_0__Name").FillAsync("Ministra de Salud");
        await page.GetByLabel("Co-authoring organisations", new() { Exact = false }).FillAsync("Global Network of People Who Use Drugs (demo)");
        await visitor.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Status and editors" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open for signatures" }).ClickAsync();
        await Expect(page.GetByText("Open").First).ToBeVisibleAsync();
        await visitor.ScreenshotAsync("journey1-05-letter-opened");

        // Journey 2: the same person, now a network representative, co-signs the demo letter for
        // their organisation in one step (their account is confirmed, so no e-mail round trip).
        await page.GotoAsync("/letters/demo");
        await page.GetByLabel("Red Latinoamericana de Personas que Usan Drogas", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        // Forgetting the name and the consent gets plain messages, linked to their fields.
        await Expect(page.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("field is required");
        await page.GetByLabel("Your name").FillAsync("Camila Rojas");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "I agree" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Expect(page.GetByText("your organisation's signature is recorded", new() { Exact = false })).ToBeVisibleAsync();
        await visitor.ScreenshotAsync("journey2-representative-signed");

        Assert.All(visitor.Requests, url => Assert.StartsWith(browser.App.BaseAddress.ToString(), url));
    }

    [SkippableFact]
    public async Task Should_read_well_on_a_phone_and_work_with_the_keyboard_alone()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync(BrowserFixture.Phone);
        var page = visitor.Page;

        await page.GotoAsync("/Identity/Account/Login");
        await visitor.ScreenshotAsync("phone-login");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The login page scrolls sideways on a phone.");

        // Keyboard only: the first Tab reaches the skip link, which moves focus to the content.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.name");
        Assert.Equal("Input_Email", focused);
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);
    }
}
