using System.IO.Compression;
using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Documents;
using SignOnLetters.Web.Pages.Signatures;
using SignOnLetters.Web.Pages.Signing;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;
using W = DocumentFormat.OpenXml.Wordprocessing;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace SignOnLetters.Tests.Signatures;

/// <summary>
/// The Word and spreadsheet exports as a coordinator downloads them and opens them again: every name
/// in every script reads back, nothing hidden leaks, formulas stay text, files validate.
/// </summary>
public abstract class OfficeExportTests(SliceFixture app) : SliceTest(app)
{
    /// <summary>Names in the scripts signers write in, shown on the public list.</summary>
    private static readonly (string Name, string Country)[] Named =
    [
        ("Zoë Ångström-Øvrebø", "SE"), ("Анна Петрова", "RU"), ("فاطمة الزهراء", "EG"), ("דוד כהן", "IL"), ("王小明", "CN"),
        ("たなか ゆき", "JP"), ("김민준", "KR"), ("สมชาย ใจดี", "TH"), ("अनीता शर्मा", "IN"), ("Ana 🌻 Silva", "BR"),
        ("=HYPERLINK(\"http://evil.example\",\"x\")", "FR"), ("+1+1", "FR"), ("-2+3", "FR"), ("@SUM(A1:A9)", "FR"),
    ];

