using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SignOnLetters.Data;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Security;
using SignOnLetters.Web.Pages.Admin;
using SignOnLetters.Web.Pages.Letters;
using UglyToad.PdfPig;
using LetterBackupExport = SignOnLetters.Web.Pages.Letters.Backup;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Backup;

/// <summary>
/// A letter exported as one JSON file and imported by an administrator into another instance with a
/// database of its own: on this test class's provider and on the other one (SQLite ⇄ PostgreSQL).
/// SQL Server takes the same EF Core path and has no server here.
/// </summary>
public abstract class BackupTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_restore_versions_revisions_signatures_public_page_and_pdf_on_a_fresh_instance_of_each_provider()
    {
        var (coordinator, withdrawPath) = await DeliveredLetterWithEverythingAsync();
        App.RunAs(coordinator);
        var file = await App.SendAsync(new LetterBackupExport.Query(Slug));
        var source = await SnapshotAsync(App);

        foreach (SliceFixture target in new SliceFixture[] { new SqliteSlice(), new PostgresSlice() })
        {
            await target.InitializeAsync();
            try
            {
                if (target.Unavailable is not null)
                    continue;
                var admin = await AdministratorOfAsync(target);
                target.RunAs(admin);
                Assert.Equal(Slug, (await target.SendAsync(new Import.Command(new MemoryStream(file), file.Length, null))).Slug);

                var restored = await SnapshotAsync(target);
                Assert.Equal(source.Versions, restored.Versions);
                Assert.Equal(source.Revisions, restored.Revisions);
                Assert.Equal(source.Signatures, restored.Signatures);
                // No link hash is taken from the file (it may have been made up): the signatures arrive without links.
                Assert.Contains("True", source.Links);
                Assert.DoesNotContain("True", restored.Links);
                Assert.Equal(source.Aliases, restored.Aliases);
                Assert.Equal(source.Invitations, restored.Invitations);
                Assert.Equal("1 Invited Partner invited\n2 Accepted Partner accepted", restored.CoAuthors);
                Assert.Equal(await PublicTextAsync(App, $"/letters/{Slug}"), await PublicTextAsync(target, $"/letters/{Slug}"));
                Assert.Equal(await PublicTextAsync(App, $"/letters/{Slug}/signatories"), await PublicTextAsync(target, $"/letters/{Slug}/signatories"));
                Assert.Equal(await PdfTextAsync(App), await PdfTextAsync(target));

                // The coordinator has no account there: the importing administrator coordinates the lead organisation.
                Assert.True(await target.ExecuteDbContextAsync(db => db.OrganisationMemberships.AnyAsync(m =>
                    m.UserId == admin.Id && m.Role == OrganisationRole.Coordinator && m.Organisation.Name == $"Lead of {Slug}")));
                // A signer's withdraw link from before the move opens nothing on the new instance.
                target.RunAs(null);
                await Assert.ThrowsAsync<DomainRuleException>(() =>
                    target.SendAsync(new SignOnLetters.Web.Pages.Signing.Withdraw.Command(Token(withdrawPath))));
                Assert.Equal(SignatureState.Approved, await target.ExecuteDbContextAsync(db =>
                    db.Signatures.Where(s => s.Email == "rui@example.org").Select(s => s.State).SingleAsync()));
            }
            finally
            {
                await target.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task Should_refuse_an_address_in_use_unless_given_a_new_one_and_leave_the_existing_letter_alone()
    {
        var (coordinator, _) = await DeliveredLetterWithEverythingAsync();
        App.RunAs(coordinator);
        var file = await App.SendAsync(new LetterBackupExport.Query(Slug));
        var before = await SnapshotAsync(App);
        App.RunAs(await AdministratorOfAsync(App));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new Import.Command(new MemoryStream(file), file.Length, null)));
        Assert.Contains("already exists here", refused.Message);
        Assert.Equal("copy-of-the-letter", (await App.SendAsync(new Import.Command(new MemoryStream(file), file.Length, "copy-of-the-letter"))).Slug);

        Assert.Equal(before, await SnapshotAsync(App));
        var copy = await SnapshotAsync(App, "copy-of-the-letter");
        Assert.Equal(before.Signatures, copy.Signatures);
        Assert.Equal(before.Versions, copy.Versions);
        // The links stay with the first copy: a hash is never stored twice, so the copy's are dropped.
        Assert.Contains("True", before.Links);
        Assert.DoesNotContain("True", copy.Links);
        Assert.Equal(2, await App.ExecuteDbContextAsync(db => db.Letters.CountAsync()));
    }

    public static TheoryData<string, string> HostileFiles() => new()
    {
        { "not json at all {", "not a readable backup" },
        { "[1, 2, 3]", "not a SignOnLetters letter backup" },
        { """{"format": "something-else", "version": 1}""", "not a SignOnLetters letter backup" },
        { """{"format": "signonletters-letter-backup", "version": 2}""", "format version 2" },
        { """{"format": "signonletters-letter-backup", "version": 1}""", "no letter" },
        // The shape does not fit: the head of the file still says what it is.
        { """{"format": "signonletters-letter-backup", "version": 2, "letter": "a string now"}""", "format version 2" },
        { """{"format": "another-app", "accounts": 7}""", "not a SignOnLetters letter backup" },
        { """{"format": "signonletters-letter-backup", "version": 1, "letter": [}""", "not a readable backup" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileFiles))]
    public async Task Should_explain_a_file_that_is_not_a_backup_of_this_version_and_store_nothing(string content, string expected)
    {
        App.RunAs(await AdministratorOfAsync(App));
        var bytes = Encoding.UTF8.GetBytes(content);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => App.SendAsync(new Import.Command(new MemoryStream(bytes), bytes.Length, null)));

        Assert.Contains(expected, refused.Message);
        Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.Letters.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_refuse_an_oversized_or_missing_file_with_a_message()
    {
        App.RunAs(await AdministratorOfAsync(App));

        var oversized = await Assert.ThrowsAnyAsync<ValidationException>(() => App.SendAsync(new Import.Command(Stream.Null, Import.MaxFileBytes + 1L, null)));
        var missing = await Assert.ThrowsAnyAsync<ValidationException>(() => App.SendAsync(new Import.Command(Stream.Null, 0, null)));

        Assert.Contains("a backup may be at most 64 MB", oversized.Message);
        Assert.Contains("Choose a backup file", missing.Message);
    }

    public static TheoryData<string, string> CraftedChanges() => new()
    {
        { "hidden direction-changing characters", "$.signatures[0].signerName=Ana \u202Egnp.exe" },
        { "cannot contain < or >", "$.signatures[0].signerName=<script>alert(1)</script>" },
        { "invisible characters", "$.organisations[0].name=Lead\u200Bof" },
        { "is too long", "$.signatures[0].role=" + new string('x', 5000) },
        { "contains HTML", "$.letter.texts[0].body=<img src=x onerror=alert(1)>" },
        { "country code we do not know", "$.signatures[0].countryCode=XX" },
        { "uses an e-mail address another active signature", "$.signatures[1].email=ana@example.org" },
        { "version the file does not have", "$.signatures[0].versionNumber=#7" },
        { "which the file does not list", "$.letter.createdBy=a999" },
        { "not a link hash", "$.signatures[0].withdrawTokenHash=not-a-hash" },
        { "must be a web address", "$.organisations[0].website=javascript:alert(1)" },
        { "not a readable backup", "$.signatures[0].state=#99" },
        { "same reference", "$.signatures[1].ref=#1" },
        { "The letter's main language", "$.letter.primaryLanguage=fr" },
        { "at $.letter.texts", "$.letter.texts=null" },
        { "at $.signatures[0].signerName", "$.signatures[0].signerName=null" },
        { "at $.organisations[0].coordinators", "$.organisations[0].coordinators=null" },
    };

    [SkippableTheory]
    [MemberData(nameof(CraftedChanges))]
    public async Task Should_refuse_a_crafted_file_with_hostile_or_inconsistent_values_and_store_nothing(string expected, string change)
    {
        var (coordinator, _) = await DeliveredLetterWithEverythingAsync();
        App.RunAs(coordinator);
        var file = JsonNode.Parse(await App.SendAsync(new LetterBackupExport.Query(Slug)))!;
        var (path, value) = (change[..change.IndexOf('=')], change[(change.IndexOf('=') + 1)..]);
        Set(file, path, value == "null" ? null : value.StartsWith('#') ? JsonValue.Create(int.Parse(value[1..])) : JsonValue.Create(value));
        var bytes = Encoding.UTF8.GetBytes(file.ToJsonString());
        App.RunAs(await AdministratorOfAsync(App));
        var counts = await CountsAsync(App);

        var refused = await Assert.ThrowsAnyAsync<ValidationException>(() => App.SendAsync(new Import.Command(new MemoryStream(bytes), bytes.Length, "crafted-copy")));

        Assert.Contains(expected, refused.Message);
        Assert.Equal(counts, await CountsAsync(App));
    }

    /// <summary>A draft's opening time and reminder schedule travel in the backup; an opening time that has passed by the import restores as none.</summary>
    [SkippableFact]
    public async Task Should_carry_the_schedule_through_a_backup_and_drop_an_opening_time_that_has_passed()
    {
        // The test clock starts on Sunday 1 March 2026, 09:00 UTC.
        var (coordinator, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug) with { Deadline = "2026-03-20T18:00", DeadlineTimeZone = "Europe/Paris" });
        await App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = "2026-03-02T09:30", OpensAtTimeZone = "Europe/Paris" });
        await App.SendAsync(new Manage.ScheduleRemindersCommand
        {
            Slug = slug, Frequency = Manage.ReminderFrequency.EveryTwoWeeks, Day = DayOfWeek.Tuesday, Hour = 10, TimeZone = "America/New_York",
        });
        var file = await App.SendAsync(new LetterBackupExport.Query(slug));
        App.RunAs(await AdministratorOfAsync(App));

        var inTime = await App.SendAsync(new Import.Command(new MemoryStream(file), file.Length, "scheduled-copy"));
        App.Clock.Set(new DateTimeOffset(2026, 3, 2, 8, 31, 0, TimeSpan.Zero));
        var late = await App.SendAsync(new Import.Command(new MemoryStream(file), file.Length, "late-copy"));

        Assert.Equal(ScheduleRestored.Nothing, inTime.Dropped);
        var copy = await App.LoadAsync("scheduled-copy");
        Assert.Equal(new DateTime(2026, 3, 2, 8, 30, 0, DateTimeKind.Utc), copy.OpensAtUtc);
        Assert.Equal("Europe/Paris", copy.OpensAtTimeZone);
        Assert.Equal(coordinator.Id, copy.OpeningScheduledByUserId);
        Assert.Equal(("0 10 * * 2", "America/New_York", 2), (copy.ReminderCron, copy.ReminderTimeZone, copy.ReminderEveryWeeks));
        // Tuesday 3 March, 10:00 in New York: the restored schedule starts afresh from the import.
        Assert.Equal(new DateTime(2026, 3, 3, 15, 0, 0, DateTimeKind.Utc), copy.NextReminderAtUtc);

        Assert.Equal(ScheduleRestored.OpeningDropped, late.Dropped);
        var lateCopy = await App.LoadAsync("late-copy");
        Assert.Equal(LetterStatus.Draft, lateCopy.Status);
        Assert.Null(lateCopy.OpensAtUtc);
        Assert.Null(lateCopy.OpeningScheduledByUserId);
        Assert.Equal("0 10 * * 2", lateCopy.ReminderCron);
    }

    [SkippableTheory]
    [InlineData("reminderCron", "* * * * *", "at most once a week")]
    [InlineData("reminderCron", "not a cron <script>", "The reminder schedule")]
    [InlineData("reminderTimeZone", "Mars/Olympus_Mons_and_a_very_long_name_indeed", "The reminder schedule")]
    [InlineData("opensAtTimeZone", "Mars/Olympus", "The opening time's zone")]
    [InlineData("openingScheduledBy", "a999", "which the file does not list")]
    public async Task Should_refuse_a_crafted_schedule_in_a_backup_and_store_nothing(string field, string value, string expected)
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug) with { Deadline = "2026-03-20T18:00", DeadlineTimeZone = "Europe/Paris" });
        await App.SendAsync(new Manage.ScheduleOpeningCommand { Slug = slug, OpensAt = "2026-03-02T09:30", OpensAtTimeZone = "Europe/Paris" });
        await App.SendAsync(new Manage.ScheduleRemindersCommand { Slug = slug, Frequency = Manage.ReminderFrequency.Weekly, TimeZone = "UTC" });
        var file = JsonNode.Parse(await App.SendAsync(new LetterBackupExport.Query(slug)))!;
        file["letter"]!["schedule"]![field] = value;
        var bytes = Encoding.UTF8.GetBytes(file.ToJsonString());
        App.RunAs(await AdministratorOfAsync(App));

        var refused = await Assert.ThrowsAnyAsync<ValidationException>(() => App.SendAsync(new Import.Command(new MemoryStream(bytes), bytes.Length, "crafted-schedule")));

        Assert.Contains(expected, refused.Message);
        Assert.DoesNotContain("Olympus_Mons_and_a_very_long_name_indeed", refused.Message);
        Assert.Null(await App.ExecuteDbContextAsync(db => db.Letters.SingleOrDefaultAsync(l => l.Slug == "crafted-schedule")));
    }

    [SkippableFact]
    public async Task Should_cut_imported_networks_to_the_signing_rule_and_give_no_link_whose_token_the_file_knows()
    {
        var (file, signatures) = await ExportedFileAsync();
        string EmailAt(int index) => signatures[index]!["email"]!.GetValue<string>();
        int IndexOf(string email) => signatures.Select((s, i) => (s, i)).Single(x => x.s!["email"]?.GetValue<string>() == email).i;
        // Whoever held the file knows these tokens: their hashes are written into it.
        var (withdrawToken, withdrawHash) = SecureToken.Create();
        var (confirmToken, confirmHash) = SecureToken.Create();
        var approved = IndexOf("rui@example.org");
        var pending = IndexOf("pending@example.org");
        Set(file, $"$.signatures[{approved}].withdrawTokenHash", withdrawHash);
        Set(file, $"$.signatures[{pending}].confirmationTokenHash", confirmHash);
        var networks = new[] { ("203.0.113.77/32", "203.0.113.0/24"), ("2001:db8:1234:5678::1/128", "2001:db8:1234::/48"),
            ("::ffff:198.51.100.9/128", "198.51.100.0/24"), ("10.0.0.0/8", "10.0.0.0/8") };
        var withNetwork = signatures.Select((s, i) => i).Where(i => signatures[i]!["email"] is not null && i != pending).Take(networks.Length).ToList();
        Assert.Equal(networks.Length, withNetwork.Count);
        foreach (var (index, (written, _)) in withNetwork.Zip(networks))
            Set(file, $"$.signatures[{index}].clientNetwork", written);
        App.RunAs(await AdministratorOfAsync(App));

        await App.SendAsync(new Import.Command(new MemoryStream(Encoding.UTF8.GetBytes(file.ToJsonString())), 1, "moved-letter"));

        var stored = await App.ExecuteDbContextAsync(db => db.Signatures.Where(s => s.Letter.Slug == "moved-letter")
            .Select(s => new { s.Email, s.ClientNetwork, s.State }).ToListAsync());
        foreach (var (index, (_, expected)) in withNetwork.Zip(networks))
            Assert.Equal(expected, stored.Single(s => s.Email == EmailAt(index)).ClientNetwork);
        App.RunAs(null);
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new SignOnLetters.Web.Pages.Signing.Withdraw.Command(withdrawToken)));
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new SignOnLetters.Web.Pages.Signing.Confirm.Command(confirmToken)));
        var after = await App.ExecuteDbContextAsync(db => db.Signatures.Where(s => s.Letter.Slug == "moved-letter")
            .Select(s => new { s.Email, s.State }).ToListAsync());
        Assert.Equal(SignatureState.Approved, after.Single(s => s.Email == "rui@example.org").State);
        Assert.Equal(SignatureState.PendingConfirmation, after.Single(s => s.Email == "pending@example.org").State);
    }

    [SkippableFact]
    public async Task Should_read_the_file_as_a_stream_a_piece_at_a_time()
    {
        var (file, signatures) = await ExportedFileAsync();
        // Two thousand more signers make a file of a few megabytes.
        var template = signatures.Single(s => s!["email"]?.GetValue<string>() == "rui@example.org")!;
        for (var i = 0; i < 2000; i++)
        {
            var copy = template.DeepClone();
            copy["ref"] = 1000 + i;
            copy["email"] = $"signer{i}@example.org";
            copy["signerName"] = $"Signer {i}";
            copy["withdrawTokenHash"] = null;
            signatures.Add(copy);
        }
        var bytes = Encoding.UTF8.GetBytes(file.ToJsonString());
        var stream = new ReadRecordingStream(bytes);
        App.RunAs(await AdministratorOfAsync(App));

        await App.SendAsync(new Import.Command(stream, bytes.Length, "streamed-letter"));

        Assert.Equal(bytes.Length, stream.BytesRead);
        Assert.True(stream.LargestRead <= bytes.Length / 8, $"largest read {stream.LargestRead} of a file of {bytes.Length} bytes");
        Assert.Equal(signatures.Count, await App.ExecuteDbContextAsync(db => db.Signatures.CountAsync(s => s.Letter.Slug == "streamed-letter")));
    }

    /// <summary>The backup of <see cref="DeliveredLetterWithEverythingAsync"/> as a JSON tree to change, and its signatures.</summary>
    private async Task<(JsonNode File, JsonArray Signatures)> ExportedFileAsync()
    {
        var (coordinator, _) = await DeliveredLetterWithEverythingAsync();
        App.RunAs(coordinator);
        var file = JsonNode.Parse(await App.SendAsync(new LetterBackupExport.Query(Slug)))!;
        return (file, file["signatures"]!.AsArray());
    }

    /// <summary>A one-way stream (like a request body) that records how much each read asked for.</summary>
    private sealed class ReadRecordingStream(byte[] content) : Stream
    {
        private readonly MemoryStream inner = new(content);
        public long BytesRead { get; private set; }
        public int LargestRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => Record(count, inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Record(buffer.Length, await inner.ReadAsync(buffer, cancellationToken));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        private int Record(int asked, int read)
        {
            LargestRead = Math.Max(LargestRead, asked);
            BytesRead += read;
            return read;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [SkippableFact]
    public async Task Should_download_the_backup_from_the_manage_page_and_upload_it_through_the_import_form()
    {
        var (coordinator, _) = await DeliveredLetterWithEverythingAsync();
        App.RunAs(null); // Requests below act as the browser's signed-in account.
        var coordinatorBrowser = BrowserlessClient.For(App);
        await coordinatorBrowser.SignInAsync(coordinator.Email!);
        var (_, manage) = await coordinatorBrowser.GetAsync($"/letters/{Slug}/manage");
        Assert.Equal($"/letters/{Slug}/backup", manage.QuerySelector("#backup-link")?.GetAttribute("href"));
        var download = await coordinatorBrowser.Http.GetAsync($"/letters/{Slug}/backup");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", download.Headers.CacheControl?.ToString());
        var file = await download.Content.ReadAsByteArrayAsync();

        await AdministratorOfAsync(App);
        var admin = BrowserlessClient.For(App);
        await admin.SignInAsync(SliceFixture.AdministratorEmail);

        var taken = await UploadAsync(admin, file, newSlug: "");
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("already exists here", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()));
        var damaged = await UploadAsync(admin, file[..(file.Length / 2)], newSlug: "");
        Assert.Contains("not a readable backup", WebUtility.HtmlDecode(await damaged.Content.ReadAsStringAsync()));
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.Letters.CountAsync()));

        var imported = await UploadAsync(admin, file, newSlug: "restored-letter");
        BrowserlessClient.AssertRedirect(imported, "/letters/restored-letter/manage");
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/letters/restored-letter/manage")).StatusCode);
        Assert.Equal((await SnapshotAsync(App)).Signatures, (await SnapshotAsync(App, "restored-letter")).Signatures);
    }

    /// <summary>Posts the import form as a browser does: multipart, with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(BrowserlessClient browser, byte[] file, string newSlug)
    {
        var (page, form) = await browser.GetAsync("/admin/import");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = form.QuerySelector("#import-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(newSlug), "NewSlug" },
            { new ByteArrayContent(file), "file", "letter-backup.json" },
        };
        return await browser.Http.PostAsync("/admin/import", content);
    }

    [SkippableFact]
    public async Task Should_let_only_administrators_import_and_only_lead_coordinators_export()
    {
        var (coordinator, _) = await DeliveredLetterWithEverythingAsync();
        App.RunAs(coordinator);
        var file = await App.SendAsync(new LetterBackupExport.Query(Slug));
        var editor = await App.CreateUserAsync("editor@example.org");
        await App.ExecuteDbContextAsync(async db =>
        {
            var letter = await db.Letters.Include(l => l.Editors).SingleAsync(l => l.Slug == Slug);
            letter.AddEditor(editor.Id, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        App.RunAs(coordinator);
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new Import.Command(new MemoryStream(file), file.Length, "copy-by-coordinator")));
        App.RunAs(editor);
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new LetterBackupExport.Query(Slug)));
        App.RunAs(await App.CreateUserAsync("stranger@example.org"));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new LetterBackupExport.Query(Slug)));
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.Letters.CountAsync()));

        // Over HTTP: a signed-in non-administrator is refused the import page.
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync("stranger@example.org");
        var page = await browser.Http.GetAsync("/admin/import");
        Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{(int)page.StatusCode}");
        Assert.DoesNotContain("Import a letter", await page.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Should_require_two_factor_for_the_export_when_the_setting_is_on_and_log_no_personal_data()
    {
        var (coordinator, _) = await DeliveredLetterWithEverythingAsync();
        var options = App.Factory.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        options.RequireTwoFactorForPersonalData = true;
        try
        {
            App.RunAs(coordinator);
            await Assert.ThrowsAsync<TwoFactorRequiredException>(() => App.SendAsync(new LetterBackupExport.Query(Slug)));
            var browser = BrowserlessClient.For(App);
            await browser.SignInAsync(coordinator.Email!);
            var response = await browser.Http.GetAsync($"/letters/{Slug}/backup");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(TwoFactorRequiredException.SetUpPage, response.Headers.Location!.OriginalString);

            await App.ExecuteScopeAsync(async sp =>
            {
                var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
                await users.SetTwoFactorEnabledAsync((await users.FindByIdAsync(coordinator.Id))!, true);
            });
            App.Logs.Clear();
            var file = Encoding.UTF8.GetString(await App.SendAsync(new LetterBackupExport.Query(Slug)));
            Assert.Contains("\"format\": \"signonletters-letter-backup\"", file);
            Assert.Contains("ana@example.org", file);
            Assert.DoesNotContain("PasswordHash", file, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(App.Logs.Lines, line => line.Contains("exported as a backup"));
            Assert.DoesNotContain(App.Logs.Lines, line => line.Contains("ana@example.org") || line.Contains("Rui Costa"));
        }
        finally
        {
            options.RequireTwoFactorForPersonalData = false;
        }
    }

    /// <summary>
    /// Amended once (two versions), signed in every visibility, one pending, one erased, one paper
    /// signature, an alias and a partner invitation, then closed and delivered. Returns the
    /// coordinator and Rui's withdraw link.
    /// </summary>
    private async Task<(ApplicationUser Coordinator, string WithdrawPath)> DeliveredLetterWithEverythingAsync()
    {
        var (_, acceptedPartner) = await App.CreateOrganisationAsync("Accepted Partner");
        var (_, invitedPartner) = await App.CreateOrganisationAsync("Invited Partner");
        var (letter, coordinator, _) = await OpenLetterAsync(App, coAuthorIds: [invitedPartner.Id, acceptedPartner.Id]);
        await App.ExecuteDbContextAsync(async db =>
        {
            var tracked = await db.Letters.Include(l => l.CoAuthors).SingleAsync(l => l.Id == letter.Id);
            tracked.AcceptCoAuthorship(acceptedPartner.Id, coordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
            tracked.Amend([new LetterText("en", Title, "Dear Minister, we write to you again, now with numbers: 3 of 4.")], "Added the numbers.",
                coordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
            db.OrganisationAliases.Add(OrganisationAlias.Create(letter.Id, "MdM", "Médecins du Monde", [], coordinator.Id, App.Clock.GetUtcNow().UtcDateTime));
            db.PartnerInvitations.Add(PartnerInvitation.Create(letter.Id, "Partner Network", "partner@example.org", "Please sign.",
                SecureToken.Create().Hash, coordinator.Id, App.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        });
        await SignAndConfirmAsync(App, Organisation());
        await SignAndConfirmAsync(App, Individual());
        var withdrawPath = LinkPath(App, "rui@example.org", "/signatures/withdraw/");
        await SignAndConfirmAsync(App, Individual("Sasha Ivanova", "sasha@example.org") with { Visibility = SignatureVisibility.CountedNotNamed, CountryCode = "UA" });
        await SignAndConfirmAsync(App, Organisation("Сеть ЛЖВ", "net@example.org") with { Visibility = SignatureVisibility.OrganisationOnly, CountryCode = "RU" });
        var erasedId = await SignAndConfirmAsync(App, Individual("Erased Person", "erase@example.org"));
        App.RunAs(null);
        await App.SendAsync(Individual("Pending Person", "pending@example.org"));
        App.RunAs(coordinator);
        await App.SendAsync(new SignOnLetters.Web.Pages.Signatures.Details.Erase(Slug, erasedId));
        await App.SendAsync(new Manage.ChangeStatus(Slug, Manage.LetterStep.Close, await SignOnLetters.Tests.Infrastructure.LetterTestData.ChangeCountAsync(App, Slug)));
        await App.SendAsync(new Manage.ChangeStatus(Slug, Manage.LetterStep.Deliver, await SignOnLetters.Tests.Infrastructure.LetterTestData.ChangeCountAsync(App, Slug)));
        return (coordinator, withdrawPath);
    }

    private sealed record Snapshot(string Versions, string Revisions, string Signatures, string Links, string Aliases, string Invitations, string CoAuthors);

    /// <summary>What must survive the round trip, written out as text so a difference shows in the assertion.</summary>
    private static Task<Snapshot> SnapshotAsync(SliceFixture app, string slug = Slug) => app.ExecuteDbContextAsync(async db =>
    {
        var letter = await db.Letters.AsNoTracking().Include(l => l.Revisions).Include(l => l.Versions).Include(l => l.CoAuthors).ThenInclude(c => c.Organisation)
            .AsSplitQuery().SingleAsync(l => l.Slug == slug);
        var signatures = await db.Signatures.AsNoTracking().Include(s => s.Events).Include(s => s.LetterVersion)
            .Where(s => s.LetterId == letter.Id).OrderBy(s => s.CreatedAt).ThenBy(s => s.SignerName).ToListAsync();
        var aliases = await db.OrganisationAliases.AsNoTracking().Where(a => a.LetterId == letter.Id).ToListAsync();
        var invitations = await db.PartnerInvitations.AsNoTracking().Where(i => i.LetterId == letter.Id).ToListAsync();
        static string Texts(IEnumerable<LetterText> texts) => string.Join(" | ", texts.Select(t => $"{t.LanguageCode}:{t.Title}:{t.Body}"));
        return new Snapshot(
            $"{letter.Status} {letter.Kind} {letter.DeliveredAt:O} {letter.LatestVersionNumber} " +
            string.Join("\n", letter.Versions.OrderBy(v => v.Number).Select(v => $"{v.Number} {v.PublishedAt:O} {v.ChangeNote} {Texts(v.Texts)}")),
            string.Join("\n", letter.Revisions.OrderBy(r => r.Number).Select(r => $"{r.Number} {r.CreatedAt:O} {r.Addressees} {Texts(r.Texts)}")),
            string.Join("\n", signatures.Select(s =>
                $"{s.Kind} {s.State} {s.Visibility} {s.Source} v{s.LetterVersion.Number} {s.SignerName}/{s.OrganisationName}/{s.OrganisationKey}/{s.CountryCode}/{s.Email}/{s.EmailKey} " +
                $"{s.CreatedAt:O} {s.ConfirmedAt:O} {s.ErasedAt:O} events:" +
                string.Join(",", s.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => $"{e.FromState}>{e.ToState}:{e.Actor}:{e.Described}")))),
            string.Join(" ", signatures.Select(s => $"{s.WithdrawTokenHash is not null}/{s.ConfirmationTokenHash is not null}")),
            string.Join("\n", aliases.OrderBy(a => a.AliasKey).Select(a => $"{a.Alias}>{a.OrganisationName} {a.CreatedAt:O}")),
            string.Join("\n", invitations.OrderBy(i => i.EmailKey).Select(i => $"{i.OrganisationName} {i.ContactEmail} {i.State} {i.SentAt:O} {i.Message}")),
            string.Join("\n", letter.CoAuthors.OrderBy(c => c.Position).Select(c => $"{c.Position} {c.Organisation.Name} {(c.IsAccepted ? "accepted" : "invited")}")));
    });

    private static Task<(int Letters, int Signatures, int Organisations)> CountsAsync(SliceFixture app) => app.ExecuteDbContextAsync(async db =>
        (await db.Letters.CountAsync(), await db.Signatures.CountAsync(), await db.Organisations.CountAsync()));

    /// <summary>The page's main text as an anonymous reader sees it, spaces collapsed.</summary>
    private static async Task<string> PublicTextAsync(SliceFixture app, string path)
    {
        var (response, document) = await BrowserlessClient.For(app).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A restored letter starts a signatory record of its own on the new instance (ADR 0015): every
        // signature counted on the day of the import, so its head differs from the original's.
        document.QuerySelector(".record-head code")?.Remove();
        return string.Join(' ', (document.QuerySelector("main") ?? document.Body!).TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<string> PdfTextAsync(SliceFixture app)
    {
        var response = await BrowserlessClient.For(app).Http.GetAsync($"/letters/{Slug}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        // The sealed edition prints the record head, and a restored letter starts a record of its own
        // on the new instance (ADR 0015): everything else on the pages must match.
        return System.Text.RegularExpressions.Regex.Replace(
            // NFKC: the font may set the hash's "ff" as one ligature glyph, read back as U+FB00.
            string.Join("\n", pdf.GetPages().Select(p => p.Text)).Normalize(System.Text.NormalizationForm.FormKC), "Record: [0-9a-f]{64}", "Record: …");
    }

    private static Task<ApplicationUser> AdministratorOfAsync(SliceFixture app) => app.AdministratorAsync();

    /// <summary>Sets the value at a simple JSON path ("$.signatures[0].email").</summary>
    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.TrimStart('$', '.').Replace("[", ".").Replace("]", "").Split('.');
        var node = root;
        foreach (var part in parts[..^1])
            node = int.TryParse(part, out var index) ? node![index] : node![part];
        if (int.TryParse(parts[^1], out var last))
            node![last] = value;
        else
            node![parts[^1]] = value;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BackupTestsOnSqlite(SqliteSlice app) : BackupTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BackupTestsOnPostgres(PostgresSlice app) : BackupTests(app);
