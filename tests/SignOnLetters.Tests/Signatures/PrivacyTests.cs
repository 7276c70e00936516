using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Background;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Signatures;

/// <summary>Erasure on request and anonymisation after the retention period.</summary>
public abstract class PrivacyTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_remove_an_erased_signature_from_a_letter_not_yet_delivered_and_keep_no_personal_data()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var id = await SignAndConfirmAsync(Organisation("Médecins du Monde", "ana@example.org") with { Website = "https://mdm.example" });
        App.RunAs(coordinator);
        await App.SendAsync(new PartnerInvitations.Invite { Slug = Slug, OrganisationName = "Médecins du Monde", Email = "Ana@example.org" });
        await App.SendAsync(new PartnerInvitations.Invite { Slug = Slug, OrganisationName = "Another", Email = "another@example.org" });
        await App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureIds = [id], Reason = "Ana Silva says she never signed" });

        Assert.Equal(SignatureState.Erased, await App.SendAsync(new Details.Erase(Slug, id)));

        var erased = Assert.Single(await SignaturesAsync(App));
        AssertNoPersonalData(erased);
        Assert.Null(erased.OrganisationName);
        Assert.NotNull(erased.ErasedAt);
        var last = erased.Events.OrderBy(e => e.Id).Last();
        Assert.Equal((SignatureActor.Coordinator, coordinator.Id, "Personal data erased on request"), (last.Actor, last.ActorUserId, last.Described));
        Assert.DoesNotContain(erased.Events, e => e.Described?.Contains("Ana") == true);
        Assert.Equal(SignatureCounts.None, (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts);
        Assert.Equal("another@example.org", Assert.Single((await App.SendAsync(new PartnerInvitations.Query(Slug))).Invitations).Email);
        // The organisation may sign again.
        App.RunAs(null);
        await App.SendAsync(Organisation("Médecins du Monde", "ana@example.org"));
        Assert.Equal(2, (await SignaturesAsync(App)).Count);
    }

    [SkippableFact]
    public async Task Should_keep_an_anonymous_count_when_the_letter_was_delivered()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var id = await SignAndConfirmAsync(Organisation("Médecins du Monde", "ana@example.org"));
        await SignAndConfirmAsync(Individual());
        await AdvanceLetterAsync(coordinator, deliver: true);
        App.RunAs(coordinator);

        Assert.Equal(SignatureState.Approved, await App.SendAsync(new Details.Erase(Slug, id)));

        var erased = (await SignaturesAsync(App)).Single(s => s.Id == id);
        AssertNoPersonalData(erased);
        Assert.Equal((SignerKind.Organisation, "FR", SignatureVisibility.CountedNotNamed), (erased.Kind, erased.CountryCode, erased.Visibility));
        var list = await App.SendAsync(new Signatories.Query(Slug, 1));
        Assert.Equal(new SignatureCounts(1, 1, 2), list.Counts);
        Assert.Equal("Rui Costa", Assert.Single(list.Items).Name);
        var again = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Details.Erase(Slug, id)));
        Assert.Contains("already been erased", again.Message);
    }

    [SkippableFact]
    public async Task Should_refuse_erasure_to_others_and_of_other_letters_signatures()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var id = await SignAndConfirmAsync(Individual());
        var (_, otherCoordinator, _) = await OpenLetterAsync(App, slug: "other-letter");

        App.RunAs(otherCoordinator);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Details.Erase("other-letter", id)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Details.Erase(Slug, id)));
        App.RunAs(null);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Details.Erase(Slug, id)));
        App.RunAs(coordinator);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Details.Erase(Slug, -1)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Details.Erase(Slug, int.MaxValue)));
        Assert.Equal(SignatureState.Approved, Assert.Single(await SignaturesAsync(App)).State);
    }

    [SkippableFact]
    public async Task Should_anonymise_personal_data_once_the_retention_period_after_closing_has_passed()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var named = await SignAndConfirmAsync(Organisation("Médecins du Monde", "ana@example.org"));
        var hidden = await SignAndConfirmAsync(Individual("Hidden Person", "hidden@example.org") with { Visibility = SignatureVisibility.CountedNotNamed });
        await App.SendAsync(Individual("Never Confirmed", "never@example.org"));
        await OpenLetterAsync(App, slug: "still-open");
        await App.SendAsync(Organisation("Open Letter Signer", "open@example.org", slug: "still-open"));
        App.RunAs(coordinator);
        await App.SendAsync(new PartnerInvitations.Invite { Slug = Slug, OrganisationName = "Partner", Email = "partner@example.org" });
        await AdvanceLetterAsync(coordinator, deliver: false);
        var retention = App.Factory.Services.GetRequiredService<SignatureRetention>();

        App.Clock.Advance(TimeSpan.FromDays(364));
        Assert.Equal(0, await retention.AnonymiseExpiredAsync(CancellationToken.None));
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.PartnerInvitations.CountAsync()));
        App.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(3, await retention.AnonymiseExpiredAsync(CancellationToken.None));
        Assert.Equal(0, await retention.AnonymiseExpiredAsync(CancellationToken.None));

        var all = await SignaturesAsync(App);
        var kept = all.Single(s => s.Id == named);
        Assert.Equal(("Ana Silva", "Médecins du Monde", SignatureState.Approved), (kept.SignerName, kept.OrganisationName, kept.State));
        Assert.Null(kept.Email);
        Assert.Null(kept.WithdrawTokenHash);
        Assert.NotNull(kept.AnonymisedAt);
        Assert.Equal(SignatureActor.System, kept.Events.OrderBy(e => e.Id).Last().Actor);
        AssertNoPersonalData(all.Single(s => s.Id == hidden));
        Assert.Single(all, s => s.State == SignatureState.PendingConfirmation && s.SignerName.Length == 0 && s.Email is null);
        Assert.Equal("open@example.org", all.Single(s => s.OrganisationName == "Open Letter Signer").Email);
        Assert.Equal(new SignatureCounts(1, 1, 2), (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts);
        Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.PartnerInvitations.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_show_the_history_and_erase_from_the_page()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var id = await SignAndConfirmAsync(Individual());
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);

        var (response, page) = await browser.GetAsync($"/letters/{Slug}/signatures/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("rui@example.org", page.QuerySelector("#signature-facts")!.TextContent);
        Assert.Contains("Approved automatically", page.QuerySelector("#signature-history")!.TextContent);

        // Erasing asks first: the signature's page links to a confirmation page, which says what goes.
        Assert.Equal($"/letters/{Slug}/signatures/{id}/erase", page.QuerySelector("a#erase-link")!.GetAttribute("href"));
        var (_, confirm) = await browser.GetAsync($"/letters/{Slug}/signatures/{id}/erase");
        Assert.Contains("Rui Costa", confirm.QuerySelector("#confirm-erase")!.TextContent);
        Assert.Contains("This cannot be undone.", confirm.QuerySelector("#confirm-erase")!.TextContent);
        Assert.Null(confirm.QuerySelector("script"));
        Assert.Null((await SignaturesAsync(App)).Single().ErasedAt);
        var erased = await browser.SubmitAsync(confirm, $"/letters/{Slug}/signatures/{id}/erase", new Dictionary<string, string>(), "#confirm-erase form");
        BrowserlessClient.AssertRedirect(erased, $"/letters/{Slug}/signatures/{id}");
        var (_, after) = await browser.GetAsync($"/letters/{Slug}/signatures/{id}");
        Assert.DoesNotContain("rui@example.org", after.Body!.TextContent);
        Assert.Contains("Personal data erased on request", after.QuerySelector("#signature-history")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/letters/{Slug}/signatures/{id + 1000}")).Response.StatusCode);
    }

    [SkippableFact]
    public async Task Should_erase_nothing_when_the_erase_post_skips_the_confirmation_page()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var id = await SignAndConfirmAsync(Individual());
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);
        var (_, page) = await browser.GetAsync($"/letters/{Slug}/signatures/{id}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // The old one-click post, with a valid antiforgery token: it only leads to the question.
        var skipped = await browser.Http.PostAsync($"/letters/{Slug}/signatures/{id}?handler=Erase",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        BrowserlessClient.AssertRedirect(skipped, $"/letters/{Slug}/signatures/{id}/erase");
        // Without a token, the confirmation page's own post is refused.
        var forged = await browser.Http.PostAsync($"/letters/{Slug}/signatures/{id}/erase", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        // Another letter's coordinator, or a signature that is not there: nothing to confirm.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/letters/{Slug}/signatures/{id + 1000}/erase")).Response.StatusCode);

        var signature = Assert.Single(await SignaturesAsync(App));
        Assert.Null(signature.ErasedAt);
        Assert.Equal("rui@example.org", signature.Email);
    }

    private static void AssertNoPersonalData(Signature signature)
    {
        Assert.Equal(string.Empty, signature.SignerName);
        Assert.Null(signature.Role);
        Assert.Null(signature.Website);
        Assert.Null(signature.Email);
        Assert.Null(signature.EmailKey);
        Assert.Null(signature.ClientNetwork);
        Assert.Null(signature.RejectionReason);
        Assert.Null(signature.WithdrawTokenHash);
        Assert.Null(signature.ConfirmationTokenHash);
        Assert.False(signature.KeepMeUpdated);
    }

    private Task<int> SignAndConfirmAsync(Sign.Command command) => SigningScenario.SignAndConfirmAsync(App, command);

    private async Task AdvanceLetterAsync(ApplicationUser coordinator, bool deliver) =>
        await App.ExecuteDbContextAsync(async db =>
        {
            var letter = await db.Letters.SingleAsync(l => l.Slug == Slug);
            var now = App.Clock.GetUtcNow().UtcDateTime;
            letter.Close(coordinator.Id, now);
            if (deliver)
                letter.MarkDelivered(coordinator.Id, now);
            await db.SaveChangesAsync();
        });
}

[Collection(SqliteCollection.Name)]
public sealed class PrivacyTestsOnSqlite(SqliteSlice app) : PrivacyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PrivacyTestsOnPostgres(PostgresSlice app) : PrivacyTests(app);
