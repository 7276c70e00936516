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
        var options = App.Factory.Services.GetRequiredService<IOptions<TokenLinkRateLimitOptions>>().Value;
        options.Enabled = true;
        try
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
