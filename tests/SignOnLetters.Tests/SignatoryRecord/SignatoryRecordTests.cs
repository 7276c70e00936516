using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain.Record;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;
using SignOnLetters.Web.Pages.Record;
using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.SignatoryRecord;

/// <summary>
/// Issue 22's signatory record: every change to the public list appends an entry in the change's own
/// save; the head is published; the record downloads and re-verifies with the published script; a
/// signer's receipt verifies; an erasure keeps the chain and the other receipts valid; a row edited
/// behind the app's back is caught by the self-check and by the script.
/// </summary>
public abstract class SignatoryRecordTests(SliceFixture app) : SliceTest(app)
{
    private const string Slug = SigningScenario.Slug;

    [SkippableFact]
    public async Task Should_record_a_signature_when_it_counts_not_when_it_is_submitted_and_mail_its_signer_a_receipt()
    {
        await SigningScenario.OpenLetterAsync(App);
        await App.SendAsync(SigningScenario.Organisation());
        // Submitted through the group commit: waiting for confirmation, not on the public list.
        Assert.Empty(await EntriesAsync());

        await ConfirmAsync("ana@example.org");

        var entry = Assert.Single(await EntriesAsync());
        Assert.Equal((1, RecordEvent.Counted, "Médecins du Monde", "Ana Silva", "Director", "FR"),
            (entry.Sequence, entry.Event, entry.ShownOrganisation, entry.ShownName, entry.ShownRole, entry.ShownCountry));
        var receipts = App.Factory.Services.GetRequiredService<RecordReceipts>();
        Assert.Equal(1, await receipts.SendOwedAsync(CancellationToken.None));
        Assert.Equal(0, await receipts.SendOwedAsync(CancellationToken.None));
        var email = Assert.Single(await OutboxToAsync("ana@example.org"));
        Assert.Contains(new RecordReceipt(Slug, 1, entry.Leaf).ToString(), email.HtmlBody);
        Assert.Contains($"/letters/{Slug}/verify", email.HtmlBody);
    }

