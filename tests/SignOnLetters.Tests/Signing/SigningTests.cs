using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Signing;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Signing;

/// <summary>Signing through the real pipeline and database: double opt-in, duplicates, races, moderation, withdrawal.</summary>
public abstract class SigningTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_confirm_by_following_the_link_in_the_eml_and_only_then_list_and_count_the_signature()
    {
        await OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);

        var signed = await browser.SubmitFormAsync($"/letters/{Slug}/sign", new Dictionary<string, string>
        {
            ["Data.Kind"] = "Organisation", ["Data.OrganisationName"] = "Rede Brasileira de Redução de Danos",
            ["Data.CountryCode"] = "BR", ["Data.SignerName"] = "Ana Souza", ["Data.Role"] = "Coordinator",
            ["Data.Email"] = "ana.souza@example.org", ["Data.Consent"] = "true",
        });
        BrowserlessClient.AssertRedirect(signed, $"/letters/{Slug}/sign");
        var (_, thanks) = await browser.GetAsync($"/letters/{Slug}/sign");
        Assert.Contains("Check your inbox", thanks.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(SignatureState.PendingConfirmation, Assert.Single(await SignaturesAsync(App)).State);
        Assert.DoesNotContain("Ana Souza", await browser.Http.GetStringAsync($"/letters/{Slug}/signatories"));
        Assert.Equal(0, (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts.Total);

        var confirmPath = LinkPath(App, "ana.souza@example.org", "/signatures/confirm/");
        var (opened, confirmPage) = await browser.GetAsync(confirmPath);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(SignatureState.PendingConfirmation, Assert.Single(await SignaturesAsync(App)).State); // a GET (mail scanner) confirms nothing
        var confirmed = await browser.SubmitAsync(confirmPage, confirmPath, new Dictionary<string, string>());
        BrowserlessClient.AssertRedirect(confirmed, $"/letters/{Slug}/signatories");

        var list = await browser.Http.GetStringAsync($"/letters/{Slug}/signatories");
        Assert.Contains("Rede Brasileira de Redução de Danos", WebUtility.HtmlDecode(list));
        Assert.Contains("1 organisation from 1 country", list);
        var signature = Assert.Single(await SignaturesAsync(App));
        Assert.Equal(SignatureState.Approved, signature.State);
        Assert.NotEqual(0, signature.LetterVersionId);
        Assert.Equal([SignatureState.PendingConfirmation, SignatureState.Approved], signature.Events.OrderBy(e => e.Id).Select(e => e.ToState));

        // Single use: the same link again changes nothing and says so.
        var (_, reused) = await browser.GetAsync(confirmPath);
        Assert.Contains("not valid or has already been used", reused.Body!.TextContent);
    }

    [SkippableFact]
    public async Task Should_count_exactly_one_signature_when_fifty_identical_submissions_are_confirmed_at_once()
    {
        await OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => App.SendAsync(Organisation()))));
        Assert.All(outcomes, o => Assert.Equal(Sign.Outcome.CheckYourInbox, o));
        var links = App.Emails.To("ana@example.org").Select(m => Token(new Uri(EmailBox.LinkContaining(m, "/signatures/confirm/")).AbsolutePath)).ToList();
        Assert.Equal(50, links.Count);

        // Every link followed at once: the claim on the organisation and the address goes to one.
        var confirmed = await Task.WhenAll(links.Select(link => Task.Run(async () =>
        {
            try
            {
                return await App.SendAsync(new Confirm.Command(link));
            }
            catch (DomainRuleException)
            {
                return null; // lost a race it could not settle: the signer follows the link again
            }
        })));
        foreach (var (link, outcome) in links.Zip(confirmed).Where(p => p.Second is null))
            await App.SendAsync(new Confirm.Command(link));

        var signatures = await SignaturesAsync(App);
        Assert.Single(signatures, s => s.State == SignatureState.Approved);
        Assert.Equal(49, signatures.Count(s => s.State == SignatureState.Merged));
        Assert.Equal(1, (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts.Total);
    }

    [SkippableFact]
    public async Task Should_send_a_second_submission_from_an_address_the_same_email_and_settle_it_once_the_link_is_followed()
    {
        await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Individual(email: "rui.costa@gmail.com"));
        var firstWithdraw = LinkPath(App, "rui.costa@gmail.com", "/signatures/withdraw/");

        // The same mailbox, spelt differently: stored, answered and mailed like any new signature.
        Assert.Equal(Sign.Outcome.CheckYourInbox, await App.SendAsync(Individual(name: "Someone else", email: "RuiCosta+letters@googlemail.com")));
        var second = App.Emails.LatestTo("RuiCosta+letters@googlemail.com");
        Assert.StartsWith("Please confirm your signature", second.Subject);

        var outcome = await App.SendAsync(new Confirm.Command(Token(LinkPath(App, "RuiCosta+letters@googlemail.com", "/signatures/confirm/"))));

        Assert.True(outcome.AlreadySigned);
        var signatures = await SignaturesAsync(App);
        Assert.Equal([SignatureState.Approved, SignatureState.Merged], signatures.Select(s => s.State));
        Assert.Equal(signatures[0].Id, signatures[1].MergedIntoId);
        Assert.Equal("Rui Costa", signatures[0].SignerName); // the first signature stands
        // Only now, with the mailbox proved, does its owner hear that it had signed, with a working withdraw link.
        var told = App.Emails.LatestTo("rui.costa@gmail.com");
        Assert.StartsWith("You have already signed", told.Subject);
        var freshWithdraw = new Uri(EmailBox.LinkContaining(told, "/signatures/withdraw/")).AbsolutePath;
        Assert.NotEqual(firstWithdraw, freshWithdraw);
        Assert.Equal(signatures[0].Id, (await App.ExecuteDbContextAsync(db =>
            db.Signatures.WithWithdrawToken(Token(freshWithdraw)).Select(s => s.Id).SingleAsync())));
        Assert.NotNull(await App.SendAsync(new Withdraw.Query(Token(firstWithdraw)))); // and the first e-mail's link still works
    }

    [SkippableFact]
    public async Task Should_resend_the_link_on_request_within_limits_and_answer_the_same_for_unknown_addresses()
    {
        await OpenLetterAsync(App);
        await App.SendAsync(Individual());
        var firstLink = Token(LinkPath(App, "rui@example.org", "/signatures/confirm/"));
        var firstWithdraw = Token(LinkPath(App, "rui@example.org", "/signatures/withdraw/"));

        await App.SendAsync(new Resend.Command { Slug = Slug, Email = "rui@example.org" }); // too soon: nothing sent
        Assert.Single(App.Emails.To("rui@example.org"));
        App.Clock.Advance(Signature.ConfirmationResendInterval);
        await App.SendAsync(new Resend.Command { Slug = Slug, Email = "RUI@example.org" });
        await App.SendAsync(new Resend.Command { Slug = Slug, Email = "nobody@example.org" });

        Assert.Equal(2, App.Emails.To("rui@example.org").Count);
        Assert.Empty(App.Emails.To("nobody@example.org"));
        var latestLink = Token(LinkPath(App, "rui@example.org", "/signatures/confirm/"));
        var latestWithdraw = Token(LinkPath(App, "rui@example.org", "/signatures/withdraw/"));
        Assert.NotEqual(firstLink, latestLink);
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Confirm.Command(firstLink)));
        await App.SendAsync(new Confirm.Command(latestLink));
        Assert.Equal(SignatureState.Approved, Assert.Single(await SignaturesAsync(App)).State);

        // Both e-mails' withdraw links work: the signer may have kept either (issue 18, row 11).
        Assert.NotNull(await App.SendAsync(new Withdraw.Query(latestWithdraw)));
        await App.SendAsync(new Withdraw.Command(firstWithdraw));
        Assert.Equal(SignatureState.Withdrawn, Assert.Single(await SignaturesAsync(App)).State);
    }

    [SkippableFact]
    public async Task Should_keep_an_organisations_signature_and_hold_a_second_one_for_the_coordinators_once_confirmed()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Organisation("Médecins du Monde", "ana@example.org"));

        var second = await SignAndConfirmAsync(App, Organisation("MEDECINS-DU-MONDE", "paul@example.org"));

        var signatures = await SignaturesAsync(App);
        Assert.Equal((SignatureState.Approved, "Ana Silva"), (signatures[0].State, signatures[0].SignerName));
        Assert.Equal((SignatureState.HeldForReview, HoldReason.OrganisationAlreadySigned, null),
            (signatures[1].State, signatures[1].HoldReason, signatures[1].ClaimedAt));
        Assert.Equal(1, (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts.Total);
        Assert.Single(App.Emails.To("paul@example.org")); // the "please confirm", nothing else

        // The coordinators decide: not approved while the first stands; approved once it has gone.
        App.RunAs(coordinator);
        var queue = await App.SendAsync(new Moderate.Query(Slug));
        Assert.Equal(HoldReason.OrganisationAlreadySigned, Assert.Single(queue.Signatures).Reason);
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Moderate.Approve(Slug, [second])));
        Assert.Contains("already has signature", refused.Message);
        await App.SendAsync(new Withdraw.Command(Token(LinkPath(App, "ana@example.org", "/signatures/withdraw/"))));
        await App.SendAsync(new Moderate.Approve(Slug, [second]));
        Assert.Equal(SignatureState.Approved, (await SignaturesAsync(App))[1].State);
    }

    [SkippableFact]
    public async Task Should_let_unconfirmed_signatures_block_nobody_and_lapse_after_the_link_expires()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        // A squatter types the organisation's name (and someone else's address) without confirming,
        // and one more submission was held over the rate limit (never mailed, never confirmed).
        await App.SendAsync(Organisation("Médecins du Monde", "squatter@example.org"));
        await App.SendAsync(Organisation("Something Else", "ana@example.org"));
        await App.InsertAsync((await TermsAsync(App, letter)).SignHeld(Organisation("Médecins du Monde", "flood@example.org").Details,
            SignatureSource.PublicForm, HoldReason.RateLimit, NewTokens().WithdrawHash, App.Clock.GetUtcNow().UtcDateTime));

        // The real organisation signs and confirms at once: nothing stands in its way.
        await SignAndConfirmAsync(App, Organisation("Médecins du Monde", "ana@example.org"));
        Assert.Equal(1, (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts.Total);

        // Past the link's lifetime the squatter's link no longer works, and the unconfirmed ones end.
        var squatterLink = Token(LinkPath(App, "squatter@example.org", "/signatures/confirm/"));
        App.Clock.Advance(Signature.ConfirmationLifetime + TimeSpan.FromMinutes(1));
        var (_, page) = await BrowserlessClient.For(App).GetAsync($"/signatures/confirm/{squatterLink}");
        Assert.Contains("expired", page.Body!.TextContent);
        Assert.Equal(3, await App.Factory.Services.GetRequiredService<LapsedSignatureExpiry>().ExpireLapsedAsync(CancellationToken.None));
        Assert.Equal([SignatureState.Expired, SignatureState.Expired, SignatureState.Expired, SignatureState.Approved],
            (await SignaturesAsync(App)).Select(s => s.State));
    }

    [SkippableFact]
    public async Task Should_refuse_expired_wrong_and_cross_purpose_tokens()
    {
        await OpenLetterAsync(App);
        await App.SendAsync(Individual());
        var confirm = Token(LinkPath(App, "rui@example.org", "/signatures/confirm/"));
        var withdraw = Token(LinkPath(App, "rui@example.org", "/signatures/withdraw/"));

        foreach (var wrong in new[] { withdraw, new string('A', 43), "short", "../../etc/passwd", confirm + "x" })
        {
            Assert.Contains("not valid", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Confirm.Command(wrong)))).Message);
            Assert.Null((await App.SendAsync(new Confirm.Query(wrong))).Target);
        }
        Assert.Null(await App.SendAsync(new Withdraw.Query(confirm)));

        App.Clock.Advance(Signature.ConfirmationLifetime);
        Assert.Contains("expired", (await App.SendAsync(new Confirm.Query(confirm))).Problem);
        Assert.Contains("expired", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Confirm.Command(confirm)))).Message);
        Assert.Equal(SignatureState.PendingConfirmation, Assert.Single(await SignaturesAsync(App)).State);
    }

    [SkippableFact]
    public async Task Should_withdraw_without_login_at_any_time_and_free_the_organisation_to_sign_again()
    {
        await OpenLetterAsync(App);
        await App.SendAsync(Organisation());
        await ConfirmLatestAsync("ana@example.org");
        var withdrawPath = LinkPath(App, "ana@example.org", "/signatures/withdraw/");
        App.Clock.Advance(TimeSpan.FromDays(90));

        var browser = BrowserlessClient.For(App);
        var (_, page) = await browser.GetAsync(withdrawPath);
        BrowserlessClient.AssertRedirect(await browser.SubmitAsync(page, withdrawPath, new Dictionary<string, string>()), $"/letters/{Slug}/signatories");

        Assert.Equal(SignatureState.Withdrawn, Assert.Single(await SignaturesAsync(App)).State);
        Assert.Equal(0, (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts.Total);
        Assert.Contains("already been withdrawn", (await browser.GetAsync(withdrawPath)).Document.Body!.TextContent);
        await App.SendAsync(Organisation(email: "paul@example.org"));
        Assert.Equal(2, (await SignaturesAsync(App)).Count);
    }

    [SkippableFact]
    public async Task Should_hold_confirmed_signatures_for_review_under_manual_moderation()
    {
        await OpenLetterAsync(App, new LetterSettings(WhoMaySign.OrganisationsAndIndividuals, ModerationMode.Manual, false));
        await App.SendAsync(Individual());

        await ConfirmLatestAsync("rui@example.org");

        var signature = Assert.Single(await SignaturesAsync(App));
        Assert.Equal(SignatureState.HeldForReview, signature.State);
        Assert.Equal(HoldReason.ManualModeration, signature.HoldReason);
        Assert.Equal(0, (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts.Total);
    }

    [SkippableFact]
    public async Task Should_let_a_representative_sign_for_their_organisation_in_one_step()
    {
        await OpenLetterAsync(App);
        var (representative, organisation) = await App.CreateOrganisationAsync("Youth RISE", "IE", "rep@youthrise.example");

        var outcome = await App.SendAsync(Organisation("ignored", "ignored@example.org") with { OrganisationId = organisation.Id, CountryCode = null, Email = null });

        Assert.Equal(Sign.Outcome.SignedForOrganisation, outcome);
        var signature = Assert.Single(await SignaturesAsync(App));
        Assert.Equal((SignatureState.Approved, SignatureSource.Representative, "Youth RISE", "IE", representative.Id),
            (signature.State, signature.Source, signature.OrganisationName, signature.CountryCode, signature.RepresentativeUserId));
        Assert.Contains("/signatures/withdraw/", App.Emails.LatestTo("rep@youthrise.example").HtmlBody);
        Assert.DoesNotContain(EmailBox.Links(App.Emails.LatestTo("rep@youthrise.example")), l => l.Contains("/confirm/"));

        await App.RunAsNewUserAsync("stranger@example.org");
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(Organisation() with { OrganisationId = organisation.Id }));
        App.RunAs(representative);
        Assert.Contains("already signed", (await Assert.ThrowsAsync<DomainRuleException>(() =>
            App.SendAsync(Organisation() with { OrganisationId = organisation.Id }))).Message);
    }

    [SkippableFact]
    public async Task Should_hold_over_limit_submissions_without_email_and_say_so_when_the_rate_limit_is_on()
    {
        await OpenLetterAsync(App);
        await using var limited = App.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Signing:RateLimit:Enabled", "true");
            builder.UseSetting("Signing:RateLimit:PermitPerMinute", "1");
        });
        var api = limited.CreateClient();

        var first = await api.PostAsJsonAsync($"/api/letters/{Slug}/signatures", SigningScenario.Json(Individual(email: "one@example.org")));
        var second = await api.PostAsJsonAsync($"/api/letters/{Slug}/signatures", SigningScenario.Json(Individual(name: "Two", email: "two@example.org")));

        Assert.Equal("{\"state\":\"pendingConfirmation\"}", await first.Content.ReadAsStringAsync());
        Assert.Equal("{\"state\":\"heldForReview\"}", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var signatures = await SignaturesAsync(App);
        Assert.Equal([SignatureState.PendingConfirmation, SignatureState.HeldForReview], signatures.Select(s => s.State));
        Assert.Equal(HoldReason.RateLimit, signatures[1].HoldReason);
        Assert.Empty(App.Emails.To("two@example.org"));
        Assert.Single(App.Emails.To("one@example.org"));
    }

    [SkippableFact]
    public async Task Should_show_signers_only_as_they_chose_and_never_their_email_or_network()
    {
        await OpenLetterAsync(App);
        var signers = new[]
        {
            Organisation("Named Network", "named@example.org"),
            Organisation("Org Only Collective", "orgonly@example.org") with { SignerName = "Hidden Person", Visibility = SignatureVisibility.OrganisationOnly },
            Individual("Secret Signer", "secret@example.org") with { Visibility = SignatureVisibility.CountedNotNamed, CountryCode = "KE" },
        };
        foreach (var signer in signers)
        {
            await App.SendAsync(signer);
            await ConfirmLatestAsync(signer.Email!);
        }

        var http = App.Factory.CreateClient();
        var html = WebUtility.HtmlDecode(await http.GetStringAsync($"/letters/{Slug}/signatories"));
        var json = await http.GetStringAsync($"/api/letters/{Slug}/signatories?page=1");
        foreach (var response in new[] { html, json })
        {
            Assert.Contains("Named Network", response);
            Assert.Contains("Ana Silva", response);
            Assert.Contains("Org Only Collective", response);
            Assert.DoesNotContain("Hidden Person", response);
            Assert.DoesNotContain("Secret Signer", response);
            Assert.DoesNotContain("@example.org", response);
            Assert.DoesNotContain("/24", response);
        }
        Assert.Contains("\"counts\":{\"organisations\":2,\"individuals\":1,\"countries\":2,\"total\":3}", json);
    }

    [SkippableFact]
    public async Task Should_refuse_letters_that_are_not_open()
    {
        await OpenLetterAsync(App, status: LetterStatus.Draft, slug: "a-draft");
        await OpenLetterAsync(App, status: LetterStatus.Closed, slug: "a-closed-letter");
        await OpenLetterAsync(App, status: LetterStatus.Archived, slug: "an-archived-letter");

        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(Individual() with { Slug = "a-draft" }));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(Individual() with { Slug = "no-such-letter" }));
        Assert.Contains("closed", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(Individual() with { Slug = "a-closed-letter" }))).Message);
        Assert.Contains("archived", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(Individual() with { Slug = "an-archived-letter" }))).Message);
        Assert.Empty(await SignaturesAsync(App));
        Assert.Empty(App.Emails.All());
    }

    private async Task ConfirmLatestAsync(string address) =>
        await App.SendAsync(new Confirm.Command(Token(LinkPath(App, address, "/signatures/confirm/"))));

}

[Collection(SqliteCollection.Name)]
public sealed class SigningTestsOnSqlite(SqliteSlice app) : SigningTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SigningTestsOnPostgres(PostgresSlice app) : SigningTests(app);
