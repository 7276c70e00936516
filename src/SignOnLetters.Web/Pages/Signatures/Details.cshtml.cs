using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// One signature for the letter's coordinators, at <c>/letters/{slug}/signatures/{id}</c>: its
/// details, its audit trail, and what a coordinator does with it. <b>Erase</b> carries out a
/// signer's request to erase their personal data (see <see cref="Signature.EraseOnRequest"/>),
/// with any invitation to the same mailbox.
/// <b>Merge</b> ends this signature as a duplicate of another one, which is kept (see
/// <see cref="Signature.MergeInto"/>); signatures by the same person's name or under an alias of the
/// same organisation are offered as the likely ones.
/// </summary>
[Authorize]
public class Details(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public Model Signature { get; private set; } = null!;

    public async Task OnGetAsync(string slug, int signatureId, CancellationToken cancellationToken) =>
        Signature = await mediator.Send(new Query(slug, signatureId), cancellationToken);

    /// <summary>Erasing is confirmed on its own page (<see cref="EraseConfirmation"/>): a post that skipped it erases nothing.</summary>
    public async Task<IActionResult> OnPostEraseAsync(string slug, int signatureId, CancellationToken cancellationToken)
    {
        Signature = await mediator.Send(new Query(slug, signatureId), cancellationToken);
        return RedirectToPage("Erase", new { slug, signatureId });
    }

    public async Task<IActionResult> OnPostMergeAsync(string slug, int signatureId, int keepId, CancellationToken cancellationToken)
    {
        Signature = await mediator.Send(new Query(slug, signatureId), cancellationToken);
        await mediator.Send(new Merge(slug, signatureId, keepId), cancellationToken);
        TempData["Notice"] = T["Signature {0} was merged into this one.", signatureId].Value;
        return RedirectToPage("Details", new { slug, signatureId = keepId });
    }

    public sealed record Query(string Slug, int Id) : IQuery<Model>;

    public sealed record Model(string Slug, bool LetterDelivered, Index.Row Row, string? Website, bool KeepMeUpdated, string? ClientNetwork,
        DateTime? AnonymisedAt, int? MergedIntoId, IReadOnlyList<Entry> History, IReadOnlyList<Index.Row> LikelyDuplicates);

    /// <param name="Actor">Who acted: the coordinator's e-mail, "signer" or "system".</param>
    public sealed record Entry(DateTime At, SignatureState? From, SignatureState To, string Actor, HistoryNote Note);

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
                    s.Website, s.KeepMeUpdated, s.ClientNetwork, s.AnonymisedAt, s.MergedIntoId, s.OrganisationKey,
                    Delivered = s.Letter.DeliveredAt != null,
                })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The signature");
            var history = await db.SignatureEvents.AsNoTracking()
                .Where(e => e.SignatureId == query.Id)
                .OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new
                {
                    e.At, e.FromState, e.ToState, e.Actor, e.Note, e.NoteArgument, e.Reason,
                    ActorEmail = db.Users.Where(u => u.Id == e.ActorUserId).Select(u => u.Email).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            var duplicates = signature.Row.State is SignatureState.Merged or SignatureState.Erased ? []
                : await LikelyDuplicatesAsync(letterId, signature.Row, signature.OrganisationKey, cancellationToken);
            return new Model(query.Slug, signature.Delivered, signature.Row, signature.Website, signature.KeepMeUpdated, signature.ClientNetwork,
                signature.AnonymisedAt, signature.MergedIntoId,
                history.Select(e => new Entry(e.At, e.FromState, e.ToState,
                    e.Actor == SignatureActor.Coordinator ? e.ActorEmail ?? "a coordinator" : e.Actor.ToString().ToLowerInvariant(),
                    HistoryNote.Stored(e.Note, e.NoteArgument, e.Reason))).ToList(),
                duplicates);
        }

        /// <summary>
        /// Other active signatures by a person of the same name, or from the same organisation under
        /// one of its aliases (the unique indexes keep exact repeats out already).
        /// </summary>
        private async Task<List<Index.Row>> LikelyDuplicatesAsync(int letterId, Index.Row row, string? organisationKey, CancellationToken cancellationToken)
        {
            var name = row.SignerName.ToLowerInvariant();
            var keys = new List<string>();
            if (organisationKey is not null)
            {
                var aliases = await db.OrganisationAliases.AsNoTracking()
                    .Where(a => a.LetterId == letterId && (a.OrganisationKey == organisationKey || a.AliasKey == organisationKey))
                    .Select(a => new { a.AliasKey, a.OrganisationKey })
                    .ToListAsync(cancellationToken);
                keys.AddRange(aliases.SelectMany(a => new[] { a.AliasKey, a.OrganisationKey }).Distinct());
            }
            return await db.Signatures.AsNoTracking()
                .ActiveOf(letterId)
                .Where(s => s.Id != row.Id && ((name != "" && s.SignerName.ToLower() == name) || (s.OrganisationKey != null && keys.Contains(s.OrganisationKey))))
                .OrderBy(s => s.Id)
                .Take(10)
                .Select(s => new Index.Row(s.Id, s.Kind, s.OrganisationName, s.SignerName, s.Role, s.CountryCode, s.Email, s.State, s.Visibility,
                    s.Source, s.CreatedAt, s.ConfirmedAt, s.ErasedAt))
                .ToListAsync(cancellationToken);
        }
    }

    /// <summary>Ends <see cref="SignatureId"/> as a duplicate of <see cref="KeepId"/>, which stays.</summary>
    public sealed record Merge(string Slug, int SignatureId, int KeepId) : ICommand, ILetterCoordinatorRequest;

    public sealed class MergeHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Merge>
    {
        public async ValueTask<Unit> Handle(Merge command, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            var pair = await db.Signatures
                .Where(s => s.LetterId == letterId && (s.Id == command.SignatureId || s.Id == command.KeepId))
                .ToListAsync(cancellationToken);
            var duplicate = pair.SingleOrDefault(s => s.Id == command.SignatureId) ?? throw new NotFoundException("The signature");
            var kept = pair.SingleOrDefault(s => s.Id == command.KeepId)
                ?? throw new DomainRuleException("This letter has no signature {0} to merge into.", command.KeepId);
            duplicate.MergeInto(kept, user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
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
            var emailKey = signature.EmailKey;
            signature.EraseOnRequest(delivered, user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            // An invitation to the same mailbox holds the address too.
            if (emailKey is not null)
                db.PartnerInvitations.RemoveRange(
                    await db.PartnerInvitations.Where(i => i.LetterId == letterId && i.EmailKey == emailKey).ToListAsync(cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            return signature.State;
        }
    }
}
