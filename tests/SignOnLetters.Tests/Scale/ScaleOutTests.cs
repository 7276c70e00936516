using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;

namespace SignOnLetters.Tests.Scale;

/// <summary>
/// Two app instances on one database, as behind a load balancer: a visitor's cookies and forms
/// from one are good on the other, because the Data Protection keys live in the database both
/// share. (The load benchmark runs the same with two real processes on PostgreSQL.)
/// </summary>
public abstract class ScaleOutTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_keep_a_visitor_signed_in_and_their_forms_valid_on_either_instance()
    {
        var coordinator = await App.CreateUserAsync("two-instances@example.org");
        await using var second = App.Factory.WithWebHostBuilder(_ => { });
        var cookies = new System.Net.CookieContainer();
        var onFirst = new BrowserlessClient(Client(App.Factory, cookies));
        var onSecond = new BrowserlessClient(Client(second, cookies));

        await onFirst.SignInAsync(coordinator.Email!);
        var (list, _) = await onSecond.GetAsync("/organisations");
        var (_, form) = await onFirst.GetAsync("/organisations/new");
        var created = await onSecond.SubmitAsync(form, "/organisations/new", new Dictionary<string, string>
        {
            ["Data.Name"] = "Network Behind Two Instances",
            ["Data.CountryCode"] = "KE",
        });

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        BrowserlessClient.AssertRedirect(created);
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.Organisations.CountAsync(o => o.Name == "Network Behind Two Instances")));
    }

    [SkippableFact]
    public async Task Should_confirm_on_one_instance_a_signature_made_on_the_other()
    {
        await SigningScenario.OpenLetterAsync(App);
        await using var second = App.Factory.WithWebHostBuilder(_ => { });
        var cookies = new System.Net.CookieContainer();
        var signer = new BrowserlessClient(Client(App.Factory, cookies));

        var submitted = await signer.SubmitFormAsync($"/letters/{SigningScenario.Slug}/sign", new Dictionary<string, string>
        {
            ["Data.Kind"] = "Individual",
            ["Data.SignerName"] = "Chinedu Okafor",
            ["Data.CountryCode"] = "NG",
            ["Data.Email"] = "chinedu@example.org",
            ["Data.Consent"] = "true",
        }, "form[action$='/sign']");
        BrowserlessClient.AssertRedirect(submitted);
        var confirmPath = SigningScenario.LinkPath(App, "chinedu@example.org", "/signatures/confirm/");
        // The confirmation form (and its antiforgery cookie) from the first instance, sent to the second.
        var (_, confirmForm) = await signer.GetAsync(confirmPath);
        var onSecond = new BrowserlessClient(Client(second, cookies));
        var confirmed = await onSecond.SubmitAsync(confirmForm, confirmPath, new Dictionary<string, string>());

        BrowserlessClient.AssertRedirect(confirmed);
        var stored = Assert.Single(await SigningScenario.SignaturesAsync(App));
        Assert.Equal(SignOnLetters.Domain.Signatures.SignatureState.Approved, stored.State);
    }

    private static HttpClient Client(WebApplicationFactory<Program> instance, System.Net.CookieContainer cookies)
    {
        var client = instance.CreateDefaultClient(new RedirectHandler(), new CookieContainerHandler(cookies));
        return client;
    }

    /// <summary>No redirects followed, so the tests see them (CreateDefaultClient follows none without a handler).</summary>
    private sealed class RedirectHandler : DelegatingHandler;
}

[Collection(SqliteCollection.Name)]
public sealed class ScaleOutTestsOnSqlite(SqliteSlice app) : ScaleOutTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ScaleOutTestsOnPostgres(PostgresSlice app) : ScaleOutTests(app);
