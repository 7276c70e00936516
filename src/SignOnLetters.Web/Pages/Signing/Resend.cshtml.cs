using SignOnLetters.Web.Infrastructure.Caching;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// "I lost the confirmation e-mail": <c>/letters/{slug}/sign/resend</c> sends the link again to an
/// address that signed and has not confirmed, within the resend limits. The answer is the same
/// whether or not the address signed, so the form tells nobody who signed.
/// </summary>
public class Resend(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public const string Answer = "If this address signed the letter and has not confirmed yet, we sent the confirmation link again. Check your inbox.";

    [BindProperty]
    public Command Data { get; set; } = new();

    /// <summary>The letter's title in the reader's language, so they know which letter this is about.</summary>
    public string? LetterTitle { get; private set; }

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Data = new Command { Slug = slug };
        LetterTitle = await mediator.Send(new TitleQuery(slug, ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        LetterTitle = await mediator.Send(new TitleQuery(slug, ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);
        await mediator.Send(Data with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T[Answer].Value;
        return RedirectToPage("Resend", new { slug });
    }

    public sealed record TitleQuery(string Slug, string? Language) : IQuery<string>;

    public sealed class TitleQueryHandler(AppDbContext db, SigningLetterCache letters) : IQueryHandler<TitleQuery, string>
    {
        public async ValueTask<string> Handle(TitleQuery query, CancellationToken cancellationToken) =>
            (await letters.FindAsync(db, query.Slug, cancellationToken)).TitleFor(query.Language);
    }

    public sealed record Command : ICommand
    {
        public string Slug { get; init; } = string.Empty;
        public string Email { get; init; } = string.Empty;
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator() => RuleFor(c => c.Email).EmailAddress().WithName("E-mail address");
    }

    /// <summary>
    /// Only hands the address to <see cref="ConfirmationResends"/>: looking it up, and the work and
    /// the e-mail that follow when it signed, happen after the answer, so the answer takes the same
    /// time whether or not the address signed (issue 18).
    /// </summary>
    public sealed class CommandHandler(AppDbContext db, SigningRateLimiter rateLimiter, IClientAddress client, ConfirmationResends resends)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var letter = await LetterForSigning.FindAsync(db, command.Slug, cancellationToken);
            // Resends count against the same limit as signing: the form cannot be used to flood a mailbox.
            if (rateLimiter.TryAcquire(client.Address, letter.Terms.LetterId))
                resends.Enqueue(letter.Terms.LetterId, command.Slug, EmailCanonicalizer.Canonicalize(command.Email));
            return Unit.Value;
        }
    }
}
