using Microsoft.Net.Http.Headers;

namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>
/// The organisation's logo, public because it appears on published letters. Always the PNG we
/// re-encoded ourselves, served with an ETag so browsers revalidate cheaply.
/// </summary>
[AllowAnonymous]
public class Logo(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var png = await mediator.Send(new Query(id), cancellationToken);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png))[..16]}\"");
        Response.Headers.CacheControl = "public, max-age=3600";
        return new FileContentResult(png, "image/png") { EntityTag = etag };
    }

    public sealed record Query(int OrganisationId) : IQuery<byte[]>;

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, byte[]>
    {
        public async ValueTask<byte[]> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Organisations.AsNoTracking()
                .Where(o => o.Id == query.OrganisationId && o.Logo != null)
                .Select(o => o.Logo!.Png)
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The logo");
    }
}
