using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Web.Infrastructure.Security;
using SignOnLetters.Web.Infrastructure.Signing;
using SignOnLetters.Web.Infrastructure.Validation;

namespace SignOnLetters.Web.Pages.Letters;

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

    public void OnGet(string slug) => Data = new Command { Slug = slug };

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        await mediator.Send(Data with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T[Answer].Value;
        return RedirectToPage("Resend", new { slug });
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

    public sealed class CommandHandler(AppDbContext db, TimeProvider clock, SigningRateLimiter rateLimiter, IClientAddress client, SignatureEmails emails)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var letter = await LetterForSigning.FindAsync(db, command.Slug, cancellationToken);
            // Resends count against the same limit as signing: the form cannot be used to flood a mailbox.
            if (!rateLimiter.TryAcquire(client.Address, letter.Terms.LetterId))
                return Unit.Value;
            var key = EmailCanonicalizer.Canonicalize(command.Email);
            var signature = await db.Signatures.SingleOrDefaultAsync(s => s.LetterId == letter.Terms.LetterId && s.EmailKey == key
                && s.State == SignatureState.PendingConfirmation, cancellationToken);
            if (signature is not null)
                await ConfirmationResend.SendAsync(db, emails, signature, letter, clock.GetUtcNow().UtcDateTime, cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Sends a pending signature's confirmation again with fresh links, within its resend limits.</summary>
internal static class ConfirmationResend
{
    public static async Task SendAsync(AppDbContext db, SignatureEmails emails, Signature signature, LetterForSigning letter, DateTime now, CancellationToken cancellationToken)
    {
        var (confirmToken, confirmHash) = SecureToken.Create();
        var (withdrawToken, withdrawHash) = SecureToken.Create();
        var language = Infrastructure.ReaderLanguage.For(signature.Language, letter.Language);
        if (signature.TryReissueConfirmation(new ConfirmationTokens(confirmHash, withdrawHash), now))
        {
            await db.SaveChangesAsync(cancellationToken);
            await emails.SendConfirmationAsync(language, signature.Email!, letter.Title, confirmToken, withdrawToken, now);
        }
        else if (signature.State != SignatureState.PendingConfirmation && signature.Email is not null)
        {
            await emails.SendAlreadySignedAsync(language, signature.Email, letter.Title);
        }
    }
}
