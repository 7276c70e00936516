using Microsoft.Playwright;
using SignOnLetters.BrowserTests.Infrastructure;
using SignOnLetters.BrowserTests.Journeys;

namespace SignOnLetters.BrowserTests.Localisation;

/// <summary>The app with pseudo-localised English (Localisation:Pseudo): every text accented and ~40% longer.</summary>
public sealed class PseudoLocalisedBrowserFixture() : BrowserFixture(new Dictionary<string, string>
{
    ["Localisation__Pseudo"] = "true",
    // Each run signs the demo letter once to reach the confirmation page; the limit would hold the later ones.
    ["Signing__RateLimit__Enabled"] = "false",
});

[CollectionDefinition(Name)]
public sealed class PseudoLocalisedBrowserCollection : ICollectionFixture<PseudoLocalisedBrowserFixture>
{
    public const string Name = "Pseudo-localised browser";
}

/// <summary>
/// Translations run longer than English (and Arabic runs right to left): no text on the main public and
/// coordinator pages may be cut off by its box or push the page wider than a phone's screen.
/// </summary>
[Collection(PseudoLocalisedBrowserCollection.Name)]
public sealed class PseudoLocalisationTests(PseudoLocalisedBrowserFixture browser)
{
    public static TheoryData<string, string> Runs => new()
    {
        { "en", "phone" }, { "en", "desktop" }, { "ar", "phone" }, { "ar", "desktop" },
    };

    [SkippableTheory]
    [MemberData(nameof(Runs))]
    public async Task Should_show_long_texts_on_the_main_pages_without_clipping_them(string language, string device)
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        var viewport = device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop;
        await using var visitor = await browser.NewVisitorAsync(viewport);
        var page = visitor.Page;
        if (language != "en")
            await page.Context.AddCookiesAsync([new Cookie { Name = "sol.lang", Value = $"c={language}|uic={language}", Url = browser.App.BaseAddress.ToString() }]);
        var screenshots = language == "en" && device == "phone";
        var problems = new List<string>();

        // The pseudo texts must really be there, or this run would prove nothing.
        await page.GotoAsync("/");
        var footer = await page.Locator("footer").InnerTextAsync();
        Assert.True(language != "en" || footer.Contains("[Ŝîĝñ", StringComparison.Ordinal), $"No pseudo-localised text in the footer: {footer}");

        foreach (var path in QualityTests.PublicPages)
            problems.AddRange(await ClippingAsync(page, path, screenshots ? ScreenshotName(path) : null));
        problems.AddRange(await ClippingAsync(page, await ConfirmationLinkAsync(page, $"pseudo.{language}.{device}@example.org"), screenshots ? "confirm" : null));

        await SignInAsDemoCoordinatorAsync(page, browser.App.DemoPassword);
        foreach (var path in QualityTests.CoordinatorPages)
            problems.AddRange(await ClippingAsync(page, path, screenshots ? ScreenshotName(path) : null));

