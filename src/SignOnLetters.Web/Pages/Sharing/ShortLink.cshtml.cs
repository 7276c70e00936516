namespace SignOnLetters.Web.Pages.Sharing;

/// <summary>
/// <c>GET /l/{code}</c> (a public URL contract): the short link printed on posters and slides and
/// behind the QR code, leading to the letter's public page. A draft, an unknown code and a code that
/// cannot be one all answer the same 404, so the link tells nothing about letters not yet public.
/// </summary>
[AllowAnonymous]
public class ShortLink(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var slug = await mediator.Send(new Query(code), cancellationToken);
        // Temporary (302): the letter's address never changes, but a letter may be removed, and a
        // browser that cached a permanent redirect would keep sending people to a dead page.
        return Redirect($"/letters/{slug}");
    }

    public sealed record Query(string Code) : IQuery<string>;

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, string>
    {
        public async ValueTask<string> Handle(Query query, CancellationToken cancellationToken)
        {
            var code = LetterShortCode.Normalize(query.Code);
            var slug = code is null ? null : await db.Letters.AsNoTracking()
                .Where(l => l.ShortCode == code && l.Status != LetterStatus.Draft)
                .Select(l => l.Slug)
                .SingleOrDefaultAsync(cancellationToken);
            return slug ?? throw new NotFoundException("The letter");
        }
    }
}
