using Microsoft.Extensions.Localization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// The confirmation link from the signing e-mail. Opening it shows a button; only the POST confirms,
/// because mail scanners open links in e-mails (a GET that confirmed would confirm for them). The
/// link works once and for seven days.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Security.TokenLinkThrottling.Policy)]
public class Confirm(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public Model Link { get; private set; } = new(null, SignatureLinks.NotValid);

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) =>
        Link = await mediator.Send(new Query(token), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var outcome = await mediator.Send(new Command(token), cancellationToken);
        TempData["Notice"] = (outcome.Approved
            ? T["Thank you: your signature is confirmed and counted."]
            : T["Thank you: your signature is confirmed. It will appear once the letter's coordinators have reviewed it."]).Value;
        return Redirect($"/letters/{outcome.Slug}/signatories");
    }

    public sealed record Query(string Token) : IQuery<Model>;

    /// <param name="Problem">Why the link cannot be used, or null when it can.</param>
    public sealed record Model(LinkTarget? Target, string? Problem);

    public sealed class QueryHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var target = await db.Signatures.AsNoTracking().WithConfirmationToken(query.Token)
                .Select(SignatureLinks.ToTarget).SingleOrDefaultAsync(cancellationToken);
            if (target is null || target.State != SignatureState.PendingConfirmation)
                return new Model(null, SignatureLinks.NotValid);
            return clock.GetUtcNow().UtcDateTime >= target.ConfirmationExpiresAt
                ? new Model(null, "This confirmation link has expired. Sign again to receive a new one.")
                : new Model(target, null);
        }
    }

    public sealed record Command(string Token) : ICommand<Outcome>;

    public sealed record Outcome(string Slug, bool Approved);

    public sealed class CommandHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var found = await db.Signatures.WithConfirmationToken(command.Token)
                .Select(s => new { Signature = s, s.Letter.Slug, s.Letter.Moderation })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new DomainRuleException(SignatureLinks.NotValid);
            // The letter's moderation now, not when signing: a coordinator may have switched it.
            found.Signature.Confirm(found.Moderation, clock.GetUtcNow().UtcDateTime);
            // Two clicks at once: the ChangeCount token lets one save win.
            await db.SaveChangesAsync(cancellationToken);
            return new Outcome(found.Slug, found.Signature.State == SignatureState.Approved);
        }
    }
}
