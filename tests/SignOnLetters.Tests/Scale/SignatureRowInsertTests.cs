using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;
using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Scale;

/// <summary>
/// The group commit's prepared INSERTs (SignatureRowInsert) store exactly what EF's SaveChanges
/// stores, column by column as the database holds it, and a refused batch leaves nothing behind.
/// </summary>
public abstract class SignatureRowInsertTests(SliceFixture app) : SliceTest(app)
{
    /// <summary>Columns that differ between the two signatures by design (keys, addresses, tokens).</summary>
    private static readonly string[] Distinct =
    [
        nameof(Signature.Id), nameof(Signature.Email), nameof(Signature.EmailKey), nameof(Signature.OrganisationName),
        nameof(Signature.OrganisationKey), nameof(Signature.ConfirmationTokenHash), nameof(Signature.WithdrawTokenHash),
        // Computed by the database from the name that differs; that the row insert leaves it to the database is checked below.
        SignOnLetters.Data.SignatureSortKeys.Name,
    ];

    [SkippableFact]
    public async Task Should_store_every_column_as_EF_stores_it()
    {
        var (letter, _, _) = await SigningScenario.OpenLetterAsync(App);
        var terms = await SigningScenario.TermsAsync(App, letter);
        var byRows = Full(terms, "Ana Silva", "ana@example.org", "Médecins du Monde");
        var byEf = Full(terms, "Ana Silva", "bea@example.org", "Harm Reduction International");

        await App.ExecuteDbContextAsync(db => SignatureRowInsert.For(db)!.InsertAsync(db, [byRows], CancellationToken.None));
        await App.InsertAsync(byEf);

        Assert.NotEqual(0, byRows.Id);
        var rows = await RawRowsAsync("Signatures", "Id", byRows.Id, byEf.Id);
        var compared = 0;
        foreach (var column in rows[byRows.Id].Keys.Where(c => !Distinct.Contains(c)))
        {
            Assert.True(Equals(rows[byEf.Id][column], rows[byRows.Id][column]),
                $"{column}: EF stored '{rows[byEf.Id][column]}' ({rows[byEf.Id][column].GetType().Name}), the row insert '{rows[byRows.Id][column]}' ({rows[byRows.Id][column].GetType().Name})");
            compared++;
        }
        Assert.True(compared > 25, $"Only {compared} columns compared.");
        Assert.Equal((byRows.Kind == SignerKind.Organisation ? byRows.OrganisationName : byRows.SignerName)!, rows[byRows.Id][SignOnLetters.Data.SignatureSortKeys.Name]);
        var events = await RawRowsAsync("SignatureEvents", "SignatureId", byRows.Id, byEf.Id);
        foreach (var column in events[byRows.Id].Keys.Where(c => c is not "Id" and not "SignatureId"))
            Assert.True(Equals(events[byEf.Id][column], events[byRows.Id][column]), $"Event {column}: '{events[byEf.Id][column]}' against '{events[byRows.Id][column]}'");
        var stored = await App.ExecuteDbContextAsync(db => db.Signatures.AsNoTracking().Include(s => s.Events).SingleAsync(s => s.Id == byRows.Id));
        Assert.Equal("ana@example.org", stored.Email);
        Assert.Equal(byRows.Id, Assert.Single(stored.Events).SignatureId);
    }

    [SkippableFact]
    public async Task Should_store_nothing_of_a_refused_batch_and_leave_its_signatures_ready_to_store_again()
    {
        var (letter, _, _) = await SigningScenario.OpenLetterAsync(App);
        var terms = await SigningScenario.TermsAsync(App, letter);
        // New signatures claim nothing, so the database refuses one only for a broken rule such as a
        // token hash already taken (unique index).
        var taken = SigningScenario.NewTokens();
        await App.InsertAsync(Full(terms, "First", "taken@example.org", "Org A", taken));
        var fresh = Full(terms, "Fresh", "fresh@example.org", "Org B");
        var duplicate = Full(terms, "Again", "again@example.org", "Org C", taken);

        await Assert.ThrowsAnyAsync<DbException>(() =>
            App.ExecuteDbContextAsync(db => SignatureRowInsert.For(db)!.InsertAsync(db, [fresh, duplicate], CancellationToken.None)));

        Assert.Equal(0, fresh.Id);
        Assert.All(fresh.Events, e => Assert.Equal(0, e.SignatureId));
        Assert.Single(await SigningScenario.SignaturesAsync(App));
        await App.ExecuteDbContextAsync(db => SignatureRowInsert.For(db)!.InsertAsync(db, [fresh], CancellationToken.None));
        Assert.Equal(["taken@example.org", "fresh@example.org"], (await SigningScenario.SignaturesAsync(App)).Select(s => s.Email));
    }

    /// <summary>A signature with as many columns filled as signing fills.</summary>
    private static Signature Full(SigningTerms terms, string name, string email, string organisation, ConfirmationTokens? tokens = null)
    {
        var now = new DateTime(2026, 3, 1, 9, 30, 15, 123, DateTimeKind.Utc).AddTicks(4560);
        var details = new SignerDetails(SignerKind.Organisation, organisation, "BR", name, "Coordinator", "https://example.org/about",
            email, SignatureVisibility.NameAndOrganisation, KeepMeUpdated: true);
        var signature = terms.Sign(details, SignatureSource.Embed, tokens ?? SigningScenario.NewTokens(), now);
        signature.RecordClientNetwork("203.0.113.0/24");
        signature.RecordLanguage("pt");
        signature.RecordEmbedHost("partner.example.org");
        return signature;
    }

    /// <summary>Rows as the database holds them (provider values, not EF's reading of them), by a key column.</summary>
    private Task<Dictionary<int, Dictionary<string, object>>> RawRowsAsync(string table, string keyColumn, params int[] keys) =>
        App.ExecuteDbContextAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{keyColumn}\" IN ({string.Join(", ", keys)})";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new Dictionary<int, Dictionary<string, object>>();
            while (await reader.ReadAsync())
            {
                var row = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue);
                rows[Convert.ToInt32(row[keyColumn])] = row;
            }
            return rows;
        });
}

[Collection(SqliteCollection.Name)]
public sealed class SignatureRowInsertTestsOnSqlite(SqliteSlice app) : SignatureRowInsertTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SignatureRowInsertTestsOnPostgres(PostgresSlice app) : SignatureRowInsertTests(app);
