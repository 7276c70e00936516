namespace SignOnLetters.Web.Pages.Memberships;

/// <summary>
/// The link from an invitation e-mail. Signing in (or creating an account) comes first; then the
/// person sees which organisation invited them and accepts. The link works once and expires.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Security.TokenLinkThrottling.Policy)]
public class AcceptInvitation(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public Model? Invitation { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        Invitation = await mediator.Send(new Query(token), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var organisationId = await mediator.Send(new Command(token), cancellationToken);
        TempData["Notice"] = T["Welcome! You are now a member."].Value;
        return RedirectToPage("/Organisations/Details", new { id = organisationId });
    }

    public sealed record Query(string Token) : IQuery<Model?>;

    /// <param name="Problem">Why the link cannot be used, or null when it can.</param>
    public sealed record Model(string OrganisationName, OrganisationRole Role, string InvitedEmail, string? Problem);

    public sealed class QueryHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query query, CancellationToken cancellationToken)
        {
            var invitation = await FindAsync(db, query.Token, cancellationToken);
            if (invitation is null)
                return null;
            var now = clock.GetUtcNow().UtcDateTime;
            var problem = invitation.AcceptedAt is not null ? "This invitation has already been used."
                : invitation.RevokedAt is not null ? "This invitation was withdrawn by the organisation."
                : now >= invitation.ExpiresAt ? "This invitation has expired. Ask the organisation's coordinator for a new one."
                : null;
            return new Model(invitation.Organisation.Name, invitation.Role, invitation.Email, problem);
        }
    }

    public sealed record Command(string Token) : ICommand<int>;

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await FindAsync(db, command.Token, cancellationToken)
                ?? throw new NotFoundException("The invitation");
            invitation.Accept(user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            // A second tab accepting the same link at once: the concurrency check on AcceptedAt
            // lets only one save succeed (see the invitation's configuration).
            await db.SaveChangesAsync(cancellationToken);
            return invitation.OrganisationId;
        }
    }

    private static async Task<OrganisationInvitation?> FindAsync(AppDbContext db, string token, CancellationToken cancellationToken)
    {
        if (!SecureToken.LooksValid(token))
            return null;
        var hash = SecureToken.Hash(token);
        return await db.OrganisationInvitations
            .Include(i => i.Organisation).ThenInclude(o => o.Memberships)
            .SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }
}
