using SignOnLetters.Web.Pages.Letters;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// Where an invitation's tracked link leads, <c>/letters/{slug}/invited/{token}</c>, for anyone
/// holding the link: opening it marks the invitation opened and offers the sign form with the
/// organisation filled in, or a way to decline (no more reminders). A token that matches no
/// invitation of this letter is "not found".
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(TokenLinkThrottling.Policy)]
public class Invited(IMediator mediator) : PageModel
{
    public Model Invitation { get; private set; } = null!;

    public async Task OnGetAsync(string slug, string token, CancellationToken cancellationToken) =>
        Invitation = await mediator.Send(new Open(slug, token), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string slug, string token, CancellationToken cancellationToken)
    {
        Invitation = await mediator.Send(new Decline(slug, token), cancellationToken);
        return Page();
    }

    public sealed record Model(string Slug, string Token, string LetterTitle, string OrganisationName, bool IsOpen, bool Declined);

    /// <summary>Marks the invitation opened (a GET with an effect, as every tracked link has).</summary>
    public sealed record Open(string Slug, string Token) : ICommand<Model>;

    public sealed record Decline(string Slug, string Token) : ICommand<Model>;

    public sealed class Handler(AppDbContext db, TimeProvider clock) : ICommandHandler<Open, Model>, ICommandHandler<Decline, Model>
    {
        public ValueTask<Model> Handle(Open command, CancellationToken cancellationToken) =>
            ChangeAsync(command.Slug, command.Token, (invitation, now) => invitation.Open(now), cancellationToken);

        public ValueTask<Model> Handle(Decline command, CancellationToken cancellationToken) =>
            ChangeAsync(command.Slug, command.Token, (invitation, now) => invitation.Decline(now), cancellationToken);

        private async ValueTask<Model> ChangeAsync(string slug, string token, Action<PartnerInvitation, DateTime> change, CancellationToken cancellationToken)
        {
            if (!SecureToken.LooksValid(token))
                throw new NotFoundException("The invitation");
            var letter = await LetterForSigning.FindAsync(db, slug, cancellationToken);
            var invitation = await db.PartnerInvitations.WithLinkToken(letter.Terms.LetterId, token).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The invitation");
            change(invitation, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return new Model(slug, token, letter.Title, invitation.OrganisationName, letter.Terms.Status == LetterStatus.Open,
                invitation.State == PartnerInvitationState.Declined);
        }
    }
}

public static class PartnerInvitationLinks
{
    /// <summary>
    /// The letter's invitation whose link carries <paramref name="token"/> (found by its hash; the
    /// token itself is never stored), or none for a malformed token.
    /// </summary>
    public static IQueryable<PartnerInvitation> WithLinkToken(this IQueryable<PartnerInvitation> invitations, int letterId, string? token)
    {
        if (token is null || !SecureToken.LooksValid(token))
            return invitations.Where(_ => false);
        var hash = SecureToken.Hash(token);
        return invitations.Where(i => i.LetterId == letterId && i.TokenHash == hash);
    }
}
