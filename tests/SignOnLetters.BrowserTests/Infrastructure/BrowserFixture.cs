using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SignOnLetters.BrowserTests.Infrastructure;

/// <summary>
/// One app process and one Debian Chromium for all browser tests. Without /usr/bin/chromium the tests
/// are skipped on a developer's machine and fail in CI (CI=true).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public BrowserFixture() : this(new Dictionary<string, string>()) { }

    /// <summary>A fixture whose app runs with these settings (environment variables, "Localisation__Pseudo").</summary>
    protected BrowserFixture(IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
            App.Settings[key] = value;
    }

    public AppServer App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string? Unavailable { get; private set; }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppServer.RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (SignOnLetters.TestSupport.TestEnvironment.IsCi)
                throw new InvalidOperationException($"CI=true but {ChromiumPath} is missing: apt-get install chromium.");
            Unavailable = $"Browser tests need Debian's Chromium at {ChromiumPath}.";
            return;
        }
        Directory.CreateDirectory(ScreenshotDirectory);
        await App.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps trying to reach Google's hosts.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        await App.DisposeAsync();
    }

    /// <summary>Signs the visitor in as the demo coordinator (password printed by --seed-demo).</summary>
    public async Task SignInAsDemoCoordinatorAsync(Visitor visitor)
    {
        var page = visitor.Page;
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync("demo@example.org");
        await page.GetByLabel("Password").FillAsync(App.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "demo@example.org" })).ToBeVisibleAsync();
    }

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A fresh browser profile (no cookies) that records every request it makes.</summary>
    /// <param name="locale">The browser's language, sent as Accept-Language ("ru"); the browser's default when null.</param>
    public async Task<Visitor> NewVisitorAsync(ViewportSize? viewport = null, bool javaScript = true, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = viewport ?? Desktop,
            JavaScriptEnabled = javaScript,
            IsMobile = viewport == Phone,
            HasTouch = viewport == Phone,
            Locale = locale,
        });
        var page = await context.NewPageAsync();
        return new Visitor(context, page);
    }
}

public sealed class Visitor : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _requests = [];

    public Visitor(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Request += (_, request) => { lock (_requests) _requests.Add(request.Url); };
    }

    public IPage Page { get; }

    /// <summary>Every URL the browser asked for, pages and what they load.</summary>
    public IReadOnlyList<string> Requests { get { lock (_requests) return _requests.ToList(); } }

    /// <summary>Saves a screenshot as a test artefact (artifacts/screenshots/NAME.png).</summary>
    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>Runs axe-core on the current page; serious and critical violations fail the test.</summary>
    public async Task AssertAccessibleAsync()
    {
        AxeResult result = await Page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{Page.Url}: " + string.Join("; ",
            serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
