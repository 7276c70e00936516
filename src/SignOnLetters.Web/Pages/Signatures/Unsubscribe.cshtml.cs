using SignOnLetters.Web.Pages.Letters;

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
        Letter = await mediator.Send(new Query(token, ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Command(token, ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);
        Done = true;
        return Page();
    }

    public sealed record Target(string Slug, string Title, bool Subscribed);

    /// <param name="Language">The reader's language, which chooses the title shown (<see cref="LetterLanguageVersions"/>).</param>
    public sealed record Query(string Token, string? Language = null) : IQuery<Target?>;

    public sealed class QueryHandler(AppDbContext db, UnsubscribeLinks links) : IQueryHandler<Query, Target?>
    {
        public async ValueTask<Target?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (links.IdOf(query.Token) is not { } id)
                return null;
            var found = await db.Signatures.AsNoTracking().Where(s => s.Id == id)
                .Select(s => new
                {
                    s.Letter.Slug, s.Letter.PrimaryLanguage, s.KeepMeUpdated,
                    Titles = s.Letter.Texts.Select(t => new LetterTitle(t.LanguageCode, t.Title)).ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            return found is null
                ? null
                : new Target(found.Slug,
                    found.Titles.Count == 0 ? found.Slug : LetterLanguageVersions.ForReader(found.Titles, t => t.Language, query.Language, found.PrimaryLanguage).Title,
                    found.KeepMeUpdated);
        }
    }

    public sealed record Command(string Token, string? Language = null) : ICommand<Target>;

    public sealed class CommandHandler(AppDbContext db, UnsubscribeLinks links, IMediator mediator) : ICommandHandler<Command, Target>
    {
        public async ValueTask<Target> Handle(Command command, CancellationToken cancellationToken)
        {
            var signature = links.IdOf(command.Token) is { } id
                ? await db.Signatures.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
                : null;
            if (signature is null)
                throw new DomainRuleException("This link is not valid. Check that you copied the whole link from the e-mail.");
            signature.StopUpdates();
            await db.SaveChangesAsync(cancellationToken);
            return (await mediator.Send(new Query(command.Token, command.Language), cancellationToken))!;
        }
    }
}
