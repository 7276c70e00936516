using LinqKit;

namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>
/// The letters that name this organisation as co-author. Naming is only an invitation: the
/// organisation is shown as an author (page, PDF, deliveries) once one of its coordinators accepts
/// here. Declining, or withdrawing later, takes its name off the letter.
/// </summary>
public class CoAuthorships(IMediator mediator, IStringLocalizer<SharedResource> T) : OrganisationPage<CoAuthorships.Model>(mediator)
{

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await Mediator.Send(new Query(id), cancellationToken);

    public async Task<IActionResult> OnPostAcceptAsync(int id, int letterId, CancellationToken cancellationToken)
    {
        await Mediator.Send(new Answer(id, letterId, Accept: true), cancellationToken);
        TempData["Notice"] = T["Accepted: your organisation is now shown as a co-author of this letter."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeclineAsync(int id, int letterId, CancellationToken cancellationToken)
    {
        await Mediator.Send(new Answer(id, letterId, Accept: false), cancellationToken);
        TempData["Notice"] = T["Your organisation is no longer named on this letter."].Value;
        return RedirectToPage(new { id });
    }

    protected override IQuery<Model> Load(int organisationId) => new Query(organisationId);

    public sealed record Query(int OrganisationId) : IQuery<Model>, IOrganisationCoordinatorRequest;

    public sealed record Model(int Id, string Name, IReadOnlyList<Naming> Invited, IReadOnlyList<Naming> Accepted);

    /// <param name="Published">Whether the letter has a public page to link to (drafts have none).</param>
    public sealed record Naming(int LetterId, string Slug, string Title, string LeadOrganisation, DateTime InvitedAt, bool Published);

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = await db.Organisations.AsNoTracking().Where(o => o.Id == query.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
            var namings = await db.Letters.AsNoTracking().AsExpandable()
                .SelectMany(l => l.CoAuthors.Where(c => c.OrganisationId == query.OrganisationId), (l, c) => new
                {
                    l.Id, l.Slug, l.Status, LeadOrganisation = l.LeadOrganisation.Name, c.InvitedAt, Accepted = c.AcceptedAt != null,
                    Title = PrimaryTitle.Of.Invoke(l),
                })
                .ToListAsync(cancellationToken);
            var all = namings
                .OrderByDescending(n => n.InvitedAt).ThenBy(n => n.Id)
                .Select(n => (n.Accepted, Naming: new Naming(n.Id, n.Slug,
                    n.Title ?? n.Slug, n.LeadOrganisation, n.InvitedAt,
                    n.Status != LetterStatus.Draft)))
                .ToList();
            return new Model(query.OrganisationId, name,
                all.Where(n => !n.Accepted).Select(n => n.Naming).ToList(),
                all.Where(n => n.Accepted).Select(n => n.Naming).ToList());
        }
    }

    /// <summary>Accept, or decline (which also withdraws an earlier acceptance).</summary>
    public sealed record Answer(int OrganisationId, int LetterId, bool Accept) : ICommand, IOrganisationCoordinatorRequest;

    public sealed class AnswerHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Answer>
    {
        public async ValueTask<Unit> Handle(Answer command, CancellationToken cancellationToken)
        {
            // One answer for a letter that does not exist and one that does not name this organisation: no letter ids are probed here.
            var letter = await db.Letters.Include(l => l.CoAuthors)
                    .SingleOrDefaultAsync(l => l.Id == command.LetterId && l.CoAuthors.Any(c => c.OrganisationId == command.OrganisationId), cancellationToken)
                ?? throw new DomainRuleException("There is no invitation to co-author this letter (it may have been withdrawn or declined).");
            if (command.Accept)
                letter.AcceptCoAuthorship(command.OrganisationId, user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            else
                letter.DeclineCoAuthorship(command.OrganisationId);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
