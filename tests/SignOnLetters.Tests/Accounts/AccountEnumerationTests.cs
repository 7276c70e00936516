using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SignOnLetters.Tests.Infrastructure;

namespace SignOnLetters.Tests.Accounts;

/// <summary>
/// Issue 18, row 9: registration said "Email '…' is already taken", the sign-in answered an unknown
/// address at once and a known one only after checking the password, and five wrong passwords from
/// anyone locked the account for 15 minutes, again and again. Now no answer, and no time, tells a
/// stranger which addresses have accounts, and wrong passwords slow only the network they come from.
/// </summary>
public abstract class AccountEnumerationTests(SliceFixture app) : SliceTest(app)
{
    private const string Coordinator = "coordinator@example.org";
    private const string Password = TestPasswords.Strong;

    [SkippableFact]
    public async Task Should_answer_registration_with_a_known_address_as_with_a_new_one_and_tell_the_holder()
    {
        await App.CreateUserAsync(Coordinator);

        var known = await RegisterAsync(Coordinator, "An-Other-Password-42");
        var unknown = await RegisterAsync("newcomer@example.org", "An-Other-Password-42");
        var weakKnown = await RegisterAsync(Coordinator, "short");
        var weakUnknown = await RegisterAsync("someone-else@example.org", "short");

        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        BrowserlessClient.AssertRedirect(known, "/Identity/Account/RegisterConfirmation");
        var (confirmation, page) = await BrowserlessClient.For(App).GetAsync(known.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        Assert.Contains("check your email", page.QuerySelector("main")!.TextContent);
        // The same password errors, whoever the address belongs to.
        Assert.Equal(await ErrorsAsync(weakUnknown), await ErrorsAsync(weakKnown));
        Assert.DoesNotContain("already taken", await weakKnown.Content.ReadAsStringAsync());
        // Identity's confirmation page answered 404 for an address without an account.
        Assert.Equal(HttpStatusCode.OK, (await BrowserlessClient.For(App).GetAsync("/Identity/Account/RegisterConfirmation?email=nobody@example.org")).Response.StatusCode);
        // The holder hears of it (and keeps their password); the newcomer gets the confirmation link.
        Assert.Contains("Someone tried to create an account", Assert.Single(App.Emails.To(Coordinator)).Subject);
        Assert.Contains("ConfirmEmail", EmailBox.LinkContaining(App.Emails.LatestTo("newcomer@example.org"), "ConfirmEmail"));
        AssertSignedIn(await SignInFromAsync("198.51.100.20", Coordinator, Password));
    }

    [SkippableFact]
    public async Task Should_slow_wrong_passwords_from_one_network_without_locking_the_holder_out_elsewhere()
    {
        await App.CreateUserAsync(Coordinator);
        const string stranger = "203.0.113.66";

        var guesses = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 7; attempt++)
            guesses.Add(await SignInFromAsync(stranger, Coordinator, "guess-" + attempt));
        var strangerWithThePassword = await SignInFromAsync(stranger, Coordinator, Password);
        var holderElsewhere = await SignInFromAsync("198.51.100.20", Coordinator, Password);
        // An address without an account backs off exactly the same way.
        var unknownGuesses = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 7; attempt++)
            unknownGuesses.Add(await SignInFromAsync(stranger, "nobody@example.org", "guess-" + attempt));

        Assert.All(guesses.Take(5), g => Assert.Equal(HttpStatusCode.OK, g.StatusCode)); // "Invalid login attempt"
        BrowserlessClient.AssertRedirect(guesses[^1], "/Identity/Account/Lockout");
        BrowserlessClient.AssertRedirect(strangerWithThePassword, "/Identity/Account/Lockout");
        AssertSignedIn(holderElsewhere);
        Assert.Equal(guesses.Select(g => (g.StatusCode, g.Headers.Location)), unknownGuesses.Select(g => (g.StatusCode, g.Headers.Location)));
        // The wait ends: the network may try again, the account was never locked.
        App.Clock.Advance(TimeSpan.FromMinutes(16));
        AssertSignedIn(await SignInFromAsync(stranger, Coordinator, Password));
    }

    [SkippableFact]
    public async Task Should_take_as_long_to_refuse_an_unknown_address_as_a_wrong_password()
    {
        await App.CreateUserAsync(Coordinator);
        var known = new List<double>();
        var unknown = new List<double>();
        // Interleaved, each from a network of its own (no back-off), after one warm-up of each.
        for (var i = 0; i < 16; i++)
        {
            known.Add(await TimeAsync($"10.1.{i}.1", Coordinator));
            unknown.Add(await TimeAsync($"10.2.{i}.1", $"nobody-{i}@example.org"));
        }

        var ratio = PathTiming.Median(known.Skip(1)) / PathTiming.Median(unknown.Skip(1));
        // Before: an unknown address skipped the password hash, some ten times faster.
        Assert.InRange(ratio, 0.5, 2.0);
    }

    private async Task<double> TimeAsync(string network, string email)
    {
        var browser = Browser(network);
        var (_, form) = await browser.GetAsync("/Identity/Account/Login");
        var started = Stopwatch.GetTimestamp();
        var response = await browser.SubmitAsync(form, "/Identity/Account/Login",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "wrong-password" }, "form#account");
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return elapsed;
    }

    private static void AssertSignedIn(HttpResponseMessage response) =>
        Assert.Equal((HttpStatusCode.Redirect, "/"), (response.StatusCode, response.Headers.Location?.OriginalString));

    private BrowserlessClient Browser(string network)
    {
        var http = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Add(TestClientAddress.Header, network);
        return new BrowserlessClient(http);
    }

    private Task<HttpResponseMessage> SignInFromAsync(string network, string email, string password) =>
        Browser(network).SubmitFormAsync("/Identity/Account/Login",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password }, "form#account");

    private Task<HttpResponseMessage> RegisterAsync(string email, string password) =>
        BrowserlessClient.For(App).SubmitFormAsync("/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password,
        }, "form#registerForm");

    private static async Task<string> ErrorsAsync(HttpResponseMessage response) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("#form-errors")?.TextContent ?? "(no errors)";
}

[Collection(SqliteCollection.Name)]
public sealed class AccountEnumerationTestsOnSqlite(SqliteSlice app) : AccountEnumerationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AccountEnumerationTestsOnPostgres(PostgresSlice app) : AccountEnumerationTests(app);
