namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>An organisation as its members see it: details, members and their roles, pending invitations.</summary>
public class Details(IMediator mediator, IStringLocalizer<SharedResource> T) : OrganisationPage<Details.Model>(mediator)
{

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await Mediator.Send(new Query(id), cancellationToken);

    public async Task<IActionResult> OnPostChangeRoleAsync(int id, string userId, OrganisationRole role, CancellationToken cancellationToken)
    {
        await Mediator.Send(new ChangeRole(id, userId, role), cancellationToken);
        TempData["Notice"] = T["Role changed."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, string userId, CancellationToken cancellationToken)
    {
        await Mediator.Send(new RemoveMember(id, userId), cancellationToken);
        TempData["Notice"] = T["Member removed."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLeaveAsync(int id, CancellationToken cancellationToken)
    {
        await Mediator.Send(new Leave(id), cancellationToken);
        TempData["Notice"] = T["You have left the organisation."].Value;
        return RedirectToPage("Index");
    }

    protected override IQuery<Model> Load(int organisationId) => new Query(organisationId);

    public sealed record Query(int Id) : IQuery<Model>, IOrganisationMemberRequest
    {
        int IOrganisationMemberRequest.OrganisationId => Id;
    }

    public sealed record Model(
        int Id, string Name, string CountryCode, string? Website, bool HasLogo, DateTime CreatedAt,
        bool CanManage, string CurrentUserId, IReadOnlyList<Member> Members, IReadOnlyList<PendingInvitation> Invitations);

    public sealed record Member(string UserId, string Name, string? Email, OrganisationRole Role, DateTime JoinedAt);

    public sealed record PendingInvitation(int Id, string Email, OrganisationRole Role, DateTime ExpiresAt);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var organisation = await db.LoadForMemberAsync(query.Id, user, cancellationToken);
            var canManage = organisation.IsCoordinator(user.UserId) || user.IsAdministrator;
            var members = await db.OrganisationMemberships.AsNoTracking()
                .Where(m => m.OrganisationId == query.Id)
                .OrderByDescending(m => m.Role).ThenBy(m => m.User.Email)
                .Select(m => new Member(m.UserId, m.User.DisplayName ?? m.User.Email!, m.User.Email, m.Role, m.JoinedAt))
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var invitations = canManage
                ? await db.OrganisationInvitations.AsNoTracking()
                    .Where(i => i.OrganisationId == query.Id && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                    .OrderBy(i => i.Email)
                    .Select(i => new PendingInvitation(i.Id, i.Email, i.Role, i.ExpiresAt))
                    .ToListAsync(cancellationToken)
                : [];
            return new Model(organisation.Id, organisation.Name, organisation.CountryCode, organisation.Website, organisation.Logo is not null,
                organisation.CreatedAt, canManage, user.UserId ?? string.Empty, members, invitations);
        }
    }

    public sealed record ChangeRole(int OrganisationId, string UserId, OrganisationRole Role) : ICommand, IOrganisationCoordinatorRequest;

    public sealed class ChangeRoleHandler(AppDbContext db, ICurrentUser user) : ICommandHandler<ChangeRole>
    {
        public async ValueTask<Unit> Handle(ChangeRole command, CancellationToken cancellationToken)
        {
            if (!Enum.IsDefined(command.Role))
                throw new DomainRuleException("Choose coordinator or representative.");
            var organisation = await db.LoadForCoordinatorAsync(command.OrganisationId, user, cancellationToken);
            organisation.ChangeRole(command.UserId, command.Role);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public sealed record RemoveMember(int OrganisationId, string UserId) : ICommand, IOrganisationCoordinatorRequest;

    public sealed class RemoveMemberHandler(AppDbContext db, ICurrentUser user) : ICommandHandler<RemoveMember>
    {
        public async ValueTask<Unit> Handle(RemoveMember command, CancellationToken cancellationToken)
        {
            var organisation = await db.LoadForCoordinatorAsync(command.OrganisationId, user, cancellationToken);
            organisation.RemoveMember(command.UserId);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public sealed record Leave(int OrganisationId) : ICommand, IOrganisationMemberRequest;

    public sealed class LeaveHandler(AppDbContext db, ICurrentUser user) : ICommandHandler<Leave>
    {
        public async ValueTask<Unit> Handle(Leave command, CancellationToken cancellationToken)
        {
            var organisation = await db.LoadForMemberAsync(command.OrganisationId, user, cancellationToken);
            organisation.RemoveMember(user.RequireUserId());
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
