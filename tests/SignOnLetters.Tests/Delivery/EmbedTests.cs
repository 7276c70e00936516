using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Letters;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Delivery;

/// <summary>The embeddable sign form: framed only by allowed hosts, signatures attributed to the host.</summary>
public abstract class EmbedTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_let_only_allowed_hosts_frame_the_embed_while_every_other_page_refuses_framing()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(new Manage.ChangeEmbedHosts { Slug = Slug, Hosts = "Partner.Example\r\nwww.ally.example." });
        var model = await App.SendAsync(new Manage.Query(Slug));
        Assert.Equal(["partner.example", "www.ally.example"], model.Embeds.Select(e => e.Host));
        Assert.Contains($"src=\"http://localhost/letters/{Slug}/embed?host=partner.example\"", model.Embeds[0].Html);
        var client = NoRedirects();

        var embed = await client.GetAsync($"/letters/{Slug}/embed?host=partner.example");
        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        var policy = embed.Headers.GetValues("Content-Security-Policy").Single();
        Assert.EndsWith("frame-ancestors https://partner.example", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        var html = await embed.Content.ReadAsStringAsync();
        Assert.Contains("Not yet signed", html);
        Assert.Contains($"action=\"/letters/{Slug}/embed?host=partner.example\"", html);
        Assert.DoesNotContain("site-header", html);
        Assert.Contains("<base target=\"_blank\" />", html); // links leave the frame: our other pages refuse to be framed
        Assert.Contains("target=\"_self\"", html); // the form posts into the frame

        foreach (var refused in new[] { "evil.example", "partner.example.evil.example", "", "partner.example%20https://evil.example" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/letters/{Slug}/embed?host={refused}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/letters/{Slug}/embed")).StatusCode);

        var page = await client.GetAsync($"/letters/{Slug}");
        Assert.EndsWith("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
    }

    [SkippableFact]
    public async Task Should_record_signatures_through_the_embed_with_their_host_and_break_counts_down_by_source()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(new Manage.ChangeEmbedHosts { Slug = Slug, Hosts = "partner.example" });
        App.RunAs(null);
        var client = NoRedirects();

        // As from a third-party frame: no cookies and no antiforgery token reach us.
        var posted = await client.PostAsync($"/letters/{Slug}/embed?host=partner.example", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Data.Kind"] = "Individual", ["Data.CountryCode"] = "KE", ["Data.SignerName"] = "Wanjiru Kamau",
            ["Data.Email"] = "wanjiru@example.org", ["Data.Consent"] = "true", ["Data.Source"] = "Paper", ["Data.EmbedHost"] = "evil.example",
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/letters/{Slug}/embed?host=partner.example&signed=true", posted.Headers.Location!.OriginalString);
        Assert.Contains("Check your inbox", await client.GetStringAsync(posted.Headers.Location!.OriginalString));
        await App.SendAsync(new SignOnLetters.Web.Pages.Signing.Confirm.Command(Token(LinkPath(App, "wanjiru@example.org", "/signatures/confirm/"))));
        await App.SignAndConfirmAsync(Individual("Rui Costa", "rui@example.org"));

        var signature = (await SignaturesAsync(App)).Single(s => s.Email == "wanjiru@example.org");
        Assert.Equal((SignatureSource.Embed, "partner.example", SignatureState.Approved), (signature.Source, signature.EmbedHost, signature.State));
        App.RunAs(coordinator);
        var sources = (await App.SendAsync(new Manage.Query(Slug))).Sources.OrderBy(s => s.Source).ToList();
        Assert.Equal([new(SignatureSource.PublicForm, null, 1), new(SignatureSource.Embed, "partner.example", 1)], sources);

        // A host that is not allowed signs nothing.
        var refused = await client.PostAsync($"/letters/{Slug}/embed?host=evil.example", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Data.Kind"] = "Individual", ["Data.CountryCode"] = "KE", ["Data.SignerName"] = "Eve", ["Data.Email"] = "eve@example.org", ["Data.Consent"] = "true",
        }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(2, (await SignaturesAsync(App)).Count);
    }

    [SkippableTheory]
    [InlineData("https://partner.example/page")]
    [InlineData("partner.example; script-src *")]
    [InlineData("*.partner.example")]
    [InlineData("localhost")]
    [InlineData("partner.example:8443")]
    [InlineData("'none' https://evil.example")]
    public async Task Should_refuse_anything_but_plain_host_names_so_nothing_else_reaches_the_policy(string hosts)
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        var before = await App.ChangeCountAsync(Slug);

        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Manage.ChangeEmbedHosts { Slug = Slug, Hosts = hosts }));

        Assert.Equal(before, await App.ChangeCountAsync(Slug));
        Assert.Empty((await App.SendAsync(new Manage.Query(Slug))).Embeds);
    }

    private HttpClient NoRedirects() => App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

[Collection(SqliteCollection.Name)]
public sealed class EmbedTestsOnSqlite(SqliteSlice app) : EmbedTests(app);

[Collection(PostgresCollection.Name)]
public sealed class EmbedTestsOnPostgres(PostgresSlice app) : EmbedTests(app);
