using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Security;

namespace SignOnLetters.Tests.Security;

/// <summary>Security:TokenLinkRateLimit: a script trying tokens meets a 429 with a plain explanation; a person never does.</summary>
public abstract class TokenLinkThrottlingTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_answer_429_with_an_explanation_once_an_address_opens_too_many_token_links()
    {
        await WithLimitOnAsync(App, async options =>
        {
            var client = App.Factory.CreateClient(new() { AllowAutoRedirect = false });
            var paths = new[] { "/signatures/confirm/", "/signatures/withdraw/", "/invitations/", "/letter-invitations/" };
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < options.PermitPerMinute; i++)
                answers.Add((await client.GetAsync(paths[i % paths.Length] + Guess(i))).StatusCode);

            var refused = await client.GetAsync("/signatures/confirm/" + Guess(999));

            Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("Wait a minute", await refused.Content.ReadAsStringAsync());
            Assert.NotNull(refused.Headers.RetryAfter);
            // Pages without tokens are not limited.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        });
    }

    /// <summary>Issue 18, row 15: the links of partner invitations and of updates were not throttled.</summary>
    [SkippableTheory]
    [InlineData("/letters/a-letter/invited/{0}", "198.18.1.1")]
    [InlineData("/letters/a-letter/sign?invitation={0}", "198.18.2.1")]
    [InlineData("/signatures/unsubscribe/{0}", "198.18.3.1")]
    public async Task Should_throttle_invitation_sign_and_unsubscribe_links_like_the_other_token_links(string link, string network)
    {
        await WithLimitOnAsync(App, async options =>
        {
            var client = App.Factory.CreateClient(new() { AllowAutoRedirect = false });
            Task<HttpResponseMessage> OpenAsync(int i) => client.SendAsync(TestClientAddress.From(network, HttpMethod.Get, string.Format(link, Guess(i))));
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < options.PermitPerMinute; i++)
                answers.Add((await OpenAsync(i)).StatusCode);

            var refused = await OpenAsync(999);

            Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("Wait a minute", await refused.Content.ReadAsStringAsync());
        });
    }

    [SkippableFact]
    public async Task Should_not_count_the_plain_sign_page_or_one_click_unsubscribes_as_token_links()
    {
        await WithLimitOnAsync(App, async options =>
        {
            var client = App.Factory.CreateClient(new() { AllowAutoRedirect = false });
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i <= options.PermitPerMinute; i++)
            {
                answers.Add((await client.SendAsync(TestClientAddress.From("198.18.4.1", HttpMethod.Get, "/letters/a-letter/sign"))).StatusCode);
                // RFC 8058 one-click unsubscribes come from mail providers, many signers behind few networks.
                answers.Add((await client.SendAsync(TestClientAddress.From("198.18.4.1", HttpMethod.Post, "/signatures/unsubscribe/" + Guess(i),
                    new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])))).StatusCode);
            }

            Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers);
        });
    }

    /// <summary>Runs <paramref name="test"/> with the fixture's token-link limit on (it is off for every other test).</summary>
    internal static async Task WithLimitOnAsync(SliceFixture app, Func<TokenLinkRateLimitOptions, Task> test)
    {
        var options = app.Factory.Services.GetRequiredService<IOptions<TokenLinkRateLimitOptions>>().Value;
        options.Enabled = true;
        try
        {
            await test(options);
        }
        finally
        {
            options.Enabled = false;
        }
    }

    /// <summary>Well-formed (43 URL-safe characters, like a real token) but wrong.</summary>
    private static string Guess(int i) => $"{i:D4}".PadRight(43, 'A');
}

[Collection(SqliteCollection.Name)]
public sealed class TokenLinkThrottlingTestsOnSqlite(SqliteSlice app) : TokenLinkThrottlingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TokenLinkThrottlingTestsOnPostgres(PostgresSlice app) : TokenLinkThrottlingTests(app);
