using System.Linq.Expressions;
using System.Net.Mail;
using CsvHelper;
using CsvHelper.Configuration;
using FluentValidation.Results;
using LinqKit;
using SignOnLetters.Web.Pages.Signing;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// Invitations to partner networks at <c>/letters/{slug}/invitations</c>, for the letter's
/// coordinators: invite one organisation, or many by pasting or uploading a CSV list
/// (<c>organisation,email,message</c>); see each invitation's state (sent, opened, signed,
/// declined) and send reminders to those who have not answered, at most once a week each.
/// <para>
/// A list sends its valid lines; each line in error (a bad address, a formula cell, a repeat, an
/// address already invited) is named with its line number and reason, and given back in the box to
/// correct and import again. A list with no valid line, or one that cannot be read, sends nothing.
/// </para>
/// </summary>
[Authorize]
public class PartnerInvitations(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public Invite NewInvitation { get; set; } = new();

    [BindProperty]
    public Import List { get; set; } = new();

    public Model Sent { get; private set; } = null!;

    /// <summary>After an import: each line that was not sent, with its reason (in the reader's language).</summary>
    public IReadOnlyList<string> SkippedLines { get; private set; } = [];

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken) =>
        Sent = await mediator.Send(new Query(slug), cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(string slug, CancellationToken cancellationToken)
    {
        Sent = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(NewInvitation with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T["Invitation sent to {0}.", NewInvitation.Email].Value;
        return RedirectToPage("PartnerInvitations", new { slug });
    }

    public async Task<IActionResult> OnPostImportAsync(string slug, IFormFile? file, CancellationToken cancellationToken)
    {
        Sent = await mediator.Send(new Query(slug), cancellationToken);
        var csv = List.Csv;
        if (file is { Length: > 0 })
        {
            if (file.Length > PartnerInvitationList.MaxCsvLength)
                csv = new string(' ', PartnerInvitationList.MaxCsvLength + 1);
            else
            {
                using var reader = new StreamReader(file.OpenReadStream());
                csv = await reader.ReadToEndAsync(cancellationToken);
            }
        }
        var report = await mediator.Send(List with { Slug = slug, Csv = csv }, cancellationToken);
        TempData["Notice"] = T.Plural("{0} invitations sent.", report.Sent);
        if (report.Retry is null)
            return RedirectToPage("PartnerInvitations", new { slug });
        // The lines not sent stay on the page with their reasons, back in the box to correct and import again.
        Sent = await mediator.Send(new Query(slug), cancellationToken);
        SkippedLines = report.Skipped.Select(s => T["Line {0}: {1}", s.Line, T.Describe(s.Reason)].Value).ToList();
        List = new Import { Csv = report.Retry };
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostRemindAsync(string slug, CancellationToken cancellationToken)
    {
        Sent = await mediator.Send(new Query(slug), cancellationToken);
        var count = await mediator.Send(new Remind(slug), cancellationToken);
        TempData["Notice"] = count switch
        {
            0 => T["No reminders are due: each invitation gets at most one a week, three in all, and none once signed, declined or asked to stop."].Value,
            _ => T.Plural("{0} reminders sent.", count),
        };
        return RedirectToPage("PartnerInvitations", new { slug });
    }

    public enum Status
    {
        Sent,
        Opened,
        Signed,
        Declined,
    }

    /// <summary>An invitation's state as its badge reads, in the reader's language.</summary>
    public static string Name(IStringLocalizer T, Status status) => status switch
    {
        Status.Opened => T["opened"],
        Status.Signed => T["signed"],
        Status.Declined => T["declined"],
        _ => T["sent"],
    };

    public sealed record Query(string Slug) : IQuery<Model>;

    public sealed record Model(string Slug, IReadOnlyList<Item> Invitations)
    {
        public int Count(Status status) => Invitations.Count(i => i.Status == status);
    }

    /// <param name="RemindersStopped">The contact asked for no more reminders (not a refusal to sign).</param>
    public sealed record Item(int Id, string OrganisationName, string Email, Status Status, DateTime SentAt, DateTime? OpenedAt, int RemindersSent,
        DateTime? LastReminderAt, bool RemindersStopped);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            var invitations = await db.PartnerInvitations.AsNoTracking()
                .Where(i => i.LetterId == letterId)
                .OrderByDescending(i => i.SentAt).ThenBy(i => i.OrganisationName)
                .ToListAsync(cancellationToken);
            var signed = await PartnerInvitationList.AnsweredAsync(db, letterId, cancellationToken);
            Status StatusOf(PartnerInvitation i) => signed.Contains(i) ? Status.Signed : i.State switch
            {
                PartnerInvitationState.Declined => Status.Declined,
                PartnerInvitationState.Opened => Status.Opened,
                _ => Status.Sent,
            };
            return new Model(query.Slug, invitations.Select(i => new Item(i.Id, i.OrganisationName, i.ContactEmail, StatusOf(i),
                i.SentAt, i.OpenedAt, i.RemindersSent, i.LastReminderAt, i.RemindersStoppedAt is not null)).ToList());
        }
    }

    public sealed record Invite : ICommand<int>, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public string OrganisationName { get; init; } = string.Empty;
        public string Email { get; init; } = string.Empty;
        public string? Message { get; init; }
    }

    public sealed class InviteValidator : AbstractValidator<Invite>
    {
        public InviteValidator()
        {
            RuleFor(c => c.OrganisationName).NotEmpty().CleanText(Organisation.NameMaxLength).WithName("Organisation");
            RuleFor(c => c.Email).EmailAddress().WithName("Contact e-mail");
            RuleFor(c => c.Message).MaximumLength(PartnerInvitation.MessageMaxLength).WithName("Message");
        }
    }

    public sealed class InviteHandler(PartnerInvitationList list) : ICommandHandler<Invite, int>
    {
        public async ValueTask<int> Handle(Invite command, CancellationToken cancellationToken) =>
            (await list.SendAsync(command.Slug, [new PartnerInvitationList.Row(1, command.OrganisationName, command.Email, command.Message)],
                typeof(Invite), cancellationToken)).Sent;
    }

    /// <summary>A CSV list: a header line naming <c>organisation</c> and <c>email</c> (and optionally <c>message</c>), then one partner per line.</summary>
    public sealed record Import : ICommand<PartnerInvitationList.Report>, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public string? Csv { get; init; }
    }

    public sealed class ImportValidator : AbstractValidator<Import>
    {
        public ImportValidator() =>
            RuleFor(c => c.Csv).NotEmpty().WithMessage("Paste a list or choose a CSV file.")
                .MustNaming(csv => csv is null || csv.Length <= PartnerInvitationList.MaxCsvLength,
                    ("MaxSize", _ => PartnerInvitationList.MaxCsvLength / 1024), ("MaxRows", _ => PartnerInvitationList.MaxRows))
                .WithMessage("The list is too large: at most {MaxSize} KB, {MaxRows} partners at once.");
    }

    public sealed class ImportHandler(PartnerInvitationList list) : ICommandHandler<Import, PartnerInvitationList.Report>
    {
        public async ValueTask<PartnerInvitationList.Report> Handle(Import command, CancellationToken cancellationToken) =>
            await list.SendAsync(command.Slug, PartnerInvitationList.Parse(command.Csv!), typeof(Import), cancellationToken);
    }

    public sealed record Remind(string Slug) : ICommand<int>, ILetterCoordinatorRequest;

    public sealed class RemindHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, SignatureEmails emails, ReminderStopLinks stopLinks,
        [FromKeyedServices(EmailKind.SingleUseLink)] IEmailQueue mail) : ICommandHandler<Remind, int>
    {
        public async ValueTask<int> Handle(Remind command, CancellationToken cancellationToken)
        {
            var letter = await LetterForSigning.FindAsync(db, command.Slug, cancellationToken);
            var letterId = await db.RequireLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            PartnerInvitationList.EnsureOpen(letter);
            var due = await PartnerInvitationList.ClaimDueRemindersAsync(db, letterId, clock.GetUtcNow().UtcDateTime, cancellationToken);
            // Saved before sending: a failure while sending never leads to a second reminder at once.
            await db.SaveChangesAsync(cancellationToken);
            PartnerInvitationList.Mail(await PartnerInvitationList.PartnerInvitationsAsync(db, emails, stopLinks, letter, letterId, command.Slug, due, reminder: true, cancellationToken), mail);
            return due.Count;
        }
    }
}

