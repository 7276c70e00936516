using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Tests.Infrastructure;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Security;

/// <summary>
/// Issue 18, row 13: the CSV export and every other page with personal data may be stored by no
/// browser or proxy; no cookie travels over plain HTTP; HSTS holds for a year; plain HTTP is
/// redirected to HTTPS where the operator says HTTPS is served.
/// </summary>
public abstract class TransportSecurityTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_keep_the_csv_export_and_every_page_with_personal_data_out_of_caches()
    {
        var (_, coordinator, organisation) = await OpenLetterAsync(App);
        await App.SendAsync(Individual());
        var coordinatorBrowser = await BrowserlessClient.SignedInAsync(App, coordinator.Email!, "en");
        var anonymous = App.Factory.CreateClient(new() { AllowAutoRedirect = false });

        var personal = new List<(string Path, HttpResponseMessage Response)>();
        foreach (var path in new[] { $"/letters/{Slug}/signatures.csv", $"/letters/{Slug}/signatures", $"/letters/{Slug}", "/letters",
                     $"/organisations/{organisation.Id}", "/Identity/Account/Manage", "/Identity/Account/Manage/PersonalData" })
            personal.Add((path, await coordinatorBrowser.Http.GetAsync(path)));
        // Token links show a signer's name and letter; account pages an address typed a moment ago.
        foreach (var path in new[] { "/signatures/withdraw/" + new string('A', 43), "/Identity/Account/Login", "/Identity/Account/ForgotPassword" })
            personal.Add((path, await anonymous.GetAsync(path)));

        Assert.All(personal, p =>
        {
            Assert.True(p.Response.IsSuccessStatusCode, $"{p.Path}: {(int)p.Response.StatusCode}");
            Assert.True(p.Response.Headers.CacheControl?.NoStore == true, $"{p.Path}: Cache-Control {p.Response.Headers.CacheControl}");
        });
        // What is public for everyone keeps its own caching: the letter page for readers, the style sheet.
        var publicPage = await anonymous.GetAsync($"/letters/{Slug}");
        Assert.Equal((true, false), (publicPage.Headers.CacheControl!.NoCache, publicPage.Headers.CacheControl.NoStore));
        Assert.True((await anonymous.GetAsync("/css/site.css")).Headers.CacheControl!.Public);
    }

    [SkippableFact]
    public async Task Should_mark_every_cookie_secure_and_ask_for_a_year_of_https()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await using var production = App.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Security:SecureCookies", "true");
            // HSTS is never sent to localhost by default; the test server answers nothing else.
            builder.ConfigureServices(services => services.PostConfigure<HstsOptions>(o => o.ExcludedHosts.Clear()));
        });
        var cookies = new List<string>();
        BrowserlessClient Browser() => new(production.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(), new SetCookieRecorder(cookies)));

        var coordinatorBrowser = Browser();
        await coordinatorBrowser.SignInAsync(coordinator.Email!);
        var home = await coordinatorBrowser.Http.GetAsync("/organisations");
        await coordinatorBrowser.Http.PostAsync("/language", new FormUrlEncodedContent([new("language", "fr"), new("returnUrl", "/")]));
        var signer = Browser();
        var signed = await signer.SubmitFormAsync($"/letters/{Slug}/sign", new Dictionary<string, string>
        {
            ["Data.Kind"] = "Individual", ["Data.CountryCode"] = "PT", ["Data.SignerName"] = "Rui Costa",
            ["Data.Email"] = "rui@example.org", ["Data.Consent"] = "true",
        });

        // Signed in over HTTPS: the Secure cookies came back.
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        BrowserlessClient.AssertRedirect(signed, $"/letters/{Slug}/sign");
        Assert.Equal("max-age=31536000", Assert.Single(home.Headers.GetValues("Strict-Transport-Security")));
        var names = cookies.Select(c => c[..c.IndexOf('=')]).Distinct().ToList();
        Assert.Contains("sol.auth", names);
        Assert.Contains(SignOnLetters.Web.Infrastructure.Localisation.CookieName, names);
        Assert.Contains(".AspNetCore.Mvc.CookieTempDataProvider", names);
        Assert.Contains(names, n => n.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [SkippableFact]
    public async Task Should_redirect_plain_http_to_https_only_when_configured()
    {
        await using var redirecting = App.Factory.WithWebHostBuilder(builder => builder.UseSetting("Security:RedirectToHttps", "true"));

        var plain = await redirecting.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/letters?page=2");
        var secure = await redirecting.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") }).GetAsync("/");
        var notConfigured = await App.Factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/");

        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal("https://localhost/letters?page=2", plain.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal(HttpStatusCode.OK, notConfigured.StatusCode);
    }

    /// <summary>Every Set-Cookie header the app sends, as it arrives.</summary>
    private sealed class SetCookieRecorder(List<string> all) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
                all.AddRange(values);
            return response;
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TransportSecurityTestsOnSqlite(SqliteSlice app) : TransportSecurityTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TransportSecurityTestsOnPostgres(PostgresSlice app) : TransportSecurityTests(app);
