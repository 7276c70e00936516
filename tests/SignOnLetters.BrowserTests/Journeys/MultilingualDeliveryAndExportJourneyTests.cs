using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using MimeKit;
using SignOnLetters.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace SignOnLetters.BrowserTests.Journeys;

/// <summary>
/// Its own app instance with two-factor authentication not required (the delivery journey covers
/// turning it on): these journeys deliver and export as a coordinator signed in with a password.
/// </summary>
public sealed class WithoutTwoFactorFixture() : BrowserFixture(new Dictionary<string, string> { ["Security__RequireTwoFactorForPersonalData"] = "false" });

/// <summary>
/// Issue 23 as a coordinator does it in the browser: a letter in English and French delivered to two
/// addressees, each in their language (the .eml files read back, each PDF in its language); and the
/// demo letter's signatories downloaded as Word and spreadsheet files and read back with the Open XML SDK.
/// </summary>
public sealed class MultilingualDeliveryAndExportJourneyTests(WithoutTwoFactorFixture browser) : IClassFixture<WithoutTwoFactorFixture>
{
    private const string EnglishTitle = "Stop the evictions in Riverton";
    private const string FrenchTitle = "Arrêtez les expulsions à Riverton";
    private const string Mayor = "mayor@riverton.example";
    private const string Prefect = "prefet@riverton.example";

    [SkippableFact]
    public async Task Should_deliver_to_two_addressees_each_in_the_language_chosen_for_them()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync();
        var page = visitor.Page;
        await browser.SignInAsDemoCoordinatorAsync(visitor);

