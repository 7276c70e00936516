using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Web.Documents;
using SignOnLetters.Tests.Infrastructure;
using UglyToad.PdfPig;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Documents;

/// <summary>
/// Large letters' PDFs (ADR 0021): made once by the background job however many ask, progress for
/// editors only, the finished file served from disk with ranges, a new render when the letter
/// changes, a failure shown with a retry. The threshold is 2 counted signatories here, and the
/// worker is off: each test runs the queue when it chooses.
/// </summary>
public abstract class BackgroundPdfTests(SliceFixture app) : SliceTest(app)
{
    private readonly string _cacheDirectory = Path.Combine(Path.GetTempPath(), "sol-tests", "pdf-" + Guid.NewGuid().ToString("N"));

    private WebApplicationFactory<Program> Large(bool worker = false, string? cacheDirectory = null) => App.Factory.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Pdf:BackgroundThreshold", "2");
        builder.UseSetting("Pdf:WorkerEnabled", worker ? "true" : "false");
        builder.UseSetting("Pdf:CacheDirectory", cacheDirectory ?? _cacheDirectory);
    });

    private async Task<(int LetterId, BrowserlessClient Editor)> LetterWithTwoSignaturesAsync(WebApplicationFactory<Program> site, bool delivered)
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Individual("Rui Costa", "rui@example.org"));
        await SignAndConfirmAsync(App, Individual("Зоя Иванова", "zoya@example.org"));
        if (delivered)
            await CloseAndDeliverAsync(App, letter.Id, coordinator.Id);
        App.RunAs(null);
        var editor = new BrowserlessClient(site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await editor.SignInAsync(coordinator.Email!);
        return (letter.Id, editor);
    }

    private string[] StoredFiles() => Directory.Exists(_cacheDirectory) ? Directory.GetFiles(_cacheDirectory) : [];

    [SkippableFact]
    public async Task Should_queue_one_render_however_many_ask_and_then_serve_the_file_with_ranges()
    {
        await using var site = Large();
        var (letterId, editor) = await LetterWithTwoSignaturesAsync(site, delivered: true);
        var visitor = site.CreateClient();

        var publicAnswers = Enumerable.Range(0, 8).Select(_ => visitor.GetAsync($"/letters/{Slug}/pdf"));
        var editorAnswers = Enumerable.Range(0, 3).Select(_ => editor.Http.GetAsync($"/letters/{Slug}/pdf"));
        var answers = await Task.WhenAll(publicAnswers.Concat(editorAnswers));

        var jobs = site.Services.GetRequiredService<LetterPdfJobs>();
        Assert.Single(jobs.Of(letterId));
        foreach (var visitorAnswer in answers.Take(8))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, visitorAnswer.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(60), visitorAnswer.Headers.RetryAfter?.Delta);
            var html = await visitorAnswer.Content.ReadAsStringAsync();
            Assert.Contains("try again in a minute", html);
            // Nothing but "come back": no progress, no count, no buttons.
            Assert.DoesNotContain("<progress", html);
            Assert.DoesNotContain("Counted signatories", html);
            Assert.DoesNotContain("Done:", html);
            Assert.DoesNotContain("handler=Retry", html);
        }
        foreach (var editorAnswer in answers.Skip(8))
        {
            Assert.Equal(HttpStatusCode.Accepted, editorAnswer.StatusCode);
            Assert.Contains("no-store", editorAnswer.Headers.CacheControl!.ToString());
            var html = await editorAnswer.Content.ReadAsStringAsync();
            Assert.Contains("<meta http-equiv=\"refresh\" content=\"5\">", html);
            Assert.Contains("<progress", html);
            Assert.Contains("Counted signatories: 2", html);
        }
        // The status page shows the same job.
        var (_, manage) = await editor.GetAsync($"/letters/{Slug}/manage");
        Assert.NotNull(manage.QuerySelector(".pdf-downloads .pdf-job progress"));

        await jobs.RunQueuedAsync();

        Assert.Equal(1, jobs.Renders);
        Assert.Empty(jobs.Of(letterId));
        var stored = Assert.Single(StoredFiles());
        var ready = await visitor.GetAsync($"/letters/{Slug}/pdf");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("application/pdf", ready.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new FileInfo(stored).Length, ready.Content.Headers.ContentLength);
        Assert.Equal($"{Slug}.pdf", ready.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal("bytes", Assert.Single(ready.Headers.AcceptRanges));
        var bytes = await ready.Content.ReadAsByteArrayAsync();
        using (var pdf = PdfDocument.Open(bytes))
            Assert.Contains("Зоя Иванова", string.Join("\n", pdf.GetPages().Select(p => p.Text)));

        // A resumed download asks for a range and gets exactly those bytes.
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, $"/letters/{Slug}/pdf") { Headers = { Range = new RangeHeaderValue(100, 199) } };
        var part = await visitor.SendAsync(rangeRequest);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal($"bytes 100-199/{bytes.Length}", part.Content.Headers.ContentRange!.ToString());
        Assert.Equal(bytes[100..200], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, jobs.Renders);
    }

    /// <summary>
    /// The rows read for the list are held only by the document made from them, which lets them go
    /// before the file's last phase (ADR 0028). Where the database answers asynchronously
    /// (PostgreSQL), the render ran inside the completion of the method that read them, whose state
    /// (the rows, in its lists) is cleared only when that completion returns: ~115 MB more at
    /// 1,000,000 signatories through the whole render. The file is now set from a fresh call.
    /// </summary>
    [SkippableFact]
    public async Task Should_set_the_file_outside_the_method_that_read_the_rows()
    {
        // Every query answered asynchronously, as a server over a network answers (SQLite answers at once,
        // and a local PostgreSQL often has the answer in hand before it is awaited).
        await using var site = Large().WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.ConfigureDbContext<SignOnLetters.Data.AppDbContext>(options => options.AddInterceptors(new AnsweredLater()))));
        var (letterId, editor) = await LetterWithTwoSignaturesAsync(site, delivered: false);
        Assert.Equal(HttpStatusCode.Accepted, (await editor.Http.GetAsync($"/letters/{Slug}/pdf")).StatusCode);
        var job = Assert.Single(site.Services.GetRequiredService<LetterPdfJobs>().Of(letterId));
        var stacks = new List<string>();
        job.Reported += _ => stacks.Add(Environment.StackTrace);

        await site.Services.GetRequiredService<LetterPdfJobs>().RunQueuedAsync();

        Assert.NotEmpty(stacks);
        Assert.Single(StoredFiles());
        foreach (var stack in stacks)
        {
            // An async method's frame reads as the method's own name in a stack trace.
            Assert.DoesNotContain("LetterPdfSource.ModelAsync(", stack);
            Assert.DoesNotContain("LetterPdfSource.ComposeAsync(", stack);
        }
    }

    private sealed class AnsweredLater : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public override async ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return result;
        }
    }

    [SkippableFact]
    public async Task Should_queue_again_after_a_restart_and_sweep_the_files_no_letter_needs()
    {
        int letterId;
        await using (var before = Large())
        {
            (letterId, var editorBefore) = await LetterWithTwoSignaturesAsync(before, delivered: false);
            Assert.Equal(HttpStatusCode.Accepted, (await editorBefore.Http.GetAsync($"/letters/{Slug}/pdf")).StatusCode);
        }
        // A restart: the queue was in memory and is gone. The editor's refreshing page asks again,
        // which queues the render anew, and says so (not a render in progress that is not there).
        await using var site = Large();
        var editor = new BrowserlessClient(site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await editor.SignInAsync(await App.ExecuteDbContextAsync(db => db.Letters.Where(l => l.Id == letterId)
            .Join(db.Users, l => l.CreatedByUserId, u => u.Id, (_, u) => u.Email!).SingleAsync()));
        var jobs = site.Services.GetRequiredService<LetterPdfJobs>();
        Assert.Empty(jobs.Of(letterId));
        var (again, page) = await editor.GetAsync($"/letters/{Slug}/pdf");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.NotNull(page.QuerySelector(".pdf-queued"));
        Assert.Equal(LetterPdfJobState.Queued, Assert.Single(jobs.Of(letterId)).State);
        await jobs.RunQueuedAsync();
        var kept = Assert.Single(StoredFiles());

        // Files of a letter that no longer exists (a restored database), a crash's half-written file,
        // and a render's own file being written now; and a stranger's file, which is not ours to touch.
        var gone = Path.Combine(_cacheDirectory, $"letter-{letterId + 1000}-en-{new string('a', 32)}.pdf");
        var stalePart = kept + ".0123.part";
        var freshPart = kept + ".4567.part";
        var stranger = Path.Combine(_cacheDirectory, "README.txt");
        foreach (var file in new[] { gone, stalePart, freshPart, stranger })
            await File.WriteAllTextAsync(file, "x");
        File.SetLastWriteTimeUtc(stalePart, App.Clock.GetUtcNow().UtcDateTime - LetterPdfFileSweep.PartialAge - TimeSpan.FromMinutes(1));
        File.SetLastWriteTimeUtc(freshPart, App.Clock.GetUtcNow().UtcDateTime);

        var removed = await site.Services.GetRequiredService<LetterPdfFileSweep>().SweepAsync(CancellationToken.None);

        Assert.Equal(new[] { Path.GetFileName(gone), Path.GetFileName(stalePart) }.Order(), removed.Order());
        Assert.Equal(new[] { kept, freshPart, stranger }.Order(), StoredFiles().Order());
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.GetAsync($"/letters/{Slug}/pdf")).StatusCode);
    }

    [SkippableFact]
    public async Task Should_render_again_under_the_new_key_when_the_letter_changes_even_while_queued()
    {
        await using var site = Large();
        var (letterId, editor) = await LetterWithTwoSignaturesAsync(site, delivered: false);
        var jobs = site.Services.GetRequiredService<LetterPdfJobs>();
        Assert.Equal(HttpStatusCode.Accepted, (await editor.Http.GetAsync($"/letters/{Slug}/pdf")).StatusCode);
        await jobs.RunQueuedAsync();
        var first = Assert.Single(StoredFiles());

        // A new signature is a new key: not ready again, a second render, the old file gone.
        await SignAndConfirmAsync(App, Individual("Amina Diallo", "amina@example.org"));
        Assert.Equal(HttpStatusCode.Accepted, (await editor.Http.GetAsync($"/letters/{Slug}/pdf")).StatusCode);
        // It changes again while the job waits: the queued job serves the newer key too, since it
        // renders what the letter is when it starts.
        await SignAndConfirmAsync(App, Individual("Lena Vogel", "lena@example.org"));
        Assert.Equal(HttpStatusCode.Accepted, (await editor.Http.GetAsync($"/letters/{Slug}/pdf")).StatusCode);
        Assert.Single(jobs.Of(letterId));
        await jobs.RunQueuedAsync();

        Assert.Equal(2, jobs.Renders);
        var second = Assert.Single(StoredFiles());
        Assert.NotEqual(first, second);
        var ready = await editor.Http.GetAsync($"/letters/{Slug}/pdf");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("no-store", ready.Headers.CacheControl!.ToString());
        using var pdf = PdfDocument.Open(await ready.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Amina Diallo", text);
        Assert.Contains("Lena Vogel", text);
    }

    [SkippableFact]
    public async Task Should_show_editors_a_failed_render_with_a_retry_and_the_public_only_to_come_back()
    {
        // A file where the folder should be: storing the PDF fails, as a full or read-only disk would.
        Directory.CreateDirectory(Path.GetDirectoryName(_cacheDirectory)!);
        await File.WriteAllTextAsync(_cacheDirectory, "not a folder");
        await using var site = Large();
        var (letterId, editor) = await LetterWithTwoSignaturesAsync(site, delivered: true);
        var jobs = site.Services.GetRequiredService<LetterPdfJobs>();
        await editor.Http.GetAsync($"/letters/{Slug}/pdf");

        await jobs.RunQueuedAsync();

        Assert.Contains(App.Logs.Lines, line => line.StartsWith("Error") && line.Contains($"The PDF of letter {letterId} (en) could not be prepared"));
        var (failed, page) = await editor.GetAsync($"/letters/{Slug}/pdf");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("could not be prepared", page.QuerySelector("h1")!.TextContent);
        // No refresh: a failure is shown, never an endless spinner.
        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Null(page.QuerySelector("progress"));
        var visitorAnswer = await site.CreateClient().GetAsync($"/letters/{Slug}/pdf");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, visitorAnswer.StatusCode);
        Assert.DoesNotContain("could not", await visitorAnswer.Content.ReadAsStringAsync());
        var (_, manage) = await editor.GetAsync($"/letters/{Slug}/manage");
        Assert.NotNull(manage.QuerySelector(".pdf-job-failed form button"));

        // Strangers cannot press the button; the editor can, once the disk is fixed.
        var strangerRetry = await site.CreateClient().PostAsync($"/letters/{Slug}/pdf?handler=Retry&lang=en", new FormUrlEncodedContent([]));
        Assert.True(strangerRetry.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{strangerRetry.StatusCode}");
        File.Delete(_cacheDirectory);
        var retried = await editor.SubmitAsync(page, $"/letters/{Slug}/pdf", new Dictionary<string, string>(), "main form");
        BrowserlessClient.AssertRedirect(retried, $"/letters/{Slug}/pdf");
        Assert.Equal(HttpStatusCode.Accepted, (await editor.Http.GetAsync($"/letters/{Slug}/pdf")).StatusCode);
        await jobs.RunQueuedAsync();
        Assert.Equal(HttpStatusCode.OK, (await site.CreateClient().GetAsync($"/letters/{Slug}/pdf")).StatusCode);
    }

    [SkippableFact]
    public async Task Should_let_delivery_wait_for_the_background_file_and_never_render_a_second_one()
    {
        await using var site = Large(worker: true);
        var (letterId, _) = await LetterWithTwoSignaturesAsync(site, delivered: true);
        // As the delivery page does: what goes to the addressees is edition 1, sealed.
        await App.ExecuteDbContextAsync(async db =>
        {
            var letter = await db.Letters.SingleAsync(l => l.Id == letterId);
            letter.IssueEdition(App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        // Two addressees' e-mails asking at once, as the outbox's sends would.
        var attachments = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = site.Services.CreateAsyncScope();
            var pdfs = scope.ServiceProvider.GetRequiredService<LetterPdfSource>();
            var letter = await pdfs.LoadAsync(l => l.Id == letterId, CancellationToken.None);
            return await pdfs.WaitForBytesAsync(letter!, "en", CancellationToken.None);
        }));

        Assert.Equal(1, site.Services.GetRequiredService<LetterPdfJobs>().Renders);
        Assert.Equal(attachments[0].Bytes, attachments[1].Bytes);
        // Only the finished file is left: no part file, no intermediate file of Skia's beside it.
        Assert.Equal(await File.ReadAllBytesAsync(Assert.Single(StoredFiles())), attachments[0].Bytes);
        Assert.Equal($"{Slug}.pdf", attachments[0].FileName);
        // The delivered edition is sealed as it is written to disk, and its hash, read back from
        // that file, is the one the check will look up.
        Assert.Matches(@"/ByteRange \[0 [1-9]\d* [1-9]\d* [1-9]\d*\s*\]", System.Text.Encoding.Latin1.GetString(attachments[0].Bytes));
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(attachments[0].Bytes));
        Assert.True(await App.ExecuteDbContextAsync(db => db.SealedEditions.AnyAsync(e => e.LetterId == letterId && e.Sha256 == sha256)),
            "no sealed edition with the stored file's hash");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BackgroundPdfTestsOnSqlite(SqliteSlice app) : BackgroundPdfTests(app);

[Collection(PostgresCollection.Name)]
public sealed class BackgroundPdfTestsOnPostgres(PostgresSlice app) : BackgroundPdfTests(app);
