using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Signatures;
using SignOnLetters.Web.Pages.Signatures.Importing;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Signatures;

/// <summary>Importing signatures from a CSV file: the command-line verb and the coordinators' page, with hostile files (issue 20).</summary>
public abstract class SignatureImportTests(SliceFixture app) : SliceTest(app)
{
    private protected const string OurHeader = "kind,organisation,name,role,country,email,visibility,signed_at";

    private static readonly string GoodRows = string.Join("\n",
        OurHeader,
        "organisation,Asociación Rompe,Lucía Pérez,Presidenta,MX,lucia@rompe.example,NameAndOrganisation,2026-02-01T10:00:00Z",
        "individual,,Ana Silva,,Brazil,,CountedNotNamed,",
        "individual,\"Amis \"\"de\"\" la Terre, France\",Jean Dupont,,FR,jean@example.org,,2026-02-02") + "\n";

    /// <summary>Runs Program's verb with the test host's services, as <c>dotnet run -- import-signatures</c> does with the server's.</summary>
    private protected async Task<(int ExitCode, string Output, string Error)> RunVerbAsync(byte[] content, string slug = Slug, string fileName = "signatures.csv")
    {
        var directory = Directory.CreateTempSubdirectory("sol-import-");
        var path = Path.Combine(directory.FullName, fileName);
        await File.WriteAllBytesAsync(path, content);
        try
        {
            return await RunVerbAtAsync(path, slug);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private async Task<(int ExitCode, string Output, string Error)> RunVerbAtAsync(string path, string slug)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await ImportSignaturesVerb.RunAsync(App.Factory.Services, [ImportSignaturesVerb.Verb, slug, path], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private protected static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [SkippableFact]
    public async Task Should_import_approved_signatures_marked_as_imported_without_email_and_add_nothing_the_second_time()
    {
        await OpenLetterAsync(App);

        var first = await RunVerbAsync(Utf8(GoodRows), fileName: "paper-sheets.csv");
        Assert.Equal(0, first.ExitCode);
        Assert.EndsWith("Imported 3, duplicates skipped 0, refused 0.", first.Output.Trim());

        var signatures = await SignaturesAsync(App);
        Assert.Equal(3, signatures.Count);
        Assert.All(signatures, s => Assert.Equal((SignatureState.Approved, SignatureSource.Imported), (s.State, s.Source)));
        var lucia = signatures.Single(s => s.SignerName == "Lucía Pérez");
        Assert.Equal((SignerKind.Organisation, "Asociación Rompe", "MX", "Presidenta"), (lucia.Kind, lucia.OrganisationName, lucia.CountryCode, lucia.Role));
        Assert.Equal(new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc), lucia.ConfirmedAt);
        var entry = Assert.Single(lucia.Events);
        Assert.Equal((SignatureActor.System, HistoryNoteKind.ImportedByAdministrator, "paper-sheets.csv"), (entry.Actor, entry.Note, entry.NoteArgument));
        Assert.Equal("BR", signatures.Single(s => s.SignerName == "Ana Silva").CountryCode);
        Assert.Equal("Amis \"de\" la Terre, France", signatures.Single(s => s.SignerName == "Jean Dupont").OrganisationName);
        // Without signed_at, the import's time.
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, signatures.Single(s => s.SignerName == "Ana Silva").ConfirmedAt);
        Assert.Empty(App.Emails.All());

        var again = await RunVerbAsync(Utf8(GoodRows), fileName: "paper-sheets.csv");
        Assert.Equal(0, again.ExitCode);
        Assert.EndsWith("Imported 0, duplicates skipped 3, refused 0.", again.Output.Trim());
        Assert.Equal(3, (await SignaturesAsync(App)).Count);
    }

    [SkippableFact]
    public async Task Should_skip_and_count_rows_that_duplicate_a_signature_already_on_the_letter()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(PaperSignatureTests.Paper("Asociacion ROMPE"));
        await App.SendAsync(PaperSignatureTests.Paper("Other") with { Kind = SignerKind.Individual, SignerName = "Jean", Email = "Jean@Example.org" });

        var result = await RunVerbAsync(Utf8(GoodRows));

        Assert.EndsWith("Imported 1, duplicates skipped 2, refused 0.", result.Output.Trim());
        Assert.Equal(3, (await SignaturesAsync(App)).Count);
    }

