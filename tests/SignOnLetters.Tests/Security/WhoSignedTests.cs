using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MimeKit;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Security;

/// <summary>
/// Issue 18, rows 1 and 2: a stranger who types an organisation's name or a person's address into
/// the sign form (or the resend form) must learn nothing about whether it signed: not from the
/// e-mail their own mailbox gets, not from the page or API answer, not from how long the answer
/// takes. Each test plays the attack on both paths in one run and compares.
/// </summary>
public abstract partial class WhoSignedTests(SliceFixture app) : SliceTest(app)
{
    /// <summary>A collective that signed "counted, not named": the public sees only a number.</summary>
    private const string Hidden = "Collective of Sex Workers";

    [SkippableFact]
    public async Task Should_mail_and_answer_the_same_whether_or_not_the_organisation_signed_and_hold_the_second_claim_for_the_coordinators()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Organisation(Hidden, "members@collective.example") with { Visibility = SignatureVisibility.CountedNotNamed });
        var browser = BrowserlessClient.For(App);

        // The attacker signs as the hidden collective (spelt as case and punctuation allow) and, for
        // comparison, as a network that never signed, each from a mailbox of their own.
        var attempts = new[] { ("COLLECTIVE of sex-workers!", "probe-1@attacker.example"), ("collective, of sex workers", "probe-2@attacker.example") };
        foreach (var (name, mailbox) in attempts)
        {
            var known = await SignOnFormAsync(browser, name, mailbox);
            var unknown = await SignOnFormAsync(browser, $"Never Signed Network {mailbox[6]}", $"control-{mailbox}");
            Assert.Equal(unknown, known);

            var probe = Assert.Single(App.Emails.To(mailbox));
            var control = Assert.Single(App.Emails.To($"control-{mailbox}"));
            AssertSameEmail(control, probe);
        }

        // Following the link answers the same too; the collective's signature stays as it was and
        // the probe waits for the letter's coordinators, who alone are shown the conflict.
        var probeAnswer = await ConfirmOnPageAsync(browser, "probe-1@attacker.example");
        var controlAnswer = await ConfirmOnPageAsync(browser, "control-probe-1@attacker.example");
        Assert.Equal(controlAnswer, probeAnswer);
        Assert.Single(App.Emails.To("probe-1@attacker.example"));
        var signatures = await SignaturesAsync(App);
        var hidden = signatures[0];
        Assert.Equal((SignatureState.Approved, SignatureVisibility.CountedNotNamed, "members@collective.example"), (hidden.State, hidden.Visibility, hidden.Email));
        var probeSignature = signatures.Single(s => s.Email == "probe-1@attacker.example");
        Assert.Equal((SignatureState.HeldForReview, HoldReason.OrganisationAlreadySigned), (probeSignature.State, probeSignature.HoldReason));
        Assert.DoesNotContain(Hidden, await browser.Http.GetStringAsync($"/letters/{Slug}/signatories"));
        App.RunAs(coordinator);
        Assert.Contains((await App.SendAsync(new SignOnLetters.Web.Pages.Signatures.Moderate.Query(Slug))).Signatures,
            h => h.Id == probeSignature.Id && h.Reason == HoldReason.OrganisationAlreadySigned);
    }

    [SkippableFact]
    public async Task Should_mail_the_same_whether_or_not_the_address_signed()
    {
        await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Individual("Ama Owusu", "ama@example.org"));
        var browser = BrowserlessClient.For(App);

        var known = await SignOnFormAsync(browser, null, "AMA@example.org");
        var unknown = await SignOnFormAsync(browser, null, "kofi@example.org");

        Assert.Equal(unknown, known);
        AssertSameEmail(App.Emails.LatestTo("kofi@example.org"), App.Emails.LatestTo("ama@example.org"));
        Assert.Equal(2, App.Emails.To("ama@example.org").Count); // the first confirmation, then the same again: nothing else
    }

    [SkippableFact]
    public async Task Should_answer_signing_in_the_same_time_and_bytes_whether_or_not_the_name_or_address_signed()
    {
        await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Organisation(Hidden, "members@collective.example") with { Visibility = SignatureVisibility.CountedNotNamed });
        var api = App.Factory.CreateClient();
        var round = 0;
        // Known: the hidden collective's name (in variants) or its address; unknown: fresh ones.
        Task<Answer> Known() => PostAsync(api, ++round % 2 == 0
            ? Organisation(round % 4 == 0 ? Hidden.ToUpperInvariant() : Hidden + ".", $"probe-{round}@attacker.example")
            : Organisation($"Probe Network {round}", "Members@Collective.example"));
        Task<Answer> Unknown() => PostAsync(api, ++round % 2 == 0
            ? Organisation($"Never Signed {round}", $"probe-{round}@attacker.example")
            : Organisation($"Probe Network {round}", $"fresh-{round}@example.org"));

        var (known, unknown) = await PathTiming.TimeBothPathsAsync(Known, Unknown);

        AssertSameTiming(known, unknown);
        Assert.All(known.Concat(unknown), a => Assert.Equal(unknown[0].Comparable, a.Comparable));
        Assert.Equal(HttpStatusCode.Accepted, unknown[0].Status);
    }

    [SkippableFact]
    public async Task Should_answer_resend_in_the_same_time_and_bytes_whether_or_not_the_address_signed()
    {
        await OpenLetterAsync(App);
        await App.SendAsync(Individual("Ama Owusu", "ama@example.org"));
        var browser = BrowserlessClient.For(App);
        var (_, form) = await browser.GetAsync($"/letters/{Slug}/sign/resend");
        var round = 0;
        async Task<Answer> ResendAsync(string email)
        {
            var watch = Stopwatch.StartNew();
            var response = await browser.SubmitAsync(form, $"/letters/{Slug}/sign/resend", new Dictionary<string, string> { ["Data.Email"] = email });
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            return new Answer(response.StatusCode, Comparable(response, body), watch.Elapsed);
        }

        var (known, unknown) = await PathTiming.TimeBothPathsAsync(
            () => ResendAsync(++round % 2 == 0 ? "ama@example.org" : "AMA@Example.org"),
            () => ResendAsync($"nobody-{++round}@example.org"));

        AssertSameTiming(known, unknown);
        Assert.All(known.Concat(unknown), a => Assert.Equal(unknown[0].Comparable, a.Comparable));
        Assert.Equal(HttpStatusCode.Redirect, unknown[0].Status);
    }

    private static void AssertSameTiming(List<Answer> known, List<Answer> unknown) =>
        PathTiming.AssertSameTiming(known.Select(a => a.Elapsed), unknown.Select(a => a.Elapsed), "when the name or address signed", "when it did not");

    private static async Task<Answer> PostAsync(HttpClient api, Sign.Command command)
    {
        var watch = Stopwatch.StartNew();
        var response = await api.PostAsJsonAsync($"/api/letters/{Slug}/signatures", SigningScenario.Json(command));
        var body = await response.Content.ReadAsStringAsync();
        watch.Stop();
        return new Answer(response.StatusCode, Comparable(response, body), watch.Elapsed);
    }

    /// <summary>Status, every header but the date (a cookie by name: its value is an encrypted token), and the body.</summary>
    private static string Comparable(HttpResponseMessage response, string body) =>
        string.Join("\n", response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => h.Key == "Set-Cookie" ? $"{h.Key}: {string.Join(";", h.Value.Select(v => v[..v.IndexOf('=')]))}" : $"{h.Key}: {string.Join(",", h.Value)}"))
        + $"\n{(int)response.StatusCode}\n{body}";

    private sealed record Answer(HttpStatusCode Status, string Comparable, TimeSpan Elapsed);

    /// <summary>Signs on the public page as an anonymous visitor; returns what the visitor sees (the redirect and the notice).</summary>
    private async Task<string> SignOnFormAsync(BrowserlessClient browser, string? organisation, string email)
    {
        var fields = new Dictionary<string, string>
        {
            ["Data.Kind"] = organisation is null ? "Individual" : "Organisation", ["Data.CountryCode"] = "KE",
            ["Data.SignerName"] = "Wanjiru Kamau", ["Data.Email"] = email, ["Data.Consent"] = "true",
            ["Data.Visibility"] = "NameAndOrganisation",
        };
        if (organisation is not null)
            fields["Data.OrganisationName"] = organisation;
        var posted = await browser.SubmitFormAsync($"/letters/{Slug}/sign", fields);
        BrowserlessClient.AssertRedirect(posted);
        var (_, page) = await browser.GetAsync(posted.Headers.Location!.OriginalString);
        return $"{(int)posted.StatusCode} {posted.Headers.Location} {page.QuerySelector("[role=status]")?.TextContent.Trim()}";
    }

    private async Task<string> ConfirmOnPageAsync(BrowserlessClient browser, string email)
    {
        var path = LinkPath(App, email, "/signatures/confirm/");
        var (_, page) = await browser.GetAsync(path);
        var confirmed = await browser.SubmitAsync(page, path, new Dictionary<string, string>());
        BrowserlessClient.AssertRedirect(confirmed);
        var (_, list) = await browser.GetAsync(confirmed.Headers.Location!.OriginalString);
        return $"{(int)confirmed.StatusCode} {confirmed.Headers.Location} {list.QuerySelector("[role=status]")?.TextContent.Trim()}";
    }

    /// <summary>Same subject, same body once the links' tokens are set aside, same kinds of link.</summary>
    private static void AssertSameEmail(MimeMessage expected, MimeMessage actual)
    {
        Assert.Equal(expected.Subject, actual.Subject);
        Assert.Equal(WithoutTokens(expected.HtmlBody), WithoutTokens(actual.HtmlBody));
        Assert.Equal(EmailBox.Links(expected).Select(WithoutTokens), EmailBox.Links(actual).Select(WithoutTokens));
    }

    private static string WithoutTokens(string? text) => TokenInLink().Replace(text ?? string.Empty, "/signatures/$1/TOKEN");

    [GeneratedRegex("/signatures/(confirm|withdraw)/[A-Za-z0-9_-]+")]
    private static partial Regex TokenInLink();
}

[Collection(SqliteCollection.Name)]
public sealed class WhoSignedTestsOnSqlite(SqliteSlice app) : WhoSignedTests(app);

[Collection(PostgresCollection.Name)]
public sealed class WhoSignedTestsOnPostgres(PostgresSlice app) : WhoSignedTests(app);
