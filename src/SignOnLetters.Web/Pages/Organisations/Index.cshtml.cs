namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>The organisations the signed-in person belongs to, and invitations waiting for them.</summary>
public class Index(IMediator mediator) : PageModel
{
    public Model Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Data = await mediator.Send(new Query(), cancellationToken);

    public sealed record Query : IQuery<Model>;

    public sealed record Model(IReadOnlyList<Membership> Memberships);

    public sealed record Membership(int OrganisationId, string Name, string CountryCode, OrganisationRole Role, int MemberCount);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var memberships = await db.OrganisationMemberships.AsNoTracking()
                .Where(m => m.UserId == userId)
                .OrderBy(m => m.Organisation.Name)
                .Select(m => new Membership(m.OrganisationId, m.Organisation.Name, m.Organisation.CountryCode, m.Role, m.Organisation.Memberships.Count))
                .ToListAsync(cancellationToken);
            return new Model(memberships);
        }
    }
}
