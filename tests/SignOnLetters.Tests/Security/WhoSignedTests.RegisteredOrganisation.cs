using System.Diagnostics;
using System.Net;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Security;

/// <summary>
/// Issue 18, row 3: a signature naming a registered organisation, from an address off its domain, is
/// held for that organisation's coordinators. Its submitter must not learn that: not from the
/// answer, its timing, the e-mail, nor the confirmation page (otherwise the form would tell which
/// names are registered and which forgeries would be caught).
/// </summary>
public abstract partial class WhoSignedTests
{
    private const string Registered = "Global Network of People Who Use Drugs";

    private async Task RegisterAsync()
    {
        var coordinator = await App.CreateUserAsync("coordinator@gnpud.example");
        await App.InsertAsync(Domain.Organisation.Create(Registered, "NL", "https://gnpud.example", coordinator.Id, App.Clock.GetUtcNow().UtcDateTime));
        App.RunAs(null);
    }

    [SkippableFact]
    public async Task Should_answer_mail_and_confirm_the_same_when_the_signature_is_held_for_a_registered_organisation()
    {
        await OpenLetterAsync(App);
        await RegisterAsync();
        var browser = BrowserlessClient.For(App);

        var held = await SignOnFormAsync(browser, Registered, "probe@attacker.example");
        var normal = await SignOnFormAsync(browser, "Never Registered Network", "control@attacker.example");
        Assert.Equal(normal, held);
        AssertSameEmail(Assert.Single(App.Emails.To("control@attacker.example")), Assert.Single(App.Emails.To("probe@attacker.example")));

        Assert.Equal(await ConfirmOnPageAsync(browser, "control@attacker.example"), await ConfirmOnPageAsync(browser, "probe@attacker.example"));
        Assert.Single(App.Emails.To("probe@attacker.example"));
        var probe = (await SignaturesAsync(App)).Single(s => s.Email == "probe@attacker.example");
        Assert.Equal((SignatureState.HeldForReview, HoldReason.HeldForOrganisation), (probe.State, probe.HoldReason));
    }

    [SkippableFact]
    public async Task Should_answer_signing_in_the_same_time_and_bytes_whether_or_not_the_name_is_a_registered_organisation()
    {
        await OpenLetterAsync(App);
        await RegisterAsync();
        var api = App.Factory.CreateClient();
        var round = 0;
        // Held: the registered name (and a full-width look-alike); normal: names never registered.
        Task<Answer> HeldForOrganisation() => PostAsync(api,
            Organisation(++round % 2 == 0 ? Registered : "Ｇlobal Network of People Who Use Drugs", $"probe-{round}@attacker.example"));
        Task<Answer> Normal() => PostAsync(api, Organisation($"Never Registered {++round}", $"probe-{round}@attacker.example"));

        var (held, normal) = await PathTiming.TimeBothPathsAsync(HeldForOrganisation, Normal);

        PathTiming.AssertSameTiming(held.Select(a => a.Elapsed), normal.Select(a => a.Elapsed), "when held for a registered organisation", "when not");
        Assert.All(held.Concat(normal), a => Assert.Equal(normal[0].Comparable, a.Comparable));
        Assert.Equal(HttpStatusCode.Accepted, normal[0].Status);
    }

    [SkippableFact]
    public async Task Should_confirm_in_the_same_time_and_words_whether_or_not_the_signature_is_held_for_a_registered_organisation()
    {
        await OpenLetterAsync(App);
        // One registered organisation per probe, so each probe is held for its organisation (a
        // second probe of one name would only contest the first).
        var coordinator = await App.CreateUserAsync("coordinator@registered.example");
        for (var i = 0; i < 5 + PathTiming.Rounds; i++)
            await App.InsertAsync(Domain.Organisation.Create($"Registered Network {i}", "NL", null, coordinator.Id, App.Clock.GetUtcNow().UtcDateTime));
        var round = 0;
        var registered = 0;
        async Task<Answer> ConfirmAsync(string name)
        {
            var email = $"confirm-{++round}@attacker.example";
            App.RunAs(null);
            await App.SendAsync(Organisation(name, email));
            var token = Token(LinkPath(App, email, "/signatures/confirm/"));
            var watch = Stopwatch.StartNew();
            var outcome = await App.SendAsync(new Web.Pages.Signing.Confirm.Command(token));
            watch.Stop();
            return new Answer(HttpStatusCode.OK, outcome.ToString(), watch.Elapsed);
        }

        var (held, normal) = await PathTiming.TimeBothPathsAsync(
            () => ConfirmAsync($"Registered Network {registered++}"),
            () => ConfirmAsync($"Never Registered {round}"));

        PathTiming.AssertSameTiming(held.Select(a => a.Elapsed), normal.Select(a => a.Elapsed), "when held for a registered organisation", "when not");
        Assert.All(held.Concat(normal), a => Assert.Equal(normal[0].Comparable, a.Comparable));
        Assert.Equal(5 + PathTiming.Rounds, (await SignaturesAsync(App)).Count(s => s.HoldReason == HoldReason.HeldForOrganisation));
    }
}