        Assert.True(problems.Count == 0, $"Clipped or overflowing text ({language}, {device} {viewport.Width}×{viewport.Height}):\n" + string.Join("\n", problems));
    }

    /// <summary>A few key pages are kept as docs/screenshots/pseudo-NAME.png (phone, first screen only, to stay small).</summary>
    private static string? ScreenshotName(string path) => path switch
    {
        "/letters/demo" => "letter",
        "/letters/demo/sign" => "sign",
        "/Identity/Account/Login" => "login",
        "/Identity/Account/Register" => "register",
        "/letters/demo/manage" => "manage",
        "/letters/demo/signatures" => "signatures",
        _ => null,
    };

    private static async Task<IReadOnlyList<string>> ClippingAsync(IPage page, string path, string? screenshot)
    {
        var response = await page.GotoAsync(path);
        // Checking the sign-in page in place of the page asked for would prove nothing.
        var sentToSignIn = page.Url.Contains("/Account/Login", StringComparison.Ordinal) && !path.Contains("/Account/Login", StringComparison.Ordinal);
        Assert.True(response is { Status: 200 or 404 } && !sentToSignIn, $"{path} answered {response?.Status} at {page.Url}");
        if (screenshot is not null)
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppServer.RepositoryRoot(), "docs", "screenshots", $"pseudo-{screenshot}.png") });
        var found = await page.EvaluateAsync<string[]>(FindClippedText);
        return found.Select(problem => $"{path}: {problem}").ToList();
    }

    /// <summary>
    /// Text cut off by a box that hides its overflow (scrollWidth or scrollHeight beyond the box), and a
    /// page wider than the window (naming the elements that stick out). Form fields are left out (what
    /// people type may well be longer than the box), and so are elements hidden on purpose (1 px boxes,
    /// the skip link parked off screen) and the insides of boxes that scroll sideways on purpose (tables).
    /// </summary>
    private const string FindClippedText = """
        () => {
          const problems = [];
          const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '');
          const text = el => (el.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 80);
          const skipped = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'SCRIPT', 'STYLE', 'svg']);
          const shown = el => {
            const box = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            return box.width > 1 && box.height > 1 && style.visibility !== 'hidden';
          };
          const hides = value => value === 'hidden' || value === 'clip';
          for (const el of document.body.querySelectorAll('*')) {
            if (skipped.has(el.tagName) || !el.textContent.trim() || !shown(el)) continue;
            const style = getComputedStyle(el);
            if (hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
              problems.push(`cut off sideways: ${describe(el)} "${text(el)}" (${el.scrollWidth}px in ${el.clientWidth}px)`);
            else if (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1)
              problems.push(`cut off below: ${describe(el)} "${text(el)}" (${el.scrollHeight}px in ${el.clientHeight}px)`);
          }
          const width = document.documentElement.scrollWidth;
          if (width > window.innerWidth) {
            const scrolls = el => { for (let a = el.parentElement; a; a = a.parentElement) { const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
            const outside = [...document.body.querySelectorAll('*')]
              .filter(el => !skipped.has(el.tagName) && shown(el) && !scrolls(el))
              .filter(el => { const box = el.getBoundingClientRect(); return box.right > window.innerWidth + 1 || box.left < -1; })
              .filter((el, _, all) => !all.includes(el.parentElement))
              .slice(0, 5)
              .map(el => `${describe(el)} "${text(el)}"`);
            problems.push(`page is ${width}px wide in a ${window.innerWidth}px window; sticking out: ${outside.join(', ')}`);
          }
          return problems;
        }
        """;

    /// <summary>Signs the demo letter as an individual and returns the path of the confirmation link
    /// from the e-mail. Fields are found by id: their labels are pseudo-localised or Arabic here.</summary>
    private async Task<string> ConfirmationLinkAsync(IPage page, string email)
    {
        await page.GotoAsync("/letters/demo/sign");
        var form = page.Locator("#sign form");
        if (await page.Locator("#sign-kind-ind").CountAsync() > 0)
            await page.Locator("#sign-kind-ind").CheckAsync();
        await page.Locator("#Data_CountryCode").SelectOptionAsync("ZA");
        await page.Locator("#Data_SignerName").FillAsync("Lindiwe Dlamini");
        await page.Locator("#Data_Email").FillAsync(email);
        await page.Locator("#Data_Consent").CheckAsync();
        await form.Locator("button[type=submit]").Last.ClickAsync();
        await page.WaitForLoadStateAsync();
        var message = await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, email, string.Empty);
        return new Uri(Mailbox.Link(message, "/signatures/confirm/")).PathAndQuery;
    }

    private static async Task SignInAsDemoCoordinatorAsync(IPage page, string password)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.Locator("#Input_Email").FillAsync("demo@example.org");
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("form#account button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("a[href='/Identity/Account/Manage']")).ToBeVisibleAsync();
    }
}
