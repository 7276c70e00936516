using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// The "no more reminders" link of a partner invitation, <c>/invitations/stop-reminders/{token}</c>:
/// works without an account. A GET only shows a button (mail scanners follow links); the POST stops
/// the reminders, and is also what mail clients send for RFC 8058 one-click unsubscribe, which
/// carries no antiforgery token: the unguessable link is the authority, and all it can do is stop
/// e-mails. The invitation stays as it was (not declined): its link still opens the sign form.
/// Throttled like <see cref="Unsubscribe"/>, for the same reasons.
/// </summary>
[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Security.TokenLinkThrottling.Policy)]
[Infrastructure.Security.TokenLinkWhen(ReadsOnly = true)]
public class StopReminders(IMediator mediator) : PageModel
{
    public Target? Invitation { get; private set; }

    public bool Done { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        Invitation = await mediator.Send(new Query(token, ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Invitation = await mediator.Send(new Command(token, ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);
        Done = true;
        return Page();
    }

    /// <param name="Stopped">Whether reminders were already stopped before this visit.</param>
    public sealed record Target(string Slug, string Title, string OrganisationName, bool Stopped);

    /// <param name="Language">The reader's language, which chooses the title shown (<see cref="LetterLanguageVersions"/>).</param>
    public sealed record Query(string Token, string? Language = null) : IQuery<Target?>;

    public sealed class QueryHandler(AppDbContext db, ReminderStopLinks links) : IQueryHandler<Query, Target?>
    {
        public async ValueTask<Target?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (links.IdOf(query.Token) is not { } id)
                return null;
            var found = await db.PartnerInvitations.AsNoTracking().Where(i => i.Id == id)
                .Select(i => new
                {
                    i.OrganisationName, i.RemindersStoppedAt,
                    Letter = db.Letters.Where(l => l.Id == i.LetterId).Select(l => new
                    {
                        l.Slug, l.PrimaryLanguage,
                        Titles = l.Texts.Select(t => new LetterTitle(t.LanguageCode, t.Title)).ToList(),
                    }).Single(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            return found is null
                ? null
                : new Target(found.Letter.Slug,
                    found.Letter.Titles.Count == 0 ? found.Letter.Slug
                        : LetterLanguageVersions.ForReader(found.Letter.Titles, t => t.Language, query.Language, found.Letter.PrimaryLanguage).Title,
                    found.OrganisationName, found.RemindersStoppedAt is not null);
        }
    }

    public sealed record Command(string Token, string? Language = null) : ICommand<Target>;

    public sealed class CommandHandler(AppDbContext db, ReminderStopLinks links, IMediator mediator, TimeProvider clock) : ICommandHandler<Command, Target>
    {
        public async ValueTask<Target> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = links.IdOf(command.Token) is { } id
                ? await db.PartnerInvitations.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
                : null;
            if (invitation is null)
                throw new DomainRuleException("This link is not valid. Check that you copied the whole link from the e-mail.");
            invitation.StopReminders(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return (await mediator.Send(new Query(command.Token, command.Language), cancellationToken))!;
        }
    }
}
