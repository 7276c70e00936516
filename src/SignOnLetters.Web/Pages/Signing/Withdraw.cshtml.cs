using SignOnLetters.Web.Pages.Signatures;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// The withdraw link from the signing e-mail: works without an account, at any time, also after
/// confirmation. As with confirmation, only the POST acts.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Security.TokenLinkThrottling.Policy)]
public class Withdraw(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public LinkTarget? Target { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        Target = await mediator.Send(new Query(token), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        // Loaded first: a refusal ("write to the letter's coordinators") re-renders the page with a link to them.
        Target = await mediator.Send(new Query(token), cancellationToken);
        var slug = await mediator.Send(new Command(token), cancellationToken);
        TempData["Notice"] = T["Your signature has been withdrawn. It is no longer shown or counted."].Value;
        return Redirect($"/letters/{slug}/signatories");
    }

    public sealed record Query(string Token) : IQuery<LinkTarget?>;

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, LinkTarget?>
    {
        public async ValueTask<LinkTarget?> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Signatures.AsNoTracking().WithWithdrawToken(query.Token)
                .Select(SignatureLinks.ToTarget).SingleOrDefaultAsync(cancellationToken);
    }

    public sealed record Command(string Token) : ICommand<string>;

    public sealed class CommandHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var found = await db.Signatures.WithWithdrawToken(command.Token)
                .Select(s => new { Signature = s, s.Letter.Slug })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new DomainRuleException(SignatureLinks.NotValid);
            found.Signature.Withdraw(SignatureActor.Signer, null, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return found.Slug;
        }
    }
}
