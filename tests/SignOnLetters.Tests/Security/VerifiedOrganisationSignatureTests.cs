using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Letters;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Signatures;
using SignOnLetters.Pdf.Tests.Support;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;
using OrganisationSignatures = SignOnLetters.Web.Pages.Organisations.Signatures;

namespace SignOnLetters.Tests.Security;

/// <summary>
/// Issue 18, row 3, second half: which organisation signatures are the organisation's. Each attack
/// of the audit is played and must not get through: a stranger signing as a network from their own
/// mailbox is listed "unverified" (or, for a registered network, held for its coordinators), look-alike
/// names are caught by their skeleton, a signature typed with the stranger's own website stays
/// unverified; an address on the registered domain, a representative or a coordinator's approval
/// verifies, and a verified signature replaces an unverified claim.
/// </summary>
public abstract class VerifiedOrganisationSignatureTests(SliceFixture app) : SliceTest(app)
{
    private const string Network = "Global Network of People Who Use Drugs";
    private const string NetworkCoordinatorEmail = "coordinator@gnpud.example";

    /// <summary>The network registered here, coordinated from its own domain, with <paramref name="website"/>.</summary>
    private async Task<(ApplicationUser Coordinator, Domain.Organisation Organisation)> RegisterNetworkAsync(string? website = "https://www.gnpud.example/en")
    {
        var coordinator = await App.CreateUserAsync(NetworkCoordinatorEmail);
        var organisation = Domain.Organisation.Create(Network, "NL", website, coordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
        await App.InsertAsync(organisation);
        App.RunAs(null);
        return (coordinator, organisation);
    }

    private async Task<JsonElement[]> ApiEntriesAsync() =>
        JsonDocument.Parse(await App.Factory.CreateClient().GetStringAsync($"/api/letters/{Slug}/signatories"))
            .RootElement.GetProperty("signatories").EnumerateArray().ToArray();

    private async Task<Signature> SignatureAsync(int id) => (await SignaturesAsync(App)).Single(s => s.Id == id);

    [SkippableFact]
    public async Task Should_list_a_strangers_signature_for_an_unregistered_network_as_unverified_everywhere()
    {
        await OpenLetterAsync(App);
        var forged = await SignAndConfirmAsync(App, Organisation(Network, "me@stranger.example"));
        await SignAndConfirmAsync(App, Individual("Rui Costa", "rui@example.org"));

        Assert.Equal((SignatureState.Approved, OrganisationVerification.Unverified), ((await SignatureAsync(forged)).State, (await SignatureAsync(forged)).Verification));
        var entries = await ApiEntriesAsync();
        var organisation = entries.Single(e => e.GetProperty("kind").GetString() == "organisation");
        Assert.False(organisation.GetProperty("verified").GetBoolean());
        Assert.Equal(Network, organisation.GetProperty("organisation").GetString());
        // Individuals make no claim: no "verified" on their entries; existing fields unchanged.
        var individual = entries.Single(e => e.GetProperty("kind").GetString() == "individual");
        Assert.False(individual.TryGetProperty("verified", out _));
        Assert.Equal(["kind", "name", "role", "organisation", "country", "countryName"], individual.EnumerateObject().Select(p => p.Name));

        var page = await App.Factory.CreateClient().GetStringAsync($"/letters/{Slug}/signatories");
        Assert.Contains("signatory-unverified", page);
        Assert.Contains("(unverified)", page);
    }

    [SkippableTheory]
    [InlineData(Network)]
    [InlineData("Ｇlobal Network of People Who Use Drugs")] // full width
    [InlineData("GIobal Network of People Who Use Drugs")] // capital I for l
    [InlineData("global network of people who use drugs!")]
    public async Task Should_hold_a_strangers_signature_naming_a_registered_network_for_its_coordinators_and_tell_them(string name)
    {
        await OpenLetterAsync(App);
        var (_, network) = await RegisterNetworkAsync();

        // The stranger also types their own website: it is never taken as the organisation's domain.
        var forged = await SignAndConfirmAsync(App, Organisation(name, "me@stranger.example") with { Website = "https://stranger.example" });

        var held = await SignatureAsync(forged);
        Assert.Equal((SignatureState.HeldForReview, HoldReason.HeldForOrganisation, OrganisationVerification.Unverified),
            (held.State, held.HoldReason, held.Verification));
        Assert.Empty(await ApiEntriesAsync());
        var notice = await App.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Recipient == NetworkCoordinatorEmail));
        Assert.Contains($"/organisations/{network.Id}/signatures", notice.HtmlBody);
        Assert.DoesNotContain("stranger.example", notice.HtmlBody);
        // The stranger got the confirmation e-mail and nothing else.
        Assert.Single(App.Emails.To("me@stranger.example"));
    }

    [SkippableTheory]
    [InlineData("office@gnpud.example")]
    [InlineData("Anna@Lists.GNPUD.example")] // a sub-domain, any case
    public async Task Should_verify_a_signature_confirmed_from_the_registered_networks_own_domain(string email)
    {
        await OpenLetterAsync(App);
        await RegisterNetworkAsync();

        var signed = await SignAndConfirmAsync(App, Organisation(Network, email));

        var signature = await SignatureAsync(signed);
        Assert.Equal((SignatureState.Approved, OrganisationVerification.OrganisationDomain), (signature.State, signature.Verification));
        Assert.True(Assert.Single(await ApiEntriesAsync()).GetProperty("verified").GetBoolean());
        Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync()));
    }

    [SkippableTheory]
    [InlineData("me@gnpud.example.attacker.example")] // the domain as a prefix of another
    [InlineData("me@notgnpud.example")]
    [InlineData("gnpud.example@stranger.example")]
    public async Task Should_not_take_a_look_alike_of_the_domain_for_it(string email)
    {
        await OpenLetterAsync(App);
        await RegisterNetworkAsync();

        var signed = await SignAndConfirmAsync(App, Organisation(Network, email));

        Assert.Equal(HoldReason.HeldForOrganisation, (await SignatureAsync(signed)).HoldReason);
    }

    [SkippableFact]
    public async Task Should_not_verify_addresses_of_a_shared_platform_the_network_gives_as_website()
    {
        await OpenLetterAsync(App);
        await RegisterNetworkAsync("https://www.facebook.com/gnpud");

        var signed = await SignAndConfirmAsync(App, Organisation(Network, "someone@facebook.com"));

        Assert.Equal((SignatureState.HeldForReview, OrganisationVerification.Unverified), ((await SignatureAsync(signed)).State, (await SignatureAsync(signed)).Verification));
    }

    [SkippableFact]
    public async Task Should_verify_a_representatives_signature_and_let_it_replace_a_strangers_unverified_claim()
    {
        var (_, _, _) = await OpenLetterAsync(App);
        // Signed by a stranger before the network registered here: counted, unverified.
        var forged = await SignAndConfirmAsync(App, Organisation(Network, "me@stranger.example"));
        var (_, network) = await RegisterNetworkAsync();
        var representative = await App.AddRepresentativeAsync(network, "rep@example.org");

        App.RunAs(representative);
        await App.SendAsync(Organisation("ignored") with { OrganisationId = network.Id, CountryCode = null, Email = null });

        var signatures = await SignaturesAsync(App);
        var verified = signatures.Single(s => s.RepresentativeUserId == representative.Id);
        Assert.Equal((SignatureState.Approved, OrganisationVerification.Representative), (verified.State, verified.Verification));
        var replaced = signatures.Single(s => s.Id == forged);
        Assert.Equal((SignatureState.Merged, verified.Id), (replaced.State, replaced.MergedIntoId));
        Assert.Contains(verified.Events, e => e.Described == $"Replaced the unverified signature {forged} of the same organisation");
        var entry = Assert.Single(await ApiEntriesAsync());
        Assert.True(entry.GetProperty("verified").GetBoolean());
    }

    [SkippableFact]
    public async Task Should_let_a_signature_from_the_networks_domain_replace_one_held_for_it()
    {
        await OpenLetterAsync(App);
        await RegisterNetworkAsync();
        var forged = await SignAndConfirmAsync(App, Organisation("Ｇlobal Network of People Who Use Drugs", "me@stranger.example"));

        var genuine = await SignAndConfirmAsync(App, Organisation(Network, "office@gnpud.example"));

        Assert.Equal(SignatureState.Merged, (await SignatureAsync(forged)).State);
        Assert.Equal((SignatureState.Approved, OrganisationVerification.OrganisationDomain), ((await SignatureAsync(genuine)).State, (await SignatureAsync(genuine)).Verification));
        Assert.Equal(Network, Assert.Single(await ApiEntriesAsync()).GetProperty("organisation").GetString());
    }

    [SkippableFact]
    public async Task Should_keep_a_verified_signature_when_an_unverified_one_comes_later()
    {
        await OpenLetterAsync(App);
        await RegisterNetworkAsync();
        var genuine = await SignAndConfirmAsync(App, Organisation(Network, "office@gnpud.example"));

        var forged = await SignAndConfirmAsync(App, Organisation(Network, "me@stranger.example"));

        Assert.Equal(SignatureState.Approved, (await SignatureAsync(genuine)).State);
        Assert.Equal((SignatureState.HeldForReview, HoldReason.OrganisationAlreadySigned), ((await SignatureAsync(forged)).State, (await SignatureAsync(forged)).HoldReason));
    }

    [SkippableFact]
    public async Task Should_let_the_networks_coordinator_approve_one_held_signature_and_reject_another()
    {
        await OpenLetterAsync(App);
        await OpenLetterAsync(App, slug: "second-letter");
        var (coordinator, network) = await RegisterNetworkAsync();
        var genuine = await SignAndConfirmAsync(App, Organisation(Network, "member@partner.example"));
        var forged = await SignAndConfirmAsync(App, Organisation(Network, "me@stranger.example", "second-letter"));

        App.RunAs(coordinator);
        var page = await App.SendAsync(new OrganisationSignatures.Query(network.Id));
        Assert.Equal([genuine, forged], page.Held.Select(c => c.Id));
        Assert.Equal("me@stranger.example", page.Held[1].Email);
        await App.SendAsync(new OrganisationSignatures.Approve(network.Id, genuine));
        await App.SendAsync(new OrganisationSignatures.Reject { OrganisationId = network.Id, SignatureId = forged, Reason = "Not one of ours" });

        var approved = await SignatureAsync(genuine);
        Assert.Equal((SignatureState.Approved, OrganisationVerification.Coordinator), (approved.State, approved.Verification));
        Assert.Equal(SignatureState.Rejected, (await SignatureAsync(forged)).State);
        Assert.True(Assert.Single(await ApiEntriesAsync()).GetProperty("verified").GetBoolean());
        Assert.Empty((await App.SendAsync(new OrganisationSignatures.Query(network.Id))).Held);
    }

    [SkippableFact]
    public async Task Should_let_the_letters_coordinator_approve_a_held_signature_and_verify_a_counted_one()
    {
        var (_, letterCoordinator, _) = await OpenLetterAsync(App);
        await RegisterNetworkAsync();
        var held = await SignAndConfirmAsync(App, Organisation(Network, "member@partner.example"));
        var counted = await SignAndConfirmAsync(App, Organisation("Collective of Sex Workers", "members@collective.example"));

        App.RunAs(letterCoordinator);
        var queue = await App.SendAsync(new Moderate.Query(Slug));
        Assert.Equal(HoldReason.HeldForOrganisation, Assert.Single(queue.Signatures).Reason);
        Assert.Equal(counted, Assert.Single(queue.Unverified).Id);
        await App.SendAsync(new Moderate.Approve(Slug, [held]));
        await App.SendAsync(new Moderate.Verify(Slug, counted));

        Assert.All(await SignaturesAsync(App), s => Assert.Equal((SignatureState.Approved, true), (s.State, s.IsVerified)));
        Assert.All(await ApiEntriesAsync(), e => Assert.True(e.GetProperty("verified").GetBoolean()));
        Assert.Contains("already verified", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Moderate.Verify(Slug, counted)))).Message);
    }

    [SkippableFact]
    public async Task Should_refuse_approvals_from_the_wrong_people_and_for_forged_ids_and_change_nothing()
    {
        var (_, letterCoordinator, _) = await OpenLetterAsync(App);
        await OpenLetterAsync(App, slug: "other-letter");
        var (_, network) = await RegisterNetworkAsync();
        var held = await SignAndConfirmAsync(App, Organisation(Network, "me@stranger.example"));
        var elsewhere = await SignAndConfirmAsync(App, Organisation("Collective of Sex Workers", "members@collective.example", "other-letter"));
        var individual = await SignAndConfirmAsync(App, Individual("Rui Costa", "rui@example.org"));
        var representative = await App.AddRepresentativeAsync(network, "rep@example.org");
        var (otherCoordinator, other) = await App.CreateOrganisationAsync("Another Network");

        // A member who is not a coordinator; another organisation's coordinator; the letter's
        // coordinator on the organisation's page; nobody signed in.
        App.RunAs(representative);
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new OrganisationSignatures.Approve(network.Id, held)));
        App.RunAs(otherCoordinator);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new OrganisationSignatures.Approve(network.Id, held)));
        // Its own organisation's page with another organisation's signature id: not found there.
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new OrganisationSignatures.Approve(other.Id, held)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new OrganisationSignatures.Reject { OrganisationId = other.Id, SignatureId = held, Reason = "x" }));
        App.RunAs(letterCoordinator);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new OrganisationSignatures.Approve(network.Id, held)));
        // The letter's page with a signature of another letter, or an individual's.
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Moderate.Verify(Slug, elsewhere)));
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Moderate.Verify(Slug, individual)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Moderate.Verify(Slug, 999_999)));
        App.RunAs(null);
        await Assert.ThrowsAnyAsync<Exception>(() => App.SendAsync(new OrganisationSignatures.Approve(network.Id, held)));

        var signature = await SignatureAsync(held);
        Assert.Equal((SignatureState.HeldForReview, OrganisationVerification.Unverified), (signature.State, signature.Verification));
        Assert.Equal(OrganisationVerification.Unverified, (await SignatureAsync(elsewhere)).Verification);
    }

    [SkippableFact]
    public async Task Should_refuse_an_approval_posted_without_the_antiforgery_token()
    {
        await OpenLetterAsync(App);
        var (_, network) = await RegisterNetworkAsync();
        var held = await SignAndConfirmAsync(App, Organisation(Network, "me@stranger.example"));
        var browser = await BrowserlessClient.SignedInAsync(App, NetworkCoordinatorEmail, "en");
        var path = $"/organisations/{network.Id}/signatures";

        // A forged form on another site: the coordinator's cookie, but no token.
        var forged = await browser.Http.PostAsync($"{path}?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string> { ["signatureId"] = held.ToString() }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(OrganisationVerification.Unverified, (await SignatureAsync(held)).Verification);

        // The page's own button works.
        var (_, page) = await browser.GetAsync(path);
        Assert.Contains("me@stranger.example", page.QuerySelector("main table")!.TextContent);
        var approved = await browser.SubmitAsync(page, path, new Dictionary<string, string>(), "main form[action*=Approve]");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(OrganisationVerification.Coordinator, (await SignatureAsync(held)).Verification);
    }

    [SkippableFact]
    public async Task Should_mark_unverified_organisations_in_the_pdf_with_a_dagger_and_a_legend_and_in_the_csv()
    {
        var (_, letterCoordinator, _) = await OpenLetterAsync(App);
        await RegisterNetworkAsync();
        await SignAndConfirmAsync(App, Organisation(Network, "office@gnpud.example"));
        await SignAndConfirmAsync(App, Organisation("Collective of Sex Workers", "members@collective.example"));

        App.RunAs(letterCoordinator);
        using var directory = new TempDirectory();
        var pdf = directory.Write("letter.pdf", Assert.IsType<Web.Documents.LetterPdfOutcome.InMemory>((await App.SendAsync(new Web.Pages.Letters.Pdf.Query(Slug, null))).Outcome).Bytes);
        var text = PdfText.WithPdftotext(pdf);
        Assert.Contains("Collective of Sex Workers\u2020", text);
        Assert.DoesNotContain(Network + "\u2020", text);
        Assert.Contains(Network, text);
        Assert.Contains("\u2020 organisation signature not verified with the organisation", text);

        var csv = System.Text.Encoding.UTF8.GetString(await App.ExportCsvAsync(Slug)).Split('\n');
        Assert.EndsWith(",Verification", csv[0].TrimEnd('\r'));
        Assert.EndsWith(",OrganisationDomain", csv[1].TrimEnd('\r'));
        Assert.EndsWith(",Unverified", csv[2].TrimEnd('\r'));
    }
}

