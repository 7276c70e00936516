using System.Net;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Tests.Infrastructure;
using UglyToad.PdfPig;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Documents;

/// <summary>
/// <c>/letters/{slug}/pdf/options</c>: the lead coordinators' choices are remembered with the letter
/// and change the next PDF; bad input is refused with a message and nothing saved; nobody else may
/// see or change them.
/// </summary>
public abstract class PdfOptionsPageTests(SliceFixture app) : SliceTest(app)
{
    private static string Options => $"/letters/{Slug}/pdf/options";

    private async Task<BrowserlessClient> SignedInAsync(string email)
    {
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(email);
        return browser;
    }

    private static string AllText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(page => PdfText.Normalise(page.Text)));
    }

    [SkippableFact]
    public async Task Should_remember_the_options_and_print_the_next_pdf_with_them()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Organisation("Réseau Santé Solidarité", "ana@example.org"));
        await SignAndConfirmAsync(App, Individual("Зоя Иванова", "zoya@example.org"));
        var browser = await SignedInAsync(coordinator.Email!);
        var (_, manage) = await browser.GetAsync($"/letters/{Slug}/manage");
        Assert.Equal(Options, manage.QuerySelector("#pdf-options-link")?.GetAttribute("href"));
        var before = await browser.Http.GetByteArrayAsync($"/letters/{Slug}/pdf");
        Assert.Contains(PdfText.Normalise("Зоя Иванова"), AllText(before));

        var saved = await browser.SubmitFormAsync(Options, new Dictionary<string, string>
        {
            ["Data.Paper"] = "UsLetter",
            ["Data.Grouping"] = "ByCountry",
            ["Data.IndividualsCountedOnly"] = "true",
            // Direction overrides and a tab are dropped; blank lines go.
            ["Data.LetterheadAddress"] = "Rue de la Loi 1\u202E\r\n\r\n1000\tBrussels",
            ["Data.ReplyTo"] = "office@example.org\n+32 2 000 00 00",
            ["Data.Place"] = " Bruxelles\u2066 ",
        });

        BrowserlessClient.AssertRedirect(saved, Options);
        var settings = (await App.ExecuteDbContextAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.Id == letter.Id))).PdfSettings;
        Assert.Equal(PdfPaper.UsLetter, settings.Paper);
        Assert.Equal("Rue de la Loi 1\n1000 Brussels", settings.LetterheadAddress);
        Assert.Equal("office@example.org +32 2 000 00 00", settings.ReplyTo);
        Assert.Equal("Bruxelles", settings.Place);
        Assert.False(settings.LatinCommaInArabic, "the unticked Arabic comma box was ticked by default");
        var (_, form) = await browser.GetAsync(Options);
        Assert.NotNull(form.QuerySelector("#paper-letter[checked]"));
        Assert.NotNull(form.QuerySelector("#arabic-comma[checked]"));

        var after = await browser.Http.GetByteArrayAsync($"/letters/{Slug}/pdf");
        using (var document = PdfDocument.Open(after))
            Assert.Equal((612d, 792d), (Math.Round(document.GetPage(1).Width), Math.Round(document.GetPage(1).Height)));
        var text = AllText(after);
        Assert.DoesNotContain(PdfText.Normalise("Зоя Иванова"), text);
        Assert.Contains(PdfText.Normalise("1 individual"), text);
        Assert.Contains(PdfText.Normalise("Rue de la Loi 1"), text);
        Assert.Contains(PdfText.Normalise("Reply to: office@example.org"), text);
        // The date line names the place it is written from.
        Assert.Matches(@"Bruxelles,\s*\d{1,2}\s*[A-Z][a-z]+\s*\d{4}", text);
        // Grouped by country: the country heads the entry instead of following it.
        Assert.DoesNotContain(PdfText.Normalise("Réseau Santé Solidarité — "), text);
    }

    [SkippableTheory]
    [InlineData("Data.Paper", "Tabloid")]
    [InlineData("Data.Paper", "7")]
    [InlineData("Data.Grouping", "ByPostcode")]
    [InlineData("Data.CjkFaces", "-1")]
    [InlineData("Data.LetterheadAddress", "1\n2\n3\n4\n5")]
    [InlineData("Data.LetterheadAddress", "long")]
    [InlineData("Data.ReplyTo", "long")]
    [InlineData("Data.Place", "long")]
    public async Task Should_refuse_a_choice_it_does_not_offer_and_save_nothing(string field, string value)
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var browser = await SignedInAsync(coordinator.Email!);
        var changeCount = (await App.ExecuteDbContextAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.Id == letter.Id))).ChangeCount;

        var response = await browser.SubmitFormAsync(Options, new Dictionary<string, string>
        {
            ["Data.Paper"] = "UsLetter",
            [field] = value == "long" ? new string('x', 400) : value,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"form-errors\"", await response.Content.ReadAsStringAsync());
        var stored = await App.ExecuteDbContextAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.Id == letter.Id));
        Assert.Equal(LetterPdfSettings.Default, stored.PdfSettings);
        Assert.Equal(changeCount, stored.ChangeCount);
    }

    [SkippableFact]
    public async Task Should_hide_the_options_from_everyone_but_the_lead_coordinators()
    {
        var (letter, coordinator, organisation) = await OpenLetterAsync(App);
        var (other, _, _) = await OpenLetterAsync(App, slug: "another-letter");
        var coEditor = await App.CreateUserAsync("co-editor@example.org");
        await App.ExecuteDbContextAsync(async db =>
        {
            var loaded = await db.Letters.Include(l => l.Editors).SingleAsync(l => l.Id == letter.Id);
            loaded.AddEditor(coEditor.Id, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        // Someone signed out is asked to sign in; the coordinator of another letter learns nothing: 404 as for any letter they may not edit.
        var signedOut = await BrowserlessClient.For(App).Http.GetAsync(Options);
        BrowserlessClient.AssertRedirect(signedOut);
        Assert.Contains("/Identity/Account/Login", signedOut.Headers.Location!.OriginalString);
        var otherCoordinator = BrowserlessClient.For(App);
        await otherCoordinator.SignInAsync($"coordinator-another-letter@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await otherCoordinator.Http.GetAsync(Options)).StatusCode);
        var (_, ownForm) = await otherCoordinator.GetAsync("/letters/another-letter/pdf/options");
        var posted = await otherCoordinator.SubmitAsync(ownForm, Options, new Dictionary<string, string> { ["Data.Paper"] = "UsLetter" });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        // A co-editor may preview the PDF but not choose how it is presented.
        var editor = BrowserlessClient.For(App);
        await editor.SignInAsync(coEditor.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Http.GetAsync(Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Http.GetAsync("/letters/NO..such/pdf/options")).StatusCode);

        var stored = await App.ExecuteDbContextAsync(db => db.Letters.AsNoTracking().Where(l => l.Id == letter.Id || l.Id == other.Id).ToListAsync());
        Assert.All(stored, l => Assert.Equal(LetterPdfSettings.Default, l.PdfSettings));
    }

    [SkippableFact]
    public async Task Should_keep_a_delivered_letters_pdf_as_it_was_sent()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Delivered);
        var browser = await SignedInAsync(coordinator.Email!);

        var response = await browser.SubmitFormAsync(Options, new Dictionary<string, string> { ["Data.Paper"] = "UsLetter" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("its PDF stays the one its addressees received", await response.Content.ReadAsStringAsync());
        var stored = await App.ExecuteDbContextAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.Id == letter.Id));
        Assert.Equal(PdfPaper.A4, stored.PdfSettings.Paper);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PdfOptionsPageTestsOnSqlite(SqliteSlice app) : PdfOptionsPageTests(app);
