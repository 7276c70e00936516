using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SignOnLetters.Data;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Backup;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Security;
using SignOnLetters.Web.Infrastructure.Validation;

namespace SignOnLetters.Web.Pages.Admin;

/// <summary>
/// <c>/admin/import</c>: a site administrator restores a letter from a backup file
/// (<c>/letters/{slug}/backup</c> on this or another instance). Everything is checked before
/// anything is stored, and everything is stored in one transaction through EF Core, with ids given
/// by the database, so SQLite, PostgreSQL and SQL Server take the same path. An address already in
/// use is never overwritten: the administrator gives another one.
/// </summary>
[Authorize(Roles = Roles.Administrator)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public class Import(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public const int MaxFileBytes = 64 * 1024 * 1024;

    // Above the file limit, so an oversized file gets the validator's message instead of a bare 413.
    private const int MaxRequestBytes = MaxFileBytes + 8 * 1024 * 1024;

    [BindProperty]
    public string? NewSlug { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var content = Array.Empty<byte>();
        if (file is { Length: > 0 and <= MaxFileBytes })
        {
            await using var stream = new MemoryStream((int)file.Length);
            await file.CopyToAsync(stream, cancellationToken);
            content = stream.ToArray();
        }
        var slug = await mediator.Send(new Command(content, file?.Length ?? 0, NewSlug), cancellationToken);
        TempData["Notice"] = T["Letter imported."].Value;
        return Redirect($"/letters/{slug}/manage");
    }

    /// <summary>The uploaded file (empty when it was over the limit: <see cref="FileLength"/> says how big it was).</summary>
    public sealed record Command(byte[] Content, long FileLength, string? NewSlug) : ICommand<string>;

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.FileLength).GreaterThan(0).WithName("File").WithMessage("Choose a backup file (a .json file exported from a letter's page).");
            RuleFor(c => c.FileLength).MustNaming(length => length <= MaxFileBytes,
                    ("Size", length => length / (1024 * 1024)), ("MaxSize", _ => MaxFileBytes / (1024 * 1024))).WithName("File")
                .WithMessage("The file is over {Size} MB; a backup may be at most {MaxSize} MB.");
            RuleFor(c => c.NewSlug).Must(slug => string.IsNullOrWhiteSpace(slug) || LetterSlug.IsWellFormed(slug.Trim()))
                .WithMessage(LetterSlug.Rule);
        }
    }

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, ILogger<Import> logger) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!user.IsAdministrator)
                throw new ForbiddenException("Only site administrators may import letters.");
            var importerId = user.RequireUserId();
            var backup = Read(command.Content);
            var problems = LetterBackupCheck.Problems(backup);
            if (problems.Count > 0)
                throw new ValidationException(problems.Select(problem => new ValidationFailure("File", problem)));
            var slug = string.IsNullOrWhiteSpace(command.NewSlug) ? backup.Letter!.Slug : command.NewSlug.Trim();
            if (await db.Letters.AnyAsync(l => l.Slug == slug, cancellationToken))
                throw Refusal("A letter with the address /letters/{0} already exists here, and an import never replaces a letter. Give the imported letter a new address in the field below.", slug);

            var strategy = db.Database.CreateExecutionStrategy();
            var letterId = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var letter = await RestoreAsync(backup, slug, importerId, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return letter.Id;
            });
            // Counts only: names and addresses in the file must not reach the logs.
            logger.LogInformation("Letter {LetterId} imported from a backup by {UserId}: {Signatures} signatures, {Revisions} revisions, {Versions} versions",
                letterId, importerId, backup.Signatures.Count, backup.Letter!.Revisions.Count, backup.Letter.Versions.Count);
            return slug;
        }

        private async Task<Letter> RestoreAsync(LetterBackup backup, string slug, string importerId, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var state = backup.Letter!;

            // Accounts are known on this instance by their e-mail address, or not at all.
            var normalisedEmails = backup.Accounts.Select(a => NameNormalizer.NormalizeEmail(a.Email)).Distinct().ToList();
            var existingUsers = await InBatchesAsync(normalisedEmails, batch => db.Users.Where(u => u.NormalizedEmail != null && batch.Contains(u.NormalizedEmail))
                .Select(u => new { u.Id, u.NormalizedEmail }), cancellationToken);
            var accounts = backup.Accounts
                .Select(a => (a.Ref, Id: existingUsers.FirstOrDefault(u => u.NormalizedEmail == NameNormalizer.NormalizeEmail(a.Email))?.Id))
                .Where(a => a.Id is not null)
                .ToDictionary(a => a.Ref, a => a.Id!, StringComparer.Ordinal);
            string? AccountOrNone(string? reference) => reference is not null && accounts.TryGetValue(reference, out var id) ? id : null;
            string AccountOrImporter(string? reference) => AccountOrNone(reference) ?? importerId;

            // Organisations are matched by their duplicate-detection key; missing ones are created,
            // coordinated by their original coordinators who have accounts here, else by the importer.
            var keys = backup.Organisations.Select(o => NameNormalizer.Normalize(o.Name)).ToList();
            var existing = await InBatchesAsync(keys, batch => db.Organisations.Where(o => batch.Contains(o.NormalizedName)), cancellationToken);
            var organisations = new Dictionary<string, Organisation>(StringComparer.Ordinal);
            foreach (var organisation in backup.Organisations)
            {
                var match = existing.FirstOrDefault(o => o.NormalizedName == NameNormalizer.Normalize(organisation.Name));
                if (match is null)
                {
                    var coordinators = organisation.Coordinators.Select(AccountOrNone).OfType<string>().Distinct().ToList();
                    match = Organisation.Create(organisation.Name, organisation.CountryCode, organisation.Website, coordinators.FirstOrDefault() ?? importerId, now);
                    foreach (var coordinator in coordinators.Skip(1))
                        match.AddMember(coordinator, OrganisationRole.Coordinator, now);
                    db.Organisations.Add(match);
                }
                organisations[organisation.Ref] = match;
            }
            await db.SaveChangesAsync(cancellationToken);

            var letter = Letter.Restore(state, slug, organisations[state.LeadOrganisation],
                organisations.ToDictionary(o => o.Key, o => o.Value.Id, StringComparer.Ordinal), AccountOrImporter, AccountOrNone);
            db.Letters.Add(letter);

            // A hash already in use here (the same file imported twice under two addresses) cannot be
            // stored twice: those links keep opening the first copy, and this copy's are dropped.
            var signatureHashes = backup.Signatures.SelectMany(s => new[] { s.ConfirmationTokenHash, s.WithdrawTokenHash }).OfType<string>().ToList();
            var takenHashes = (await InBatchesAsync(signatureHashes, batch => db.Signatures
                    .Where(s => batch.Contains(s.ConfirmationTokenHash!) || batch.Contains(s.WithdrawTokenHash!))
                    .Select(s => new[] { s.ConfirmationTokenHash, s.WithdrawTokenHash }), cancellationToken))
                .SelectMany(h => h).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var aliasTargets = LetterBackupCheck.AliasTargets(backup);
            var versions = letter.Versions.ToDictionary(v => v.Number);
            var signatures = new Dictionary<int, Signature>();
            foreach (var entry in backup.Signatures)
            {
                var (organisationKey, emailKey) = LetterBackupCheck.ClaimKeys(entry, aliasTargets);
                var restored = entry with
                {
                    ConfirmationTokenHash = takenHashes.Contains(entry.ConfirmationTokenHash ?? "") ? null : entry.ConfirmationTokenHash,
                    WithdrawTokenHash = takenHashes.Contains(entry.WithdrawTokenHash ?? "") ? null : entry.WithdrawTokenHash,
                };
                var organisationId = entry.Organisation is { } reference ? organisations[reference].Id : (int?)null;
                var signature = Signature.Restore(restored, letter, versions[entry.VersionNumber], organisationId, organisationKey, emailKey, AccountOrNone);
                db.Signatures.Add(signature);
                signatures[entry.Ref] = signature;
            }
            await db.SaveChangesAsync(cancellationToken);

            foreach (var entry in backup.Signatures.Where(s => s.MergedInto is not null))
                signatures[entry.Ref].RestoreMergedInto(signatures[entry.MergedInto!.Value]);
            var aliases = new List<OrganisationAlias>();
            foreach (var alias in backup.Aliases)
                aliases.Add(OrganisationAlias.Create(letter.Id, alias.Alias, alias.OrganisationName, aliases, AccountOrImporter(alias.CreatedBy), alias.CreatedAt));
            db.OrganisationAliases.AddRange(aliases);
            var invitationHashes = backup.PartnerInvitations.Select(i => i.TokenHash).ToList();
            var takenInvitationHashes = await InBatchesAsync(invitationHashes, batch => db.PartnerInvitations.Where(i => batch.Contains(i.TokenHash)).Select(i => i.TokenHash),
                cancellationToken);
            foreach (var invitation in backup.PartnerInvitations)
            {
                var hash = takenInvitationHashes.Contains(invitation.TokenHash) ? SecureToken.Create().Hash : invitation.TokenHash;
                db.PartnerInvitations.Add(PartnerInvitation.Restore(letter.Id, invitation, hash, AccountOrImporter(invitation.CreatedBy)));
            }
            await db.SaveChangesAsync(cancellationToken);
            return letter;
        }

        /// <summary>
        /// A lookup by a list of values, a batch at a time: SQL Server takes at most 2,100 parameters
        /// per statement, and a letter may have hundreds of thousands of link hashes.
        /// </summary>
        private static async Task<List<TResult>> InBatchesAsync<TResult>(IReadOnlyCollection<string> values,
            Func<string[], IQueryable<TResult>> query, CancellationToken cancellationToken)
        {
            var results = new List<TResult>();
            foreach (var batch in values.Distinct(StringComparer.Ordinal).Chunk(1000))
                results.AddRange(await query(batch).ToListAsync(cancellationToken));
            return results;
        }

        /// <summary>Format and version first (a file from a newer app deserves that message, not a list of fields), then the shape.</summary>
        private static LetterBackup Read(byte[] content)
        {
            try
            {
                using (var document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = BackupJson.Options.MaxDepth }))
                {
                    var root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object
                        || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                        || format.GetString() != LetterBackup.FormatName)
                        throw Refusal("This file is not a SignOnLetters letter backup. Export one from a letter's page (Backup) and upload that file.");
                    if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                        || !version.TryGetInt32(out var number) || number != LetterBackup.CurrentVersion)
                        throw Refusal("This backup is in format version {0}; this app reads version {1}. Import it into an app of the same release as the one that exported it.",
                            root.TryGetProperty("version", out var v) ? Shorten(v.GetRawText()) : "(none)", LetterBackup.CurrentVersion);
                }
                return JsonSerializer.Deserialize<LetterBackup>(content, BackupJson.Options)
                    ?? throw Refusal("The backup file is empty.");
            }
            catch (JsonException ex)
            {
                // The position helps to find a damaged spot; the message never repeats the file's content.
                throw ex.LineNumber is not { } line ? Refusal("The file is not a readable backup: it is damaged or is not JSON. Nothing was imported.")
                    : ex.Path is { Length: > 1 and <= 120 } path ? Refusal("The file is not a readable backup: it is damaged or is not JSON (near line {0}, at {1}). Nothing was imported.", line + 1, path)
                    : Refusal("The file is not a readable backup: it is damaged or is not JSON (near line {0}). Nothing was imported.", line + 1);
            }
        }

        private static ValidationException Refusal(string template, params object[] arguments) =>
            new([LocalisedFailure.Of("File", template, arguments)]);

        private static string Shorten(string value) => value.Length > 12 ? value[..12] + "…" : value;
    }
}
