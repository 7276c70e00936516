using Microsoft.Playwright;
using SignOnLetters.BrowserTests.Infrastructure;

namespace SignOnLetters.BrowserTests.Journeys;

/// <summary>Valid HTML on the main pages, public and signed in, checked by the Nu HTML Checker.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QualityTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Should_serve_valid_html_on_the_main_pages()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        if (HtmlChecker.Unavailable is { } missing)
        {
            Assert.False(SignOnLetters.TestSupport.TestEnvironment.IsCi, missing);
            Skip.If(true, missing);
        }
        await using var visitor = await browser.NewVisitorAsync();
        var pages = new Dictionary<string, string>();
        foreach (var path in PublicPages)
            pages[path] = await RawHtmlAsync(visitor, path);

        await browser.SignInAsDemoCoordinatorAsync(visitor);
        foreach (var path in CoordinatorPages)
            pages[path] = await RawHtmlAsync(visitor, path);

        var errors = await HtmlChecker.ErrorsAsync(pages);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [SkippableFact]
    public async Task Should_have_no_serious_accessibility_violation_on_any_public_or_coordinator_page()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync();
        foreach (var path in PublicPages.Where(path => path != "/no-such-page"))
        {
            await visitor.Page.GotoAsync(path);
            await visitor.AssertAccessibleAsync();
        }
        await browser.SignInAsDemoCoordinatorAsync(visitor);
        foreach (var path in CoordinatorPages)
        {
            await visitor.Page.GotoAsync(path);
            await visitor.AssertAccessibleAsync();
        }
    }

    /// <summary>The main pages anyone can open (shared with the pseudo-localisation run).</summary>
    internal static readonly string[] PublicPages =
    [
        "/", "/privacy", "/letters/demo", "/letters/demo?lang=ru", "/letters/demo?lang=ar", "/letters/demo/signatories",
        "/letters/demo/signatories?page=2&culture=ar", "/letters/demo/signatories?q=%3Cb%3E%00&country=zz&page=-1", "/letters/demo/sign",
        "/letters/demo/contact", "/letters/demo/contact?culture=ar",
        "/Identity/Account/Login", "/Identity/Account/Register", "/Identity/Account/ForgotPassword", "/no-such-page",
    ];

    /// <summary>The main pages of the demo coordinator (shared with the pseudo-localisation run).</summary>
    internal static readonly string[] CoordinatorPages =
    [
        "/letters", "/letters/new", "/letters/demo/edit", "/letters/demo/manage", "/letters/demo/history", "/letters/demo/amend",
        "/letters/demo/moderation", "/letters/demo/signatures", "/letters/demo/signatures?q=%3Cb%3E&state=zz&page=-1",
        "/letters/demo/signatures/paper", "/letters/demo/signatures/1", "/letters/demo/signatures/aliases", "/letters/demo/invitations",
        "/letters/demo/deliver", "/letters/demo/updates", "/letters/demo/close", "/letters/demo/signatures/1/erase",
        "/organisations", "/organisations/new", "/organisations/1", "/organisations/1/edit", "/organisations/1/invite",
        "/Identity/Account/Manage", "/Identity/Account/Manage/TwoFactorAuthentication", "/Identity/Account/Manage/EnableAuthenticator",
    ];

    /// <summary>The HTML as the server sent it (not the browser's re-serialised DOM), with the visitor's cookies.</summary>
    private static async Task<string> RawHtmlAsync(Visitor visitor, string path)
    {
        var response = await visitor.Page.Context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
        // Checking a sign-in page in place of the page asked for would prove nothing.
        Assert.True(response.Status is 200 or 404, $"{path} answered {response.Status}");
        return await response.TextAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class PublicLetterPageTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Should_show_the_demo_letter_accessibly_on_a_phone_without_requests_to_other_hosts()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync(BrowserFixture.Phone);

        await visitor.Page.GotoAsync("/letters/demo");

        await Microsoft.Playwright.Assertions.Expect(visitor.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Microsoft.Playwright.Assertions.Expect(visitor.Page.GetByText("signatories from")).Not.ToHaveCountAsync(0);
        await visitor.AssertAccessibleAsync();
        await visitor.ScreenshotAsync("phone-demo-letter");
        Assert.False(await visitor.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "The letter page scrolls sideways on a phone.");
        Assert.All(visitor.Requests, url => Assert.StartsWith(browser.App.BaseAddress.ToString(), url));
    }
}
