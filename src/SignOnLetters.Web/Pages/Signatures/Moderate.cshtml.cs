using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Web.Pages.Signing;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Infrastructure.Validation;

using SignOnLetters.Web.Infrastructure.Security;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// The review queue of a letter at <c>/letters/{slug}/moderation</c>, for coordinators of the lead
/// organisation: signatures held under manual moderation or over the rate limit, with their private
/// details. Approve one or several at once, or reject one with a reason (kept in its history).
/// </summary>
[Authorize]
public class Moderate(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public Reject Rejection { get; set; } = new();

    public Model Queue { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken) =>
        Queue = await mediator.Send(new Query(slug), cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(string slug, int[] selected, CancellationToken cancellationToken)
    {
        Queue = await mediator.Send(new Query(slug), cancellationToken);
        var approved = await mediator.Send(new Approve(slug, selected), cancellationToken);
        TempData["Notice"] = T.Plural("{0} signatures approved.", approved);
        return RedirectToPage("Moderate", new { slug });
    }

    public async Task<IActionResult> OnPostVerifyAsync(string slug, int signatureId, CancellationToken cancellationToken)
    {
        Queue = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(new Verify(slug, signatureId), cancellationToken);
        TempData["Notice"] = T["Signature marked as verified."].Value;
        return RedirectToPage("Moderate", new { slug });
    }

    public async Task<IActionResult> OnPostRejectAsync(string slug, CancellationToken cancellationToken)
    {
        Queue = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(Rejection with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T["Signature rejected."].Value;
        return RedirectToPage("Moderate", new { slug });
    }

    public sealed record Query(string Slug) : IQuery<Model>;

    /// <param name="Unverified">Counted organisation signatures nobody verified, listed publicly with an "unverified" note.</param>
    public sealed record Model(string Slug, IReadOnlyList<Held> Signatures, IReadOnlyList<Held> Unverified);

    public sealed record Held(
        int Id, SignerKind Kind, string? OrganisationName, string SignerName, string? Role, string CountryCode, string? Email,
        HoldReason Reason, bool Confirmed, DateTime CreatedAt);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            var held = await db.Signatures.AsNoTracking()
                .Where(s => s.LetterId == letterId && s.State == SignatureState.HeldForReview)
                .OrderBy(s => s.Id)
                .Select(s => new Held(s.Id, s.Kind, s.OrganisationName, s.SignerName, s.Role, s.CountryCode, s.Email,
                    s.HoldReason, s.ConfirmedAt != null, s.CreatedAt))
                .ToListAsync(cancellationToken);
            var unverified = await db.Signatures.AsNoTracking()
                .Where(s => s.LetterId == letterId && s.State == SignatureState.Approved && s.Kind == SignerKind.Organisation
                            && s.Verification == OrganisationVerification.Unverified)
                .OrderBy(s => s.Id)
                .Select(s => new Held(s.Id, s.Kind, s.OrganisationName, s.SignerName, s.Role, s.CountryCode, s.Email,
                    s.HoldReason, s.ConfirmedAt != null, s.CreatedAt))
                .ToListAsync(cancellationToken);
            return new Model(query.Slug, held, unverified);
        }
    }

    /// <summary>Approves the selected signatures together: all or none (one save).</summary>
    public sealed record Approve(string Slug, IReadOnlyList<int> SignatureIds) : ICommand<int>;

    public sealed class ApproveValidator : AbstractValidator<Approve>
    {
        public ApproveValidator() =>
            RuleFor(c => c.SignatureIds).NotEmpty().WithMessage("Select the signatures to approve.")
                .Must(ids => ids.Count <= 500).WithMessage("Approve at most 500 signatures at once.");
    }

    public sealed class ApproveHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Approve, int>
    {
        public async ValueTask<int> Handle(Approve command, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            var ids = command.SignatureIds.Distinct().ToList();
            var signatures = await db.Signatures.Where(s => s.LetterId == letterId && ids.Contains(s.Id)).ToListAsync(cancellationToken);
            if (signatures.Count != ids.Count)
                throw new NotFoundException("A selected signature");
            var now = clock.GetUtcNow().UtcDateTime;
            var contested = signatures.Any(s => s.HoldReason == HoldReason.OrganisationAlreadySigned);
            foreach (var signature in signatures)
            {
                // A signature held because its organisation had signed from another mailbox takes
                // the organisation's claim when approved: only once that other signature has gone.
                if (signature.HoldReason == HoldReason.OrganisationAlreadySigned
                    && await SignatureClaims.FindHolderAsync(db, signature, cancellationToken) is { } holder)
                    throw new DomainRuleException("{0} already has signature {1} on this letter. Merge one into the other, or reject or withdraw signature {1}, before approving signature {2}.",
                        holder.OrganisationName ?? holder.SignerName, holder.Id, signature.Id);
                signature.Approve(user.RequireUserId(), now);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (contested && exception is not DbUpdateConcurrencyException)
            {
                // The unique index: another signature took the organisation between the check and the save.
                throw new DomainRuleException("Another signature took the same organisation or address a moment ago. Reload the page to see it.");
            }
            return signatures.Count;
        }
    }

    /// <summary>
    /// A coordinator of the letter says a counted organisation signature is the organisation's: the
    /// public list, the API and the PDF then show it as verified.
    /// </summary>
    public sealed record Verify(string Slug, int SignatureId) : ICommand;

    public sealed class VerifyValidator : AbstractValidator<Verify>
    {
        public VerifyValidator() => RuleFor(c => c.SignatureId).GreaterThan(0).WithMessage("Choose a signature.");
    }

    public sealed class VerifyHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Verify>
    {
        public async ValueTask<Unit> Handle(Verify command, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            var signature = await db.Signatures.Include(s => s.Letter)
                .SingleOrDefaultAsync(s => s.LetterId == letterId && s.Id == command.SignatureId, cancellationToken)
                ?? throw new NotFoundException("The signature");
            signature.VerifyByCoordinator(user.RequireUserId(), signature.Letter.Moderation, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public sealed record Reject : ICommand
    {
        public string Slug { get; init; } = string.Empty;
        public int SignatureId { get; init; }
        public string Reason { get; init; } = string.Empty;
    }

    public sealed class RejectValidator : AbstractValidator<Reject>
    {
        public RejectValidator() =>
            RuleFor(c => c.Reason).NotEmpty().CleanText(Signature.ReasonMaxLength).WithName("Reason");
    }

    public sealed class RejectHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Reject>
    {
        public async ValueTask<Unit> Handle(Reject command, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            var signature = await db.Signatures.SingleOrDefaultAsync(s => s.LetterId == letterId && s.Id == command.SignatureId, cancellationToken)
                ?? throw new NotFoundException("The signature");
            signature.Reject(user.RequireUserId(), command.Reason, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
