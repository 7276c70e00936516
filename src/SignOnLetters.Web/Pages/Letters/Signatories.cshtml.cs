using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Web.Infrastructure;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// The public signatory list at <c>/letters/{slug}/signatories?page=N</c> (also
/// <c>GET /api/letters/{slug}/signatories</c>): approved signatures only, as each signer chose to
/// appear. "Counted, not named" signers are only counted; "organisation only" shows the organisation
/// and country. E-mail addresses and networks are not even read by this query.
/// </summary>
public class Signatories(IMediator mediator) : PageModel
{
    public Model List { get; private set; } = null!;

    public async Task OnGetAsync(string slug, int? page, CancellationToken cancellationToken) =>
        List = await mediator.Send(new Query(slug, page ?? 1), cancellationToken);

    public sealed record Query(string Slug, int Page) : IQuery<Model>;

    public sealed record Model(string Slug, SignatureCounts Counts, int Page, int PageCount, IReadOnlyList<Signatory> Items);

    /// <param name="Name">The person's name; null for "organisation only".</param>
    /// <param name="Organisation">The signing organisation, or an individual's organisation for identification.</param>
    public sealed record Signatory(SignerKind Kind, string? Name, string? Role, string? Organisation, string CountryCode)
    {
        public string CountryName => Countries.Name(CountryCode);
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Model>
    {
        public const int PageSize = 50;

        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!LetterSlug.IsWellFormed(query.Slug))
                throw new NotFoundException("The letter");
            var letterId = await db.Letters.AsNoTracking()
                .Where(l => l.Slug == query.Slug && l.Status != LetterStatus.Draft)
                .Select(l => (int?)l.Id)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The letter");
            var counts = await SignatureCountQueries.ForLetterAsync(db, letterId, cancellationToken);

            var listed = db.Signatures.AsNoTracking()
                .Where(s => s.LetterId == letterId && s.State == SignatureState.Approved && s.Visibility != SignatureVisibility.CountedNotNamed);
            var total = await listed.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pageCount);
            // Organisations first, then individuals, each in signing order (ids are stable for paging).
            var items = await listed
                .OrderBy(s => s.Kind).ThenBy(s => s.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(s => new Signatory(
                    s.Kind,
                    s.Visibility == SignatureVisibility.OrganisationOnly ? null : s.SignerName,
                    s.Visibility == SignatureVisibility.OrganisationOnly ? null : s.Role,
                    s.OrganisationName,
                    s.CountryCode))
                .ToListAsync(cancellationToken);
            return new Model(query.Slug, counts, page, pageCount, items);
        }
    }
}
