using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Database;
using SignOnLetters.Web.Pages.Organisations;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Security;

/// <summary>
/// Issue 18, row 3: organisation names that only look like another's. Full-width letters and
/// whole-word look-alikes from another script are the same organisation (confusable skeleton), so
/// they cannot take a second place on the list or squat a registered name; a word that mixes
/// scripts is refused outright (its own field tests are in the hostile-input tests of each form).
/// </summary>
public abstract class LookAlikeOrganisationTests(SliceFixture app) : SliceTest(app)
{
    private const string Genuine = "Harm Reduction International";

    [SkippableTheory]
    [InlineData("Ｈａｒｍ Reduction International")] // full width
    [InlineData("HARRN REDUCTION INTERNATIONAL")] // rn for m
    public async Task Should_hold_a_look_alike_of_an_organisation_that_signed_instead_of_listing_it_twice(string lookAlike)
    {
        await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Organisation(Genuine, "office@hri.example"));

        var forgery = await SignAndConfirmAsync(App, Organisation(lookAlike, "stranger@attacker.example"));

        var signatures = await SignaturesAsync(App);
        Assert.Equal(SignatureState.Approved, signatures.Single(s => s.Email == "office@hri.example").State);
        var held = signatures.Single(s => s.Id == forgery);
        Assert.Equal((SignatureState.HeldForReview, HoldReason.OrganisationAlreadySigned), (held.State, held.HoldReason));
        var list = await App.Factory.CreateClient().GetStringAsync($"/api/letters/{Slug}/signatories");
        Assert.DoesNotContain("Ｈａｒｍ", list);
        Assert.DoesNotContain("HARRN", list);
    }

    [SkippableFact]
    public async Task Should_refuse_to_register_a_look_alike_of_a_registered_organisation()
    {
        await App.RunAsNewUserAsync("gnp@example.org");
        await App.SendAsync(new Create.Command { Name = "Global Network of People Who Use Drugs", CountryCode = "NL" });
        await App.RunAsNewUserAsync("stranger@attacker.example");

        // Full-width G, and a capital I standing for the l: both read as the registered name.
        foreach (var lookAlike in new[] { "Ｇlobal Network of People Who Use Drugs", "GIobal Network of People Who Use Drugs" })
        {
            var failure = await Assert.ThrowsAnyAsync<ValidationException>(() =>
                App.SendAsync(new Create.Command { Name = lookAlike, CountryCode = "NL" }));
            Assert.Contains(failure.Errors, e => e.PropertyName == "Name" && e.ErrorMessage.Contains("already registered"));
        }
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.Organisations.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_rekey_names_stored_before_the_skeletons_and_keep_the_old_key_of_a_look_alike()
    {
        await OpenLetterAsync(App);
        var signature = await SignAndConfirmAsync(App, Organisation(Genuine, "office@hri.example"));
        await App.RunAsNewUserAsync("hri@example.org");
        var genuine = await App.SendAsync(new Create.Command { Name = Genuine, CountryCode = "GB" });
        await App.RunAsNewUserAsync("stranger@attacker.example");
        var lookAlike = await App.SendAsync(new Create.Command { Name = "Look-alike to be", CountryCode = "GB" });
        // The keys as the old NameNormalizer wrote them: "HARRN" and "Harm" were two organisations.
        await App.ExecuteDbContextAsync(async db =>
        {
            await db.Signatures.Where(s => s.Id == signature).ExecuteUpdateAsync(u => u.SetProperty(s => s.OrganisationKey, "harm reduction international"));
            await db.Organisations.Where(o => o.Id == genuine).ExecuteUpdateAsync(u => u.SetProperty(o => o.NormalizedName, "harm reduction international"));
            await db.Organisations.Where(o => o.Id == lookAlike).ExecuteUpdateAsync(u => u
                .SetProperty(o => o.Name, "HARRN Reduction International").SetProperty(o => o.NormalizedName, "harrn reduction international"));
        });

        await App.ExecuteDbContextAsync(db => NameKeyUpgrade.RunAsync(db, NullLogger.Instance, CancellationToken.None));

        var key = SignOnLetters.Domain.NameNormalizer.Normalize(Genuine);
        Assert.Equal(key, (await SignaturesAsync(App)).Single(s => s.Id == signature).OrganisationKey);
        var keys = await App.ExecuteDbContextAsync(db => db.Organisations.Where(o => o.Id == genuine || o.Id == lookAlike).OrderBy(o => o.Id).Select(o => o.NormalizedName).ToListAsync());
        Assert.Equal([key, "harrn reduction international"], keys);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LookAlikeOrganisationTestsOnSqlite(SqliteSlice app) : LookAlikeOrganisationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LookAlikeOrganisationTestsOnPostgres(PostgresSlice app) : LookAlikeOrganisationTests(app);
