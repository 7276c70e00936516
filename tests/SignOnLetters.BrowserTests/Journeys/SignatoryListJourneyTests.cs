using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SignOnLetters.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SignOnLetters.BrowserTests.Journeys;

/// <summary>
/// A visitor reading the public signatory list in Arabic on a phone: from the letter page to page 2
/// and back by the pager's own links, then finding a signatory by name. (The page uses no script;
/// the slice tests read it as a browser without JavaScript does.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignatoryListJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task Should_page_and_search_the_signatories_in_arabic_on_a_phone()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync(BrowserFixture.Phone);
        var page = visitor.Page;
        await page.Context.AddCookiesAsync([new Cookie { Name = "sol.lang", Value = "c=ar|uic=ar", Url = browser.App.BaseAddress.ToString() }]);

        await page.GotoAsync("/letters/demo");
        var firstPage = await page.Locator("#signatories ul.signatories > li > strong").AllInnerTextsAsync();
        await page.Locator("#signatories nav.pager").GetByRole(AriaRole.Link, new() { Name = "التالي" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/letters/demo/signatories\?page=2$"));
        await Expect(page.Locator("nav.pager")).ToContainTextAsync("الصفحة 2 من");
        var secondPage = await page.Locator("ul.signatories > li > strong").AllInnerTextsAsync();
        Assert.Equal(50, secondPage.Count);
        Assert.Empty(secondPage.Intersect(firstPage));
        await visitor.AssertAccessibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "The list scrolls sideways on a phone.");
        await visitor.ScreenshotAsync("signatories-page-2-ar-phone");

        await page.GetByRole(AriaRole.Link, new() { Name = "التالي" }).ClickAsync();
        await Expect(page.Locator("nav.pager")).ToContainTextAsync("الصفحة 3 من");
        await page.GetByRole(AriaRole.Link, new() { Name = "السابق" }).ClickAsync();
        await Expect(page.Locator("nav.pager")).ToContainTextAsync("الصفحة 2 من");

        // A name from page 2, found by typing it in the search.
        var wanted = secondPage[^1];
        await page.GetByLabel("الاسم أو المنظمة").FillAsync(wanted);
        await page.GetByRole(AriaRole.Button, new() { Name = "بحث" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/letters/demo/signatories\?q="));
        Assert.Contains(wanted, await page.Locator("ul.signatories > li > strong").AllInnerTextsAsync());

        await page.GetByLabel("الاسم أو المنظمة").FillAsync("لا يوجد اسم كهذا");
        await page.GetByRole(AriaRole.Button, new() { Name = "بحث" }).ClickAsync();
        await Expect(page.Locator("#matching")).ToContainTextAsync("لا يوجد موقّع يطابق هذا البحث.");
        Assert.All(visitor.Requests, url => Assert.StartsWith(browser.App.BaseAddress.ToString(), url));
    }
}
