using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// The organisation aliases of a letter, at <c>/letters/{slug}/signatures/aliases</c>, kept by its
/// coordinators: "MSF" is "Médecins Sans Frontières", so the second to sign under either name is a
/// duplicate (see <see cref="OrganisationAlias"/>). Adding an alias also moves an existing
/// signature under it onto the organisation's name, or, when both names have signed already,
/// names the two signatures to merge.
/// </summary>
[Authorize]
public class Aliases(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public Add NewAlias { get; set; } = new();

    public Model List { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken) =>
        List = await mediator.Send(new Query(slug), cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string slug, CancellationToken cancellationToken)
    {
        List = await mediator.Send(new Query(slug), cancellationToken);
        var duplicates = await mediator.Send(NewAlias with { Slug = slug }, cancellationToken);
        TempData["Notice"] = duplicates.Count == 0
            ? T["Alias added."].Value
            : T["Alias added. Both names have signed already: signatures {0} look like duplicates; open one of them to merge.", string.Join(", ", duplicates)].Value;
        return RedirectToPage("Aliases", new { slug });
    }

    public async Task<IActionResult> OnPostRemoveAsync(string slug, int aliasId, CancellationToken cancellationToken)
    {
        List = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(new Remove(slug, aliasId), cancellationToken);
        TempData["Notice"] = T["Alias removed. Signatures already recorded keep the name they claimed."].Value;
        return RedirectToPage("Aliases", new { slug });
    }

    public sealed record Query(string Slug) : IQuery<Model>;

    public sealed record Model(string Slug, IReadOnlyList<Item> Aliases);

    public sealed record Item(int Id, string Alias, string OrganisationName, DateTime CreatedAt);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            var aliases = await db.OrganisationAliases.AsNoTracking()
                .Where(a => a.LetterId == letterId)
                .OrderBy(a => a.OrganisationKey).ThenBy(a => a.AliasKey)
                .Select(a => new Item(a.Id, a.Alias, a.OrganisationName, a.CreatedAt))
                .ToListAsync(cancellationToken);
            return new Model(query.Slug, aliases);
        }
    }

    /// <summary>Adds an alias; answers the ids of signatures that now look like duplicates of each other (none usually).</summary>
    public sealed record Add : ICommand<IReadOnlyList<int>>, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public string Alias { get; init; } = string.Empty;
        public string OrganisationName { get; init; } = string.Empty;
    }

    public sealed class AddValidator : AbstractValidator<Add>
    {
        public AddValidator()
        {
            RuleFor(c => c.Alias).NotEmpty().CleanText(Organisation.NameMaxLength).WithName("Other name");
            RuleFor(c => c.OrganisationName).NotEmpty().CleanText(Organisation.NameMaxLength).WithName("Organisation's name");
        }
    }

    public sealed class AddHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Add, IReadOnlyList<int>>
    {
        public async ValueTask<IReadOnlyList<int>> Handle(Add command, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            var existing = await db.OrganisationAliases.Where(a => a.LetterId == letterId).ToListAsync(cancellationToken);
            var alias = OrganisationAlias.Create(letterId, command.Alias, command.OrganisationName, existing, user.RequireUserId(),
                clock.GetUtcNow().UtcDateTime);
            db.OrganisationAliases.Add(alias);

            var active = db.Signatures.ActiveOf(letterId);
            var underAlias = await active.Where(s => s.OrganisationKey == alias.AliasKey).ToListAsync(cancellationToken);
            var underName = await active.Where(s => s.OrganisationKey == alias.OrganisationKey).Select(s => s.Id).ToListAsync(cancellationToken);
            if (underName.Count == 0)
                foreach (var signature in underAlias)
                    signature.ClaimAliasedOrganisation(alias);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two coordinators adding the same name at once: the unique index keeps one.
                db.ChangeTracker.Clear();
                if (!await db.OrganisationAliases.AnyAsync(a => a.LetterId == letterId && a.AliasKey == alias.AliasKey, cancellationToken))
                    throw;
                throw new DomainRuleException("\"{0}\" was made an alias a moment ago.", alias.Alias);
            }
            return underName.Count == 0 || underAlias.Count == 0 ? [] : [.. underName, .. underAlias.Select(s => s.Id)];
        }
    }

    public sealed record Remove(string Slug, int AliasId) : ICommand, ILetterCoordinatorRequest;

    public sealed class RemoveHandler(AppDbContext db, ICurrentUser user) : ICommandHandler<Remove>
    {
        public async ValueTask<Unit> Handle(Remove command, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            // Removing what is not there (a second click, another coordinator was quicker) is done already.
            var alias = await db.OrganisationAliases.SingleOrDefaultAsync(a => a.LetterId == letterId && a.Id == command.AliasId, cancellationToken);
            if (alias is null)
                return Unit.Value;
            db.OrganisationAliases.Remove(alias);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
