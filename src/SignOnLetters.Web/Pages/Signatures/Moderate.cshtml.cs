using SignOnLetters.Web.Pages.Signing;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// The review queue of a letter at <c>/letters/{slug}/moderation</c>, for coordinators of the lead
/// organisation: signatures held under manual moderation or over the rate limit, with their private
/// details. Approve or reject several at once (one reason for all the rejected, kept in each one's
/// history); approving a submission held over the network limit, never confirmed, sends it the
/// confirmation e-mail it never had.
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
        var done = await mediator.Send(new Approve(slug, selected), cancellationToken);
        TempData["Notice"] = string.Join(" ", new[]
        {
            done.Approved > 0 || done.Released == 0 ? T.Plural("{0} signatures approved.", done.Approved) : null,
            done.Released > 0 ? T.Plural("{0} signers were sent their confirmation e-mail; their signatures count once they confirm.", done.Released) : null,
        }.OfType<string>());
        return RedirectToPage("Moderate", new { slug });
    }

    public async Task<IActionResult> OnPostVerifyAsync(string slug, int signatureId, CancellationToken cancellationToken)
    {
        Queue = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(new Verify(slug, signatureId), cancellationToken);
        TempData["Notice"] = T["Signature marked as verified."].Value;
        return RedirectToPage("Moderate", new { slug });
    }

    public async Task<IActionResult> OnPostRejectAsync(string slug, int[] selected, CancellationToken cancellationToken)
    {
        Queue = await mediator.Send(new Query(slug), cancellationToken);
        var rejected = await mediator.Send(Rejection with { Slug = slug, SignatureIds = selected }, cancellationToken);
        TempData["Notice"] = T.Plural("{0} signatures rejected.", rejected);
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

    /// <summary>The most signatures one approval or rejection takes: a page of the queue, with room to spare.</summary>
    public const int MaxSelected = 500;

    /// <summary>
    /// The selected signatures of this letter, tracked; a selection naming any signature that is not
    /// this letter's (another letter's, or none at all) is refused as a whole, so nothing changes.
    /// </summary>
    private static async Task<(int LetterId, List<Signature> Signatures)> SelectedAsync(
        AppDbContext db, ICurrentUser user, string slug, IReadOnlyList<int> selected, CancellationToken cancellationToken)
    {
        var letterId = await db.RequireLeadCoordinatorAsync(slug, user, cancellationToken);
        var ids = selected.Distinct().ToList();
        // Read by primary key, the letter checked on the rows read: with the letter in the SQL, SQLite
        // prefers one of the letter's indexes and walks the whole letter for a handful of ids.
        var signatures = (await db.Signatures.Where(s => ids.Contains(s.Id)).OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .Where(s => s.LetterId == letterId).ToList();
        if (signatures.Count != ids.Count)
            throw new NotFoundException("A selected signature");
        return (letterId, signatures);
    }

    /// <summary>What an approval did: signatures counted now, and held submissions sent their confirmation e-mail.</summary>
    public sealed record Approval(int Approved, int Released);

    /// <summary>
    /// Approves the selected signatures together: all or none (one save). A selected submission
    /// that was held over the network limit before any e-mail went out cannot be counted yet: it is
    /// sent its confirmation e-mail instead, and counts once its signer confirms.
    /// </summary>
    public sealed record Approve(string Slug, IReadOnlyList<int> SignatureIds) : ICommand<Approval>;

    public sealed class ApproveValidator : AbstractValidator<Approve>
    {
        public ApproveValidator() =>
            RuleFor(c => c.SignatureIds).NotEmpty().WithMessage("Select the signatures to approve.")
                .Must(ids => ids.Count <= MaxSelected).WithMessage("Approve at most 500 signatures at once.");
    }

    public sealed class ApproveHandler(
        AppDbContext db, ICurrentUser user, TimeProvider clock, SignatureEmails emails, ConfirmationMailer mailer, ConfirmationLinks links)
        : ICommandHandler<Approve, Approval>
    {
        public async ValueTask<Approval> Handle(Approve command, CancellationToken cancellationToken)
        {
            var (_, signatures) = await SelectedAsync(db, user, command.Slug, command.SignatureIds, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var contested = signatures.Any(s => s.HoldReason == HoldReason.OrganisationAlreadySigned);
            var released = new List<(Signature Signature, IssuedLinks Links)>();
            foreach (var signature in signatures)
            {
                if (signature is { State: SignatureState.HeldForReview, ConfirmedAt: null, HoldReason: HoldReason.RateLimit })
                {
                    var issued = links.Issue();
                    signature.ReleaseForConfirmation(issued.Hashes, user.RequireUserId(), now);
                    released.Add((signature, issued));
                    continue;
                }

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
            if (released.Count > 0)
            {
                // Stored with the e-mail marked as owed, so it goes even if the app stops before sending it.
                var letter = await LetterForSigning.FindAsync(db, command.Slug, CancellationToken.None);
                foreach (var (signature, issued) in released)
                    mailer.Enqueue(signature.Id, emails.Confirmation(letter.ForSigner(signature.Language), signature.Email!,
                        issued.ConfirmToken, issued.WithdrawToken, signature.ConfirmationExpiresAt!.Value));
            }
            return new Approval(signatures.Count - released.Count, released.Count);
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

    /// <summary>
    /// Rejects the selected signatures together with one reason, kept in each one's history (never
    /// sent to the signer): all or none (one save). Any pending confirmation link stops working.
    /// </summary>
    public sealed record Reject : ICommand<int>
    {
        public string Slug { get; init; } = string.Empty;
        public IReadOnlyList<int> SignatureIds { get; init; } = [];
        public string Reason { get; init; } = string.Empty;
    }

    public sealed class RejectValidator : AbstractValidator<Reject>
    {
        public RejectValidator()
        {
            RuleFor(c => c.SignatureIds).NotEmpty().WithMessage("Select the signatures to reject.")
                .Must(ids => ids.Count <= MaxSelected).WithMessage("Reject at most 500 signatures at once.");
            RuleFor(c => c.Reason).NotEmpty().CleanText(Signature.ReasonMaxLength).WithName("Reason");
        }
    }

    public sealed class RejectHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Reject, int>
    {
        public async ValueTask<int> Handle(Reject command, CancellationToken cancellationToken)
        {
            var (_, signatures) = await SelectedAsync(db, user, command.Slug, command.SignatureIds, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var signature in signatures)
                signature.Reject(user.RequireUserId(), command.Reason, now);
            await db.SaveChangesAsync(cancellationToken);
            return signatures.Count;
        }
    }
}
