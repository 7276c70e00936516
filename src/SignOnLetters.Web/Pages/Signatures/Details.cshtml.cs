using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Mediation;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// One signature for the letter's coordinators, at <c>/letters/{slug}/signatures/{id}</c>: its
/// details, its audit trail, and what a coordinator does with it. <b>Erase</b> carries out a
/// signer's request to erase their personal data (see <see cref="Signature.EraseOnRequest"/>).
/// </summary>
[Authorize]
public class Details(IMediator mediator) : PageModel
{
    public Model Signature { get; private set; } = null!;

    public async Task OnGetAsync(string slug, int signatureId, CancellationToken cancellationToken) =>
        Signature = await mediator.Send(new Query(slug, signatureId), cancellationToken);

    public async Task<IActionResult> OnPostEraseAsync(string slug, int signatureId, CancellationToken cancellationToken)
    {
        Signature = await mediator.Send(new Query(slug, signatureId), cancellationToken);
        TempData["Notice"] = await mediator.Send(new Erase(slug, signatureId), cancellationToken) == SignatureState.Erased
            ? "The signer's personal data is erased and the signature removed."
            : "The signer's personal data is erased; the delivered letter keeps an anonymous count.";
        return RedirectToPage("Details", new { slug, signatureId });
    }

    public sealed record Query(string Slug, int Id) : IQuery<Model>;

    public sealed record Model(string Slug, bool LetterDelivered, Index.Row Row, string? Website, bool KeepMeUpdated, string? ClientNetwork,
        DateTime? AnonymisedAt, IReadOnlyList<Entry> History);

    /// <param name="Actor">Who acted: the coordinator's e-mail, "signer" or "system".</param>
    public sealed record Entry(DateTime At, SignatureState? From, SignatureState To, string Actor, string? Reason);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            var signature = await db.Signatures.AsNoTracking()
                .Where(s => s.LetterId == letterId && s.Id == query.Id)
                .Select(s => new
                {
                    Row = new Index.Row(s.Id, s.Kind, s.OrganisationName, s.SignerName, s.Role, s.CountryCode, s.Email, s.State, s.Visibility,
                        s.Source, s.CreatedAt, s.ConfirmedAt, s.ErasedAt),
                    s.Website, s.KeepMeUpdated, s.ClientNetwork, s.AnonymisedAt, Delivered = s.Letter.DeliveredAt != null,
                })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The signature");
            var history = await db.SignatureEvents.AsNoTracking()
                .Where(e => e.SignatureId == query.Id)
                .OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new
                {
                    e.At, e.FromState, e.ToState, e.Actor, e.Reason,
                    ActorEmail = db.Users.Where(u => u.Id == e.ActorUserId).Select(u => u.Email).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            return new Model(query.Slug, signature.Delivered, signature.Row, signature.Website, signature.KeepMeUpdated, signature.ClientNetwork,
                signature.AnonymisedAt,
                history.Select(e => new Entry(e.At, e.FromState, e.ToState,
                    e.Actor == SignatureActor.Coordinator ? e.ActorEmail ?? "a coordinator" : e.Actor.ToString().ToLowerInvariant(), e.Reason)).ToList());
        }
    }

    /// <summary>Erases the signer's personal data on their request; answers the state the signature is left in.</summary>
    public sealed record Erase(string Slug, int SignatureId) : ICommand<SignatureState>, ILetterCoordinatorRequest;

    public sealed class EraseHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Erase, SignatureState>
    {
        public async ValueTask<SignatureState> Handle(Erase command, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            var signature = await db.Signatures.Include(s => s.Events)
                .SingleOrDefaultAsync(s => s.LetterId == letterId && s.Id == command.SignatureId, cancellationToken)
                ?? throw new NotFoundException("The signature");
            var delivered = await db.Letters.Where(l => l.Id == letterId).Select(l => l.DeliveredAt != null).SingleAsync(cancellationToken);
            signature.EraseOnRequest(delivered, user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return signature.State;
        }
    }
}