    [SkippableFact]
    public async Task Should_answer_a_wrong_slug_file_or_header_with_a_message_and_a_non_zero_exit_code()
    {
        await OpenLetterAsync(App);
        await OpenLetterAsync(App, status: Domain.Letters.LetterStatus.Closed, slug: "closed-letter");

        var noLetter = await RunVerbAsync(Utf8(GoodRows), slug: "no-such-letter");
        Assert.Equal(1, noLetter.ExitCode);
        Assert.Contains("No letter at /letters/no-such-letter", noLetter.Error);
        var closed = await RunVerbAsync(Utf8(GoodRows), slug: "closed-letter");
        Assert.Equal(1, closed.ExitCode);
        Assert.Contains("closed", closed.Error);
        var noFile = await RunVerbAtAsync("/nonexistent/signatures.csv", Slug);
        Assert.Equal(1, noFile.ExitCode);
        Assert.Contains("No file at", noFile.Error);
        var typo = await RunVerbAsync(Utf8("kind,organisation,name,contry\nindividual,,Ana,FR\n"));
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains("contry", typo.Error);
        var usage = new StringWriter();
        Assert.Equal(1, await ImportSignaturesVerb.RunAsync(App.Factory.Services, [ImportSignaturesVerb.Verb, Slug], new StringWriter(), usage));
        Assert.Contains("Usage", usage.ToString());
        Assert.Empty(await SignaturesAsync(App));
    }

    public static TheoryData<string, byte[], string> UnreadableFiles => new()
    {
        // case, file, what the message says
        { "Windows-1252", Encoding.Latin1.GetBytes(OurHeader + "\nindividual,,Ana,,FR,,,\nindividual,,Jos\u00e9 Mart\u00ednez,,ES,,,\n"), "line 3 has characters in another encoding" },
        { "UTF-16 without its byte order mark", Encoding.Unicode.GetBytes(OurHeader + "\nindividual,,Ana,,FR,,,\n"), "not a text file" },
        { "empty", [], "The file is empty." },
        { "only a byte order mark and blank lines", [0xEF, 0xBB, 0xBF, (byte)'\n', (byte)'\n'], "The file is empty." },
        { "a binary file", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "another encoding" },
        { "cut in the middle of a character", Utf8(OurHeader + "\nindividual,,Jos\u00e9")[..^1], "cut short" },
    };

    [SkippableTheory]
    [MemberData(nameof(UnreadableFiles))]
    public async Task Should_refuse_a_file_it_cannot_read_with_a_clear_message_and_store_nothing(string @case, byte[] file, string message)
    {
        await OpenLetterAsync(App);

        var result = await RunVerbAsync(file);

        Assert.True(result.ExitCode == 1, @case);
        Assert.Contains(message, result.Error);
        Assert.Empty(await SignaturesAsync(App));
    }

    public static TheoryData<string, byte[]> ReadableEncodings => new()
    {
        { "UTF-8 with a byte order mark", [.. Encoding.UTF8.GetPreamble(), .. Utf8(GoodRows)] },
        { "UTF-16 little-endian with a byte order mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(GoodRows)] },
        { "UTF-16 big-endian with a byte order mark", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(GoodRows)] },
        { "semicolons and CRLF (Excel in France)", Utf8(GoodRows.Replace(",", ";").Replace("\"Amis \"\"de\"\" la Terre; France\"", "\"Amis \"\"de\"\" la Terre, France\"").Replace("\n", "\r\n")) },
        { "tabs", Utf8(GoodRows.Replace(",", "\t").Replace("\"Amis \"\"de\"\" la Terre\t France\"", "\"Amis \"\"de\"\" la Terre, France\"")) },
    };

    [SkippableTheory]
    [MemberData(nameof(ReadableEncodings))]
    public async Task Should_read_byte_order_marks_utf16_and_each_delimiter(string @case, byte[] file)
    {
        await OpenLetterAsync(App);

        var result = await RunVerbAsync(file);

        Assert.True(result.ExitCode == 0, $"{@case}: {result.Error}");
        Assert.EndsWith("Imported 3, duplicates skipped 0, refused 0.", result.Output.Trim());
        var names = (await SignaturesAsync(App)).Select(s => (s.SignerName, s.OrganisationName)).ToList();
        Assert.Contains(("Lucía Pérez", "Asociación Rompe"), names);
        Assert.Contains(("Jean Dupont", "Amis \"de\" la Terre, France"), names);
    }