/// <summary>
/// Checks and sends a list of invitations (shared by the single form and the CSV import). A list
/// sends its valid lines and reports the others by line number and reason, with their text given
/// back to correct (issue 23); a list with no valid line, or one that cannot be read, sends nothing.
/// </summary>
public sealed class PartnerInvitationList(AppDbContext db, ICurrentUser user, TimeProvider clock, SignatureEmails emails, ReminderStopLinks stopLinks,
    [FromKeyedServices(EmailKind.SingleUseLink)] IEmailQueue mail)
{
    public const int MaxCsvLength = 256 * 1024;
    public const int MaxRows = 500;

    /// <param name="Raw">The line as it was written (without its line break), to give back when it is not sent.</param>
    public sealed record Row(int Line, string OrganisationName, string Email, string? Message, string? Raw = null);

    /// <summary>What was sent, and each line that was not with its reason.</summary>
    /// <param name="Retry">The header and the lines not sent, as a list to correct and import again; null when all were sent.</param>
    public sealed record Report(int Sent, IReadOnlyList<Skipped> Skipped, string? Retry);

    public sealed record Skipped(int Line, LocalisedFailure.Text Reason);

    /// <summary>The rows of a CSV list and its header line as written.</summary>
    public sealed record Parsed(string Header, List<Row> Rows);

    /// <summary>The rows of a CSV list; a list that cannot be read at all is refused with where it broke.</summary>
    public static Parsed Parse(string csv)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var reader = new CsvReader(new StringReader(csv), configuration);
        var rows = new List<Row>();
        var headerLine = string.Empty;
        try
        {
            if (!reader.Read() || !reader.ReadHeader() || reader.HeaderRecord is not { } header
                || !header.Any(h => h.Trim().Equals("email", StringComparison.OrdinalIgnoreCase))
                || !header.Any(h => h.Trim().Equals("organisation", StringComparison.OrdinalIgnoreCase)))
                throw Refusal(LocalisedFailure.Of("Csv", "The first line must name the columns: organisation,email (and message if you like)."));
            headerLine = reader.Parser.RawRecord.TrimEnd('\r', '\n');
            while (reader.Read())
            {
                if (rows.Count == MaxRows)
                    throw Refusal(LocalisedFailure.Of("Csv", "The list has more than {0:N0} partners: split it, nothing was sent.", MaxRows));
                rows.Add(new Row(reader.Parser.RawRow, reader.GetField("organisation") ?? string.Empty, reader.GetField("email") ?? string.Empty,
                    header.Any(h => h.Trim().Equals("message", StringComparison.OrdinalIgnoreCase)) ? reader.GetField("message") : null,
                    reader.Parser.RawRecord.TrimEnd('\r', '\n')));
            }
        }
        catch (CsvHelperException ex)
        {
            throw Refusal(LocalisedFailure.Of("Csv", "Line {0}: the list cannot be read there (a stray quote?). Nothing was sent.", ex.Context?.Parser?.RawRow ?? 0));
        }
        return rows.Count == 0
            ? throw Refusal(LocalisedFailure.Of("Csv", "The list has no partners under its first line."))
            : new Parsed(headerLine, rows);
    }

    internal static void EnsureOpen(LetterForSigning letter)
    {
        if (letter.Terms.Status != Domain.Letters.LetterStatus.Open)
            throw new DomainRuleException("Invitations and reminders are sent while the letter is open for signatures.");
    }

    /// <summary>Invitations of the letter whose organisation or mailbox has an active or counted signature.</summary>
    public static async Task<HashSet<PartnerInvitation>> AnsweredAsync(AppDbContext db, int letterId, CancellationToken cancellationToken) =>
        (await db.PartnerInvitations.AsExpandable().Where(i => i.LetterId == letterId).Where(Answered(db)).ToListAsync(cancellationToken))
        .ToHashSet(new ById());

    /// <summary>
    /// The one rule for "this partner has signed": an active or counted signature of the letter from
    /// the invited mailbox, or from the invited organisation (under the letter's alias for it, if it has
    /// one: "MSF" counts for Médecins Sans Frontières). The invitations page, the reminders and the dashboard use it.
    /// </summary>
    public static Expression<Func<PartnerInvitation, bool>> Answered(AppDbContext db) =>
        i => db.Signatures.Any(s => s.LetterId == i.LetterId && (int)s.State < Signature.ActiveStateLimit
            && (s.EmailKey == i.EmailKey
                || s.OrganisationKey == (db.OrganisationAliases.Where(a => a.LetterId == i.LetterId && a.AliasKey == i.OrganisationKey)
                    .Select(a => a.OrganisationKey).FirstOrDefault() ?? i.OrganisationKey)));

    /// <summary>
    /// The reminders due now, by the button or the schedule alike (<see cref="PartnerInvitation.TryRemind"/>:
    /// never to a partner who signed, whose organisation signed, or who declined; at most weekly and
    /// <see cref="PartnerInvitation.MaxReminders"/> times). Each is recorded with its new link in the
    /// context: the caller saves, then mails.
    /// </summary>
    internal static async Task<List<(PartnerInvitation Invitation, string Token)>> ClaimDueRemindersAsync(AppDbContext db, int letterId, DateTime now,
        CancellationToken cancellationToken)
    {
        var answered = await AnsweredAsync(db, letterId, cancellationToken);
        var due = new List<(PartnerInvitation Invitation, string Token)>();
        foreach (var invitation in await db.PartnerInvitations.Where(i => i.LetterId == letterId).ToListAsync(cancellationToken))
        {
            var (token, hash) = SecureToken.Create();
            if (invitation.TryRemind(answered.Contains(invitation), hash, now))
                due.Add((invitation, token));
        }
        return due;
    }

    /// <summary>A pasted or uploaded list: its valid lines are sent, the others reported (unless none is valid).</summary>
    public async Task<Report> SendAsync(string slug, Parsed list, Type requestType, CancellationToken cancellationToken)
    {
        var (sent, skipped) = await SendAsync(slug, list.Rows, requestType, partial: true, cancellationToken);
        var rawLines = list.Rows.ToDictionary(r => r.Line, r => r.Raw);
        return new Report(sent, skipped, skipped.Count == 0 ? null
            : string.Join("\n", skipped.Select(s => rawLines[s.Line]).Prepend(list.Header)) + "\n");
    }

    /// <summary>One invitation from the form: sent, or refused with its reason.</summary>
    public async Task<Report> SendAsync(string slug, IReadOnlyList<Row> rows, Type requestType, CancellationToken cancellationToken)
    {
        var (sent, _) = await SendAsync(slug, rows, requestType, partial: false, cancellationToken);
        return new Report(sent, [], null);
    }

    /// <summary>
    /// Checks every row. Whole: stores and sends all, or nothing, naming each problem by line.
    /// Partial: stores and sends the valid rows and returns the others; refuses as a whole only when no row is valid.
    /// </summary>
    private async Task<(int Sent, List<Skipped> Skipped)> SendAsync(string slug, IReadOnlyList<Row> rows, Type requestType, bool partial, CancellationToken cancellationToken)
    {
        var letter = await LetterForSigning.FindAsync(db, slug, cancellationToken);
        var letterId = await db.RequireLeadCoordinatorAsync(slug, user, cancellationToken);
        EnsureOpen(letter);
        var invited = (await db.PartnerInvitations.Where(i => i.LetterId == letterId).Select(i => i.EmailKey).ToListAsync(cancellationToken)).ToHashSet();
        var failures = new List<ValidationFailure>();
        var skipped = new List<Skipped>();
        var valid = new List<Row>();
        var seen = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var problem = Problem(row, invited, seen);
            if (problem is null)
            {
                valid.Add(row);
                continue;
            }
            skipped.Add(new Skipped(row.Line, problem));
            failures.Add(rows.Count == 1 && requestType != typeof(PartnerInvitations.Import)
                ? LocalisedFailure.Of(string.Empty, problem)
                : LocalisedFailure.Of(requestType == typeof(PartnerInvitations.Import) ? "Csv" : string.Empty, "Line {0}: {1}", row.Line, problem));
        }
        if (failures.Count > 0 && (!partial || valid.Count == 0))
        {
            if (requestType == typeof(PartnerInvitations.Import))
                failures.Add(LocalisedFailure.Of("Csv", "Nothing was sent: correct these lines and import the list again."));
            throw new RequestValidationException(requestType, failures);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var sent = new List<(PartnerInvitation Invitation, string Token)>();
        foreach (var row in valid)
        {
            var (token, hash) = SecureToken.Create();
            var invitation = PartnerInvitation.Create(letterId, row.OrganisationName, row.Email, row.Message, hash, user.RequireUserId(), now);
            db.PartnerInvitations.Add(invitation);
            sent.Add((invitation, token));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new DomainRuleException("Some of these addresses were invited a moment ago (by another coordinator?). Nothing was sent: reload and try again.");
        }
        Mail(await PartnerInvitationsAsync(db, emails, stopLinks, letter, letterId, slug, sent, reminder: false, cancellationToken), mail);
        return (sent.Count, skipped);
    }

    /// <summary>Queues the written invitations (their links work once: the in-memory queue).</summary>
    internal static void Mail(IReadOnlyList<EmailMessage> messages, IEmailQueue mail)
    {
        foreach (var message in messages)
            mail.Enqueue(message);
    }

    /// <summary>
    /// Writes invitations or reminders, each in the invitee's language where it is known (the language
    /// their address last signed a letter in here, else the letter's), with the title of that language
    /// version, naming the lead organisation and the coordinator who invited.
    /// </summary>
    internal static async Task<IReadOnlyList<EmailMessage>> PartnerInvitationsAsync(AppDbContext db, SignatureEmails emails, ReminderStopLinks stopLinks, LetterForSigning letter, int letterId, string slug,
        IReadOnlyList<(PartnerInvitation Invitation, string Token)> invitations, bool reminder, CancellationToken cancellationToken)
    {
        if (invitations.Count == 0)
            return [];
        var leadOrganisation = await db.Letters.Where(l => l.Id == letterId).Select(l => l.LeadOrganisation.Name).SingleAsync(cancellationToken);
        var inviterIds = invitations.Select(i => i.Invitation.CreatedByUserId).Distinct().ToList();
        var inviterNames = await db.Users.Where(u => inviterIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var emailKeys = invitations.Select(i => i.Invitation.EmailKey).Distinct().ToList();
        var languages = (await db.Signatures.AsNoTracking()
                .Where(s => s.EmailKey != null && emailKeys.Contains(s.EmailKey) && s.Language != null)
                .Select(s => new { s.EmailKey, s.Language, s.CreatedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(s => s.EmailKey!)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => s.CreatedAt)!.Language);
        var messages = new List<EmailMessage>(invitations.Count);
        foreach (var (invitation, token) in invitations)
        {
            var (language, title) = letter.ForSigner(languages.GetValueOrDefault(invitation.EmailKey));
            var inviter = new SignatureEmails.Inviter(leadOrganisation,
                inviterNames.GetValueOrDefault(invitation.CreatedByUserId) is { Length: > 0 } name ? name : null);
            messages.Add(emails.PartnerInvitation(language, invitation.ContactEmail, title, inviter, invitation.OrganisationName, invitation.Message, slug, token, reminder,
                stopLinks.For(invitation.Id)));
        }
        return messages;
    }

    /// <summary>Why a row cannot be sent, as a translatable sentence (after "Line {0}: "), or null.</summary>
    private static LocalisedFailure.Text? Problem(Row row, HashSet<string> invited, Dictionary<string, int> seen)
    {
        foreach (var (cell, template) in new[]
                 {
                     (row.OrganisationName, "the organisation starts with \"{0}\", which spreadsheets run as a formula. Remove that character."),
                     (row.Email, "the e-mail address starts with \"{0}\", which spreadsheets run as a formula. Remove that character."),
                     (row.Message ?? "", "the message starts with \"{0}\", which spreadsheets run as a formula. Remove that character."),
                 })
            if (CsvCells.LooksLikeFormula(cell))
                return new(template, cell[0].ToString());
        if (row.OrganisationName.Length == 0)
            return new("the organisation's name is missing.");
        if (TextInputRules.ProblemOf(row.OrganisationName, Organisation.NameMaxLength, "the organisation's name") is { } nameProblem)
            return new("{0}", nameProblem); // the validator's own sentence, translated as it is there
        if (!IsEmailAddress(row.Email))
            return new("the e-mail address is not valid.");
        if (row.Message is { Length: > PartnerInvitation.MessageMaxLength })
            return new("the message is too long: at most {0:N0} characters.", PartnerInvitation.MessageMaxLength);
        // The message goes into the e-mail HTML-encoded, so < and > are harmless there; control characters are not text.
        if (row.Message is not null && row.Message.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            return new("the message contains characters that cannot be shown.");
        var key = EmailCanonicalizer.Canonicalize(row.Email);
        if (invited.Contains(key))
            return new("this address has already been invited to sign this letter.");
        if (seen.TryGetValue(key, out var first))
            return new("the same address as line {0}.", first);
        seen[key] = row.Line;
        return null;
    }

    private static bool IsEmailAddress(string value) =>
        value.Length is > 0 and <= Signature.EmailMaxLength
        && !value.Any(char.IsControl)
        && MailAddress.TryCreate(value, out var address)
        && address.Address == value && address.DisplayName.Length == 0;

    private static RequestValidationException Refusal(ValidationFailure failure) => new RequestValidationException(typeof(PartnerInvitations.Import), [failure]);

    private sealed class ById : IEqualityComparer<PartnerInvitation>
    {
        public bool Equals(PartnerInvitation? x, PartnerInvitation? y) => x?.Id == y?.Id;

        public int GetHashCode(PartnerInvitation obj) => obj.Id;
    }
}
