using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;

namespace SignOnLetters.Tests.Letters;

/// <summary>The mapping on each real database: texts, revisions and versions round-trip, and the concurrency token guards saves.</summary>
public abstract class LetterPersistenceTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_store_texts_revisions_and_versions_and_read_them_back()
    {
        var (coordinator, organisation) = await App.CreateOrganisationAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var id = await App.ExecuteDbContextAsync(async db =>
        {
            var lead = await db.Organisations.SingleAsync(o => o.Id == organisation.Id);
            var letter = Letter.CreateDraft(LetterKind.Petition, "naloxone-now", lead, new LetterText("en", "Naloxone now", ""), coordinator.Id, now);
            letter.EditDraft(LetterRuleTests.ReadyDraft(LetterDeadline.FromLocal(new DateTime(2026, 4, 30, 23, 59, 0), "America/Sao_Paulo"),
                new LetterText("en", "Naloxone now", "Body **en**"), new LetterText("ru", "Налоксон сейчас", "Текст")), coordinator.Id, now);
            letter.Open(coordinator.Id, now);
            db.Letters.Add(letter);
            await db.SaveChangesAsync();
            return letter.Id;
        });

        var stored = await App.ExecuteDbContextAsync(db => db.Letters.AsNoTracking()
            .Include(l => l.Revisions).Include(l => l.Versions).SingleAsync(l => l.Id == id));
        Assert.Equal(LetterStatus.Open, stored.Status);
        Assert.Equal(["en", "ru"], stored.Texts.Select(t => t.LanguageCode).Order());
        Assert.Equal("Налоксон сейчас", stored.Texts.Single(t => t.LanguageCode == "ru").Title);
        Assert.Equal(new DateTime(2026, 5, 1, 2, 59, 0, DateTimeKind.Utc), stored.DeadlineUtc);
        Assert.Equal(DateTimeKind.Utc, stored.DeadlineUtc!.Value.Kind);
        Assert.Equal(2, stored.Revisions.Count);
        Assert.Equal(2, Assert.Single(stored.Versions).Texts.Count);
        Assert.Single(stored.Addressees);
    }

    [SkippableFact]
    public async Task Should_refuse_the_second_of_two_saves_made_from_the_same_starting_point()
    {
        var (coordinator, organisation) = await App.CreateOrganisationAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var letter = await App.ExecuteDbContextAsync(async db =>
        {
            var created = Letter.CreateDraft(LetterKind.SignOnLetter, "race", await db.Organisations.SingleAsync(o => o.Id == organisation.Id),
                new LetterText("en", "Race", ""), coordinator.Id, now);
            db.Letters.Add(created);
            await db.SaveChangesAsync();
            return created;
        });

        await App.ExecuteDbContextAsync(async first =>
        {
            var mine = await first.Letters.SingleAsync(l => l.Id == letter.Id);
            await App.ExecuteDbContextAsync(async second =>
            {
                var theirs = await second.Letters.SingleAsync(l => l.Id == letter.Id);
                theirs.EditDraft(LetterRuleTests.ReadyDraft(), coordinator.Id, now);
                await second.SaveChangesAsync();
            });
            mine.EditDraft(LetterRuleTests.ReadyDraft(null, new LetterText("en", "Mine", "My text")), coordinator.Id, now);
            // Either the stale UPDATE matches no row (concurrency token) or revision 2 exists already
            // (unique index), whichever the provider runs first: both refuse the save.
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => first.SaveChangesAsync());
        });

        var stored = await App.ExecuteDbContextAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.Id == letter.Id));
        Assert.Equal("End the war on drugs", stored.Texts.Single().Title);
        Assert.Equal(2, await App.ExecuteDbContextAsync(db => db.LetterRevisions.CountAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LetterPersistenceTestsOnSqlite(SqliteSlice app) : LetterPersistenceTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LetterPersistenceTestsOnPostgres(PostgresSlice app) : LetterPersistenceTests(app);
