using LinqKit;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>Every saved revision with its author and time, and a readable comparison of any two.</summary>
public class History(IMediator mediator) : PageModel
{
    public Model Data { get; private set; } = null!;

    public async Task OnGetAsync(string slug, int? from, int? to, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new Query(slug, from, to), cancellationToken);

    public sealed record Query(string Slug, int? From, int? To) : IQuery<Model>, ILetterEditorRequest;

    public sealed record Model(string Slug, string Title, IReadOnlyList<Revision> Revisions, int From, int To, IReadOnlyList<DiffSection> Changes);

    public sealed record Revision(int Number, string Author, DateTime CreatedAt);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var (letterId, _) = await db.RequireEditorAsync(query.Slug, user, cancellationToken);
            var letter = await db.Letters.AsNoTracking().AsExpandable()
                .Where(l => l.Id == letterId)
                .Select(l => new { l.Slug, l.LatestRevisionNumber, Title = PrimaryTitle.Of.Invoke(l) })
                .SingleAsync(cancellationToken);
            var revisions = await db.LetterRevisions.AsNoTracking()
                .Where(r => r.LetterId == letterId)
                .OrderByDescending(r => r.Number)
                .Select(r => new Revision(r.Number, r.Author.DisplayName ?? r.Author.Email ?? "", r.CreatedAt))
                .ToListAsync(cancellationToken);
            // Out-of-range numbers in the address fall back to the latest pair rather than failing.
            var latest = letter.LatestRevisionNumber;
            var to = query.To is { } t && t >= 1 && t <= latest ? t : latest;
            var from = query.From is { } f && f >= 1 && f <= latest ? f : Math.Max(1, to - 1);
            var changes = await LetterRevisions.CompareAsync(db, letterId, from, to, cancellationToken);
            return new Model(letter.Slug, letter.Title ?? letter.Slug, revisions, from, to, changes);
        }
    }
}
