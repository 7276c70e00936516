using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signing;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Delivery;

/// <summary>
/// The delivered PDF is a sealed edition, and anyone checks a file at /letters/{slug}/verify
/// (issue 22, ADR 0016): the form, without JavaScript, over HTTP.
/// </summary>
public abstract class PdfCheckTests(SliceFixture app) : SliceTest(app)
{
    private const string Minister = "jane.doe@city.example";

    [SkippableFact]
    public async Task Should_say_authentic_with_the_edition_for_the_delivered_pdf_and_not_authentic_for_any_altered_byte()
    {
        var delivered = await DeliverAsync();
        var edition = Assert.Single(await App.ExecuteDbContextAsync(db => db.SealedEditions.AsNoTracking().ToListAsync()));
        Assert.Equal((1, 1, 1), (edition.Number, edition.OrganisationCount, edition.IndividualCount));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(delivered)), edition.Sha256);

        var answer = await CheckAsync(Slug, delivered);
        Assert.Contains("Authentic: edition 1 of this letter, sealed on", answer);
        Assert.Contains("The file counts 1 organisation and 1 individual.", answer);
        Assert.Contains("Nothing changed since this edition.", answer);

        foreach (var position in new[] { 10, delivered.Length / 2, delivered.Length - 20 })
        {
            var altered = (byte[])delivered.Clone();
            altered[position] ^= 0x20;
            Assert.Contains("Not authentic: the file was changed after it was sealed.", await CheckAsync(Slug, altered));
        }
        if (ExternalTool.IsInstalled("pdfsig") || SignOnLetters.TestSupport.TestEnvironment.IsCi)
        {
            using var directory = new TempDirectory();
            var (_, output, _) = ExternalTool.Run("pdfsig", directory.Write("delivered.pdf", delivered));
            Assert.Contains("Signature #1", output);
        }
    }

    [SkippableFact]
    public async Task Should_say_what_changed_since_the_edition_without_naming_who_withdrew()
    {
        var delivered = await DeliverAsync();
        await App.SendAsync(new Withdraw.Command(Token(LinkPath(App, "zoya@example.org", "/signatures/withdraw/"))));

        var answer = await CheckAsync(Slug, delivered);

        Assert.Contains("Authentic: edition 1 of this letter", answer);
        Assert.Contains("Since then, added: 0 signatures; withdrawn: 1 signature. Today the letter counts 1 signature.", answer);
        Assert.DoesNotContain("Зоя", answer);
        // The public PDF now is another file of edition 1, with its own counts.
        var now = await App.Factory.CreateClient().GetByteArrayAsync($"/letters/{Slug}/pdf");
        Assert.NotEqual(delivered, now);
        Assert.Contains("Nothing changed since this edition.", await CheckAsync(Slug, now));
    }

    [SkippableFact]
    public async Task Should_seal_the_pdf_of_a_letter_marked_delivered_by_hand_and_leave_previews_unsealed()
    {
        var coordinator = await SignAndCloseAsync();
        App.RunAs(coordinator);
        var preview = Assert.IsType<SignOnLetters.Web.Documents.LetterPdfOutcome.InMemory>((await App.SendAsync(new SignOnLetters.Web.Pages.Letters.Pdf.Query(Slug, null))).Outcome).Bytes;
        await App.SendAsync(new Manage.ChangeStatus(Slug, Manage.LetterStep.Deliver, await SignOnLetters.Tests.Infrastructure.LetterTestData.ChangeCountAsync(App, Slug)));
        App.RunAs(null);

        var final = await App.Factory.CreateClient().GetByteArrayAsync($"/letters/{Slug}/pdf");

        Assert.Contains("Not authentic: this PDF carries no seal.", await CheckAsync(Slug, preview));
        Assert.Contains("Authentic: edition 1 of this letter", await CheckAsync(Slug, final));
    }

    [SkippableFact]
    public async Task Should_refuse_hostile_files_with_a_clear_answer_and_keep_nothing()
    {
        var delivered = await DeliverAsync();
        await OpenLetterAsync(App, slug: "another-letter");

        Assert.Contains("Not authentic for this letter: it is a sealed PDF of another letter.", await CheckAsync("another-letter", delivered));
        Assert.Contains("Not authentic: this file is not a complete PDF.", await CheckAsync(Slug, "<html>not a pdf</html>"u8.ToArray()));
        Assert.Contains("Not authentic: this file is not a complete PDF.", await CheckAsync(Slug, delivered[..(delivered.Length - 300)]));
        var huge = new byte[20 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(huge);
        Assert.Contains("The file is larger than 10 MB: it cannot be a PDF delivered from this site.", await CheckAsync(Slug, huge));
        Assert.Contains("Choose a PDF file to check.", await CheckAsync(Slug, []));
        var unsigned = SignOnLetters.Web.Documents.LetterDocument.Generate(SignOnLetters.Tests.Documents.SampleLetters.Letter());
        Assert.Contains("Not authentic: this PDF carries no seal.", await CheckAsync(Slug, unsigned));
        // Only the editions the app issued are rows; no upload was stored.
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.SealedEditions.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await App.Factory.CreateClient().GetAsync("/letters/no-such-letter/verify")).StatusCode);
    }

    [SkippableFact]
    public async Task Should_limit_checks_per_network_and_say_so()
    {
        await OpenLetterAsync(App);
        await using var limited = App.Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Verify:PdfRateLimit:Enabled", "true")
            .UseSetting("Verify:PdfRateLimit:PermitPerNetworkPerHour", "2"));
        var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var file = "%PDF-1.7\n%%EOF\n"u8.ToArray();

        Assert.Contains("Not authentic: this file is not a complete PDF.", await CheckAsync(client, Slug, file));
        Assert.Contains("Not authentic: this file is not a complete PDF.", await CheckAsync(client, Slug, file));
        Assert.Contains("Too many files were checked from your network in the last hour.", await CheckAsync(client, Slug, file));
    }

    /// <summary>Signs an organisation and a person, closes and delivers the letter with the PDF attached; returns the attachment.</summary>
    private async Task<byte[]> DeliverAsync()
    {
        var coordinator = await SignAndCloseAsync();
        App.RunAs(coordinator);
        var (form, _) = await App.SendAsync(new Deliver.Query(Slug));
        await App.SendAsync(form with { AddresseeEmails = [Minister], CoverMessages = new() { ["en"] = "Dear Dr Doe,\n\nOur letter." }, AttachPdf = true, Send = true });
        App.RunAs(null);
        await App.SendQueuedAsync();
        var attachment = Assert.IsType<MimePart>(Assert.Single(Assert.Single(App.Emails.To(Minister)).Attachments));
        using var pdf = new MemoryStream();
        await attachment.Content!.DecodeToAsync(pdf);
        return pdf.ToArray();
    }

    /// <summary>An organisation and a person sign and confirm; then the letter closes. Returns its coordinator.</summary>
    private async Task<SignOnLetters.Domain.ApplicationUser> SignAndCloseAsync()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await App.SignAndConfirmAsync(Organisation("Réseau Santé Solidarité", "ana@example.org"));
        await App.SignAndConfirmAsync(Individual("Зоя Иванова", "zoya@example.org"));
        await App.ExecuteDbContextAsync(async db =>
        {
            var loaded = await db.Letters.SingleAsync(l => l.Slug == Slug);
            loaded.Close(coordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        return coordinator;
    }

    private Task<string> CheckAsync(string slug, byte[] file) =>
        CheckAsync(App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), slug, file);

    /// <summary>Posts the page's own form (antiforgery token included) with <paramref name="file"/>; returns the page's text.</summary>
    private static async Task<string> CheckAsync(HttpClient client, string slug, byte[] file)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/letters/{slug}/verify"));
        var form = page.QuerySelector("form[enctype='multipart/form-data']")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "pdf", "letter.pdf" },
        };
        var response = await client.PostAsync(form.GetAttribute("action"), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).Body!.TextContent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PdfCheckTestsOnSqlite(SqliteSlice app) : PdfCheckTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PdfCheckTestsOnPostgres(PostgresSlice app) : PdfCheckTests(app);