        // A letter in English and French to two addressees, opened and closed.
        await page.GotoAsync("/letters/new");
        await page.GetByLabel("Title").FillAsync(EnglishTitle);
        await page.GetByLabel("Language of this first version").FillAsync("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the draft" }).ClickAsync();
        await page.Locator("#Data_Texts_0__Body").FillAsync("Dear Mayor,\n\nWe ask you to **stop the evictions** this winter.");
        await page.Locator("#Data_Texts_1__LanguageCode").FillAsync("fr");
        await page.Locator("#Data_Texts_1__Title").FillAsync(FrenchTitle);
        await page.Locator("#Data_Texts_1__Body").FillAsync("Monsieur le Préfet,\n\nNous vous demandons d'**arrêter les expulsions** cet hiver.");
        await page.Locator("#Data_Addressees_0__Name").FillAsync("Ana Smith");
        await page.Locator("#Data_Addressees_0__Title").FillAsync("Mayor of Riverton");
        await page.Locator("#Data_Addressees_1__Name").FillAsync("Jean Dupont");
        await page.Locator("#Data_Addressees_1__Title").FillAsync("Préfet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        var slug = page.Url.Split("/letters/")[1].Split('/')[0];
        await page.GotoAsync($"/letters/{slug}/manage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open for signatures" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Close now" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close now" }).ClickAsync();
        await Expect(page.GetByText("Closed").First).ToBeVisibleAsync();

        // Each addressee gets an address and a language; each language its own message.
        await page.GotoAsync($"/letters/{slug}/deliver");
        await page.Locator("#Data_AddresseeEmails_0_").FillAsync(Mayor);
        await page.Locator("#Data_AddresseeEmails_1_").FillAsync(Prefect);
        // Each language list is labelled with its addressee, isolated so a name keeps its direction in any interface language.
        await Expect(page.GetByLabel("Language for \u2068Ana Smith, Mayor of Riverton\u2069")).ToHaveValueAsync("en");
        await page.GetByLabel("Language for \u2068Jean Dupont, Préfet\u2069").SelectOptionAsync("fr");
        await page.Locator("#Data_CoverMessages_en__Value").FillAsync("Dear Mayor,\n\nHere is our letter.\nWe hope to meet you soon.");
        await page.Locator("summary", new() { HasText = "The e-mail in French" }).ClickAsync();
        await page.Locator("#Data_CoverMessages_fr__Value").FillAsync("Monsieur le Préfet,\n\nVoici notre lettre.\nNous espérons vous rencontrer.");
        await visitor.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The e-mail in French" })).ToBeVisibleAsync();
        await Expect(page.Locator("#preview")).ToContainTextAsync("Voici notre lettre.");
        await visitor.AssertAccessibleAsync();
        await visitor.ScreenshotAsync("journey-23-delivery-two-languages-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send and mark delivered" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 e-mails queued");

        var english = await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, Mayor, EnglishTitle, TimeSpan.FromSeconds(60));
        var french = await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, Prefect, FrenchTitle, TimeSpan.FromSeconds(60));
        Assert.Contains("Here is our letter.\nWe hope to meet you soon.", english.TextBody);
        Assert.Contains("Voici notre lettre.\nNous espérons vous rencontrer.", french.TextBody);
        Assert.Contains("lang=\"fr\"", french.HtmlBody);
        Assert.Contains("est jointe en PDF", french.TextBody);
        var englishPdf = PdfText.Of(Attachment(english, $"{slug}.pdf"));
        var frenchPdf = PdfText.Of(Attachment(french, $"{slug}-fr.pdf"));
        Assert.Contains(EnglishTitle, englishPdf);
        Assert.DoesNotContain(FrenchTitle, englishPdf);
        Assert.Contains(FrenchTitle, frenchPdf);
        Assert.DoesNotContain(EnglishTitle, frenchPdf);

        // The page as an Arabic-speaking coordinator sees it on a phone.
        await page.SetViewportSizeAsync(BrowserFixture.Phone.Width, BrowserFixture.Phone.Height);
        await page.GotoAsync($"/letters/{slug}/deliver?culture=ar&ui-culture=ar");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "The deliver page scrolls sideways on a phone.");
        await visitor.ScreenshotAsync("journey-23-deliver-phone-ar");
    }

    [SkippableFact]
    public async Task Should_download_the_letter_as_word_and_the_signatures_as_a_spreadsheet_and_read_every_name_back()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync();
        var page = visitor.Page;
        await browser.SignInAsDemoCoordinatorAsync(visitor);

        await page.GotoAsync("/letters/demo/signatures");
        var xlsx = await DownloadAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Export spreadsheet (XLSX)" }), "signatures-demo.xlsx");
        await page.GotoAsync("/letters/demo/manage");
        var docx = await DownloadAsync(page, page.Locator("a.docx-export[href$='lang=ru']"), "demo-ru.docx");

        var rows = SpreadsheetRows(xlsx);
        var header = rows[0].Select(Key).ToList();
        int Column(string name) => header.IndexOf(name) is >= 0 and var i ? i : throw new Xunit.Sdk.XunitException($"No column {name} in {string.Join(", ", header)}");
        var signatures = rows.Skip(1)
            .Select(r => (Kind: Cell(r, Column("kind")), State: Cell(r, Column("state")), Organisation: Cell(r, Column("organisationname")),
                Name: Cell(r, Column("signername")), Visibility: Cell(r, Column("visibility"))))
            .ToList();
        Assert.True(signatures.Count > 100, $"The demo letter's {signatures.Count} signatures in the spreadsheet.");
        var approved = signatures.Where(s => s.State == "Approved").ToList();
        var named = approved.Where(s => s.Visibility == "NameAndOrganisation").Select(s => s.Name).ToHashSet();
        var organisations = approved.Where(s => s.Kind == "Organisation" && s.Visibility != "CountedNotNamed").Select(s => s.Organisation).ToHashSet();
        var hidden = approved.Where(s => s.Visibility == "CountedNotNamed").Select(s => s.Name)
            .Where(name => !named.Any(shown => shown.Contains(name, StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(hidden);

        var word = WordText(docx);
        Assert.Contains("Сохранить жизни", word, StringComparison.Ordinal);
        var missing = named.Concat(organisations).Where(name => !word.Contains(Plain(name), StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Not in the Word file: " + string.Join(" | ", missing));
        var shownHidden = hidden.Where(name => word.Contains(Plain(name), StringComparison.Ordinal)).ToList();
        Assert.True(shownHidden.Count == 0, "Hidden signers in the Word file: " + string.Join(" | ", shownHidden));

        // Every script the demo's signatories write in came through both files.
        var scripts = named.Concat(organisations).SelectMany(name => name.EnumerateRunes()).Select(ScriptOf).Where(s => s is not null).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Latin", "Cyrillic", "Arabic", "Devanagari", "Han" }, scripts);
    }

    private static async Task<byte[]> DownloadAsync(IPage page, ILocator link, string fileName)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal(fileName, download.SuggestedFilename);
        Assert.Null(await download.FailureAsync());
        return await File.ReadAllBytesAsync((await download.PathAsync())!);
    }

    /// <summary>The sheet's rows as text (inline strings, shared strings or values), each cell in the column its reference names.</summary>
    private static List<List<string>> SpreadsheetRows(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheet = workbook.WorksheetParts.Single().Worksheet!;
        return sheet.Descendants<Row>().Select(row =>
            {
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value!.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + c - 'A' + 1) - 1 ?? cells.Count;
                    while (cells.Count <= column)
                        cells.Add("");
                    cells[column] = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                        : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                        : cell.CellValue?.Text ?? "";
                }
                return cells;
            })
            .ToList();
    }

    private static string Cell(List<string> row, int column) => column < row.Count ? row[column] : "";

    private static string Key(string header) => new(header.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The document's paragraphs, each its runs' text joined, without direction isolates.</summary>
    private static string WordText(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Descendants<Word.Paragraph>()
            .Select(p => string.Concat(p.Descendants<Word.Text>().Select(t => t.Text)));
        return Plain(string.Join("\n", paragraphs));
    }

    private static string Plain(string text) =>
        new string(text.Where(c => c is not ('\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u200E' or '\u200F')).ToArray()).Normalize(NormalizationForm.FormC);

    private static string? ScriptOf(Rune rune) => rune.Value switch
    {
        >= 'A' and <= 'z' or >= 0xC0 and <= 0x24F or >= 0x1E00 and <= 0x1EFF => "Latin",
        >= 0x370 and <= 0x3FF => "Greek",
        >= 0x400 and <= 0x4FF => "Cyrillic",
        >= 0x590 and <= 0x5FF => "Hebrew",
        >= 0x600 and <= 0x6FF => "Arabic",
        >= 0x900 and <= 0x97F => "Devanagari",
        >= 0xE00 and <= 0xE7F => "Thai",
        >= 0x3040 and <= 0x30FF => "Kana",
        >= 0x4E00 and <= 0x9FFF => "Han",
        >= 0xAC00 and <= 0xD7AF => "Hangul",
        _ => null,
    };

    private static byte[] Attachment(MimeMessage message, string fileName)
    {
        var part = Assert.IsType<MimePart>(Assert.Single(message.Attachments));
        Assert.Equal(fileName, part.FileName);
        using var bytes = new MemoryStream();
        part.Content!.DecodeTo(bytes);
        return bytes.ToArray();
    }
}
