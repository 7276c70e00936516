using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Data;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Admin;
using Index = SignOnLetters.Web.Pages.Signatures.Index;
using SignOnLetters.Web.Pages.Signatures.Importing;
using LetterBackupExport = SignOnLetters.Web.Pages.Letters.Backup;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Scale;

/// <summary>
/// Every way a signature enters the database puts it in the coordinators' search (issue 20), although
/// on SQLite the bulk inserts (the group-commit writer, the import) fill the FTS5 index once per batch
/// and only the other paths (SaveChanges) fill it row by row; an erasure takes the old words out.
/// </summary>
public abstract class SearchIndexFillTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_find_signatures_signed_in_a_batch_by_a_representative_imported_and_restored_and_not_an_erased_one()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(null);
        // The group-commit writer (the form, the API and the embed share it), several in one batch.
        await Task.WhenAll(
            App.SendAsync(Individual("Zdravko Batchwriter", "zdravko@quillmail.example")),
            App.SendAsync(Organisation("Groupe Tanagra", "tanagra@example.org")));
        // The representative's one step (SaveChanges).
        var (_, organisation) = await App.CreateOrganisationAsync("Ngozi Fellowship", "NG", "rep@ngozi.example");
        await App.SendAsync(Organisation("ignored", "ignored@example.org") with { OrganisationId = organisation.Id, CountryCode = null, Email = null });
        // The import, more rows than one batch so that two batches fill the index.
        var rows = new StringBuilder("kind,organisation,name,role,country,email,visibility,signed_at\n");
        for (var i = 0; i < 2_100; i++)
            rows.Append($"individual,,Imported Person {i:D4},,FR,person{i:D4}@wharfside.example,NameAndOrganisation,\n");
        var path = Path.Combine(Directory.CreateTempSubdirectory("sol-search-").FullName, "rows.csv");
        await File.WriteAllTextAsync(path, rows.ToString());
        Assert.Equal(0, await ImportSignaturesVerb.RunAsync(App.Factory.Services, [ImportSignaturesVerb.Verb, Slug, path], new StringWriter(), new StringWriter()));
        File.Delete(path);
        var erasedId = (await SignaturesAsync(App)).Single(s => s.Email == "person0007@wharfside.example").Id;
        await App.ExecuteDbContextAsync(async db =>
        {
            var signature = await db.Signatures.SingleAsync(s => s.Id == erasedId);
            signature.EraseOnRequest(letterDelivered: false, coordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        App.RunAs(coordinator);
        Assert.Equal(["zdravko@quillmail.example"], await EmailsFoundAsync(Slug, "batchwriter"));
        Assert.Equal(["zdravko@quillmail.example"], await EmailsFoundAsync(Slug, "QUILLMAIL"));
        Assert.Equal(["tanagra@example.org"], await EmailsFoundAsync(Slug, "tanagra"));
        Assert.Single(await EmailsFoundAsync(Slug, "ngozi fellow"));
        Assert.Equal(["person2099@wharfside.example"], await EmailsFoundAsync(Slug, "Person 2099"));
        Assert.Equal(["person0001@wharfside.example"], await EmailsFoundAsync(Slug, "person0001@"));
        // Past the count's limit the table says "more than"; below it, every row the batches wrote is counted.
        Assert.True((await App.SendAsync(new Index.Query(Slug, Search: "wharfside"))).MoreMatch);
        Assert.Equal(1_000, (await App.SendAsync(new Index.Query(Slug, Search: "person1"))).Matching);
        Assert.Equal(100, (await App.SendAsync(new Index.Query(Slug, Search: "person20"))).Matching);
        Assert.Empty(await EmailsFoundAsync(Slug, "Person 0007"));
        Assert.Empty(await EmailsFoundAsync(Slug, "person0007"));

        // A backup restored under a new address (restore from backup: SaveChanges) is searchable too.
        var file = await App.SendAsync(new LetterBackupExport.Query(Slug));
        var admin = await App.CreateUserAsync(SliceFixture.AdministratorEmail);
        await App.ExecuteScopeAsync(sp => sp.GetRequiredService<SignOnLetters.Web.Infrastructure.Seeding.AdministratorSetup>().ApplyAsync());
        App.RunAs(admin);
        Assert.Equal("restored-letter", (await App.SendAsync(new Import.Command(new MemoryStream(file), file.Length, "restored-letter"))).Slug);
        Assert.Equal(["zdravko@quillmail.example"], await EmailsFoundAsync("restored-letter", "batchwriter"));
        Assert.Equal(["person1234@wharfside.example"], await EmailsFoundAsync("restored-letter", "Person 1234"));
        Assert.Empty(await EmailsFoundAsync("restored-letter", "Person 0007"));

        // The SQLite index is sound (FTS5's own check) and holds every signature under its letter key
        // (letter in the high 32 bits, id in the low ones) and nothing else: being contentless, FTS5
        // cannot compare it with the rows itself.
        if (App.Provider == DatabaseProvider.Sqlite)
            await App.ExecuteDbContextAsync(async db =>
            {
                await db.Database.ExecuteSqlRawAsync($"INSERT INTO \"{SignatureSearch.SqliteTable}\"(\"{SignatureSearch.SqliteTable}\") VALUES ('integrity-check')");
                const string keys = "SELECT (\"LetterId\" << 32) + \"Id\" FROM \"Signatures\"";
                var index = $"SELECT rowid FROM \"{SignatureSearch.SqliteTable}\"";
                foreach (var missing in new[] { $"{index} EXCEPT {keys}", $"{keys} EXCEPT {index}" })
                {
                    var count = "SELECT COUNT(*) AS \"Value\" FROM (" + missing + ")";
                    Assert.Equal(0, await db.Database.SqlQueryRaw<int>(count).SingleAsync());
                }
                Assert.True(await db.Signatures.CountAsync() > 4_000);
            });
    }

    [SkippableFact]
    public async Task Should_fill_the_index_row_by_row_again_after_a_batch()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(null);
        await App.SendAsync(Individual("Oksana Firstbatch", "oksana@example.org"));
        // SaveChanges after a batch: the batch's marker is gone, so the per-row trigger indexes this one.
        await AddApprovedAsync(App, letter, Individual("Pieter Afterwards", "pieter@example.org"));
        if (App.Provider == DatabaseProvider.Sqlite)
            Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.Database.SqlQueryRaw<int>(
                $"SELECT COUNT(*) AS \"Value\" FROM \"{SignatureSearch.DeferredTable}\"").SingleAsync()));
        App.RunAs(coordinator);
        Assert.Equal(["oksana@example.org"], await EmailsFoundAsync(Slug, "firstbatch"));
        Assert.Equal(["pieter@example.org"], await EmailsFoundAsync(Slug, "afterwards"));
    }

    private async Task<string[]> EmailsFoundAsync(string slug, string search) =>
        (await App.SendAsync(new Index.Query(slug, Search: search))).Rows.Select(r => r.Email!).Order().ToArray();
}

[Collection(SqliteCollection.Name)]
public sealed class SearchIndexFillTestsOnSqlite(SqliteSlice app) : SearchIndexFillTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SearchIndexFillTestsOnPostgres(PostgresSlice app) : SearchIndexFillTests(app);
