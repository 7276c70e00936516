using LinqKit;

namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>
/// Signatures in this organisation's name that nobody has verified, on any letter, for its
/// coordinators at <c>/organisations/{id}/signatures</c> (issue 18, row 3): those held for them
/// (confirmed from an address off the organisation's web domain, <see cref="HoldReason.HeldForOrganisation"/>)
/// and those already counted with an "unverified" note. Approving one marks it verified (a held one
/// then goes on as the letter's moderation says); rejecting one takes it off the letter. Only
/// signatures whose name is this organisation's (by confusable skeleton) and unverified are found
/// here: any other id gets "not found", whoever's it is.
/// </summary>
public class Signatures(IMediator mediator, IStringLocalizer<SharedResource> T) : OrganisationPage<Signatures.Model>(mediator)
{
    [BindProperty]
    public Reject Rejection { get; set; } = new();


    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await Mediator.Send(new Query(id), cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(int id, int signatureId, CancellationToken cancellationToken)
    {
        await Mediator.Send(new Approve(id, signatureId), cancellationToken);
        TempData["Notice"] = T["Signature marked as verified."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRejectAsync(int id, CancellationToken cancellationToken)
    {
        await Mediator.Send(Rejection with { OrganisationId = id }, cancellationToken);
        TempData["Notice"] = T["Signature rejected."].Value;
        return RedirectToPage(new { id });
    }

    protected override IQuery<Model> Load(int organisationId) => new Query(organisationId);

    public sealed record Query(int OrganisationId) : IQuery<Model>, IOrganisationCoordinatorRequest;

    public sealed record Model(int Id, string Name, IReadOnlyList<Claim> Held, IReadOnlyList<Claim> Counted);

    /// <param name="Email">Private: shown to the coordinators so they can tell whether the signer is one of theirs.</param>
    public sealed record Claim(int Id, string LetterSlug, string LetterTitle, string? OrganisationName, string SignerName, string? Role,
        string CountryCode, string? Email, DateTime CreatedAt);

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == query.OrganisationId)
                .Select(o => new { o.Name, o.NormalizedName }).SingleAsync(cancellationToken);
            var claims = await Unverified(db, organisation.NormalizedName).AsExpandable()
                .OrderBy(s => s.Id)
                .Select(s => new
                {
                    s.State,
                    Claim = new Claim(s.Id, s.Letter.Slug,
                        PrimaryTitle.Of.Invoke(s.Letter) ?? s.Letter.Slug,
                        s.OrganisationName, s.SignerName, s.Role, s.CountryCode, s.Email, s.CreatedAt),
                })
                .ToListAsync(cancellationToken);
            return new Model(query.OrganisationId, organisation.Name,
                claims.Where(c => c.State == SignatureState.HeldForReview).Select(c => c.Claim).ToList(),
                claims.Where(c => c.State == SignatureState.Approved).Select(c => c.Claim).ToList());
        }
    }

    /// <summary>
    /// The signatures this organisation's coordinators decide about: in its name (its confusable
    /// skeleton), unverified, and either held for it or counted.
    /// </summary>
    private static IQueryable<Signature> Unverified(AppDbContext db, string organisationKey) =>
        db.Signatures.Where(s => s.OrganisationKey == organisationKey && s.Kind == SignerKind.Organisation
                                 && s.Verification == OrganisationVerification.Unverified
                                 && (s.State == SignatureState.Approved
                                     || (s.State == SignatureState.HeldForReview && s.HoldReason == HoldReason.HeldForOrganisation)));

    private static async Task<Signature> FindAsync(AppDbContext db, int organisationId, int signatureId, CancellationToken cancellationToken)
    {
        var key = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.NormalizedName).SingleAsync(cancellationToken);
        return await Unverified(db, key).Include(s => s.Letter).SingleOrDefaultAsync(s => s.Id == signatureId, cancellationToken)
               ?? throw new NotFoundException("The signature");
    }

    /// <summary>The signature is the organisation's: marked verified.</summary>
    public sealed record Approve(int OrganisationId, int SignatureId) : ICommand, IOrganisationCoordinatorRequest;

    public sealed class ApproveValidator : AbstractValidator<Approve>
    {
        public ApproveValidator() => RuleFor(c => c.SignatureId).GreaterThan(0).WithMessage("Choose a signature.");
    }

    public sealed class ApproveHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Approve>
    {
        public async ValueTask<Unit> Handle(Approve command, CancellationToken cancellationToken)
        {
            var signature = await FindAsync(db, command.OrganisationId, command.SignatureId, cancellationToken);
            signature.VerifyByCoordinator(user.RequireUserId(), signature.Letter.Moderation, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>The signature is not the organisation's: rejected, with a reason kept in its history.</summary>
    public sealed record Reject : ICommand, IOrganisationCoordinatorRequest
    {
        public int OrganisationId { get; init; }
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
            var signature = await FindAsync(db, command.OrganisationId, command.SignatureId, cancellationToken);
            signature.Reject(user.RequireUserId(), command.Reason, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
