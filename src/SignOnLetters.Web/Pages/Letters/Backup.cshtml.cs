using System.Text.Json;
using SignOnLetters.Domain.Backup;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// <c>GET /letters/{slug}/backup</c>: the whole letter as one JSON file (<see cref="LetterBackup"/>),
/// for its lead organisation's coordinators only, behind the two-factor rule like every export of
/// signers' personal data. An administrator restores it elsewhere with <c>/admin/import</c>.
/// </summary>
[Authorize]
public class Backup(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-store";
        return File(await mediator.Send(new Query(slug), cancellationToken), "application/json; charset=utf-8", $"letter-{slug}-backup.json");
    }

    public sealed record Query(string Slug) : IQuery<byte[]>, IRequiresTwoFactor;

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, ILogger<Backup> logger) : IQueryHandler<Query, byte[]>
    {
        public async ValueTask<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            var letter = await db.Letters.AsNoTracking()
                .Include(l => l.CoAuthors)
                .Include(l => l.Editors)
                .Include(l => l.Revisions)
                .Include(l => l.Versions)
                .AsSplitQuery()
                .SingleAsync(l => l.Id == letterId, cancellationToken);
            var signatures = await db.Signatures.AsNoTracking()
                .Include(s => s.Events)
                .Where(s => s.LetterId == letterId)
                .OrderBy(s => s.Id)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            var aliases = await db.OrganisationAliases.AsNoTracking().Where(a => a.LetterId == letterId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
            var invitations = await db.PartnerInvitations.AsNoTracking().Where(i => i.LetterId == letterId).OrderBy(i => i.Id).ToListAsync(cancellationToken);
            var versionNumbers = letter.Versions.ToDictionary(v => v.Id, v => v.Number);

            var organisationIds = new[] { letter.LeadOrganisationId }
                .Concat(letter.CoAuthors.Select(c => c.OrganisationId))
                .Concat(signatures.Where(s => s.OrganisationId is not null).Select(s => s.OrganisationId!.Value))
                .Distinct().ToList();
            var organisations = await db.Organisations.AsNoTracking()
                .Where(o => organisationIds.Contains(o.Id))
                .Select(o => new
                {
                    o.Id, o.Name, o.CountryCode, o.Website,
                    Coordinators = o.Memberships.Where(m => m.Role == OrganisationRole.Coordinator).Select(m => m.UserId).ToList(),
                })
                .ToListAsync(cancellationToken);
            var organisationRefs = organisations.OrderBy(o => o.Id).Select((o, i) => (o.Id, Ref: $"o{i + 1}")).ToDictionary(p => p.Id, p => p.Ref);

            var accountIds = new HashSet<string>(StringComparer.Ordinal) { letter.CreatedByUserId, letter.UpdatedByUserId };
            if (letter.OpeningScheduledByUserId is { } scheduledBy)
                accountIds.Add(scheduledBy);
            accountIds.UnionWith(letter.Editors.Select(e => e.UserId));
            accountIds.UnionWith(letter.Revisions.Select(r => r.AuthorUserId));
            accountIds.UnionWith(letter.Versions.Select(v => v.PublishedByUserId));
            accountIds.UnionWith(organisations.SelectMany(o => o.Coordinators));
            accountIds.UnionWith(signatures.Select(s => s.RepresentativeUserId).OfType<string>());
            accountIds.UnionWith(signatures.SelectMany(s => s.Events).Select(e => e.ActorUserId).OfType<string>());
            accountIds.UnionWith(aliases.Select(a => a.CreatedByUserId));
            accountIds.UnionWith(invitations.Select(i => i.CreatedByUserId));
            var ids = accountIds.ToList();
            var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Email != null)
                .OrderBy(u => u.Email).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken);
            var accountRefs = emails.Select((u, i) => (u.Id, Ref: $"a{i + 1}")).ToDictionary(p => p.Id, p => p.Ref, StringComparer.Ordinal);
            string? Account(string? userId) => userId is not null && accountRefs.TryGetValue(userId, out var reference) ? reference : null;

            var backup = new LetterBackup
            {
                Format = LetterBackup.FormatName,
                Version = LetterBackup.CurrentVersion,
                ExportedAt = clock.GetUtcNow().UtcDateTime,
                Accounts = emails.Select(u => new AccountBackup(accountRefs[u.Id], u.Email!)).ToList(),
                Organisations = organisations.OrderBy(o => o.Id).Select(o => new OrganisationBackup(organisationRefs[o.Id], o.Name, o.CountryCode, o.Website,
                    o.Coordinators.Select(Account).OfType<string>().Order().ToList())).ToList(),
                Letter = new LetterState
                {
                    Kind = letter.Kind,
                    Slug = letter.Slug,
                    Status = letter.Status,
                    LeadOrganisation = organisationRefs[letter.LeadOrganisationId],
                    PrimaryLanguage = letter.PrimaryLanguage,
                    Texts = Texts(letter.Texts, letter.PrimaryLanguage),
                    Addressees = letter.Addressees.OrderBy(a => a.Position).Select(a => new AddresseeBackup(a.Position, a.Name, a.Title, a.Institution)).ToList(),
                    CoAuthors = letter.CoAuthors.OrderBy(c => c.Position).Select(c => new CoAuthorBackup(organisationRefs[c.OrganisationId], c.Position, !c.IsAccepted)).ToList(),
                    Editors = letter.Editors.Where(e => Account(e.UserId) is not null).Select(e => new EditorBackup(Account(e.UserId)!, e.AddedAt)).ToList(),
                    DeadlineUtc = letter.DeadlineUtc,
                    DeadlineTimeZone = letter.DeadlineTimeZone,
                    SignatureGoal = letter.SignatureGoal,
                    WhoMaySign = letter.WhoMaySign,
                    Moderation = letter.Moderation,
                    IndividualsMustGiveOrganisation = letter.IndividualsMustGiveOrganisation,
                    EmbedHosts = SignOnLetters.Domain.Letters.EmbedHosts.Split(letter.EmbedHosts).ToList(),
                    Unlisted = letter.IsUnlisted,
                    PdfSettings = letter.PdfSettings == LetterPdfSettings.Default ? null : letter.PdfSettings,
                    Schedule = letter.OpensAtUtc is null && letter.ReminderCron is null ? null : new ScheduleBackup(
                        letter.OpensAtUtc, letter.OpensAtTimeZone, Account(letter.OpeningScheduledByUserId),
                        letter.ReminderCron, letter.ReminderTimeZone, letter.ReminderEveryWeeks),
                    EditionNumber = letter.EditionNumber,
                    EditionIssuedAt = letter.EditionIssuedAt,
                    CreatedBy = Account(letter.CreatedByUserId),
                    CreatedAt = letter.CreatedAt,
                    UpdatedBy = Account(letter.UpdatedByUserId),
                    UpdatedAt = letter.UpdatedAt,
                    OpenedAt = letter.OpenedAt,
                    ClosedAt = letter.ClosedAt,
                    DeliveredAt = letter.DeliveredAt,
                    ArchivedAt = letter.ArchivedAt,
                    Revisions = letter.Revisions.OrderBy(r => r.Number)
                        .Select(r => new RevisionBackup(r.Number, Account(r.AuthorUserId), r.CreatedAt, r.Addressees, Texts(r.Texts, letter.PrimaryLanguage))).ToList(),
                    Versions = letter.Versions.OrderBy(v => v.Number)
                        .Select(v => new VersionBackup(v.Number, Account(v.PublishedByUserId), v.PublishedAt, v.ChangeNote, Texts(v.Texts, letter.PrimaryLanguage))).ToList(),
                },
                Signatures = signatures.Select(s => new SignatureBackup
                {
                    Ref = s.Id,
                    VersionNumber = versionNumbers[s.LetterVersionId],
                    Kind = s.Kind,
                    OrganisationName = s.OrganisationName,
                    Organisation = s.OrganisationId is { } organisationId ? organisationRefs[organisationId] : null,
                    CountryCode = s.CountryCode,
                    SignerName = s.SignerName,
                    Role = s.Role,
                    Website = s.Website,
                    Email = s.Email,
                    Visibility = s.Visibility,
                    KeepMeUpdated = s.KeepMeUpdated,
                    ConsentedAt = s.ConsentedAt,
                    State = s.State,
                    HoldReason = s.HoldReason,
                    RejectionReason = s.RejectionReason,
                    Source = s.Source,
                    EmbedHost = s.EmbedHost,
                    Representative = Account(s.RepresentativeUserId),
                    ClientNetwork = s.ClientNetwork,
                    ConfirmationTokenHash = s.ConfirmationTokenHash,
                    ConfirmationExpiresAt = s.ConfirmationExpiresAt,
                    ConfirmationEmailsSent = s.ConfirmationEmailsSent,
                    LastConfirmationEmailAt = s.LastConfirmationEmailAt,
                    WithdrawTokenHash = s.WithdrawTokenHash,
                    CreatedAt = s.CreatedAt,
                    ConfirmedAt = s.ConfirmedAt,
                    ReviewedAt = s.ReviewedAt,
                    WithdrawnAt = s.WithdrawnAt,
                    ErasedAt = s.ErasedAt,
                    MergedInto = s.MergedIntoId,
                    AnonymisedAt = s.AnonymisedAt,
                    Events = s.Events.OrderBy(e => e.At).ThenBy(e => e.Id)
                        .Select(e => new SignatureEventBackup(e.FromState, e.ToState, e.Actor, Account(e.ActorUserId), e.Reason, e.At, e.Note, e.NoteArgument)).ToList(),
                }).ToList(),
                Aliases = aliases.Select(a => new AliasBackup(a.Alias, a.OrganisationName, Account(a.CreatedByUserId), a.CreatedAt)).ToList(),
                PartnerInvitations = invitations.Select(i => new PartnerInvitationBackup
                {
                    OrganisationName = i.OrganisationName,
                    ContactEmail = i.ContactEmail,
                    Message = i.Message,
                    TokenHash = i.TokenHash,
                    State = i.State,
                    CreatedBy = Account(i.CreatedByUserId),
                    SentAt = i.SentAt,
                    OpenedAt = i.OpenedAt,
                    DeclinedAt = i.DeclinedAt,
                    LastReminderAt = i.LastReminderAt,
                    RemindersStoppedAt = i.RemindersStoppedAt,
                    RemindersSent = i.RemindersSent,
                }).ToList(),
            };
            // Ids and counts only: the file itself is personal data and must not reach the logs.
            logger.LogInformation("Letter {LetterId} exported as a backup by {UserId}: {Signatures} signatures, {Revisions} revisions, {Versions} versions",
                letterId, user.UserId, signatures.Count, letter.Revisions.Count, letter.Versions.Count);
            return JsonSerializer.SerializeToUtf8Bytes(backup, BackupJson.Options);
        }

        // The primary language first: the import makes the first text the letter's primary language.
        private static List<TextBackup> Texts(IEnumerable<LetterText> texts, string primaryLanguage) =>
            texts.OrderBy(t => t.LanguageCode == primaryLanguage ? 0 : 1).ThenBy(t => t.LanguageCode, StringComparer.Ordinal)
                .Select(t => new TextBackup(t.LanguageCode, t.Title, t.Body)).ToList();
    }
}