/// <summary>The rule's pure parts: which website gives a domain, which address is on it.</summary>
public sealed class OrganisationWebDomainTests
{
    [Theory]
    [InlineData("https://www.gnpud.example/en", "gnpud.example")]
    [InlineData("gnpud.example", "gnpud.example")]
    [InlineData("HTTP://Réseau.example/", "xn--rseau-bsa.example")]
    [InlineData("https://facebook.com/gnpud", null)]
    [InlineData("https://gnpud.wordpress.com", null)]
    [InlineData("https://sites.google.com/view/gnpud", null)]
    [InlineData("https://192.0.2.1/", null)]
    [InlineData("localhost", null)]
    [InlineData("not a website", null)]
    [InlineData(null, null)]
    public void Should_take_the_domain_of_a_website_only_when_it_is_the_organisations_own(string? website, string? domain) =>
        Assert.Equal(domain, OrganisationSignatureVerification.WebDomainOf(website));

    [Theory]
    [InlineData("office@gnpud.example", OrganisationVerification.OrganisationDomain)]
    [InlineData("a@x.y.gnpud.example", OrganisationVerification.OrganisationDomain)]
    [InlineData("a@GNPUD.EXAMPLE.", OrganisationVerification.OrganisationDomain)]
    [InlineData("a@evilgnpud.example", OrganisationVerification.Unverified)]
    [InlineData("a@gnpud.example.evil.example", OrganisationVerification.Unverified)]
    [InlineData("gnpud.example", OrganisationVerification.Unverified)]
    [InlineData("a@", OrganisationVerification.Unverified)]
    public void Should_verify_only_mailboxes_on_the_domain_or_below_it(string email, OrganisationVerification expected) =>
        Assert.Equal(expected, new OrganisationSignatureVerification(1, "gnpud.example").ForConfirmedMailbox(email));

    [Fact]
    public void Should_verify_nothing_for_an_organisation_with_no_domain() =>
        Assert.Equal(OrganisationVerification.Unverified, new OrganisationSignatureVerification(1, null).ForConfirmedMailbox("a@gnpud.example"));
}

[Collection(SqliteCollection.Name)]
public sealed class VerifiedOrganisationSignatureTestsOnSqlite(SqliteSlice app) : VerifiedOrganisationSignatureTests(app);

[Collection(PostgresCollection.Name)]
public sealed class VerifiedOrganisationSignatureTestsOnPostgres(PostgresSlice app) : VerifiedOrganisationSignatureTests(app);
