using SignOnLetters.Web.Pages.Signing;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// A coordinator enters a signature that came on paper or by e-mail, at
/// <c>/letters/{slug}/signatures/paper</c>. It is marked as such (<see cref="SignatureSource.Paper"/>),
/// counted and listed like any other at once, and no e-mail goes to the signer: the coordinator
/// vouches for their consent. The letter's terms and the duplicate rules (one signature per
/// organisation and per e-mail address) are the same as on the public form.
/// </summary>
[Authorize]
public class AddPaper(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public string Slug { get; private set; } = string.Empty;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        await mediator.Send(new Query(slug), cancellationToken);
        Slug = slug;
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        Slug = slug;
        var id = await mediator.Send(Data with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T["The paper signature is recorded and counted."].Value;
        return Redirect($"/letters/{slug}/signatures#signature-{id}");
    }

    /// <summary>Only checks who is asking, so the blank form is shown to the letter's coordinators alone.</summary>
    public sealed record Query(string Slug) : IQuery<Unit>, ILetterCoordinatorRequest;

    public sealed class QueryHandler : IQueryHandler<Query, Unit>
    {
        public ValueTask<Unit> Handle(Query query, CancellationToken cancellationToken) => ValueTask.FromResult(Unit.Value);
    }

    public sealed record Command : ICommand<int>, ISignerFields, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public SignerKind Kind { get; init; }
        public string? OrganisationName { get; init; }
        public string? CountryCode { get; init; }
        public string SignerName { get; init; } = string.Empty;
        public string? Role { get; init; }

        /// <summary>Optional: a paper signature may come without an address. Kept private; nothing is sent to it.</summary>
        public string? Email { get; init; }

        public string? Website { get; init; }
        public SignatureVisibility Visibility { get; init; }

        /// <summary>The coordinator confirms the signer agreed to sign and to appear as chosen.</summary>
        public bool SignerConsented { get; init; }

        internal SignerDetails Details => new(Kind, OrganisationName, CountryCode ?? string.Empty, SignerName, Role, Website,
            string.IsNullOrWhiteSpace(Email) ? null : Email, Visibility, KeepMeUpdated: false);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Slug).NotEmpty();
            Include(new EnteredSignerValidator());
            RuleFor(c => c.SignerConsented).Equal(true).WithMessage("Confirm that the signer agreed to sign and to appear as chosen.");
        }
    }

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var letter = await LetterForSigning.FindAsync(db, command.Slug, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var signature = letter.Terms.SignOnPaper(command.Details, user.RequireUserId(), now);
            if (await SignatureClaims.FindHolderAsync(db, signature, cancellationToken) is { } claimant)
                throw Duplicate(claimant, signature);
            db.Signatures.Add(signature);
            if (!await SignatureClaims.TrySaveAsync(db, signature, cancellationToken))
                throw new DomainRuleException("The same signature was recorded a moment ago.");
            return signature.Id;
        }

        /// <summary>Coordinators see every signature anyway, so the refusal names the one already there.</summary>
        private static DomainRuleException Duplicate(Signature claimant, Signature attempt) =>
            claimant.OrganisationKey is not null && claimant.OrganisationKey == attempt.OrganisationKey
                ? new("{0} has already signed this letter (signature {1}, {2}).", claimant.OrganisationName!, claimant.Id, claimant.State)
                : new("This e-mail address has already signed this letter (signature {0}, {1}).", claimant.Id, claimant.State);
    }
}
