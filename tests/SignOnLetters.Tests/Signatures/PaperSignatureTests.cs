using System.Net;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Mediation;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Signatures;

/// <summary>Paper and e-mailed signatures entered by a coordinator.</summary>
public abstract class PaperSignatureTests(SliceFixture app) : SliceTest(app)
{
    public static AddPaper.Command Paper(string organisation = "Asociación Rompe", string? email = null) => new()
    {
        Slug = Slug,
        Kind = SignerKind.Organisation,
        OrganisationName = organisation,
        CountryCode = "MX",
        SignerName = "Lucía Pérez",
        Role = "Presidenta",
        Email = email,
        Visibility = SignatureVisibility.NameAndOrganisation,
        SignerConsented = true,
    };

    [SkippableFact]
    public async Task Should_count_and_list_a_paper_signature_at_once_without_any_email()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);

        var id = await App.SendAsync(Paper(email: "lucia@rompe.example"));
        await App.SendAsync(Paper("Rompe Juventud") with { Kind = SignerKind.Individual, SignerName = "Ana", Visibility = SignatureVisibility.CountedNotNamed });

        var signature = (await SignaturesAsync(App)).Single(s => s.Id == id);
        Assert.Equal((SignatureState.Approved, SignatureSource.Paper), (signature.State, signature.Source));
        Assert.NotNull(signature.ConfirmedAt);
        Assert.Null(signature.ConfirmationTokenHash);
        var entry = Assert.Single(signature.Events);
        Assert.Equal((SignatureActor.Coordinator, coordinator.Id), (entry.Actor, entry.ActorUserId));
        Assert.Empty(App.Emails.All());
        App.RunAs(null);
        var list = await App.SendAsync(new Signatories.Query(Slug, 1));
        Assert.Equal(new SignatureCounts(1, 1, 1), list.Counts);
        Assert.Equal("Asociación Rompe", Assert.Single(list.Items).Organisation);
        App.RunAs(coordinator);
        var table = await App.SendAsync(new SignOnLetters.Web.Pages.Signatures.Index.Query(Slug));
        Assert.All(table.Rows, r => Assert.Equal(SignatureSource.Paper, r.Source));
    }

    [SkippableFact]
    public async Task Should_apply_the_same_duplicate_rules_as_the_public_form()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        // Unconfirmed, it claims nothing: a paper signature of the same organisation would be taken.
        await SignAndConfirmAsync(App, Organisation("Médecins du Monde", "ana@example.org"));
        App.RunAs(coordinator);

        var sameOrganisation = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(Paper("MEDECINS-DU-MONDE")));
        Assert.Contains("already signed", sameOrganisation.Message);
        var sameAddress = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(Paper(email: "Ana@Example.org")));
        Assert.Contains("e-mail address has already signed", sameAddress.Message);
        await App.SendAsync(Paper(email: "lucia@rompe.example"));
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(Paper("Asociacion ROMPE")));

        // A public signature from the address a paper signature holds says nothing different, and once
        // its link is followed (the mailbox proved) it ends as a duplicate of the paper signature.
        App.RunAs(null);
        Assert.Equal(Sign.Outcome.CheckYourInbox, await App.SendAsync(Individual("Lucía", "lucia@rompe.example")));
        await App.SendAsync(new SignOnLetters.Web.Pages.Signing.Confirm.Command(Token(LinkPath(App, "lucia@rompe.example", "/signatures/confirm/"))));
        var signatures = await SignaturesAsync(App);
        Assert.Equal([SignatureState.Approved, SignatureState.Approved, SignatureState.Merged], signatures.Select(s => s.State));
    }

    [SkippableFact]
    public async Task Should_let_only_lead_coordinators_enter_paper_signatures_on_open_letters()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(Paper()));
        await App.RunAsNewUserAsync("stranger@example.org");
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(Paper()));
        await OpenLetterAsync(App, status: LetterStatus.Closed, slug: "closed-letter");
        var closedCoordinator = await App.ExecuteDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "coordinator-closed-letter@example.org")));
        App.RunAs(closedCoordinator);
        var closed = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(Paper() with { Slug = "closed-letter" }));
        Assert.Contains("closed", closed.Message);
        Assert.Empty(await SignaturesAsync(App));
        _ = coordinator;
    }

    public static TheoryData<string, string, string> Hostile => new()
    {
        // case, field, value
        { "100 KB name", "SignerName", new string('a', 100_000) },
        { "script tag", "SignerName", "<script>alert(1)</script>" },
        { "markup in organisation", "OrganisationName", "Org<img src=x onerror=alert(1)>" },
        { "Cyrillic letter in a Latin word (issue 18)", "OrganisationName", "H\u0430rm Reduction International" },
        { "RTL override", "SignerName", "Ana \u202Efdp.exe" },
        { "empty name", "SignerName", "   " },
        { "organisation without a name", "OrganisationName", "" },
        { "invalid e-mail", "Email", "not-an-email" },
        { "e-mail header injection", "Email", "a@example.org\r\nBcc: all@example.org" },
        { "unknown country", "CountryCode", "XX" },
        { "no country", "CountryCode", "" },
        { "javascript website", "Website", "javascript:alert(1)" },
        { "unknown kind", "Kind", "7" },
        { "unknown visibility", "Visibility", "-1" },
        { "no consent", "SignerConsented", "false" },
    };

    [SkippableTheory]
    [MemberData(nameof(Hostile))]
    public async Task Should_refuse_hostile_input_with_a_message_on_its_field_and_store_nothing(string @case, string field, string value)
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);

        var refusal = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(With(Paper(), field, value)));

        var error = refusal.Errors.First(e => e.PropertyName == field);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorMessage), @case);
        if (value.Length > 3)
            Assert.DoesNotContain(value, error.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await SignaturesAsync(App));
    }

    [SkippableFact]
    public async Task Should_enter_a_paper_signature_from_the_page_and_show_errors_on_their_fields()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);
        var (_, form) = await browser.GetAsync($"/letters/{Slug}/signatures/paper");

        var refused = await browser.SubmitAsync(form, $"/letters/{Slug}/signatures/paper", new Dictionary<string, string>
        {
            ["Data.Kind"] = "Organisation", ["Data.OrganisationName"] = "Rompe", ["Data.CountryCode"] = "XX", ["Data.SignerName"] = "Lucía",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Choose a country from the list.", html);
        Assert.Contains("Confirm that the signer agreed", html);

        var recorded = await browser.SubmitAsync(form, $"/letters/{Slug}/signatures/paper", new Dictionary<string, string>
        {
            ["Data.Kind"] = "Organisation", ["Data.OrganisationName"] = "Rompe", ["Data.CountryCode"] = "MX", ["Data.SignerName"] = "Lucía",
            ["Data.SignerConsented"] = "true",
        });
        BrowserlessClient.AssertRedirect(recorded, $"/letters/{Slug}/signatures");
        var (_, table) = await browser.GetAsync($"/letters/{Slug}/signatures");
        Assert.Contains("paper", table.QuerySelector("#signature-table")!.TextContent);
    }

    private static AddPaper.Command With(AddPaper.Command command, string field, string value) => field switch
    {
        "SignerName" => command with { SignerName = value },
        "OrganisationName" => command with { OrganisationName = value },
        "Email" => command with { Email = value },
        "CountryCode" => command with { CountryCode = value },
        "Website" => command with { Website = value },
        "Kind" => command with { Kind = (SignerKind)int.Parse(value) },
        "Visibility" => command with { Visibility = (SignatureVisibility)int.Parse(value) },
        "SignerConsented" => command with { SignerConsented = bool.Parse(value) },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}

[Collection(SqliteCollection.Name)]
public sealed class PaperSignatureTestsOnSqlite(SqliteSlice app) : PaperSignatureTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PaperSignatureTestsOnPostgres(PostgresSlice app) : PaperSignatureTests(app);
