using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Security;

/// <summary>
/// Issue 18, row 4: links in e-mails come from <c>App:PublicBaseUrl</c> (here http://localhost),
/// never from a Host header an attacker chose; the app answers only its public host unless told
/// otherwise; forwarded headers are believed only from configured proxies.
/// </summary>
public abstract class PublicAddressTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_refuse_a_forged_host_and_build_the_reset_link_on_the_public_address_even_for_an_allowed_one()
    {
        await App.CreateUserAsync("coordinator@example.org");

        // AllowedHosts was "*": the app answers only its public host.
        var forged = new BrowserlessClient(App.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false }));
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.GetAsync("/Identity/Account/ForgotPassword")).Response.StatusCode);
        var posted = await forged.Http.PostAsync("/Identity/Account/ForgotPassword", new FormUrlEncodedContent([new("Input.Email", "coordinator@example.org")]));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Empty(App.Emails.To("coordinator@example.org"));

        // An operator who allows a second host (or a proxy that passes any Host on) still sends
        // links on the public address, whatever Host or X-Forwarded-Host the request carried.
        await using var lenient = App.Factory.WithWebHostBuilder(b => b.UseSetting("AllowedHosts", "localhost;evil.example"));
        var browser = new BrowserlessClient(lenient.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example"), AllowAutoRedirect = false }));
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        var sent = await browser.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = "coordinator@example.org" });
        BrowserlessClient.AssertRedirect(sent, "/Identity/Account/ForgotPasswordConfirmation");
        await SliceFixture.WaitForQueuedEmailsAsync(lenient);

        var link = EmailBox.LinkContaining(App.Emails.LatestTo("coordinator@example.org"), "ResetPassword");
        Assert.StartsWith("http://localhost/Identity/Account/ResetPassword?", link);
        Assert.DoesNotContain("evil.example", App.Emails.LatestTo("coordinator@example.org").HtmlBody);
    }

    [SkippableFact]
    public async Task Should_build_signing_links_on_the_public_address_whatever_the_host()
    {
        await OpenLetterAsync(App);
        var lenient = App.Factory.WithWebHostBuilder(b => b.UseSetting("AllowedHosts", "localhost;evil.example"));
        var api = lenient.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example") });

        var answer = await api.PostAsJsonAsync($"/api/letters/{Slug}/signatures", SigningScenario.Json(Individual()));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await lenient.DisposeAsync(); // a graceful stop sends what its mailer queued
        Assert.All(EmailBox.Links(App.Emails.LatestTo("rui@example.org")), l => Assert.StartsWith("http://localhost/signatures/", l));
    }

    [SkippableTheory]
    [InlineData("", "App:PublicBaseUrl is required outside Development")]
    [InlineData("javascript:alert(1)", "must be an absolute http or https address")]
    [InlineData("https://letters.example.org/?next=evil", "must be an absolute http or https address")]
    public void Should_refuse_to_start_outside_development_without_a_sound_public_address(string value, string message)
    {
        using var misconfigured = App.Factory.WithWebHostBuilder(b => b.UseSetting("App:PublicBaseUrl", value));

        var failure = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        Assert.Contains(message, Flatten(failure));
    }

    /// <summary>
    /// Only Development may run without a public address (elsewhere start-up refuses, above); there the
    /// links fall back to localhost, so start-up says so and administrators see it on the status page.
    /// </summary>
    [SkippableFact]
    public async Task Should_warn_at_start_up_and_tell_administrators_when_links_fall_back_to_localhost()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await App.AdministratorAsync();
        var manage = $"/letters/{Slug}/manage";
        var (_, configured) = await SignedInAsync(App.Factory, SliceFixture.AdministratorEmail, manage);
        Assert.Null(configured.QuerySelector("#public-address-missing"));
        Assert.DoesNotContain(App.Logs.Lines, l => l.Contains("App:PublicBaseUrl is not set"));

        await using var development = App.Factory.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("App:PublicBaseUrl", "");
        });
        var (_, asAdministrator) = await SignedInAsync(development, SliceFixture.AdministratorEmail, manage);
        var (_, asCoordinator) = await SignedInAsync(development, coordinator.Email!, manage);

        Assert.Single(App.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("App:PublicBaseUrl is not set")
            && l.Contains("http://localhost"));
        Assert.Contains("App:PublicBaseUrl", asAdministrator.QuerySelector("#public-address-missing")?.TextContent);
        Assert.Null(asCoordinator.QuerySelector("#public-address-missing"));
    }

    private static async Task<(HttpResponseMessage, AngleSharp.Html.Dom.IHtmlDocument)> SignedInAsync(WebApplicationFactory<Program> factory, string email, string url)
    {
        var browser = new BrowserlessClient(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        await browser.SignInAsync(email);
        return await browser.GetAsync(url);
    }

    [SkippableFact]
    public async Task Should_believe_forwarded_addresses_only_from_configured_proxies_loopback_included()
    {
        await OpenLetterAsync(App);

        await SignFromLoopbackAsync(App.Factory, "spoofed@example.org");
        await using var behindProxy = App.Factory.WithWebHostBuilder(b => b.UseSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1"));
        await SignFromLoopbackAsync(behindProxy, "forwarded@example.org");

        var networks = (await SignaturesAsync(App)).ToDictionary(s => s.Email!, s => s.ClientNetwork);
        Assert.Equal("127.0.0.0/24", networks["spoofed@example.org"]); // the header was not believed
        Assert.Equal("203.0.113.0/24", networks["forwarded@example.org"]);
    }

    /// <summary>Signs through the API from 127.0.0.1 (set on the connection, as Kestrel would) with a forged X-Forwarded-For.</summary>
    private static async Task SignFromLoopbackAsync(WebApplicationFactory<Program> factory, string email)
    {
        await using var fromLoopback = factory.WithWebHostBuilder(b => b.ConfigureServices(services =>
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, LoopbackConnection>()));
        var api = fromLoopback.CreateClient();
        api.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        var answer = await api.PostAsJsonAsync($"/api/letters/{Slug}/signatures", SigningScenario.Json(Individual(email: email)));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
    }

    private sealed class LoopbackConnection : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? " | " + Flatten(inner) : string.Empty);
}

[Collection(SqliteCollection.Name)]
public sealed class PublicAddressTestsOnSqlite(SqliteSlice app) : PublicAddressTests(app);
