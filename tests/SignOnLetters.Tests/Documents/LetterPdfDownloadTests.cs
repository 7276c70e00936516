using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using UglyToad.PdfPig;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Documents;

/// <summary>GET /letters/{slug}/pdf: who may download it, and that it carries the signatories as they chose to appear.</summary>
public abstract class LetterPdfDownloadTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_publish_the_signed_pdf_once_delivered_with_only_the_names_signers_chose_to_show()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Organisation("Réseau Santé Solidarité", "ana@example.org"));
        await SignAndConfirmAsync(App, Individual("Hidden Person", "hidden@example.org") with { Visibility = SignatureVisibility.CountedNotNamed });
        await SignAndConfirmAsync(App, Individual("Зоя Иванова", "zoya@example.org"));
        var anonymous = App.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/letters/{Slug}/pdf")).StatusCode);

        await CloseAndDeliverAsync(App, letter.Id, coordinator.Id);
        var response = await anonymous.GetAsync($"/letters/{Slug}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{Slug}.pdf", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text)).Normalize(System.Text.NormalizationForm.FormKC);
        Assert.Contains("Réseau Santé Solidarité", text);
        Assert.Contains("Ana Silva", text);
        Assert.Contains("Зоя Иванова", text);
        Assert.DoesNotContain("Hidden Person", text);
        Assert.DoesNotContain("@example.org", text);
        Assert.Contains("1 organisation", text);
        Assert.Contains("2 individuals", text);

        var again = await anonymous.GetByteArrayAsync($"/letters/{Slug}/pdf");
        Assert.Equal(bytes, again);

        // The public page offers the download once delivered, in the language being read.
        var page = await anonymous.GetStringAsync($"/letters/{Slug}");
        Assert.Contains($"href=\"/letters/{Slug}/pdf?lang=en\"", page);
    }

    [SkippableFact]
    public async Task Should_make_the_pdf_again_when_a_counted_signature_changes_in_any_column_and_not_for_a_pending_one()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Individual("Rui Costa", "rui@example.org"));
        await SignAndConfirmAsync(App, Individual("Зоя Иванова", "zoya@example.org"));
        // Signed, never confirmed: not counted, shown nowhere.
        App.RunAs(null);
        await App.SendAsync(Individual("Lena Vogel", "lena@example.org"));
        await CloseAndDeliverAsync(App, letter.Id, coordinator.Id);
        var anonymous = App.Factory.CreateClient();
        async Task<string> TextAsync()
        {
            using var pdf = PdfDocument.Open(await anonymous.GetByteArrayAsync($"/letters/{Slug}/pdf"));
            return string.Join("\n", pdf.GetPages().Select(p => p.Text)).Normalize(System.Text.NormalizationForm.FormKC);
        }
        Assert.Contains("Rui Costa", await TextAsync());
        Task<int> StampAsync() => App.ExecuteDbContextAsync(db => db.SignatureTallies.AsNoTracking()
            .Where(t => t.LetterId == letter.Id && t.Facet == SignatureFacets.ListChanges).Select(t => t.Count).SingleAsync());
        var stamp = await StampAsync();

        Task RenameAsync(string from, string to) => App.ExecuteDbContextAsync(async db =>
        {
            var signature = await db.Signatures.SingleAsync(s => s.LetterId == letter.Id && s.SignerName == from);
            db.Entry(signature).Property(s => s.SignerName).CurrentValue = to;
            await db.SaveChangesAsync();
        });

        // A correction saved through EF that moves no count and not the signature's own change
        // counter: the cache key must still change (it read that counter's sum before).
        await RenameAsync("Rui Costa", "Rui Costa Pereira");
        Assert.Equal(stamp + 1, await StampAsync());
        Assert.Contains("Rui Costa Pereira", await TextAsync());

        // A signature nobody counts shows nowhere: its changes leave the stamp (and the file) alone.
        await RenameAsync("Lena Vogel", "Lena Vogel-Braun");
        Assert.Equal(stamp + 1, await StampAsync());
    }

    /// <summary>
    /// The embedded CSV keeps the order the model's rows come in: signing order, whatever the rows' dates and
    /// wherever the database keeps them. Before, SQLite read them by date (its state-and-date index) and PostgreSQL
    /// as stored, where an updated row moves to the end, so two files of the same letter could differ.
    /// </summary>
    [SkippableFact]
    public async Task Should_give_the_pdf_its_signatories_in_signing_order_whatever_their_dates_and_updates()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        foreach (var name in new[] { "Ada Ferreira", "Bruno Keller", "Chiara Rossi" })
            await SignAndConfirmAsync(App, Individual(name, $"{name.Split(' ')[0].ToLowerInvariant()}@example.org"));
        await App.ExecuteDbContextAsync(async db =>
        {
            // The first signer's row dated last (as an import's signed_at can), then changed, so it is stored anew.
            var first = await db.Signatures.SingleAsync(s => s.LetterId == letter.Id && s.SignerName == "Ada Ferreira");
            await db.Signatures.Where(s => s.Id == first.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, s => s.CreatedAt.AddDays(3)));
            await db.Signatures.Where(s => s.Id == first.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Role, "Coordinator"));
        });

        await using var scope = App.Factory.Services.CreateAsyncScope();
        var pdfs = scope.ServiceProvider.GetRequiredService<SignOnLetters.Web.Documents.LetterPdfSource>();
        var loaded = await pdfs.LoadAsync(l => l.Id == letter.Id, CancellationToken.None);
        var (model, _, _) = await pdfs.ModelAsync(loaded!, "en", CancellationToken.None);

        var signers = model.Signatories.Individuals.Select(i => i.Name).ToList();
        Assert.Equal(["Ada Ferreira", "Bruno Keller", "Chiara Rossi"], signers);
    }

    [SkippableFact]
    public async Task Should_not_offer_the_pdf_on_the_public_page_before_delivery()
    {
        await OpenLetterAsync(App);

        var page = await App.Factory.CreateClient().GetStringAsync($"/letters/{Slug}");

        Assert.DoesNotContain($"/letters/{Slug}/pdf", page);
    }

    [SkippableFact]
    public async Task Should_let_only_co_editors_preview_a_letter_that_is_not_delivered()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Draft);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);

        var (_, manage) = await browser.GetAsync($"/letters/{Slug}/manage");
        var previewLinks = manage.QuerySelectorAll(".pdf-downloads a").Select(link => link.GetAttribute("href")).ToList();
        Assert.Contains($"/letters/{Slug}/pdf?lang=en", previewLinks);

        var preview = await browser.Http.GetAsync(previewLinks[0]);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("no-store", preview.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await App.Factory.CreateClient().GetAsync($"/letters/{Slug}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await App.Factory.CreateClient().GetAsync("/letters/NO..such/pdf")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LetterPdfDownloadTestsOnSqlite(SqliteSlice app) : LetterPdfDownloadTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LetterPdfDownloadTestsOnPostgres(PostgresSlice app) : LetterPdfDownloadTests(app);
