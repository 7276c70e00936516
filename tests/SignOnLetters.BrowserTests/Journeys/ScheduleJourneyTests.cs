using System.Globalization;
using Microsoft.Playwright;
using SignOnLetters.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SignOnLetters.BrowserTests.Journeys;

/// <summary>
/// The app of this journey runs on a clock the test moves forward (the app's <c>JourneyClock</c> hook:
/// an offset read from a file, and periodic jobs that tick every two seconds).
/// </summary>
public sealed class ScheduleBrowserFixture() : BrowserFixture(new Dictionary<string, string> { ["Testing__ClockFile"] = OffsetFile })
{
    public static readonly string OffsetFile = Path.Combine(Path.GetTempPath(), $"sol-journey-clock-{Guid.NewGuid():N}.txt");

    /// <summary>Moves the app's clock to <paramref name="offset"/> ahead of the real one.</summary>
    public static Task AdvanceAsync(TimeSpan offset) => File.WriteAllTextAsync(OffsetFile, offset.ToString("c", CultureInfo.InvariantCulture));
}

/// <summary>
/// Issue 23's coordinator journeys: start a letter from a template, schedule its opening and deadline
/// and see it open and close as the clock passes them, and watch the dashboard's numbers and
/// sparkline change as a signature is confirmed.
/// </summary>
public sealed class ScheduleJourneyTests(ScheduleBrowserFixture browser) : IClassFixture<ScheduleBrowserFixture>
{
    private const string Slug = "scheduled-journey";

    [SkippableFact]
    public async Task Should_start_from_a_template_open_and_close_on_schedule_and_show_the_dashboard_change_as_partners_sign()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync();
        var page = visitor.Page;
        await browser.SignInAsDemoCoordinatorAsync(visitor);

        // From a template: the demo letter's text, addressees and settings, no signatures.
        await page.GotoAsync("/letters/new?from=demo");
        await Expect(page.GetByText("Starting from", new() { Exact = false })).ToBeVisibleAsync();
        await page.GetByLabel("Title").FillAsync("Fund harm reduction: the scheduled letter");
        await page.Locator("#Data_Slug").FillAsync(Slug);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }).ClickAsync();
        var now = DateTime.UtcNow;
        var opensAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddDays(1);
        await page.Locator("#Data_Deadline").FillAsync(Local(opensAt.AddDays(2)));
        await page.Locator("#Data_DeadlineTimeZone").SelectOptionAsync("UTC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        // Schedule the opening; a time in the past is refused first, with what was typed kept.
        await page.GotoAsync($"/letters/{Slug}/manage");
        await page.Locator("#Opening_OpensAt").FillAsync(Local(now.AddHours(-2)));
        await page.Locator("#Opening_OpensAtTimeZone").SelectOptionAsync("UTC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the opening" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("in the past");
        await page.Locator("#Opening_OpensAt").FillAsync(Local(opensAt));
        await page.Locator("#Opening_OpensAtTimeZone").SelectOptionAsync("UTC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the opening" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("will open by itself");
        await Expect(page.Locator("#opens-at")).ToContainTextAsync("(UTC+00:00)");
        await visitor.AssertAccessibleAsync();
        await visitor.ScreenshotAsync("schedule-01-opening-scheduled");

        await page.GotoAsync("/letters");
        var row = page.Locator($"tr[data-letter='{Slug}']");
        await Expect(row.Locator(".next-event")).ToContainTextAsync("Opens");

        // The clock passes the opening: the job opens the letter as version 1.
        await ScheduleBrowserFixture.AdvanceAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5));
        await ReloadUntilAsync(page, $"/letters/{Slug}/manage", "span.status", "Open for signatures");
        await Expect(page.GetByText("Version 1")).ToBeVisibleAsync();

        // The dashboard before and after a partner's signature is confirmed.
        await page.GotoAsync("/letters");
        row = page.Locator($"tr[data-letter='{Slug}']");
        await Expect(row.Locator(".signature-total")).ToHaveTextAsync("0");
        await Expect(row.Locator(".next-event")).ToContainTextAsync("Closes");
        var sparklineBefore = await row.Locator("svg.sparkline desc").TextContentAsync();
        Assert.Contains("0 in all", sparklineBefore);

        await using (var signer = await browser.NewVisitorAsync(BrowserFixture.Phone))
        {
            var signing = signer.Page;
            const string email = "partner.signer@example.org";
            await signing.GotoAsync($"/letters/{Slug}");
            await signing.GetByLabel("An individual").CheckAsync();
            await signing.GetByLabel("Country").SelectOptionAsync("KE");
            await signing.GetByLabel("Your name").FillAsync("Wanjiru Kamau");
            await signing.GetByRole(AriaRole.Textbox, new() { Name = "E-mail address" }).FillAsync(email);
            await signing.GetByRole(AriaRole.Checkbox, new() { Name = "I agree" }).CheckAsync();
            await signing.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
            var confirmation = await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, email, "confirm your signature");
            await signing.GotoAsync(Mailbox.Link(confirmation, "/signatures/confirm/"));
            await signing.GetByRole(AriaRole.Button, new() { Name = "Confirm my signature" }).ClickAsync();
        }

        await page.GotoAsync("/letters");
        row = page.Locator($"tr[data-letter='{Slug}']");
        await Expect(row.Locator(".signature-total")).ToHaveTextAsync("1");
        var sparklineAfter = await row.Locator("svg.sparkline desc").TextContentAsync();
        Assert.Contains("1 in all", sparklineAfter);
        Assert.EndsWith(": 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1; 1 in all.", sparklineAfter);
        await Expect(row.Locator("svg.sparkline")).ToHaveAttributeAsync("role", "img");
        await visitor.AssertAccessibleAsync();
        await visitor.ScreenshotAsync("schedule-02-dashboard-after-signature");

        // The clock passes the deadline: the closer closes it.
        await ScheduleBrowserFixture.AdvanceAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(5));
        await ReloadUntilAsync(page, $"/letters/{Slug}/manage", "span.status", "Closed");
        Assert.All(visitor.Requests, url => Assert.StartsWith(browser.App.BaseAddress.ToString(), url));
    }

    [SkippableFact]
    public async Task Should_show_the_dashboard_and_the_schedule_form_right_to_left_on_a_phone()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync(BrowserFixture.Phone);
        var page = visitor.Page;
        await browser.SignInAsDemoCoordinatorAsync(visitor);
        await page.Context.AddCookiesAsync([new Cookie { Name = "sol.lang", Value = "c=ar|uic=ar", Url = browser.App.BaseAddress.ToString() }]);
        await page.GotoAsync("/letters");

        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        await Expect(page.Locator("table.letters td.needs-action").First).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "The dashboard scrolls sideways on a phone.");
        await visitor.ScreenshotAsync("schedule-03-dashboard-phone-ar");
        await page.GotoAsync("/letters/demo/manage");
        await Expect(page.Locator("#schedule")).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "The status page scrolls sideways on a phone.");
        await visitor.ScreenshotAsync("schedule-04-reminders-phone-ar");
        await visitor.AssertAccessibleAsync();
    }

    private static string Local(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Reloads the page until <paramref name="selector"/> reads <paramref name="text"/>: the job acts within seconds of the clock moving.</summary>
    private static async Task ReloadUntilAsync(IPage page, string path, string selector, string text)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await page.GotoAsync(path);
            if ((await page.Locator(selector).First.TextContentAsync())?.Contains(text) == true)
                return;
            await Task.Delay(1000);
        }
        Assert.Fail($"{path} never showed \"{text}\" in {selector}.");
    }
}
