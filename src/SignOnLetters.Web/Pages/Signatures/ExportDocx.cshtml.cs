using SignOnLetters.Web.Documents;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// <c>GET /letters/{slug}/letter.docx[?lang=fr]</c>: the letter with its signatories as a Word file,
/// one file per language version, for the letter's coordinators and editors (404 for anyone else).
/// It shows what the public list and the PDF show, and nothing more: no e-mail, no hidden signer.
/// </summary>
[Authorize]
public class ExportDocx(IMediator mediator) : PageModel
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public async Task<IActionResult> OnGetAsync(string slug, string? lang, CancellationToken cancellationToken)
    {
        var (bytes, fileName) = await mediator.Send(new Query(slug, lang), cancellationToken);
        Response.Headers.CacheControl = "private, no-store";
        return File(bytes, ContentType, fileName);
    }

    public sealed record Query(string Slug, string? Language) : IQuery<(byte[] Bytes, string FileName)>;

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, LetterPdfSource documents, IStringLocalizer<SharedResource> T)
        : IQueryHandler<Query, (byte[] Bytes, string FileName)>
    {
        public async ValueTask<(byte[] Bytes, string FileName)> Handle(Query query, CancellationToken cancellationToken)
        {
            await db.RequireEditorAsync(query.Slug, user, cancellationToken);
            var letter = await documents.LoadAsync(l => l.Slug == query.Slug, cancellationToken) ?? throw new NotFoundException("The letter");
            var (model, texts, fileStem) = await documents.ModelAsync(letter, query.Language, cancellationToken);
            // Everyone counted but given no line: the counts include them, the lists do not.
            var unnamed = model.Signatories.Counts.Total - model.Signatories.Organisations.Count - model.Signatories.Individuals.Count;
            string? unnamedLine = null;
            if (unnamed > 0)
                using (ReaderLanguage.Use(ReaderLanguage.For(null, model.LanguageCode)))
                    unnamedLine = T.Plural("and {0} more who asked not to be named", unnamed);
            return (LetterDocx.Write(model, texts, unnamedLine), fileStem + ".docx");
        }
    }
}
