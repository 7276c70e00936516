using System.Net;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Mediation;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Signatures;

/// <summary>Organisation aliases in duplicate detection, and merging near-duplicate signatures.</summary>
public abstract class IntegrityTests(SliceFixture app) : SliceTest(app)
{
    private const string Msf = "Médecins Sans Frontières";

    [SkippableFact]
    public async Task Should_treat_an_organisation_signing_under_a_known_alias_as_a_duplicate()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        Assert.Empty(await App.SendAsync(new Aliases.Add { Slug = Slug, Alias = "MSF", OrganisationName = Msf }));
        await SignAndConfirmAsync(Organisation(Msf, "ana@example.org"));

        // Confirmed under the alias, it meets the organisation's signature: held for the coordinators.
        var contested = await SignAndConfirmAsync(Organisation("Msf", "other@example.org"));
        Assert.Equal(HoldReason.OrganisationAlreadySigned, (await SignaturesAsync(App)).Single(s => s.Id == contested).HoldReason);
        App.RunAs(coordinator);
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(PaperSignatureTests.Paper("msf")));
        Assert.Equal(2, (await SignaturesAsync(App)).Count);
        Assert.Equal(1, (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts.Organisations);
    }

    [SkippableFact]
    public async Task Should_apply_an_alias_added_while_the_letters_signing_terms_are_cached()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        // The first signature caches the letter's terms and aliases (none yet).
        await SignAndConfirmAsync(Organisation(Msf, "ana@example.org"));
        App.RunAs(coordinator);
        Assert.Empty(await App.SendAsync(new Aliases.Add { Slug = Slug, Alias = "MSF", OrganisationName = Msf }));

        var contested = await SignAndConfirmAsync(Organisation("MSF", "other@example.org"));
        var signature = (await SignaturesAsync(App)).Single(s => s.Id == contested);
        Assert.Equal((SignatureState.HeldForReview, HoldReason.OrganisationAlreadySigned), (signature.State, signature.HoldReason));
    }

    [SkippableFact]
    public async Task Should_move_a_signature_under_a_new_alias_onto_the_organisations_name()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var id = await SignAndConfirmAsync(Organisation("MSF", "ana@example.org"));
        App.RunAs(coordinator);

        Assert.Empty(await App.SendAsync(new Aliases.Add { Slug = Slug, Alias = "msf", OrganisationName = Msf }));

        Assert.Equal(NameNormalizer.Normalize("MEDECINS SANS FRONTIERES"), (await SignaturesAsync(App)).Single(s => s.Id == id).OrganisationKey);
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(PaperSignatureTests.Paper(Msf)));
        Assert.Single((await App.SendAsync(new Aliases.Query(Slug))).Aliases);
    }

    [SkippableFact]
    public async Task Should_name_near_duplicates_and_merge_them_keeping_the_counts_right()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var underAlias = await SignAndConfirmAsync(Organisation("MSF", "ana@example.org"));
        var underName = await SignAndConfirmAsync(Organisation(Msf, "paris@msf.example"));
        var person = await SignAndConfirmAsync(Individual("Rui Costa", "rui@example.org"));
        var samePerson = await SignAndConfirmAsync(Individual("rui costa", "rui.costa@work.example"));
        App.RunAs(coordinator);
        Assert.Equal(new SignatureCounts(2, 2, 2), (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts);

        Assert.Equal([underName, underAlias], await App.SendAsync(new Aliases.Add { Slug = Slug, Alias = "MSF", OrganisationName = Msf }));
        Assert.Equal(underName, Assert.Single((await App.SendAsync(new Details.Query(Slug, underAlias))).LikelyDuplicates).Id);
        Assert.Equal(samePerson, Assert.Single((await App.SendAsync(new Details.Query(Slug, person))).LikelyDuplicates).Id);

        await App.SendAsync(new Details.Merge(Slug, underAlias, underName));
        await App.SendAsync(new Details.Merge(Slug, samePerson, person));

        Assert.Equal(new SignatureCounts(1, 1, 2), (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts);
        var signatures = (await SignaturesAsync(App)).ToDictionary(s => s.Id);
        Assert.Equal((SignatureState.Merged, underName), (signatures[underAlias].State, signatures[underAlias].MergedIntoId));
        Assert.Null(signatures[underAlias].OrganisationKey);
        var mergeEntry = signatures[underAlias].Events.OrderBy(e => e.Id).Last();
        Assert.Equal((SignatureActor.Coordinator, coordinator.Id), (mergeEntry.Actor, mergeEntry.ActorUserId));
        Assert.Contains($"Signature {underAlias} merged into this one", signatures[underName].Events.OrderBy(e => e.Id).Last().Described);
        Assert.Equal(SignatureState.Approved, signatures[underName].State);
        Assert.Equal(2, (await App.SendAsync(new SignOnLetters.Web.Pages.Signatures.Index.Query(Slug, State: "Merged"))).Matching);
        // The merged signer's own withdraw link no longer changes anything.
        var withdraw = await Assert.ThrowsAsync<DomainRuleException>(() => App.ExecuteDbContextAsync(async db =>
        {
            var merged = await db.Signatures.FindAsync(underAlias);
            merged!.Withdraw(SignatureActor.Signer, null, DateTime.UtcNow);
        }));
        Assert.Contains("merged", withdraw.Message);
    }

    [SkippableFact]
    public async Task Should_refuse_merges_that_make_no_sense()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var first = await SignAndConfirmAsync(Individual("Rui Costa", "rui@example.org"));
        var second = await SignAndConfirmAsync(Individual("Ana", "ana@example.org"));
        var withdrawn = await SignAndConfirmAsync(Individual("Zé", "ze@example.org"));
        await OpenLetterAsync(App, slug: "other-letter");
        App.RunAs(null);
        await App.SendAsync(Individual("Other", "other@example.org") with { Slug = "other-letter" });
        var otherLettersSignature = (await SignaturesAsync(App)).Single(s => s.Email == "other@example.org").Id;
        await App.ExecuteDbContextAsync(async db =>
        {
            (await db.Signatures.FindAsync(withdrawn))!.Withdraw(SignatureActor.Signer, null, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        App.RunAs(coordinator);

        Assert.Contains("itself", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Details.Merge(Slug, first, first)))).Message);
        Assert.Contains("no signature", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Details.Merge(Slug, first, otherLettersSignature)))).Message);
        Assert.Contains("no signature", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Details.Merge(Slug, first, -7)))).Message);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Details.Merge(Slug, otherLettersSignature, first)));
        Assert.Contains("Withdrawn", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Details.Merge(Slug, first, withdrawn)))).Message);
        await App.SendAsync(new Details.Merge(Slug, first, second));
        Assert.Contains("Merged", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Details.Merge(Slug, first, second)))).Message);
        Assert.Contains("Merged", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Details.Merge(Slug, second, first)))).Message);
        await App.RunAsNewUserAsync("stranger@example.org");
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Details.Merge(Slug, second, withdrawn)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Aliases.Add { Slug = Slug, Alias = "MSF", OrganisationName = Msf }));
    }

    public static TheoryData<string, string, string> HostileAliases => new()
    {
        // alias, organisation, expected message fragment (validation or rule)
        { "", Msf, "must not be empty" },
        { "MSF", "   ", "must not be empty" },
        { new string('M', 100_000), Msf, "too long" },
        { "<script>alert(1)</script>", Msf, "cannot contain < or >" },
        { "M\u202ESF", Msf, "direction-changing" },
        { "msf", "MSF", "already count as the same" },
        { "Médecins-Sans-Frontières", "MEDECINS SANS FRONTIERES", "already count as the same" },
        { "!!!", Msf, "letters or digits" },
        { "Doctors Without Borders", Msf, "already an alias" },
        { "MSF France", "doctors without borders", "itself an alias" },
        { Msf, "Médecins du Monde", "cannot become an alias" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileAliases))]
    public async Task Should_refuse_hostile_or_contradictory_aliases_with_a_clear_message(string alias, string organisation, string message)
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(new Aliases.Add { Slug = Slug, Alias = "Doctors without Borders", OrganisationName = Msf });

        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => App.SendAsync(new Aliases.Add { Slug = Slug, Alias = alias, OrganisationName = organisation }));

        Assert.True(refusal is RequestValidationException or DomainRuleException, refusal.GetType().Name);
        var text = refusal is RequestValidationException validation ? string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)) : refusal.Message;
        Assert.Contains(message, text);
        Assert.True(text.Length < 500);
        Assert.Single((await App.SendAsync(new Aliases.Query(Slug))).Aliases);
    }

    [SkippableFact]
    public async Task Should_add_and_remove_aliases_and_merge_from_the_pages()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var person = await SignAndConfirmAsync(Individual("Rui Costa", "rui@example.org"));
        var samePerson = await SignAndConfirmAsync(Individual("Rui Costa", "rui.costa@work.example"));
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);

        var (_, aliases) = await browser.GetAsync($"/letters/{Slug}/signatures/aliases");
        var added = await browser.SubmitAsync(aliases, $"/letters/{Slug}/signatures/aliases",
            new Dictionary<string, string> { ["NewAlias.Alias"] = "MSF", ["NewAlias.OrganisationName"] = Msf }, "form#alias-form");
        BrowserlessClient.AssertRedirect(added, $"/letters/{Slug}/signatures/aliases");
        var refused = await browser.SubmitAsync(aliases, $"/letters/{Slug}/signatures/aliases",
            new Dictionary<string, string> { ["NewAlias.Alias"] = "msf", ["NewAlias.OrganisationName"] = "Other" }, "form#alias-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("already an alias", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        var (_, listed) = await browser.GetAsync($"/letters/{Slug}/signatures/aliases");
        Assert.Contains(Msf, listed.QuerySelector("#alias-table")!.TextContent);
        var removed = await browser.SubmitAsync(listed, $"/letters/{Slug}/signatures/aliases", new Dictionary<string, string>(), "#alias-table form");
        BrowserlessClient.AssertRedirect(removed);
        App.RunAs(coordinator);
        Assert.Empty((await App.SendAsync(new Aliases.Query(Slug))).Aliases);

        var (_, details) = await browser.GetAsync($"/letters/{Slug}/signatures/{samePerson}");
        var merged = await browser.SubmitAsync(details, $"/letters/{Slug}/signatures/{samePerson}", new Dictionary<string, string>(), "form.merge-candidate");
        BrowserlessClient.AssertRedirect(merged, $"/letters/{Slug}/signatures/{person}");
        Assert.Equal(SignatureState.Merged, (await SignaturesAsync(App)).Single(s => s.Id == samePerson).State);
    }

    private Task<int> SignAndConfirmAsync(Sign.Command command) => SigningScenario.SignAndConfirmAsync(App, command);
}

[Collection(SqliteCollection.Name)]
public sealed class IntegrityTestsOnSqlite(SqliteSlice app) : IntegrityTests(app);

[Collection(PostgresCollection.Name)]
public sealed class IntegrityTestsOnPostgres(PostgresSlice app) : IntegrityTests(app);
