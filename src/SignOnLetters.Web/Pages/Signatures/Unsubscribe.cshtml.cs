using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// The unsubscribe link of an update: works without an account. A GET only shows a button (mail
/// scanners follow links); the POST stops the updates, and is also what mail clients send for
/// RFC 8058 one-click unsubscribe ("List-Unsubscribe=One-Click"), which carries no antiforgery
/// token: the unguessable link is the authority, and all it can do is stop e-mails.
/// <para>
/// Opening the link is throttled like every token link. The POST is not: one-click requests come
/// from mail providers' servers, many signers' unsubscribes from few networks, and a refused one
/// would be an unsubscribe lost. Trying tokens there costs no query: a forged token fails Data
/// Protection's authentication in memory (<see cref="UnsubscribeLinks"/>).
/// </para>
/// </summary>
[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Security.TokenLinkThrottling.Policy)]
[Infrastructure.Security.TokenLinkWhen(ReadsOnly = true)]
public class Unsubscribe(IMediator mediator) : PageModel
{
    public Target? Letter { get; private set; }

    public bool Done { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        Letter = await mediator.Send(new Query(token), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Command(token), cancellationToken);
        Done = true;
        return Page();
    }

    public sealed record Target(string Slug, string Title, bool Subscribed);

    public sealed record Query(string Token) : IQuery<Target?>;

    public sealed class QueryHandler(AppDbContext db, UnsubscribeLinks links) : IQueryHandler<Query, Target?>
    {
        public async ValueTask<Target?> Handle(Query query, CancellationToken cancellationToken) =>
            links.SignatureId(query.Token) is { } id
                ? await db.Signatures.AsNoTracking().Where(s => s.Id == id)
                    .Select(s => new Target(s.Letter.Slug,
                        s.Letter.Texts.Where(t => t.LanguageCode == s.Letter.PrimaryLanguage).Select(t => t.Title).FirstOrDefault() ?? s.Letter.Slug,
                        s.KeepMeUpdated))
                    .SingleOrDefaultAsync(cancellationToken)
                : null;
    }

    public sealed record Command(string Token) : ICommand<Target>;

    public sealed class CommandHandler(AppDbContext db, UnsubscribeLinks links, IMediator mediator) : ICommandHandler<Command, Target>
    {
        public async ValueTask<Target> Handle(Command command, CancellationToken cancellationToken)
        {
            var signature = links.SignatureId(command.Token) is { } id
                ? await db.Signatures.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
                : null;
            if (signature is null)
                throw new DomainRuleException("This link is not valid. Check that you copied the whole link from the e-mail.");
            signature.StopUpdates();
            await db.SaveChangesAsync(cancellationToken);
            return (await mediator.Send(new Query(command.Token), cancellationToken))!;
        }
    }
}
