namespace SignOnLetters.Web.Pages.Letters;

/// <summary>The link from a co-editing invitation: after signing in, the person accepts and can edit that one letter.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Security.TokenLinkThrottling.Policy)]
public class AcceptEditorInvitation(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public Model? Invitation { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        Invitation = await mediator.Send(new Query(token), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var slug = await mediator.Send(new Command(token), cancellationToken);
        TempData["Notice"] = T["You are now a co-editor of this letter."].Value;
        return RedirectToPage("Edit", new { slug });
    }

    public sealed record Query(string Token) : IQuery<Model?>;

    /// <param name="Problem">Why the link cannot be used, or null when it can.</param>
    public sealed record Model(string LetterTitle, string? Problem);

    public sealed class QueryHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Model?>
    {
        public async ValueTask<Model?> Handle(Query query, CancellationToken cancellationToken)
        {
            var invitation = await FindAsync(db, query.Token, cancellationToken);
            return invitation is null
                ? null
                : new Model(PrimaryTitle.In(invitation.Letter),
                    invitation.Problem(clock.GetUtcNow().UtcDateTime));
        }
    }

    public sealed record Command(string Token) : ICommand<string>;

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await FindAsync(db, command.Token, cancellationToken) ?? throw new NotFoundException("The invitation");
            invitation.Accept(user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            // Opened twice at once: the concurrency check on AcceptedAt lets one save through.
            await db.SaveChangesAsync(cancellationToken);
            return invitation.Letter.Slug;
        }
    }

    private static async Task<LetterEditorInvitation?> FindAsync(AppDbContext db, string token, CancellationToken cancellationToken)
    {
        if (!SecureToken.LooksValid(token))
            return null;
        var hash = SecureToken.Hash(token);
        return await db.LetterEditorInvitations
            .Include(i => i.Letter).ThenInclude(l => l.Editors)
            .SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }
}
