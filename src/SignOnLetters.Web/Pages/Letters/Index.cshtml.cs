using LinqKit;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// <c>/letters</c>: the public index of letters with its search, for everyone; above it, for a
/// signed-in coordinator, their dashboard: the letters they lead or co-edit, by state, with deadlines and next steps.
/// </summary>
public class Index(IMediator mediator) : PageModel
{
    /// <summary>The signed-in person's own letters; null for a visitor.</summary>
    public Model? Data { get; private set; }

    public PublicLetters.Model Public { get; private set; } = null!;

    /// <remarks>"page" is Razor Pages' own route value (see <see cref="ListQueryInput"/>): read from the query string only.</remarks>
    public async Task OnGetAsync(string? q, [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
            Data = await mediator.Send(new Query(), cancellationToken);
        Public = await mediator.Send(new PublicLetters.Query("/letters", q, pageNumber, ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);
    }

    public sealed record Query : IQuery<Model>;

    public sealed record Model(IReadOnlyList<Group> Groups)
    {
        public int Count(LetterStatus status) => Groups.FirstOrDefault(g => g.Status == status)?.Letters.Count ?? 0;
    }

    public sealed record Group(LetterStatus Status, IReadOnlyList<Item> Letters);

    /// <param name="Figures">What needs doing and how it goes (the private figures only for the lead organisation's coordinators).</param>
    public sealed record Item(string Slug, string Title, LetterKind Kind, LetterStatus Status, string LeadOrganisation,
        DateTime? DeadlineUtc, string? DeadlineTimeZone, DateTime UpdatedAt, int LatestVersion, bool IsLeadCoordinator,
        LetterDashboard.Figures Figures, int? SignatureGoal, LetterDashboard.NextEvent? NextEvent)
    {
        public SignatureCounts Counts => Figures.Counts;

        public SignatureProgress? Progress => SignatureProgress.Of(Counts, SignatureGoal);
    }

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var coordinated = db.OrganisationMemberships
                .Where(m => m.UserId == userId && m.Role == OrganisationRole.Coordinator)
                .Select(m => m.OrganisationId);
            var letters = await db.Letters.AsNoTracking().AsExpandable()
                .Where(l => coordinated.Contains(l.LeadOrganisationId) || l.Editors.Any(e => e.UserId == userId))
                .Select(l => new
                {
                    l.Id, l.Slug, l.Kind, l.Status, LeadOrganisation = l.LeadOrganisation.Name, l.DeadlineUtc, l.DeadlineTimeZone,
                    l.UpdatedAt, l.LatestVersionNumber, l.SignatureGoal,
                    l.OpensAtUtc, l.OpensAtTimeZone, l.NextReminderAtUtc, l.ReminderTimeZone,
                    Title = PrimaryTitle.Of.Invoke(l),
                    IsLeadCoordinator = coordinated.Contains(l.LeadOrganisationId),
                })
                .ToListAsync(cancellationToken);
            // Every figure for every letter in a few queries (never one per letter: a network runs dozens at once).
            var figures = await LetterDashboard.ForLettersAsync(db, letters.Select(l => l.Id).ToList(),
                letters.Where(l => l.IsLeadCoordinator).Select(l => l.Id).ToHashSet(), clock.GetUtcNow().UtcDateTime, cancellationToken);
            var items = letters.Select(l => new Item(l.Slug, l.Title ?? l.Slug, l.Kind, l.Status, l.LeadOrganisation, l.DeadlineUtc, l.DeadlineTimeZone,
                    l.UpdatedAt, l.LatestVersionNumber, l.IsLeadCoordinator, figures[l.Id], l.SignatureGoal,
                    LetterDashboard.NextEventOf(l.Status, l.OpensAtUtc, l.OpensAtTimeZone, l.DeadlineUtc, l.DeadlineTimeZone, l.NextReminderAtUtc, l.ReminderTimeZone)))
                .ToList();
            // Open letters first (they are collecting now), soonest deadline first; the rest by last change.
            var groups = Enum.GetValues<LetterStatus>()
                .OrderBy(s => s switch { LetterStatus.Open => 0, LetterStatus.Draft => 1, LetterStatus.Closed => 2, LetterStatus.Delivered => 3, _ => 4 })
                .Select(status => new Group(status, items.Where(i => i.Status == status)
                    .OrderBy(i => i.DeadlineUtc ?? DateTime.MaxValue).ThenByDescending(i => i.UpdatedAt).ToList()))
                .Where(g => g.Letters.Count > 0)
                .ToList();
            return new Model(groups);
        }
    }
}
