using System.Text;
using System.Text.Json;
using FluentValidation.Results;
using SignOnLetters.Domain.Backup;
using SignOnLetters.Web.Pages.Signing;

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
        // Read where ASP.NET Core buffered it (on disk above 64 KB), never copied into memory whole.
        await using var content = file is { Length: > 0 and <= MaxFileBytes } ? file.OpenReadStream() : Stream.Null;
        var imported = await mediator.Send(new Command(content, file?.Length ?? 0, NewSlug), cancellationToken);
        TempData["Notice"] = imported.Dropped.HasFlag(ScheduleRestored.OpeningDropped)
            ? T["Letter imported. Its scheduled opening time had passed, so it was not kept: open the letter by hand or set a new time."].Value
            : T["Letter imported."].Value;
        return Redirect($"/letters/{imported.Slug}/manage");
    }

    /// <summary>The uploaded file, read once as a stream (empty when it was over the limit: <see cref="FileLength"/> says how big it was).</summary>
    public sealed record Command(Stream Content, long FileLength, string? NewSlug) : ICommand<Imported>;

    /// <param name="Dropped">What of the file's schedule was not kept (an opening time already past).</param>
    public sealed record Imported(string Slug, ScheduleRestored Dropped);

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

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, ILogger<Import> logger) : ICommandHandler<Command, Imported>
    {
        public async ValueTask<Imported> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!user.IsAdministrator)
                throw new ForbiddenException("Only site administrators may import letters.");
            var importerId = user.RequireUserId();
            var backup = await ReadAsync(command.Content, cancellationToken);
            var problems = LetterBackupCheck.Problems(backup);
            if (problems.Count > 0)
                throw new ValidationException(problems.Select(problem => new ValidationFailure("File", problem)));
            var slug = string.IsNullOrWhiteSpace(command.NewSlug) ? backup.Letter!.Slug : command.NewSlug.Trim();
            if (await db.Letters.AnyAsync(l => l.Slug == slug, cancellationToken))
                throw Refusal("A letter with the address /letters/{0} already exists here, and an import never replaces a letter. Give the imported letter a new address in the field below.", slug);

            var strategy = db.Database.CreateExecutionStrategy();
            var (letterId, dropped) = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var restored = await RestoreAsync(backup, slug, importerId, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return restored;
            });
            // Counts only: names and addresses in the file must not reach the logs.
            logger.LogInformation("Letter {LetterId} imported from a backup by {UserId}: {Signatures} signatures, {Revisions} revisions, {Versions} versions",
                letterId, importerId, backup.Signatures.Count, backup.Letter!.Revisions.Count, backup.Letter.Versions.Count);
            return new Imported(slug, dropped);
        }

        private async Task<(int LetterId, ScheduleRestored Dropped)> RestoreAsync(LetterBackup backup, string slug, string importerId, CancellationToken cancellationToken)
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
            var dropped = letter.RestoreSchedule(state.Schedule, AccountOrImporter(state.Schedule?.OpeningScheduledBy), now);
            db.Letters.Add(letter);

            var aliasTargets = LetterBackupCheck.AliasTargets(backup);
            var versions = letter.Versions.ToDictionary(v => v.Number);
            var signatures = new Dictionary<int, Signature>();
            foreach (var entry in backup.Signatures)
            {
                var (organisationKey, emailKey) = LetterBackupCheck.ClaimKeys(entry, aliasTargets);
                // The file's link hashes are not trusted: whoever held the file could have put in the
                // hash of a token they know, and this instance cannot tell a hash it issued from a
                // made-up one. So no link from before the move works here; a signer still waiting
                // asks for a new confirmation e-mail, and every new e-mail carries new links
                // (docs/decisions/0007-letter-backups.md). Networks are held to the signing rule.
                var restored = entry with
                {
                    ConfirmationTokenHash = null,
                    WithdrawTokenHash = null,
                    ClientNetwork = ClientNetwork.Of(entry.ClientNetwork),
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
            // A partner's link likewise gets a new hash whose token nobody holds; the coordinators'
            // reminder sends a working one.
            foreach (var invitation in backup.PartnerInvitations)
                db.PartnerInvitations.Add(PartnerInvitation.Restore(letter.Id, invitation, SecureToken.Create().Hash, AccountOrImporter(invitation.CreatedBy)));
            await db.SaveChangesAsync(cancellationToken);
            return (letter.Id, dropped);
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

        /// <summary>
        /// The file as a stream, deserialised as it is read (a 64 MB file is never held as text or as
        /// a document tree). Format and version are checked on the result; when the shape does not
        /// fit, the file's head is read again for them, because a file from a newer app deserves
        /// that message rather than a list of fields.
        /// </summary>
        private static async Task<LetterBackup> ReadAsync(Stream content, CancellationToken cancellationToken)
        {
            LetterBackup? backup;
            try
            {
                backup = await JsonSerializer.DeserializeAsync<LetterBackup>(content, BackupJson.Options, cancellationToken);
            }
            catch (JsonException ex)
            {
                if (content.CanSeek)
                {
                    content.Position = 0;
                    if (await HeadRefusalAsync(content, cancellationToken) is { } refusal)
                        throw refusal;
                }
                // The position helps to find a damaged spot; the message never repeats the file's content.
                throw ex.LineNumber is not { } line ? Refusal("The file is not a readable backup: it is damaged or is not JSON. Nothing was imported.")
                    : ex.Path is { Length: > 1 and <= 120 } path ? Refusal("The file is not a readable backup: it is damaged or is not JSON (near line {0}, at {1}). Nothing was imported.", line + 1, path)
                    : Refusal("The file is not a readable backup: it is damaged or is not JSON (near line {0}). Nothing was imported.", line + 1);
            }
            if (backup is null || backup.Format != LetterBackup.FormatName)
                throw NotABackup();
            if (backup.Version != LetterBackup.CurrentVersion)
                throw VersionRefusal(backup.Version == 0 ? "(none)" : backup.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return backup;
        }

        /// <summary>Size of the file's head searched for "format" and "version" (an export writes them first).</summary>
        private const int HeadBytes = 64 * 1024;

        /// <summary>The refusal a file's head calls for (not an object, another format, another version), or null when the head is no help.</summary>
        private static async Task<ValidationException?> HeadRefusalAsync(Stream content, CancellationToken cancellationToken)
        {
            var head = new byte[HeadBytes];
            var length = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            var reader = new Utf8JsonReader(head.AsSpan(0, length), isFinalBlock: length < head.Length,
                new JsonReaderState(new JsonReaderOptions { MaxDepth = BackupJson.Options.MaxDepth }));
            try
            {
                if (!reader.Read())
                    return null;
                if (reader.TokenType != JsonTokenType.StartObject)
                    return NotABackup();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    if (!reader.Read())
                        return null;
                    if (name == "format" && (reader.TokenType != JsonTokenType.String || reader.GetString() != LetterBackup.FormatName))
                        return NotABackup();
                    if (name == "version" && (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var number) || number != LetterBackup.CurrentVersion))
                        return VersionRefusal(reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? "(not a number)"
                            : Shorten(Encoding.UTF8.GetString(reader.ValueSpan)));
                    if (!reader.TrySkip())
                        return null;
                }
            }
            catch (JsonException)
            {
                // Damaged within the head: the caller's message says where.
            }
            return null;
        }

        private static ValidationException NotABackup() =>
            Refusal("This file is not a SignOnLetters letter backup. Export one from a letter's page (Backup) and upload that file.");

        private static ValidationException VersionRefusal(string version) =>
            Refusal("This backup is in format version {0}; this app reads version {1}. Import it into an app of the same release as the one that exported it.",
                version, LetterBackup.CurrentVersion);

        private static ValidationException Refusal(string template, params object[] arguments) =>
            new([LocalisedFailure.Of("File", template, arguments)]);

        private static string Shorten(string value) => value.Length > 12 ? value[..12] + "…" : value;
    }
}