    [SkippableFact]
    public async Task Should_mail_no_receipt_to_a_signature_that_waits_for_review_until_it_is_approved()
    {
        var (_, coordinator, _) = await SigningScenario.OpenLetterAsync(App,
            new Domain.Letters.LetterSettings(Domain.Letters.WhoMaySign.OrganisationsAndIndividuals, Domain.Letters.ModerationMode.Manual, false));
        var id = await SignAndConfirmAsync(SigningScenario.Individual());
        var receipts = App.Factory.Services.GetRequiredService<RecordReceipts>();

        Assert.Empty(await EntriesAsync());
        Assert.Equal(0, await receipts.SendOwedAsync(CancellationToken.None));
        await App.ExecuteDbContextAsync(async db =>
        {
            (await db.Signatures.SingleAsync(s => s.Id == id)).Approve(coordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        Assert.Equal(1, await receipts.SendOwedAsync(CancellationToken.None));
        Assert.Contains(new RecordReceipt(Slug, 1, Assert.Single(await EntriesAsync()).Leaf).ToString(), Assert.Single(await OutboxToAsync("rui@example.org")).HtmlBody);
    }

    [SkippableFact]
    public async Task Should_append_withdrawals_and_publish_the_head_on_the_page_and_in_the_api()
    {
        await SigningScenario.OpenLetterAsync(App);
        await SignAndConfirmAsync(SigningScenario.Organisation());
        await SignAndConfirmAsync(SigningScenario.Individual());
        var withdrawLink = SigningScenario.LinkPath(App, "rui@example.org", "/signatures/withdraw/");

        await App.SendAsync(new Withdraw.Command(SigningScenario.Token(withdrawLink)));

        var entries = await EntriesAsync();
        Assert.Equal([RecordEvent.Counted, RecordEvent.Counted, RecordEvent.Withdrawn], entries.Select(e => e.Event));
        Assert.Equal(2, entries[2].Of);
        Assert.Null(entries[2].Subject);
        Assert.Empty(RecordCheck.Chain(entries));
        var client = App.Factory.CreateClient();
        var api = await client.GetStringAsync($"/api/letters/{Slug}");
        Assert.Contains($"\"recordHead\":\"{entries[2].Head}\"", api);
        var page = await client.GetStringAsync($"/letters/{Slug}");
        Assert.Contains(entries[2].Head, page);
        Assert.Contains($"/letters/{Slug}/verify", page);
    }

    [SkippableFact]
    public async Task Should_record_a_counted_signature_saved_through_ef_whoever_saves_it()
    {
        // What an import, a restore or a paper entry does: an approved signature added and saved.
        var (letter, _, _) = await SigningScenario.OpenLetterAsync(App);
        await SigningScenario.AddApprovedAsync(App, letter,
            SigningScenario.Organisation(), SigningScenario.Individual() with { Visibility = SignatureVisibility.CountedNotNamed });

        var entries = await EntriesAsync();
        Assert.Equal([1, 2], entries.Select(e => e.Sequence));
        Assert.All(entries, e => Assert.Equal(RecordEvent.Counted, e.Event));
        // Counted, not named: only a commitment, whose salt is never published.
        var hidden = entries[1];
        Assert.Equal((false, null, null, null), (hidden.Listed, hidden.ShownName, hidden.ShownCountry, hidden.Salt));
        Assert.NotNull(hidden.Subject);
        var record = await DownloadAsync();
        Assert.DoesNotContain("Rui", record);
        Assert.Empty(await App.Factory.Services.GetRequiredService<RecordSelfCheck>().CheckAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Should_reverify_the_downloaded_record_with_the_published_script_and_check_heads_and_receipts()
    {
        RecordScript.SkipUnlessPython();
        await SigningScenario.OpenLetterAsync(App);
        var first = await ConfirmAfterSigningAsync(SigningScenario.Organisation());
        await SignAndConfirmAsync(SigningScenario.Individual() with { Visibility = SignatureVisibility.CountedNotNamed });
        await SignAndConfirmAsync(SigningScenario.Individual("Ένας Υπογράφων", "third@example.org"));
        var entries = await EntriesAsync();
        var record = await DownloadAsync();

        var (exit, output) = RecordScript.Verify(record, "--head", entries[^1].Head, "--receipt", first.Receipt!.ToString());
        Assert.True(exit == 0, output);
        Assert.Contains($"3 entries, head {entries[^1].Head}", output);
        Assert.Contains("current head", output);

        (exit, output) = RecordScript.Verify(record, "--head", entries[0].Head);
        Assert.True(exit == 0, output);
        Assert.Contains("after entry 1; 2 entries were added since", output);

        (exit, output) = RecordScript.Verify(record, "--receipt", new RecordReceipt(Slug, 2, entries[0].Leaf).ToString());
        Assert.Equal(1, exit);
        Assert.Contains("NOT VERIFIED", output);
    }

    [SkippableFact]
    public async Task Should_detect_a_record_row_edited_behind_the_apps_back_in_the_self_check_and_the_script()
    {
        RecordScript.SkipUnlessPython();
        await SigningScenario.OpenLetterAsync(App);
        await App.CreateUserAsync(SliceFixture.AdministratorEmail);
        await App.ExecuteScopeAsync(sp => sp.GetRequiredService<SignOnLetters.Web.Infrastructure.Seeding.AdministratorSetup>().ApplyAsync());
        await SignAndConfirmAsync(SigningScenario.Organisation());
        await SignAndConfirmAsync(SigningScenario.Individual());
        var selfCheck = App.Factory.Services.GetRequiredService<RecordSelfCheck>();
        Assert.Empty(await selfCheck.CheckAsync(CancellationToken.None));

        // Someone with database access renames the first signatory in the record.
        await App.ExecuteDbContextAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"RecordEntries\" SET \"ShownOrganisation\" = 'Mallory Inc.' WHERE \"Sequence\" = 1"));

        var finding = Assert.Single(await selfCheck.CheckAsync(CancellationToken.None));
        Assert.Equal(Slug, finding.Slug);
        Assert.Contains(finding.Problems, p => p.Contains("Entry 1") && p.Contains("commitment"));
        var alert = Assert.Single(await App.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == SliceFixture.AdministratorEmail).ToListAsync()));
        Assert.Contains(Slug, alert.Subject);
        var (exit, output) = RecordScript.Verify(await DownloadAsync());
        Assert.Equal(1, exit);
        Assert.Contains("Entry 1: the values it shows do not open its commitment", output);
    }

    [SkippableFact]
    public async Task Should_detect_a_signature_edited_or_counted_behind_the_apps_back()
    {
        await SigningScenario.OpenLetterAsync(App);
        var kept = await SignAndConfirmAsync(SigningScenario.Organisation());
        var withdrawn = await SignAndConfirmAsync(SigningScenario.Individual());
        await App.SendAsync(new Withdraw.Command(SigningScenario.Token(SigningScenario.LinkPath(App, "rui@example.org", "/signatures/withdraw/"))));

        await App.ExecuteDbContextAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"Signatures\" SET \"OrganisationName\" = 'Mallory Inc.' WHERE \"Id\" = {kept}"));
        await App.ExecuteDbContextAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"Signatures\" SET \"State\" = {(int)SignatureState.Approved} WHERE \"Id\" = {withdrawn}"));

        var problems = Assert.Single(await App.Factory.Services.GetRequiredService<RecordSelfCheck>().CheckAsync(CancellationToken.None)).Problems;
        Assert.Contains($"Signature {kept} is not shown as the record's entry 1 says.", problems);
        Assert.Contains($"Signature {withdrawn} is counted, but the record does not count it.", problems);
    }

    [SkippableFact]
    public async Task Should_keep_the_chain_and_the_other_receipts_valid_after_an_erasure()
    {
        RecordScript.SkipUnlessPython();
        var (_, coordinator, _) = await SigningScenario.OpenLetterAsync(App);
        var erased = await ConfirmAfterSigningAsync(SigningScenario.Organisation());
        var other = await ConfirmAfterSigningAsync(SigningScenario.Individual());
        var erasedId = (await SigningScenario.SignaturesAsync(App)).Single(s => s.Email == "ana@example.org").Id;

        await App.ExecuteDbContextAsync(async db =>
        {
            var signature = await db.Signatures.SingleAsync(s => s.Id == erasedId);
            signature.EraseOnRequest(letterDelivered: false, coordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        var entries = await EntriesAsync();
        Assert.Equal([RecordEvent.Counted, RecordEvent.Counted, RecordEvent.Erased], entries.Select(e => e.Event));
        // The erased signer's entry keeps its commitment and hashes, and loses what opened it.
        Assert.Equal((null, null, null), (entries[0].ShownName, entries[0].ShownOrganisation, entries[0].Salt));
        Assert.Null((await SigningScenario.SignaturesAsync(App)).Single(s => s.Id == erasedId).RecordSalt);
        var record = await DownloadAsync();
        Assert.DoesNotContain("Médecins", record);
        Assert.DoesNotContain("Ana Silva", record);
        Assert.Empty(await App.Factory.Services.GetRequiredService<RecordSelfCheck>().CheckAsync(CancellationToken.None));
        foreach (var receipt in new[] { erased.Receipt!, other.Receipt! })
        {
            var (exit, output) = RecordScript.Verify(record, "--head", entries[^1].Head, "--receipt", receipt.ToString());
            Assert.True(exit == 0, output);
            var check = await App.SendAsync(new Verify.ReceiptCheck(erased.LetterId, Slug, receipt.ToString()));
            Assert.Equal(Verify.ReceiptCheck.Verdict.Included, check.Verdict);
        }
    }

    [SkippableFact]
    public async Task Should_record_moderation_changes_of_visibility_and_merges()
    {
        var (letter, coordinator, _) = await SigningScenario.OpenLetterAsync(App);
        await SigningScenario.AddApprovedAsync(App, letter,
            SigningScenario.Organisation(), SigningScenario.Organisation("MdM France", "b@example.org"), SigningScenario.Individual());
        var ids = (await SigningScenario.SignaturesAsync(App)).Select(s => s.Id).ToList();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.ExecuteDbContextAsync(async db =>
        {
            var signatures = await db.Signatures.OrderBy(s => s.Id).ToListAsync();
            signatures[1].MergeInto(signatures[0], coordinator.Id, now);
            signatures[2].Reject(coordinator.Id, "Not a real person.", now);
            signatures[0].VerifyByCoordinator(coordinator.Id, Domain.Letters.ModerationMode.Automatic, now);
            await db.SaveChangesAsync();
        });

        var entries = await EntriesAsync();
        Assert.Equal([RecordEvent.Counted, RecordEvent.Counted, RecordEvent.Counted, RecordEvent.Changed, RecordEvent.Merged, RecordEvent.Rejected],
            entries.Select(e => e.Event));
        // Verified now: the list no longer marks it unverified, and the record says so.
        Assert.True(entries[0].ShownUnverified);
        Assert.False(entries[3].ShownUnverified);
        Assert.Equal([1, 2, 3], entries.Skip(3).Select(e => e.Of));
        Assert.Equal(ids, entries.Skip(3).Select(e => e.SignatureId));
        Assert.Empty(RecordCheck.Chain(entries));
    }

    private Task<List<Domain.Mailings.OutboxMessage>> OutboxToAsync(string address) =>
        App.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == address).ToListAsync());

    private Task<List<RecordEntry>> EntriesAsync() =>
        App.ExecuteDbContextAsync(db => db.RecordEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

    private async Task<string> DownloadAsync()
    {
        var response = await App.Factory.CreateClient().GetAsync($"/api/letters/{Slug}/record");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jsonl", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private Task<int> SignAndConfirmAsync(Sign.Command command) => SigningScenario.SignAndConfirmAsync(App, command);

    /// <summary>Signs, confirms, and returns the receipt of the signature's latest entry (as its signer is mailed it).</summary>
    private async Task<(RecordReceipt? Receipt, int LetterId)> ConfirmAfterSigningAsync(Sign.Command command)
    {
        var id = await SignAndConfirmAsync(command);
        var letterId = await App.ExecuteDbContextAsync(db => db.Letters.Where(l => l.Slug == Slug).Select(l => l.Id).SingleAsync());
        return (await App.ExecuteDbContextAsync(db => PublicRecord.ReceiptAsync(db, id, Slug, CancellationToken.None)), letterId);
    }

    private async Task<Confirm.Outcome> ConfirmAsync(string email) =>
        await App.SendAsync(new Confirm.Command(SigningScenario.Token(SigningScenario.LinkPath(App, email, "/signatures/confirm/"))));
}

[Collection(SqliteCollection.Name)]
public sealed class SignatoryRecordTestsOnSqlite(SqliteSlice app) : SignatoryRecordTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SignatoryRecordTestsOnPostgres(PostgresSlice app) : SignatoryRecordTests(app);

/// <summary>
/// <see cref="RecordReceipts"/> asks every minute, in every app, for the receipts still owed: that
/// look-up reads their partial index, never every entry of every letter (447 ms of SQLite CPU a
/// minute at 1,000,000 signatures with none owed).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class RecordReceiptsQueryPlanTestsOnSqlite(SqliteSlice app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_find_the_owed_receipts_through_their_partial_index_not_by_reading_every_entry()
    {
        await SigningScenario.OpenLetterAsync(App);
        await App.SendAsync(SigningScenario.Organisation());
        await App.SendAsync(new Confirm.Command(SigningScenario.Token(SigningScenario.LinkPath(App, "ana@example.org", "/signatures/confirm/"))));
        var receipts = App.Factory.Services.GetRequiredService<RecordReceipts>();
        App.Logs.Clear();

        Assert.Equal(1, await receipts.SendOwedAsync(CancellationToken.None));

        var plans = await Scale.ListQueryPlanTestsOnSqlite.ExplainLoggedAsync(App, "\"ReceiptOwed\"");
        var owed = Assert.Single(plans, p => p.Sql.Contains("WHERE \"r\".\"ReceiptOwed\""));
        Assert.Contains($"INDEX {SignOnLetters.Data.Configurations.RecordEntryConfiguration.OwedReceiptsIndex}", owed.Plan);
    }
}
