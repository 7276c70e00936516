using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Security;

/// <summary>
/// Issue 18, row 7: the signing limit and the token-link limit count networks (IPv4 /24, IPv6 /56),
/// so an attacker rotating addresses inside one /24, or across the /64s of one IPv6 allocation, meets
/// the limit as one client would; another network keeps its own budget.
/// </summary>
public abstract class NetworkRateLimitTests(SliceFixture app) : SliceTest(app)
{
    [SkippableTheory]
    [InlineData("203.0.113.{0}", "198.51.100.7")]
    // A different /64 for each submission, all inside 2001:db8:aa:bb00::/56.
    [InlineData("2001:db8:aa:bb{0:x2}::1", "2001:db8:aa:cc00::1")]
    public async Task Should_hold_signatures_from_rotating_addresses_of_one_network_and_spare_other_networks(string sameNetwork, string otherNetwork)
    {
        await OpenLetterAsync(App);
        await using var limited = App.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Signing:RateLimit:Enabled", "true");
            builder.UseSetting("Signing:RateLimit:PermitPerMinute", "3");
        });
        var api = limited.CreateClient();
        var answers = new List<string>();
        async Task SignFromAsync(string address, string email)
        {
            var response = await api.SendAsync(TestClientAddress.From(address, HttpMethod.Post, $"/api/letters/{Slug}/signatures",
                JsonContent.Create(SigningScenario.Json(Individual(name: email, email: email)))));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        for (var i = 1; i <= 4; i++)
            await SignFromAsync(string.Format(sameNetwork, i), $"rotating{i}@example.org");
        await SignFromAsync(otherNetwork, "neighbour@example.org");

        var states = (await SignaturesAsync(App)).Select(s => (s.Email, s.State)).ToList();
        Assert.Equal(
            [("rotating1@example.org", SignatureState.PendingConfirmation), ("rotating2@example.org", SignatureState.PendingConfirmation),
             ("rotating3@example.org", SignatureState.PendingConfirmation), ("rotating4@example.org", SignatureState.HeldForReview),
             ("neighbour@example.org", SignatureState.PendingConfirmation)],
            states);
        // The held one is told so (it depends on the network alone), and its address got no e-mail.
        Assert.Equal(["pendingConfirmation", "pendingConfirmation", "pendingConfirmation", "heldForReview", "pendingConfirmation"],
            answers.Select(a => System.Text.Json.JsonDocument.Parse(a).RootElement.GetProperty("state").GetString()).ToList());
        Assert.Empty(App.Emails.To("rotating4@example.org"));
    }

    [SkippableFact]
    public async Task Should_tell_a_signer_held_by_the_network_limit_honestly_without_telling_whether_the_address_signed()
    {
        await OpenLetterAsync(App);
        // known@ signed and confirmed earlier, from elsewhere.
        await SignAndConfirmAsync(App, Individual(name: "Known Signer", email: "known@example.org"));
        await using var limited = App.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Signing:RateLimit:Enabled", "true");
            builder.UseSetting("Signing:RateLimit:PermitPerMinute", "3");
        });
        var browser = limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        async Task<string> SignFromOfficeAsync(string email, int machine)
        {
            var posted = await browser.SendAsync(TestClientAddress.From($"192.0.2.{machine}", HttpMethod.Post, $"/letters/{Slug}/sign",
                new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Data.Kind"] = "Individual", ["Data.SignerName"] = email, ["Data.CountryCode"] = "FR", ["Data.Email"] = email,
                    ["Data.Visibility"] = "NameAndOrganisation", ["Data.Consent"] = "true",
                })));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await browser.GetStringAsync(posted.Headers.Location));
            return page.QuerySelector(".signed-next-steps")!.TextContent;
        }

        for (var i = 1; i <= 3; i++)
            Assert.Contains("Check your inbox", await SignFromOfficeAsync($"colleague{i}@example.org", i));
        var known = await SignFromOfficeAsync("known@example.org", 4);
        var unknown = await SignFromOfficeAsync("stranger@example.org", 5);

        Assert.Contains("held for the letter's coordinators to review", known);
        Assert.DoesNotContain("Check your inbox", known);
        // Word for word the same for an address that signed and one that never did.
        Assert.Equal(known.Replace("known@example.org", ""), unknown.Replace("stranger@example.org", ""));
        Assert.Empty(App.Emails.To("stranger@example.org"));
    }

    [SkippableTheory]
    [InlineData("203.0.113.{0}", "198.51.100.7")]
    [InlineData("2001:db8:aa:bb{0:x2}::1", "2001:db8:aa:cc00::1")]
    public async Task Should_throttle_token_links_opened_from_rotating_addresses_of_one_network(string sameNetwork, string otherNetwork)
    {
        // The limiter is the fixture's app's, kept between tests: no other test uses these networks.
        await TokenLinkThrottlingTests.WithLimitOnAsync(App, async options =>
        {
            var client = App.Factory.CreateClient(new() { AllowAutoRedirect = false });
            Task<HttpResponseMessage> OpenFromAsync(string address, int i) =>
                client.SendAsync(TestClientAddress.From(address, HttpMethod.Get, "/signatures/confirm/" + $"{i:D4}".PadRight(43, 'A')));
            var answers = new List<HttpStatusCode>();
            for (var i = 1; i <= options.PermitPerMinute; i++)
                answers.Add((await OpenFromAsync(string.Format(sameNetwork, i), i)).StatusCode);

            var refused = await OpenFromAsync(string.Format(sameNetwork, 200), 200);
            var neighbour = await OpenFromAsync(otherNetwork, 201);

            Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, neighbour.StatusCode);
        });
    }
}

[Collection(SqliteCollection.Name)]
public sealed class NetworkRateLimitTestsOnSqlite(SqliteSlice app) : NetworkRateLimitTests(app);

[Collection(PostgresCollection.Name)]
public sealed class NetworkRateLimitTestsOnPostgres(PostgresSlice app) : NetworkRateLimitTests(app);