    [SkippableFact]
    public async Task Should_refuse_hostile_rows_with_their_lines_and_reasons_and_import_the_rest()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var file = string.Join("\n",
            OurHeader,
            "individual,,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",,FR,,,", // 2: a formula, kept as text
            "individual,,Ana,,FR,,,,extra", // 3: ragged
            "individual,,\"Bea", "Two\",,FR,,,", // 4-5: a newline inside a name
            "individual,,Cai \u202Egnp.exe,,FR,,,", // 6: a right-to-left override
            "individual,,Dan\u200B,,FR,,,", // 7: a zero-width space
            "individual,,\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645,,IR,,,", // 8: a zero-width non-joiner, which Persian needs
            "individual,,Eve,,XX,,,", // 9: unknown country
            "robot,,Fay,,FR,,,", // 10: unknown kind
            "individual,,Gil,,FR,gil@,,", // 11: bad e-mail
            "individual,,Hal,,FR,,Everyone,", // 12: unknown visibility
            "individual,,Ivo,,FR,,,2026-13-45", // 13: not a date
            "individual,,Jon,,FR,,,2030-01-01", // 14: in the future
            "individual,,Kim \"the\" Kid,,FR,,,", // 15: a stray quote
            "individual,,Lea\uFFFD,,FR,,,", // 16: bytes that were not text where the file was made
            "organisation,,Max,,FR,,,", // 17: an organisation without a name
            ",,,,,,,", // blank: skipped
            "individual,,@SUM(A1),,-DE,,,", // 19: a formula-like name; the country is wrong
            "individual,,+Nia,,DE,,,") + "\n"; // 20: kept as text

        var result = await RunVerbAsync(Utf8(file));

        Assert.Equal(0, result.ExitCode);
        var summary = result.Output.Trim().Split('\n')[^1];
        Assert.StartsWith("Imported 3, duplicates skipped 0, refused 14: line 3: the row has 9 cells where the header has 8; line 4:", summary);
        foreach (var line in new[] { 3, 4, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19 })
            Assert.Contains($"line {line}:", summary);
        Assert.Contains("line 6: Signer's name contains hidden direction-changing characters", summary);
        Assert.Contains("line 7: Signer's name contains invisible characters", summary);
        Assert.Contains("line 14: signed_at is in the future", summary);
        Assert.DoesNotContain("line 2:", summary);
        Assert.DoesNotContain("line 8:", summary);
        var names = (await SignaturesAsync(App)).Select(s => s.SignerName).ToList();
        Assert.Equal(["=HYPERLINK(\"http://evil.example\",\"click\")", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "+Nia"], names);

