using SignOnLetters.Web.Documents;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// <c>GET /letters/{slug}/pdf[?lang=fr]</c> (a public URL contract): the final signed letter. Public
/// once delivered; before that only its co-editors may preview it (everyone else gets 404). The PDF
/// is cached under a key made of the letter's change counter and its signatures' latest change, so a
/// repeated download costs nothing and any change makes a new edition.
/// </summary>
[AllowAnonymous]
public class Pdf(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, string? lang, CancellationToken cancellationToken)
    {
        var file = await mediator.Send(new Query(slug, lang), cancellationToken);
        Response.Headers.CacheControl = file.IsPublic ? "public, max-age=300" : "private, no-store";
        return File(file.Bytes, "application/pdf", file.FileName);
    }

    public sealed record Query(string Slug, string? Language) : IQuery<PdfFile>;

    public sealed record PdfFile(byte[] Bytes, string FileName, bool IsPublic);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, LetterPdfSource pdfs) : IQueryHandler<Query, PdfFile>
    {
        public async ValueTask<PdfFile> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!LetterSlug.IsWellFormed(query.Slug))
                throw new NotFoundException("The letter");
            var letter = await pdfs.LoadAsync(l => l.Slug == query.Slug, cancellationToken) ?? throw new NotFoundException("The letter");
            var isPublic = letter.Status == LetterStatus.Delivered;
            if (!isPublic)
                await db.RequireEditorAsync(query.Slug, user, cancellationToken);
            var pdf = await pdfs.GenerateAsync(letter, query.Language, cancellationToken);
            return new PdfFile(pdf.Bytes, pdf.FileName, isPublic);
        }
    }
}
