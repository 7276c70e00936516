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
        SignOnLetters.Data.SignatureSortKeys.Name, SignOnLetters.Data.SignatureSearch.SearchTextColumn,
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
        // PostgreSQL's coordinators' search column: computed by the database from what the row insert wrote.
        if (rows[byRows.Id].TryGetValue(SignOnLetters.Data.SignatureSearch.SearchTextColumn, out var searchText))
            Assert.Equal("ana silva\u001fmédecins du monde\u001fana@example.org", searchText);
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

    /// <summary>Columns of the signatory record that differ between two entries by design (the chain, the salt and what hashes it).</summary>
    private static readonly string[] ChainColumns = ["Id", "Sequence", "SignatureId", "Salt", "Subject", "Leaf", "Head", "ShownName"];

    [SkippableFact]
    public async Task Should_store_an_imported_batch_as_EF_stores_it()
    {
        // The import's path: on PostgreSQL binary COPY with keys taken from the sequence, on SQLite prepared INSERTs.
        var (letter, _, _) = await SigningScenario.OpenLetterAsync(App);
        var terms = await SigningScenario.TermsAsync(App, letter);
        var byRows = new[] { Imported(terms, "Ana Silva", "ana@example.org"), Imported(terms, "Bea Costa", "bea@example.org") };
        var byEf = Imported(terms, "Cid Lopes", "cid@example.org");

        await InsertImportedAsync(byRows);
        await App.InsertAsync(byEf);

        Assert.All(byRows, s => Assert.NotEqual(0, s.Id));
        Assert.True(byRows[0].Id < byRows[1].Id, "The batch's keys keep the file's order.");
        var rows = await RawRowsAsync("Signatures", "Id", byRows[0].Id, byRows[1].Id, byEf.Id);
        var compared = 0;
        foreach (var column in rows[byEf.Id].Keys.Where(c => !Distinct.Contains(c) && c is not "SignerName" and not "RecordSalt"))
        {
            Assert.True(Equals(rows[byEf.Id][column], rows[byRows[0].Id][column]),
                $"{column}: EF stored '{rows[byEf.Id][column]}' ({rows[byEf.Id][column].GetType().Name}), the batch '{rows[byRows[0].Id][column]}' ({rows[byRows[0].Id][column].GetType().Name})");
            compared++;
        }
        Assert.True(compared > 25, $"Only {compared} columns compared.");
        Assert.Equal("Ana Silva", rows[byRows[0].Id][SignOnLetters.Data.SignatureSortKeys.Name]);
        Assert.NotNull(rows[byRows[0].Id]["RecordSalt"]);
        var events = await RawRowsAsync("SignatureEvents", "SignatureId", byRows[0].Id, byEf.Id);
        foreach (var column in events[byEf.Id].Keys.Where(c => c is not "Id" and not "SignatureId"))
            Assert.True(Equals(events[byEf.Id][column], events[byRows[0].Id][column]), $"Event {column}: '{events[byEf.Id][column]}' against '{events[byRows[0].Id][column]}'");
        // Each signature's "counted" entry, in the letter's chain after the batch's: the same columns as the SaveChanges hook writes.
        var entries = await RawRowsAsync("RecordEntries", "SignatureId", byRows[0].Id, byRows[1].Id, byEf.Id);
        Assert.Equal([1, 2, 3], new[] { byRows[0].Id, byRows[1].Id, byEf.Id }.Select(id => Convert.ToInt32(entries[id]["Sequence"])));
        foreach (var column in entries[byEf.Id].Keys.Where(c => !ChainColumns.Contains(c)))
            Assert.True(Equals(entries[byEf.Id][column], entries[byRows[0].Id][column]), $"Record {column}: '{entries[byEf.Id][column]}' against '{entries[byRows[0].Id][column]}'");
        // The next entry continues the chain from its head (the head read by its own seek, not a subquery per entry).
        var next = await App.ExecuteDbContextAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            return await SignOnLetters.Data.SignatoryRecordAppender.CountedEntriesAsync(db, [Imported(terms, "Dan Reis", "dan@example.org")], CancellationToken.None);
        }));
        Assert.Equal(4, Assert.Single(next).Sequence);
    }

    [SkippableFact]
    public async Task Should_store_nothing_of_a_refused_imported_batch()
    {
        var (letter, _, _) = await SigningScenario.OpenLetterAsync(App);
        var terms = await SigningScenario.TermsAsync(App, letter);
        // Imported signatures claim their address at once: two with one address break the unique claim.
        var batch = new[] { Imported(terms, "Ana Silva", "same@example.org"), Imported(terms, "Ana Silva again", "same@example.org") };

        await Assert.ThrowsAnyAsync<DbException>(() => InsertImportedAsync(batch));

        Assert.All(batch, s => Assert.Equal(0, s.Id));
        Assert.Empty(await SigningScenario.SignaturesAsync(App));
        Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.RecordEntries.CountAsync()));
        await InsertImportedAsync([batch[0]]);
        Assert.Equal(["same@example.org"], (await SigningScenario.SignaturesAsync(App)).Select(s => s.Email));
    }

    /// <summary>As the importer stores a batch: in its own transaction, inside the provider's execution strategy.</summary>
    private Task InsertImportedAsync(Signature[] batch) =>
        App.ExecuteDbContextAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(ct =>
            SignatureRowInsert.For(db)!.InsertCountedAsync(db, batch, (_, _) => Task.CompletedTask, ct), CancellationToken.None));

    private static Signature Imported(SigningTerms terms, string name, string email)
    {
        var now = new DateTime(2026, 3, 1, 9, 30, 15, 123, DateTimeKind.Utc).AddTicks(4560);
        var details = new SignerDetails(SignerKind.Individual, null, "BR", name, "Nurse", null, email, SignatureVisibility.NameAndOrganisation, KeepMeUpdated: false);
        return terms.SignImported(details, coordinatorUserId: null, "list.csv", now.AddDays(-2), now);
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
