using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Email;
using SignOnLetters.Web.Infrastructure.Security;

namespace SignOnLetters.Tests.Accounts;

/// <summary>
/// Issue 18, rows 2, 8 and 9, on the account pages: "forgot password", "resend the account
/// confirmation" and registration sent their e-mail inside the request, only for an address with an
/// account, so the answer's time told a stranger which addresses have accounts. Their e-mails now
/// leave through the background queue signing uses, and posts are limited per network.
/// </summary>
public abstract class AccountEmailTests(SliceFixture app) : SliceTest(app)
{
    private const string Holder = "coordinator@example.org";

    [SkippableFact]
    public async Task Should_answer_forgot_password_and_resend_before_any_mail_server_has_taken_the_email()
    {
        await App.CreateUserAsync(Holder);
        var mailServer = new GatedTransport();
        await using var app = WithMailServer(mailServer);
        var browser = new BrowserlessClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        // The mail server holds every message until it is let go: a page that waited for it would hang.
        var answered = new[]
        {
            await browser.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = Holder }).WaitAsync(TimeSpan.FromSeconds(20)),
            await browser.SubmitFormAsync("/Identity/Account/ResendEmailConfirmation", new Dictionary<string, string> { ["Input.Email"] = Holder }).WaitAsync(TimeSpan.FromSeconds(20)),
        };
        Assert.Empty(Directory.Exists(App.MailDirectory) ? Directory.GetFiles(App.MailDirectory) : []);

        mailServer.Open();
        await SliceFixture.WaitForQueuedEmailsAsync(app);
        BrowserlessClient.AssertRedirect(answered[0], "/Identity/Account/ForgotPasswordConfirmation");
        Assert.Equal(HttpStatusCode.OK, answered[1].StatusCode);
        var mails = App.Emails.To(Holder);
        Assert.Equal(2, mails.Count);
        // Links on App:PublicBaseUrl, whatever host the request named.
        Assert.StartsWith("http://localhost/Identity/Account/ResetPassword?", EmailBox.LinkContaining(mails.Single(m => m.Subject!.Contains("password")), "ResetPassword"));
        Assert.StartsWith("http://localhost/Identity/Account/ConfirmEmail?", EmailBox.LinkContaining(mails.Single(m => m.Subject!.Contains("Confirm")), "ConfirmEmail"));
    }

    /// <param name="said">What the visitor is told: the redirect, or the page's notice.</param>
    [SkippableTheory]
    [InlineData("ForgotPassword", "302 /Identity/Account/ForgotPasswordConfirmation ")]
    [InlineData("ResendEmailConfirmation", "200  Verification email sent. Please check your email.")]
    public async Task Should_answer_in_the_same_time_and_words_for_an_address_with_an_account_and_one_without(string page, string said)
    {
        await App.CreateUserAsync(Holder);
        // A mail server that takes 30 ms a message: what Identity's pages once waited for on one path only.
        await using var app = WithMailServer(new GatedTransport(TimeSpan.FromMilliseconds(30), open: true));
        var browser = new BrowserlessClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var round = 0;
        async Task<Answer> PostAsync(string email)
        {
            var watch = Stopwatch.StartNew();
            var response = await browser.SubmitFormAsync($"/Identity/Account/{page}", new Dictionary<string, string> { ["Input.Email"] = email });
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            var notice = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body).QuerySelector("[role=status]")?.TextContent.Trim();
            return new Answer($"{(int)response.StatusCode} {response.Headers.Location} {notice}", watch.Elapsed);
        }

        var (known, unknown) = await PathTiming.TimeBothPathsAsync(
            () => PostAsync(++round % 2 == 0 ? Holder : "Coordinator@Example.org"),
            () => PostAsync($"nobody-{++round}@example.org"));
        await SliceFixture.WaitForQueuedEmailsAsync(app);

        PathTiming.AssertSameTiming(known.Select(a => a.Elapsed), unknown.Select(a => a.Elapsed), "for an address with an account", "for one without");
        Assert.All(known.Concat(unknown), a => Assert.Equal(said, a.Said));
        // Every post for the holder's address (warm-up rounds included) mailed it.
        Assert.Equal(known.Count + 5, App.Emails.To(Holder).Count);
    }

    [SkippableFact]
    public async Task Should_limit_account_emails_per_network_whatever_the_address_and_leave_other_networks_alone()
    {
        await App.CreateUserAsync(Holder);
        var options = App.Factory.Services.GetRequiredService<IOptions<AccountEmailRateLimitOptions>>().Value;
        options.Enabled = true;
        options.PermitPerHour = 4;
        try
        {
            var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            // The forms' antiforgery tokens are not needed to be counted: the limit runs before the page.
            Task<HttpResponseMessage> PostAsync(string network, string page, string email) =>
                client.SendAsync(TestClientAddress.From(network, HttpMethod.Post, $"/Identity/Account/{page}",
                    new FormUrlEncodedContent([new("Input.Email", email), new("Input.Password", "An-Other-Password-42"), new("Input.ConfirmPassword", "An-Other-Password-42")])));
            var within = new[]
            {
                await PostAsync("203.0.113.7", "ForgotPassword", Holder),
                await PostAsync("203.0.113.8", "ForgotPassword", "nobody@example.org"),
                await PostAsync("203.0.113.9", "ResendEmailConfirmation", Holder),
                await PostAsync("203.0.113.10", "Register", "newcomer@example.org"),
            };
            // A fifth post from anywhere in the same /24, known address or not, on any of the three pages.
            var overKnown = await PostAsync("203.0.113.200", "ForgotPassword", Holder);
            var overUnknown = await PostAsync("203.0.113.201", "Register", "another@example.org");
            var reading = await client.SendAsync(TestClientAddress.From("203.0.113.7", HttpMethod.Get, "/Identity/Account/ForgotPassword"));
            var otherNetwork = await PostAsync("198.51.100.7", "ForgotPassword", Holder);

            Assert.DoesNotContain(within, r => r.StatusCode == HttpStatusCode.TooManyRequests);
            Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (overKnown.StatusCode, overUnknown.StatusCode));
            Assert.Equal(await overKnown.Content.ReadAsStringAsync(), await overUnknown.Content.ReadAsStringAsync());
            Assert.Contains("Wait an hour", await overKnown.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, otherNetwork.StatusCode);
        }
        finally
        {
            options.Enabled = false;
        }
    }

    /// <summary>The app, on the same database and mailbox, with <paramref name="mailServer"/> in front of its transport.</summary>
    private WebApplicationFactory<Program> WithMailServer(GatedTransport mailServer) =>
        App.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddTransient<IMailTransport>(sp => mailServer.Over(ActivatorUtilities.CreateInstance<MailKitEmailSender>(sp)))));

    private sealed record Answer(string Said, TimeSpan Elapsed);

    /// <summary>A mail server that answers after a pause, and takes nothing until it is opened.</summary>
    private sealed class GatedTransport(TimeSpan? pause = null, bool open = false) : IMailTransport
    {
        private readonly TaskCompletionSource _opened = NewGate(open);
        private IMailTransport? _inner;

        public GatedTransport Over(IMailTransport inner)
        {
            _inner = inner;
            return this;
        }

        public void Open() => _opened.TrySetResult();

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            await _opened.Task;
            await Task.Delay(pause ?? TimeSpan.Zero, CancellationToken.None);
            await _inner!.SendAsync(message, cancellationToken);
        }

        private static TaskCompletionSource NewGate(bool open)
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (open)
                gate.SetResult();
            return gate;
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AccountEmailTestsOnSqlite(SqliteSlice app) : AccountEmailTests(app);

[Collection(PostgresCollection.Name)]
public sealed class AccountEmailTestsOnPostgres(PostgresSlice app) : AccountEmailTests(app);
