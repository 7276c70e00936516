using SignOnLetters.Web.Documents;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// <c>GET /letters/{slug}/pdf[?lang=fr]</c> (a public URL contract): the final signed letter. Public
/// once delivered; before that only its co-editors may preview it (everyone else gets 404). The PDF
/// is cached under a key made of everything that changes it, so a repeated download costs nothing
/// and any change makes a new edition. A large letter's PDF that is not ready yet is made in the
/// background (ADR 0021): this URL then answers with a page that refreshes itself until it serves
/// the file; the letter's editors see how far it is (202, or the failure with a retry button), everyone
/// else only "being prepared, try again in a minute" (503 with Retry-After).
/// </summary>
[AllowAnonymous]
public class Pdf(IMediator mediator) : PageModel
{
    /// <summary>Seconds between refreshes of the progress page: editors watch it, the public is asked to come back in a minute.</summary>
    public const int EditorRefreshSeconds = 5, PublicRetrySeconds = 60;

    /// <summary>Set when the PDF is not ready: what the page shows instead.</summary>
    public Preparation? Preparing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, string? lang, CancellationToken cancellationToken)
    {
        var answer = await mediator.Send(new Query(slug, lang), cancellationToken);
        switch (answer.Outcome)
        {
            case LetterPdfOutcome.InMemory memory:
                Response.Headers.CacheControl = answer.IsPublic ? "public, max-age=300" : "private, no-store";
                return new FileContentResult(memory.Bytes, "application/pdf") { FileDownloadName = memory.FileName, EnableRangeProcessing = true };
            case LetterPdfOutcome.OnDisk disk:
                Response.Headers.CacheControl = answer.IsPublic ? "public, max-age=300" : "private, no-store";
                return new PhysicalFileResult(disk.Path, "application/pdf") { FileDownloadName = disk.FileName, EnableRangeProcessing = true };
            case LetterPdfOutcome.Preparing { Job: var job }:
                Response.Headers.CacheControl = "no-store";
                var failed = job.State == LetterPdfJobState.Failed;
                if (answer.IsEditor)
                {
                    Preparing = new Preparation(true, failed, job.State == LetterPdfJobState.Queued, job.Progress is null, job.Percent, job.Pages, job.Signatories, slug, lang);
                    // A failure is the server's, shown with a way out; no refresh, so never an endless spinner.
                    Response.StatusCode = failed ? StatusCodes.Status500InternalServerError : StatusCodes.Status202Accepted;
                }
                else
                {
                    // No progress, no failure, no count: the public learns only to come back.
                    Preparing = new Preparation(false, false, false, false, 0, 0, 0, slug, lang);
                    Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    Response.Headers.RetryAfter = PublicRetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return Page();
            default:
                throw new InvalidOperationException($"Unknown PDF outcome {answer.Outcome.GetType().Name}.");
        }
    }

    /// <summary><c>POST /letters/{slug}/pdf?handler=Retry</c>: an editor asks again for a PDF whose render failed.</summary>
    public async Task<IActionResult> OnPostRetryAsync(string slug, string? lang, CancellationToken cancellationToken)
    {
        await mediator.Send(new Retry(slug, lang), cancellationToken);
        return RedirectToPage("/Letters/Pdf", new { slug, lang });
    }

    /// <param name="Detailed">For the letter's editors: progress, or the failure and the retry button.</param>
    /// <param name="Queued">Waiting for other PDFs to finish first (one is made at a time).</param>
    /// <param name="Reading">Started, still reading the letter and its signatories (before the engine reports anything).</param>
    public sealed record Preparation(bool Detailed, bool Failed, bool Queued, bool Reading, int Percent, int Pages, int Signatories, string Slug, string? Language)
    {
        public int RefreshSeconds => Detailed ? EditorRefreshSeconds : PublicRetrySeconds;
    }

    public sealed record Query(string Slug, string? Language) : IQuery<Answer>;

    /// <param name="IsEditor">Whether the person asking edits the letter (sees progress and failures).</param>
    public sealed record Answer(LetterPdfOutcome Outcome, bool IsPublic, bool IsEditor);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, LetterPdfSource pdfs) : IQueryHandler<Query, Answer>
    {
        public async ValueTask<Answer> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!LetterSlug.IsWellFormed(query.Slug))
                throw new NotFoundException("The letter");
            var letter = await pdfs.LoadAsync(l => l.Slug == query.Slug, cancellationToken) ?? throw new NotFoundException("The letter");
            var isPublic = letter.Status == LetterStatus.Delivered;
            var isEditor = await db.RoleInAsync(letter.Id, letter.LeadOrganisationId, user, cancellationToken) != LetterRole.None;
            if (!isPublic && !isEditor)
                throw new NotFoundException("The letter");
            return new Answer(await pdfs.GetAsync(letter, query.Language, cancellationToken), isPublic, isEditor);
        }
    }

    public sealed record Retry(string Slug, string? Language) : ICommand;

    /// <summary>Forgets the letter's failed renders and asks again, so the next look at the page shows a new job.</summary>
    public sealed class RetryHandler(AppDbContext db, ICurrentUser user, LetterPdfSource pdfs, LetterPdfJobs jobs) : ICommandHandler<Retry>
    {
        public async ValueTask<Unit> Handle(Retry command, CancellationToken cancellationToken)
        {
            var (letterId, _) = await db.RequireEditorAsync(command.Slug, user, cancellationToken);
            jobs.ForgetFailed(letterId);
            var letter = await pdfs.LoadAsync(l => l.Id == letterId, cancellationToken) ?? throw new NotFoundException("The letter");
            await pdfs.GetAsync(letter, command.Language, cancellationToken);
            return Unit.Value;
        }
    }
}
