using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Data;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Background;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Scale;

/// <summary>
/// The running tallies (issue 20) move in the same transaction as the signatures they count, by
/// every path (group commit, confirmation, EF saves with and without a transaction of their own,
/// concurrent saves), and the recount finds and repairs drift made behind the app's back.
/// </summary>
public abstract class SignatureTallyTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_keep_every_tally_equal_to_a_count_of_the_rows_through_signing_confirming_withdrawing_moderating_and_erasing()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        // The group commit stores the signatures, the confirmation (a transaction of its own) approves them.
        var organisation = await SignAndConfirmAsync(App, Organisation());
        await SignAndConfirmAsync(App, Individual("Rui Costa", "rui@example.org") with { Visibility = SignatureVisibility.CountedNotNamed });
        var withdrawn = await SignAndConfirmAsync(App, Individual("Ines Sa", "ines@example.org") with { CountryCode = "KE" });
        await App.SendAsync(Individual("Never Confirmed", "never@example.org"));
        // Plain EF saves: added, approved by a coordinator, withdrawn, erased.
        var added = Approved(App, terms, Individual("Added Directly", "added@example.org") with { CountryCode = "BR" }, 60);
        var held = terms.Sign(Individual("Held Person", "held@example.org").Details, SignatureSource.Paper, NewTokens(), Now());
        await App.InsertAsync(added, held);
        await App.ExecuteDbContextAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            (await db.Signatures.SingleAsync(s => s.Id == withdrawn)).Withdraw(SignatureActor.Signer, null, now);
            (await db.Signatures.SingleAsync(s => s.Id == organisation)).EraseOnRequest(false, coordinator.Id, now);
            await db.SaveChangesAsync();
        });

        await AssertTalliesMatchRowsAsync(letter.Id);
        App.RunAs(null);
        var list = await App.SendAsync(new Signatories.Query(Slug, 1));
        // Rui (counted, not named) and the one added directly: the erased and withdrawn are gone.
        Assert.Equal(new SignatureCounts(0, 2, 2), list.Counts);
        Assert.Equal(1, list.Unnamed);
        Assert.Equal(["BR"], list.Countries);
        Assert.Equal(0, await Recount().RecountAsync(CancellationToken.None));

        DateTime Now() => App.Clock.GetUtcNow().UtcDateTime;
    }

    [SkippableFact]
    public async Task Should_count_every_one_of_many_concurrent_saves_once()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var countries = new[] { "PT", "KE", "BR", "FR" };
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() =>
            App.InsertAsync(Approved(App, terms, Individual($"Person {i}", $"p{i}@example.org") with { CountryCode = countries[i % 4] }, i)))));

        var counts = await App.ExecuteDbContextAsync(db => SignatureCountQueries.ForLetterAsync(db, letter.Id, CancellationToken.None));
        Assert.Equal(new SignatureCounts(0, 24, 4), counts);
        await AssertTalliesMatchRowsAsync(letter.Id);
    }

    [SkippableFact]
    public async Task Should_find_and_repair_tallies_drifted_behind_the_apps_back_and_log_it()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        await App.InsertAsync(
            Approved(App, terms, Individual("Ana", "a@example.org"), 0),
            Approved(App, terms, Individual("Bea", "b@example.org") with { CountryCode = "KE" }, 1));
        await App.ExecuteDbContextAsync(async db =>
        {
            // A lost increment, a row deleted, and a signature changed by SQL the app never saw.
            await db.SignatureTallies.Where(t => t.Facet == SignatureFacets.State && t.Key == nameof(SignatureState.Approved))
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.Count, x => x.Count + 7));
            await db.SignatureTallies.Where(t => t.Facet == SignatureFacets.Listed).ExecuteDeleteAsync();
            await db.Signatures.Where(s => s.SignerName == "Bea").ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SignatureState.Withdrawn));
        });
        Assert.NotEqual(new SignatureCounts(0, 1, 1),
            await App.ExecuteDbContextAsync(db => SignatureCountQueries.ForLetterAsync(db, letter.Id, CancellationToken.None)));

        var repaired = await Recount().RecountAsync(CancellationToken.None);

        Assert.True(repaired >= 4, $"{repaired} rows repaired");
        await AssertTalliesMatchRowsAsync(letter.Id);
        Assert.Equal(new SignatureCounts(0, 1, 1),
            await App.ExecuteDbContextAsync(db => SignatureCountQueries.ForLetterAsync(db, letter.Id, CancellationToken.None)));
        var logged = Assert.Single(App.Logs.Lines, l => l.Contains("had drifted"));
        Assert.Contains("state Approved: stored 9, counted 1", logged);
        Assert.Equal(0, await Recount().RecountAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Should_count_a_database_from_before_the_tallies_once_at_start_up()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        await App.InsertAsync(Approved(App, terms, Individual("Ana", "a@example.org"), 0));
        await App.ExecuteDbContextAsync(db => db.SignatureTallies.ExecuteDeleteAsync());

        await Web.Infrastructure.Database.DatabaseSetup.MigrateDatabaseAsync(App.Factory.Services);

        await AssertTalliesMatchRowsAsync(letter.Id);
    }

    private SignatureRecount Recount() => App.Factory.Services.GetRequiredService<SignatureRecount>();

    /// <summary>Every tally (non-zero) equals a count of the letter's rows by the facets rule, and no row is missing.</summary>
    private async Task AssertTalliesMatchRowsAsync(int letterId)
    {
        var (rows, tallies) = await App.ExecuteDbContextAsync(async db => (
            await db.Signatures.AsNoTracking().Where(s => s.LetterId == letterId).ToListAsync(),
            await db.SignatureTallies.AsNoTracking().Where(t => t.LetterId == letterId && t.Count != 0 && t.Facet != SignatureFacets.ListChanges).ToListAsync()));
        var counted = new Dictionary<TallyKey, int>();
        foreach (var row in rows)
            SignatureFacets.AddDelta(counted, null, SignatureFacets.Snapshot(row));
        Assert.Equal(
            counted.OrderBy(c => c.Key).Select(c => $"{c.Key.Facet} {c.Key.Key} {c.Value}"),
            tallies.Select(t => new KeyValuePair<TallyKey, int>(new TallyKey(t.LetterId, t.Facet, t.Key), t.Count)).OrderBy(c => c.Key)
                .Select(c => $"{c.Key.Facet} {c.Key.Key} {c.Value}"));
        // The rule itself agrees with the public list's expression.
        var isListed = PublicSignatory.IsListed.Compile();
        Assert.All(rows, r => Assert.Equal(isListed(r), SignatureFacets.IsListed(SignatureFacets.Snapshot(r))));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignatureTallyTestsOnSqlite(SqliteSlice app) : SignatureTallyTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SignatureTallyTestsOnPostgres(PostgresSlice app) : SignatureTallyTests(app);