    private async Task<(string CoordinatorEmail, List<Signature> Seeded)> SeedAsync()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var seeded = Named.Select((n, i) => Approved(App, terms, Individual(n.Name, $"signer{i}@example.org") with { CountryCode = n.Country }, i)).ToList();
        seeded.Add(Approved(App, terms, Organisation("Médecins du Monde", "ana@example.org"), 50));
        // Counted, not named: neither the name nor the organisation may appear.
        seeded.Add(Approved(App, terms, Individual("Hidden Hortensia", "hidden@example.org") with { Visibility = SignatureVisibility.CountedNotNamed, OrganisationName = "Secret Society" }, 51));
        // Organisation only: the organisation is shown, the person's name never.
        seeded.Add(Approved(App, terms, Individual("Private Paulo", "paulo@example.org") with { Visibility = SignatureVisibility.OrganisationOnly, OrganisationName = "Visible Alliance" }, 52));
        await App.InsertAsync(seeded.ToArray<object>());
        return (coordinator.Email!, seeded);
    }

    [SkippableFact]
    public async Task Should_give_the_letter_as_a_Word_file_with_every_public_name_and_nothing_hidden()
    {
        var (coordinatorEmail, _) = await SeedAsync();
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinatorEmail);

        var response = await browser.Http.GetAsync($"/letters/{Slug}/letter.docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportDocx.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{Slug}.docx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        AssertValid(document);
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal(Title, paragraphs[0]);
        Assert.Contains("Dear Minister, we write to you.", paragraphs);
        Assert.All(Named, n => Assert.Contains(paragraphs, p => p.StartsWith(n.Name, StringComparison.Ordinal)));
        Assert.Contains(paragraphs, p => p.StartsWith("Médecins du Monde" + LetterDocument.UnverifiedMark, StringComparison.Ordinal) && p.Contains("Ana Silva, Director"));
        Assert.Contains(paragraphs, p => p.StartsWith("Visible Alliance", StringComparison.Ordinal));
        Assert.Contains("and 1 more who asked not to be named", paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith(LetterDocument.UnverifiedMark + " organisation signature not verified", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.StartsWith("17 signatories from", StringComparison.Ordinal));

        // Nothing hidden anywhere in the package: not in the text, the properties or any other part.
        var everything = string.Concat(Parts(bytes));
        foreach (var hidden in new[] { "Hidden Hortensia", "Secret Society", "Private Paulo", "example.org" })
            Assert.DoesNotContain(hidden, everything);

        // Languages: right-to-left names set bidi with their language, East Asian ones w:eastAsia.
        W.Paragraph ParagraphOf(string name) => body.Elements<W.Paragraph>().Single(p => p.InnerText.StartsWith(name, StringComparison.Ordinal));
        W.Languages LanguagesOf(string name) => ParagraphOf(name).Descendants<W.Run>().First().RunProperties!.Languages!;
        Assert.NotNull(ParagraphOf("فاطمة الزهراء").ParagraphProperties?.BiDi);
        Assert.NotNull(ParagraphOf("דוד כהן").Descendants<W.Run>().First().RunProperties!.RightToLeftText);
        Assert.Equal("ar", LanguagesOf("فاطمة الزهراء").Bidi?.Value);
        Assert.Equal("he", LanguagesOf("דוד כהן").Bidi?.Value);
        Assert.Equal("zh-Hans", LanguagesOf("王小明").EastAsia?.Value);
        Assert.Equal("ja", LanguagesOf("たなか ゆき").EastAsia?.Value);
        Assert.Equal("ko", LanguagesOf("김민준").EastAsia?.Value);
        Assert.Null(ParagraphOf("Анна Петрова").ParagraphProperties?.BiDi);
        Assert.Equal("en", LanguagesOf("Анна Петрова").Val?.Value);
    }

    [SkippableFact]
    public async Task Should_give_the_signature_table_as_a_spreadsheet_with_the_CSV_s_columns_formulas_as_text_and_dates_as_dates()
    {
        var (coordinatorEmail, seeded) = await SeedAsync();
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinatorEmail);

        var csv = await browser.Http.GetStringAsync($"/letters/{Slug}/signatures.csv");
        var response = await browser.Http.GetAsync($"/letters/{Slug}/signatures.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportXlsx.ContentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        AssertValid(document);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<X.Row>().ToList();
        string Text(X.Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? string.Empty;
        var header = rows[0].Elements<X.Cell>().Select(Text).ToList();
        Assert.Equal(csv.TrimStart('\uFEFF').Split('\n')[0].TrimEnd('\r').Split(','), header);
        Assert.Equal(seeded.Count + 1, rows.Count);

        // Every cell a signer typed is an inline string; nothing anywhere is a formula.
        Assert.Empty(sheet.Descendants<X.CellFormula>());
        var nameColumn = header.IndexOf(nameof(Export.Row.SignerName));
        var emailColumn = header.IndexOf(nameof(Export.Row.Email));
        var names = rows.Skip(1).Select(r => CellAt(r, nameColumn)).ToList();
        Assert.All(names, cell => Assert.Equal(X.CellValues.InlineString, cell!.DataType?.Value));
        Assert.Equal(seeded.Select(s => s.SignerName), names.Select(c => Text(c!)));
        Assert.Contains("hidden@example.org", rows.Skip(1).Select(r => Text(CellAt(r, emailColumn)!)));
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<X.CellFormat>().ToList();
        foreach (var cell in names)
            Assert.Equal(Web.Infrastructure.CsvCells.LooksLikeFormula(Text(cell!)), formats[(int)cell!.StyleIndex!.Value].QuotePrefix?.Value ?? false);

        // Dates are numbers in a date format, at the stored instant.
        var signedColumn = header.IndexOf(nameof(Export.Row.SignedAtUtc));
        var signed = CellAt(rows[1], signedColumn)!;
        Assert.Null(signed.DataType);
        Assert.Equal(164u, formats[(int)signed.StyleIndex!.Value].NumberFormatId!.Value);
        Assert.Equal(seeded[0].CreatedAt, DateTime.FromOADate(double.Parse(signed.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromMilliseconds(1));

        // The header row is frozen and the columns have widths.
        var pane = sheet.Descendants<X.Pane>().Single();
        Assert.Equal(X.PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1d, pane.VerticalSplit!.Value);
        Assert.Equal(header.Count, sheet.Descendants<X.Column>().Count());
    }

    [SkippableFact]
    public async Task Should_refuse_both_exports_to_strangers_and_the_spreadsheet_to_a_co_editor_who_is_not_a_lead_coordinator()
    {
        await SeedAsync();
        var anonymous = App.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var (stranger, _) = await App.CreateOrganisationAsync("Stranger Org", coordinatorEmail: "stranger@example.net");
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(stranger.Email!);

        foreach (var path in new[] { $"/letters/{Slug}/letter.docx", $"/letters/{Slug}/signatures.xlsx" })
        {
            Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync("/letters/no-such-letter/letter.docx")).StatusCode);
    }

    [SkippableFact]
    public async Task Should_offer_both_exports_where_the_CSV_is_offered_and_Word_beside_each_PDF_in_the_reader_s_language()
    {
        var (coordinatorEmail, _) = await SeedAsync();
        var browser = await BrowserlessClient.SignedInAsync(App, coordinatorEmail, "fr");

        foreach (var page in new[] { $"/letters/{Slug}/signatures", $"/letters/{Slug}/moderation" })
        {
            var (_, document) = await browser.GetAsync(page);
            Assert.Equal("Exporter en tableur (XLSX)", document.QuerySelector($"a[href='/letters/{Slug}/signatures.xlsx']")?.TextContent);
            Assert.Equal("Lettre avec ses signataires (Word)", document.QuerySelector($"a[href='/letters/{Slug}/letter.docx']")?.TextContent);
        }
        var (_, manage) = await browser.GetAsync($"/letters/{Slug}/manage");
        var word = manage.QuerySelector("a.docx-export")!.GetAttribute("href")!;
        Assert.Equal($"/letters/{Slug}/letter.docx?lang=en", word);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync(word)).StatusCode);
    }

    private static X.Cell? CellAt(X.Row row, int column) =>
        row.Elements<X.Cell>().SingleOrDefault(c => c.CellReference!.Value!.TrimEnd("0123456789".ToCharArray()) == ColumnName(column));

    private static string ColumnName(int column) => column < 26 ? ((char)('A' + column)).ToString() : ColumnName(column / 26 - 1) + (char)('A' + column % 26);

    internal static void AssertValid(OpenXmlPackage package)
    {
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(package).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10).Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    /// <summary>Every part of the zip as text (XML and relationships).</summary>
    internal static IEnumerable<string> Parts(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            yield return reader.ReadToEnd();
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OfficeExportTestsOnSqlite(SqliteSlice app) : OfficeExportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OfficeExportTestsOnPostgres(PostgresSlice app) : OfficeExportTests(app);

/// <summary>
/// Memory is measured for the whole process, so the streaming test runs with no other test class
/// beside it (a web application fixture starting in parallel allocates tens of megabytes).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}

/// <summary>The two writers on their own, with input no form lets through and at a size no test letter reaches.</summary>
[Collection(AloneCollection.Name)]
public sealed class OfficeWriterTests
{
    private static readonly string[] Hostile =
    [
        "Null\0Byte\u0001Bell\u0007Esc\u001B", "Lone \uD800 surrogate and \uDFFF", "Not a char \uFFFE\uFFFF",
        "\u202Eevil\u202C override \u2066isolate\u2069", "_x0041_ looks escaped", "<w:t>xml</w:t> & \"quotes\"", new string('Ж', 10_000),
    ];

    private static LetterDocumentModel Model(string language, string body, IReadOnlyList<IndividualSignatory> individuals) => new()
    {
        Title = "Title " + language,
        LanguageCode = language,
        DateLine = new LetterDateLine(new DateOnly(2026, 12, 4)),
        LeadOrganisation = new LetterOrganisation("Lead", "FR"),
        Addressees = [new LetterAddressee("Minister", "Dr", "Ministry")],
        BodyMarkdown = body,
        Version = new LetterVersionInfo(1),
        Signatories = new LetterSignatories([], individuals, new Web.Pages.Letters.SignatureCounts(0, individuals.Count, 1)),
        Options = new LetterDocumentOptions { CreationDate = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero) },
    };

    [Fact]
    public void Should_write_a_valid_Word_file_from_hostile_names_keeping_what_XML_can_hold()
    {
        var bytes = LetterDocx.Write(Model("en", "Text", Hostile.Select(h => new IndividualSignatory(h, "FR")).ToList()), LetterDocumentTexts.English, null);

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        OfficeExportTests.AssertValid(document);
        var text = document.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("Null\uFFFDByte\uFFFDBell\uFFFDEsc\uFFFD", text);
        Assert.Contains("Lone \uFFFD surrogate and \uFFFD", text);
        Assert.Contains("\u202Eevil\u202C override \u2066isolate\u2069", text);
        Assert.Contains("<w:t>xml</w:t> & \"quotes\"", text);
        Assert.Contains(new string('Ж', 10_000), text);
    }

    [Fact]
    public void Should_render_the_Markdown_as_Word_headings_lists_emphasis_and_hyperlinks_right_to_left_in_Arabic()
    {
        const string body = "## خلفية\n\nنص **عريض** و*مائل* و[رابط](https://example.org/a) و[سيئ](javascript:alert(1)).\n\n- أول\n- ثان\n\n1. one\n2. two\n\n<script>alert(1)</script>";
        var bytes = LetterDocx.Write(Model("ar", body, [new("Zoë", "FR")]), LetterDocumentTexts.English, "and 2 more who asked not to be named");

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        OfficeExportTests.AssertValid(document);
        var main = document.MainDocumentPart!;
        var paragraphs = main.Document.Body!.Elements<W.Paragraph>().ToList();
        Assert.Equal("Heading2", paragraphs.Single(p => p.InnerText == "خلفية").ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        var text = paragraphs.Single(p => p.InnerText.StartsWith("نص", StringComparison.Ordinal));
        Assert.NotNull(text.ParagraphProperties!.BiDi);
        Assert.NotNull(text.Descendants<W.Run>().Single(r => r.InnerText == "عريض").RunProperties!.Bold);
        Assert.NotNull(text.Descendants<W.Run>().Single(r => r.InnerText == "مائل").RunProperties!.Italic);
        Assert.All(text.Descendants<W.Run>(), r => Assert.Equal("ar", r.RunProperties!.Languages!.Bidi!.Value));
        var link = Assert.Single(text.Descendants<W.Hyperlink>());
        Assert.Equal("رابط", link.InnerText);
        Assert.Equal(new Uri("https://example.org/a"), main.HyperlinkRelationships.Single(r => r.Id == link.Id).Uri);
        Assert.Contains("سيئ", text.InnerText);
        Assert.Contains(paragraphs, p => p.InnerText == "•\tأول");
        Assert.Contains(paragraphs, p => p.InnerText == "2.\ttwo");
        Assert.DoesNotContain(paragraphs, p => p.InnerText.Contains("script"));
        Assert.Contains(paragraphs, p => p.InnerText == "and 2 more who asked not to be named");
        Assert.Equal("ar", main.StyleDefinitionsPart!.Styles!.DocDefaults!.Descendants<W.Languages>().Single().Bidi!.Value);
    }

    private static Export.Row Row(int id, string name) => new(id, "Individual", "Approved", null, name, null, "FR", $"s{id}@example.org", null,
        "NameAndOrganisation", false, "PublicForm", 1, new DateTime(2026, 12, 4, 10, 30, 15, DateTimeKind.Utc), null, null, null);

    private static async IAsyncEnumerable<Export.Row> RowsAsync(IEnumerable<Export.Row> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    [Fact]
    public async Task Should_write_a_valid_spreadsheet_from_hostile_names()
    {
        using var output = new MemoryStream();
        await ExportXlsx.WriteAsync(output, RowsAsync(Hostile.Select((h, i) => Row(i + 1, h))), CancellationToken.None);

        using var document = SpreadsheetDocument.Open(new MemoryStream(output.ToArray()), false);
        OfficeExportTests.AssertValid(document);
        var names = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<X.Row>().Skip(1)
            .Select(r => r.Elements<X.Cell>().ElementAt(3).InlineString!.InnerText).ToList();
        Assert.Equal("Null\uFFFDByte\uFFFDBell\uFFFDEsc\uFFFD", names[0]);
        Assert.Equal("\u202Eevil\u202C override \u2066isolate\u2069", names[3]);
        // Escaped, so a spreadsheet shows "_x0041_" rather than "A".
        Assert.Equal("_x005F_x0041_ looks escaped", names[4]);
        Assert.Equal(new string('Ж', 10_000), names[6]);
    }

    [Fact]
    public async Task Should_stream_a_hundred_thousand_rows_without_holding_them_in_memory()
    {
        // Memory is measured while the rows are being written: a writer that buffered the sheet
        // (the SDK's default read-write package) holds the whole sheet's XML (tens of megabytes) between the two samples.
        long? early = null, late = null;
        async IAsyncEnumerable<Export.Row> Rows()
        {
            for (var i = 1; i <= 100_000; i++)
            {
                if (i == 5_000)
                    early = GC.GetTotalMemory(forceFullCollection: true);
                if (i == 100_000)
                    late = GC.GetTotalMemory(forceFullCollection: true);
                yield return Row(i, $"Signer number {i} with a reasonably long name");
            }
            await Task.CompletedTask;
        }
        var path = Path.Combine(Path.GetTempPath(), $"sol-xlsx-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var file = File.Create(path))
                await ExportXlsx.WriteAsync(file, Rows(), CancellationToken.None);

            Assert.True(late - early < 32 * 1024 * 1024, $"Grew by {(late - early) / 1024 / 1024} MB while writing.");
            using var document = SpreadsheetDocument.Open(path, false);
            using var reader = OpenXmlReader.Create(document.WorkbookPart!.WorksheetParts.Single());
            var rows = 0;
            while (reader.Read())
                if (reader.ElementType == typeof(X.Row) && reader.IsStartElement)
                    rows++;
            Assert.Equal(100_001, rows);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