        // Stored as typed, exported as text: a spreadsheet runs no formula.
        App.RunAs(coordinator);
        var export = Encoding.UTF8.GetString(await App.ExportCsvAsync(Slug));
        Assert.Contains("'=HYPERLINK", export);
        Assert.Contains("'+Nia", export);
    }

    [SkippableFact]
    public async Task Should_import_a_header_only_file_as_nothing_and_fifty_thousand_rows_in_full()
    {
        await OpenLetterAsync(App);
        Assert.EndsWith("Imported 0, duplicates skipped 0, refused 0.", (await RunVerbAsync(Utf8(OurHeader + "\n"))).Output.Trim());

        var big = new StringBuilder(OurHeader).Append('\n');
        for (var i = 0; i < 50_000; i++)
            big.Append("individual,Réseau ").Append(i % 100).Append(",Signer ").Append(i).Append(",,FR,signer").Append(i).Append("@example.org,,\n");
        big.Append("individual,,Signer 7,,FR,SIGNER7@example.org,,\n"); // the same address as row 9, in another case
        var result = await RunVerbAsync(Utf8(big.ToString()));

        Assert.EndsWith("Imported 50,000, duplicates skipped 1, refused 0.", result.Output.Trim());
        Assert.Equal(50_000, await App.ExecuteDbContextAsync(db => db.Signatures.CountAsync(s => s.Source == SignatureSource.Imported)));
    }

    [SkippableFact]
    public async Task Should_import_through_the_page_with_a_mapping_preview_defaults_and_a_report()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);
        // A Google Forms download: its own column names, an American timestamp, a question the letter does not need.
        var file = "\uFEFFTimestamp,Email Address,Full name,Organization,Country,How did you hear about us?\n"
                   + "2/1/2026 14:05:09,ana@example.org,Ana Silva,Rede Verde,Brazil,=cmd|' /C calc'!A0\n"
                   + "2/1/2026 15:00:00,bob@example.org,Bob,,,a friend\n"
                   + "2/2/2026 9:00:00,not-an-address,Cy,,FR,\n";

        var upload = await UploadAsync(browser, Utf8(file), "Sign-on letter (Responses) - Form responses 1.csv");
        BrowserlessClient.AssertRedirect(upload, $"/letters/{Slug}/signatures/import?file=");
        var mappingUrl = upload.Headers.Location!.OriginalString;
        var (page, mapping) = await browser.GetAsync(mappingUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        string Selected(int column) => mapping.QuerySelector($"#column-{column} option[selected]")!.GetAttribute("value")!;
        Assert.Equal(["SignedAt", "Email", "Name", "Organisation", "Country", "Ignore"], Enumerable.Range(0, 6).Select(Selected));
        Assert.Contains("=cmd|' /C calc'!A0", mapping.QuerySelector("#import-preview")!.TextContent);

        // Without consent the step is shown again, with its preview.
        var fields = new Dictionary<string, string> { ["Mapping.DefaultCountry"] = "PT" };
        var refused = await browser.SubmitAsync(mapping, mappingUrl, fields, "#import-mapping");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Confirm that the people in the file agreed", refusedHtml);
        Assert.Contains("import-preview", refusedHtml);

        fields["Mapping.SignersConsented"] = "true";
        var imported = await browser.SubmitAsync(mapping, mappingUrl, fields, "#import-mapping");
        BrowserlessClient.AssertRedirect(imported, $"/letters/{Slug}/signatures/import?report=");
        var (_, report) = await browser.GetAsync(imported.Headers.Location!.OriginalString);
        var counts = report.QuerySelectorAll("#import-report td").Select(td => td.TextContent).ToList();
        Assert.Equal(["2", "0", "1"], counts);
        Assert.Contains("4", report.QuerySelector("#refused-rows")!.TextContent);
        var download = await browser.Http.GetAsync(report.QuerySelector("a[download]")!.GetAttribute("href")!.Replace("&amp;", "&"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var refusedCsv = await download.Content.ReadAsStringAsync();
        Assert.StartsWith("line,reason", refusedCsv.TrimStart('\uFEFF'));
        Assert.Contains("4,", refusedCsv);

        var signatures = await SignaturesAsync(App);
        Assert.Equal(["Ana Silva", "Bob"], signatures.Select(s => s.SignerName));
        Assert.Equal(("BR", "PT"), (signatures[0].CountryCode, signatures[1].CountryCode));
        Assert.Equal(new DateTime(2026, 2, 1, 14, 5, 9, DateTimeKind.Utc), signatures[0].ConfirmedAt);
        var entry = Assert.Single(signatures[0].Events);
        Assert.Equal((SignatureActor.Coordinator, coordinator.Id, HistoryNoteKind.ImportedByCoordinator, "Sign-on letter (Responses) - Form responses 1.csv"),
            (entry.Actor, entry.ActorUserId, entry.Note, entry.NoteArgument));
        Assert.Empty(App.Emails.All());

        var (_, list) = await browser.GetAsync($"/letters/{Slug}/signatures");
        Assert.Contains("imported", list.QuerySelector("#signature-table")!.TextContent);

        // The uploaded file is gone: the mapping step cannot import it twice.
        var (again, _) = await browser.GetAsync(mappingUrl);
        Assert.Contains("expired or was already imported", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        var (table, _) = await browser.GetAsync($"/letters/{Slug}/signatures/{signatures[0].Id}");
        Assert.Contains("Imported from the file Sign-on letter (Responses) - Form responses 1.csv", WebUtility.HtmlDecode(await table.Content.ReadAsStringAsync()));
    }

    [SkippableFact]
    public async Task Should_let_only_the_letters_coordinators_import_and_open_the_files()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var owner = BrowserlessClient.For(App);
        await owner.SignInAsync(coordinator.Email!);
        var upload = await UploadAsync(owner, Utf8(GoodRows), "list.csv");
        var mappingUrl = upload.Headers.Location!.OriginalString;

        await App.CreateUserAsync("stranger@example.org");
        var stranger = BrowserlessClient.For(App);
        await stranger.SignInAsync("stranger@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/letters/{Slug}/signatures/import")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(mappingUrl)).StatusCode);
        var anonymous = BrowserlessClient.For(App);
        BrowserlessClient.AssertRedirect(await anonymous.Http.GetAsync($"/letters/{Slug}/signatures/import"), "http://localhost/Identity/Account/Login");
        Assert.Empty(await SignaturesAsync(App));
    }

    [SkippableFact]
    public async Task Should_refuse_unreadable_and_oversized_uploads_on_the_page_and_keep_nothing()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);
        var before = StoredFiles();

        var latin1 = await UploadAsync(browser, Encoding.Latin1.GetBytes(OurHeader + "\nindividual,,Jos\u00e9,,ES,,,\n"), "excel.csv");
        Assert.Equal(HttpStatusCode.OK, latin1.StatusCode);
        Assert.Contains("Save it as \"CSV UTF-8\"", WebUtility.HtmlDecode(await latin1.Content.ReadAsStringAsync()));
        var empty = await UploadAsync(browser, [], "empty.csv");
        Assert.Contains("Choose a CSV file.", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));

        // 100 MB: over the server's request limit, refused before anything is read.
        var huge = new byte[100 * 1024 * 1024];
        Array.Fill(huge, (byte)'a');
        var oversized = await UploadAsync(browser, huge, "huge.csv");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Contains("larger than we accept", WebUtility.HtmlDecode(await oversized.Content.ReadAsStringAsync()));

        Assert.Equal(before, StoredFiles());
        Assert.Empty(await SignaturesAsync(App));
    }

    [SkippableFact]
    public async Task Should_record_every_row_of_a_file_longer_than_a_batch_in_the_signatory_record_and_the_tallies()
    {
        await OpenLetterAsync(App);
        var rows = ImportTuning.CommandLine.SqliteBatchSize + 150;
        var file = new StringBuilder(OurHeader).Append('\n');
        for (var n = 1; n <= rows; n++)
            file.Append(n % 4 == 0 ? $"organisation,Réseau {n},Ольга {n},Présidente,UA,o{n}@example.org,NameAndOrganisation,2026-02-01T10:00:00Z\n"
                : $"individual,,Ana {n},,BR,a{n}@example.org,{(n % 3 == 0 ? "CountedNotNamed" : "NameAndOrganisation")},\n");
        // One row that repeats an earlier one: skipped as a duplicate inside the file.
        file.Append("individual,,Ana 1 again,,BR,A1@Example.org,NameAndOrganisation,\n");

        var result = await RunVerbAsync(Utf8(file.ToString()));

        Assert.EndsWith($"Imported {rows:N0}, duplicates skipped 1, refused 0.", result.Output.Trim());
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SignOnLetters.Data.AppDbContext>();
        var letterId = await db.Letters.Where(l => l.Slug == Slug).Select(l => l.Id).SingleAsync();
        // One "counted" entry per row, one chain without gaps, and the record recomputes to its head.
        var entries = await db.RecordEntries.Where(e => e.LetterId == letterId).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, rows), entries.Select(e => e.Sequence));
        Assert.All(entries, e => Assert.Equal(SignOnLetters.Domain.Record.RecordEvent.Counted, e.Event));
        Assert.Equal(rows, entries.Select(e => e.SignatureId).Distinct().Count());
        Assert.Equal(rows, await db.Signatures.CountAsync(s => s.LetterId == letterId && s.RecordSalt != null && s.Events.Count == 1));
        Assert.Empty(await App.Factory.Services.GetRequiredService<SignOnLetters.Web.Pages.Record.RecordSelfCheck>().CheckAsync(CancellationToken.None));
        // The tallies moved once per batch and equal a full recount.
        Assert.Empty(await db.Database.CreateExecutionStrategy().ExecuteAsync(ct =>
            SignOnLetters.Web.Infrastructure.Background.SignatureRecount.DriftAsync(db, letterId, ct), CancellationToken.None));
        Assert.Equal(rows, await db.SignatureTallies.Where(t => t.LetterId == letterId && t.Facet == SignatureFacets.State && t.Key == nameof(SignatureState.Approved))
            .Select(t => t.Count).SingleAsync());
    }

    /// <summary>The importer itself with small batches, so a short file crosses several of them and the pipeline's hand-over.</summary>
    protected async Task<(ImportSummary Summary, List<RefusedRow> Refused)> ImportInBatchesAsync(string file, ImportTuning tuning,
        Action<RefusedRow>? alsoOnRefusal = null, CancellationToken cancellationToken = default)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<SignatureImporter>();
        await using var stream = new MemoryStream(Utf8(file));
        var signatureFile = SignatureFile.Open(stream);
        var mapping = new ImportMapping(ImportMapping.Propose(signatureFile.Header).ToList(), RowDefaults.None);
        var refused = new List<RefusedRow>();
        var summary = await importer.ImportAsync(Slug, signatureFile, mapping, coordinatorUserId: null, "batches.csv", row =>
        {
            refused.Add(row);
            alsoOnRefusal?.Invoke(row);
        }, cancellationToken, tuning);
        return (summary, refused);
    }

    /// <summary>Rows 2…n+1: every seventh refused (unknown country), every fifth an organisation; the ones asked for repeat an earlier row's address or organisation.</summary>
    protected static (string File, int Valid, List<long> RefusedLines) NumberedRows(int count, IReadOnlyDictionary<int, int>? repeats = null)
    {
        var file = new StringBuilder(OurHeader).Append('\n');
        var refusedLines = new List<long>();
        for (var n = 1; n <= count; n++)
        {
            var key = repeats is not null && repeats.TryGetValue(n, out var earlier) ? earlier : n;
            var country = n % 7 == 0 ? "XX" : "FR";
            if (n % 7 == 0)
                refusedLines.Add(n + 1);
            file.Append(key % 5 == 0 ? $"organisation,Réseau {key},Ольга {n},,{country},o{key}@example.org,,\n" : $"individual,,Ana {n},,{country},a{key}@example.org,,\n");
        }
        return (file.ToString(), count - refusedLines.Count, refusedLines);
    }

    [SkippableFact]
    public async Task Should_keep_refused_lines_in_order_and_refuse_duplicates_inside_a_batch_and_across_batches_while_reading_beside_writing()
    {
        await OpenLetterAsync(App);
        // Row 4 repeats row 1 in the same batch of 4; row 12 repeats row 2 and row 20 organisation 10, in later batches.
        var repeats = new Dictionary<int, int> { [4] = 1, [12] = 2, [20] = 10 };
        var (file, valid, refusedLines) = NumberedRows(30, repeats);

        var (summary, refused) = await ImportInBatchesAsync(file, new ImportTuning(4, 4, 16));

        Assert.Equal(new ImportSummary(valid - repeats.Count, repeats.Count, refusedLines.Count), summary);
        Assert.Equal(refusedLines, refused.Select(r => r.Line));
        Assert.All(refused, r => Assert.Contains("country", r.Reason, StringComparison.OrdinalIgnoreCase));
        var names = (await SignaturesAsync(App)).Select(s => s.SignerName).ToHashSet();
        Assert.Equal(valid - repeats.Count, names.Count);
        Assert.DoesNotContain("Ana 4", names);
        Assert.DoesNotContain("Ana 12", names);
        Assert.DoesNotContain("Ольга 20", names);

        // The same file again: every row a duplicate, found through the claimed keys loaded at the start.
        var (again, _) = await ImportInBatchesAsync(file, new ImportTuning(3, 3, 0));
        Assert.Equal(new ImportSummary(0, valid, refusedLines.Count), again);
    }

    [SkippableFact]
    public async Task Should_store_whole_batches_only_when_stopped_midway_and_add_each_row_once_when_the_file_is_imported_again()
    {
        await OpenLetterAsync(App);
        var (file, valid, refusedLines) = NumberedRows(200, new Dictionary<int, int> { [150] = 3 });
        const int batchSize = 16;
        // Stopped at the 15th refused row (line 106), wherever the writer then is: in a batch's
        // transaction or between two, as a process killed midway would be.
        using var stop = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ImportInBatchesAsync(file, new ImportTuning(batchSize, batchSize, 16), _ =>
            {
                if (++seen == 15)
                    stop.Cancel();
            }, stop.Token));
        var stored = (await SignaturesAsync(App)).Count;
        Assert.True(stored % batchSize == 0 && stored < valid, $"{stored} rows stored: not whole batches of {batchSize}");

        var (summary, _) = await ImportInBatchesAsync(file, new ImportTuning(batchSize, batchSize, 16));

        Assert.Equal(new ImportSummary(valid - 1 - stored, stored + 1, refusedLines.Count), summary);
        var signatures = await SignaturesAsync(App);
        Assert.Equal(valid - 1, signatures.Count);
        Assert.Equal(signatures.Count, signatures.Select(s => s.EmailKey).Distinct().Count());
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SignOnLetters.Data.AppDbContext>();
        var letterId = await db.Letters.Where(l => l.Slug == Slug).Select(l => l.Id).SingleAsync();
        Assert.Empty(await db.Database.CreateExecutionStrategy().ExecuteAsync(ct =>
            SignOnLetters.Web.Infrastructure.Background.SignatureRecount.DriftAsync(db, letterId, ct), CancellationToken.None));
        Assert.Equal(valid - 1, await db.RecordEntries.CountAsync(e => e.LetterId == letterId));
        Assert.Empty(await App.Factory.Services.GetRequiredService<SignOnLetters.Web.Pages.Record.RecordSelfCheck>().CheckAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Should_keep_file_order_refused_lines_duplicates_record_and_tallies_with_batches_written_on_two_connections()
    {
        await OpenLetterAsync(App);
        // Batches of 5 on two writers (PostgreSQL; SQLite writes one after another): row 4 repeats row 1 in one batch,
        // row 33 row 2 and row 60 organisation 10 in batches written beside the first ones.
        var repeats = new Dictionary<int, int> { [4] = 1, [33] = 2, [60] = 10 };
        var (file, valid, refusedLines) = NumberedRows(120, repeats);

        var (summary, refused) = await ImportInBatchesAsync(file, new ImportTuning(5, 5, 16, PostgresWriters: 2));

        Assert.Equal(new ImportSummary(valid - repeats.Count, repeats.Count, refusedLines.Count), summary);
        Assert.Equal(refusedLines, refused.Select(r => r.Line));
        // Ids in file order, whichever connection committed: the rows numbered 1…120 minus the refused and the repeats.
        var expected = Enumerable.Range(1, 120).Where(n => n % 7 != 0 && !repeats.ContainsKey(n)).ToList();
        var signatures = await SignaturesAsync(App);
        Assert.Equal(expected, signatures.Select(s => int.Parse(s.SignerName.Split(' ')[1], CultureInfo.InvariantCulture)));
        Assert.All(signatures, s => Assert.Single(s.Events));
        await using var scope = App.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SignOnLetters.Data.AppDbContext>();
        var letterId = await db.Letters.Where(l => l.Slug == Slug).Select(l => l.Id).SingleAsync();
        // The record: one entry per signature, in the signatures' order, one chain without gaps that recomputes to its head.
        var entries = await db.RecordEntries.Where(e => e.LetterId == letterId).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, signatures.Count), entries.Select(e => e.Sequence));
        Assert.Equal(signatures.Select(s => s.Id), entries.Select(e => e.SignatureId));
        Assert.Empty(await App.Factory.Services.GetRequiredService<SignOnLetters.Web.Pages.Record.RecordSelfCheck>().CheckAsync(CancellationToken.None));
        Assert.Empty(await db.Database.CreateExecutionStrategy().ExecuteAsync(ct =>
            SignOnLetters.Web.Infrastructure.Background.SignatureRecount.DriftAsync(db, letterId, ct), CancellationToken.None));

        var (again, _) = await ImportInBatchesAsync(file, new ImportTuning(7, 7, 0, PostgresWriters: 2));
        Assert.Equal(new ImportSummary(0, valid, refusedLines.Count), again);
    }

    [SkippableFact]
    public async Task Should_leave_whole_batches_from_the_start_counted_when_stopped_while_two_connections_write()
    {
        await OpenLetterAsync(App);
        var (file, valid, refusedLines) = NumberedRows(400, new Dictionary<int, int> { [351] = 3 });
        const int batchSize = 8;
        // Stopped at the 30th refused row (line 211), with batches in flight on both writers or between them.
        using var stop = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ImportInBatchesAsync(file, new ImportTuning(batchSize, batchSize, 16, PostgresWriters: 2), _ =>
            {
                if (++seen == 30)
                    stop.Cancel();
            }, stop.Token));
        var stored = await SignaturesAsync(App);
        Assert.True(stored.Count % batchSize == 0 && stored.Count < valid, $"{stored.Count} rows stored: not whole batches of {batchSize}");
        // Whole batches from the file's start: no batch committed after one that was not.
        var firstRows = Enumerable.Range(1, 400).Where(n => n % 7 != 0).Take(stored.Count).ToList();
        Assert.Equal(firstRows, stored.Select(s => int.Parse(s.SignerName.Split(' ')[1], CultureInfo.InvariantCulture)));
        await using (var scope = App.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SignOnLetters.Data.AppDbContext>();
            var letterId = await db.Letters.Where(l => l.Slug == Slug).Select(l => l.Id).SingleAsync();
            // Nothing half-counted: the tallies equal a recount and the record holds exactly the stored rows.
            Assert.Empty(await db.Database.CreateExecutionStrategy().ExecuteAsync(ct =>
                SignOnLetters.Web.Infrastructure.Background.SignatureRecount.DriftAsync(db, letterId, ct), CancellationToken.None));
            Assert.Equal(stored.Count, await db.RecordEntries.CountAsync(e => e.LetterId == letterId));
            Assert.Empty(await App.Factory.Services.GetRequiredService<SignOnLetters.Web.Pages.Record.RecordSelfCheck>().CheckAsync(CancellationToken.None));
        }

        var (summary, _) = await ImportInBatchesAsync(file, new ImportTuning(batchSize, batchSize, 16, PostgresWriters: 2));

        Assert.Equal(new ImportSummary(valid - 1 - stored.Count, stored.Count + 1, refusedLines.Count), summary);
        Assert.Equal(valid - 1, (await SignaturesAsync(App)).Count);
        Assert.Empty(await App.Factory.Services.GetRequiredService<SignOnLetters.Web.Pages.Record.RecordSelfCheck>().CheckAsync(CancellationToken.None));
    }

    private int StoredFiles()
    {
        var directory = App.Factory.Services.GetRequiredService<IOptions<ImportFileOptions>>().Value.Directory!;
        return Directory.Exists(directory) ? Directory.GetFiles(directory, "*.csv").Length : 0;
    }

    /// <summary>Posts the upload form as a browser does: multipart, with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(BrowserlessClient browser, byte[] file, string fileName)
    {
        var (page, form) = await browser.GetAsync($"/letters/{Slug}/signatures/import");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = form.QuerySelector("#import-upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "upload", fileName },
        };
        return await browser.Http.PostAsync($"/letters/{Slug}/signatures/import?handler=Upload", content);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignatureImportTestsOnSqlite(SqliteSlice app) : SignatureImportTests(app)
{
    // SQLite only: the page cache the command line's import enlarges is SQLite's.
    [SkippableFact]
    public async Task Should_give_the_connection_back_with_the_servers_cache_settings_after_an_import_that_enlarged_them()
    {
        await OpenLetterAsync(App);
        async Task<(long, long)> SettingsAsync()
        {
            await using var other = App.Factory.Services.CreateAsyncScope();
            var context = other.ServiceProvider.GetRequiredService<SignOnLetters.Data.AppDbContext>();
            await context.Database.OpenConnectionAsync();
            try
            {
                await using var command = context.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA cache_size";
                var cacheSize = Convert.ToInt64(await command.ExecuteScalarAsync());
                command.CommandText = "PRAGMA temp_store";
                return (cacheSize, Convert.ToInt64(await command.ExecuteScalarAsync()));
            }
            finally
            {
                await context.Database.CloseConnectionAsync();
            }
        }
        var before = await SettingsAsync();

        await ImportInBatchesAsync(NumberedRows(10).File, new ImportTuning(3, 3, 64));

        Assert.NotEqual(-64 * 1024, before.Item1);
        Assert.Equal(before, await SettingsAsync());
    }
}

[Collection(PostgresCollection.Name)]
public sealed class SignatureImportTestsOnPostgres(PostgresSlice app) : SignatureImportTests(app)
{
    /// <summary>
    /// PostgreSQL: the importer vacuums the table after the load, so an index-only scan (the table's deep
    /// pages by name) reads no table page for the rows just imported. Without it the new rows' pages stay
    /// unmarked until autovacuum comes. The command line's route here, the page's below.
    /// </summary>
    [SkippableFact]
    public async Task Should_leave_the_imported_pages_marked_visible_to_all()
    {
        await OpenLetterAsync(App);
        var rows = string.Join("\n", Enumerable.Range(1, 2_000).Select(i =>
            $"individual,,Persona {i},,FR,persona{i}@example.org,NameAndOrganisation,"));

        var result = await RunVerbAsync(Utf8(OurHeader + "\n" + rows + "\n"));

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("Imported 2,000, duplicates skipped 0, refused 0.", result.Output.Trim());
        var counts = await PageVisibilityAsync();
        Assert.True(counts.Pages > 0 && counts.Visible == counts.Pages, $"{counts.Visible} of {counts.Pages} pages marked visible to all");
    }

    /// <summary>The coordinators' page imports with <see cref="ImportTuning.Page"/> (one connection, small batches): the same tidying.</summary>
    [SkippableFact]
    public async Task Should_leave_the_pages_of_an_import_through_the_coordinators_page_marked_visible_to_all()
    {
        await OpenLetterAsync(App);
        var (file, valid, _) = NumberedRows(3_000);

        var (summary, _) = await ImportInBatchesAsync(file, ImportTuning.Page);

        Assert.Equal(valid, summary.Imported);
        var counts = await PageVisibilityAsync();
        Assert.True(counts.Pages > 0 && counts.Visible == counts.Pages, $"{counts.Visible} of {counts.Pages} pages marked visible to all");
    }

    private Task<PageCounts> PageVisibilityAsync() => App.ExecuteDbContextAsync(db => db.Database
        .SqlQueryRaw<PageCounts>("SELECT relallvisible AS \"Visible\", relpages AS \"Pages\" FROM pg_class WHERE oid = '\"Signatures\"'::regclass")
        .SingleAsync());

    private sealed class PageCounts
    {
        public int Visible { get; set; }
        public int Pages { get; set; }
    }
}
