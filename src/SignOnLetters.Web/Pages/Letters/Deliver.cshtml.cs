using LinqKit;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Web.Infrastructure.Outbox;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// Lead coordinators deliver a closed letter to its addressees by e-mail: an address per addressee
/// (private: kept only with the mailing, shown only here) and the language version each addressee
/// gets (the letter's main language unless the coordinator picks another of its versions), a subject
/// and a plain-text cover message per language, the signed PDF of that version attached or linked,
/// and optionally a copy to the co-authoring organisations' coordinators. A preview comes first;
/// confirming marks the letter delivered and queues one e-mail per recipient in the outbox. Once
/// delivered, a later edition (signatures gathered after reopening) is sent the same way as an
/// update, to the same addresses in the same languages.
/// </summary>
[RequestFormLimits(ValueLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public class Deliver(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public const int MaxRequestBytes = 64 * 1024;

    [BindProperty]
    public Command Data { get; set; } = new();

    public Model Letter { get; private set; } = null!;

    /// <summary>Set after "Preview": what will be sent, before anything is stored.</summary>
    public Outcome? Preview { get; private set; }

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken) =>
        (Data, Letter) = await mediator.Send(new Query(slug), cancellationToken);

    public async Task<IActionResult> OnPostPreviewAsync(string slug, CancellationToken cancellationToken)
    {
        (_, Letter) = await mediator.Send(new Query(slug), cancellationToken);
        Preview = await mediator.Send(Data with { Slug = slug, Send = false }, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(string slug, CancellationToken cancellationToken)
    {
        (_, Letter) = await mediator.Send(new Query(slug), cancellationToken);
        var sent = await mediator.Send(Data with { Slug = slug, Send = true }, cancellationToken);
        TempData["Notice"] = T.Plural("{0} e-mails queued. Their progress is shown below.", sent.Recipients.Count);
        return RedirectToPage("Deliver", new { slug });
    }

    public sealed record Query(string Slug) : IQuery<(Command, Model)>, ILetterCoordinatorRequest;

    /// <param name="Languages">The letter's language versions, its main language first: what an addressee may get.</param>
    public sealed record Model(
        string Slug, string Title, LetterStatus Status, DateTime? DeliveredAt, IReadOnlyList<string> Addressees,
        IReadOnlyList<string> CoAuthors, IReadOnlyList<MailingProgress> Mailings, IReadOnlyList<LetterTitle> Languages)
    {
        /// <summary>The first delivery: the letter must be closed.</summary>
        public bool IsFirstDelivery => DeliveredAt is null;

        public bool CanSend => IsFirstDelivery ? Status == LetterStatus.Closed : Status is LetterStatus.Closed or LetterStatus.Delivered;

        public string PrimaryLanguage => Languages.Count > 0 ? Languages[0].Language : string.Empty;
    }

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> T) : IQueryHandler<Query, (Command, Model)>
    {
        public async ValueTask<(Command, Model)> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            var letter = await db.Letters.AsNoTracking().AsExpandable()
                .Where(l => l.Id == letterId)
                .Select(l => new
                {
                    l.Slug, l.Status, l.DeliveredAt, l.ChangeCount, l.PrimaryLanguage,
                    Title = PrimaryTitle.Of.Invoke(l),
                    Addressees = l.Addressees.OrderBy(a => a.Position).ToList(),
                    CoAuthors = l.CoAuthors.Where(c => c.AcceptedAt != null).OrderBy(c => c.Position).Select(c => c.Organisation.Name).ToList(),
                })
                .SingleAsync(cancellationToken);
            var languages = await DeliveryLanguages.OfAsync(db, letterId, letter.PrimaryLanguage, cancellationToken);
            var addressees = letter.Addressees.Select(a => a.ToString()).ToList();
            // The addresses and languages used last time, so a later edition goes where and as the first did.
            var lastMailingId = await db.Mailings.Where(m => m.LetterId == letterId && m.Kind != MailingKind.SignerUpdate)
                .OrderByDescending(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
            var used = lastMailingId is null ? [] : await db.OutboxMessages.AsNoTracking()
                .Where(o => o.MailingId == lastMailingId)
                .Select(o => new { o.RecipientName, o.Recipient, o.Language })
                .ToListAsync(cancellationToken);
            var title = letter.Title ?? letter.Slug;
            var command = new Command
            {
                Slug = letter.Slug,
                ChangeCount = letter.ChangeCount,
                AddresseeEmails = addressees.Select(a => used.FirstOrDefault(u => u.RecipientName == a)?.Recipient ?? string.Empty).ToArray(),
                AddresseeLanguages = addressees.Select(a => used.FirstOrDefault(u => u.RecipientName == a)?.Language is { } language
                    && languages.Any(l => l.Language == language) ? language : letter.PrimaryLanguage).ToArray(),
                Subjects = languages.ToDictionary(l => l.Language, l => letter.DeliveredAt is null ? l.Title : UpdatedEditionSubject(T, l)),
                AttachPdf = true,
            };
            var mailings = await MailingProgressQueries.ForLetterAsync(db, letterId, [MailingKind.Delivery, MailingKind.AddresseeUpdate], cancellationToken);
            return (command, new Model(letter.Slug, title, letter.Status, letter.DeliveredAt, addressees, letter.CoAuthors, mailings, languages));
        }

        /// <summary>The suggested subject of a later edition, in the language of the e-mail it heads.</summary>
        private static string UpdatedEditionSubject(IStringLocalizer<SharedResource> T, LetterTitle version)
        {
            using var _ = ReaderLanguage.Use(ReaderLanguage.For(null, version.Language));
            return T["{0} (updated edition)", version.Title];
        }
    }

    /// <param name="Send">False: check and preview only, nothing is stored. True: mark delivered and queue the e-mails.</param>
    public sealed record Command : ICommand<Outcome>, ILetterCoordinatorRequest, IRequiresTwoFactor
    {
        // Sending delivers the signed letter with its signatories; the preview stores and sends nothing.
        public bool TwoFactorRequired => Send;

        public const int MaxAddressees = 100;

        /// <summary>More language versions than any letter has: a bound on what a form may post.</summary>
        public const int MaxLanguages = 50;

        public string Slug { get; init; } = string.Empty;

        /// <summary>The letter's change count when the form was loaded: a second submission of the same form sends nothing.</summary>
        public int ChangeCount { get; init; }

        /// <summary>One per addressee, in the letter's order; blank for an addressee not written to.</summary>
        public string[] AddresseeEmails { get; init; } = [];

        /// <summary>One per addressee, in the letter's order: the language version each gets; blank for the letter's main language.</summary>
        public string[] AddresseeLanguages { get; init; } = [];

        /// <summary>The subject per language version (code → subject); needed for each language an addressee gets.</summary>
        public Dictionary<string, string> Subjects { get; init; } = [];

        /// <summary>Plain text per language version, shown to the addressees above the letter, as typed; may be blank.</summary>
        public Dictionary<string, string> CoverMessages { get; init; } = [];

        public bool AttachPdf { get; init; } = true;
        public bool CopyCoAuthors { get; init; }
        public bool Send { get; init; }
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.AddresseeEmails)
                .MustNaming(emails => emails.Length <= Command.MaxAddressees, ("Max", _ => Command.MaxAddressees)).WithMessage("At most {Max} addressees.")
                .Must(emails => emails.Any(e => !string.IsNullOrWhiteSpace(e))).WithMessage("Give the e-mail address of at least one addressee.")
                .Must((_, emails, context) => Duplicate(emails) is not { } twice || Refused(context, twice))
                .WithMessage("{Address} is given for two addressees. Give each address once.");
            RuleForEach(c => c.AddresseeEmails)
                .Must((_, email, context) => string.IsNullOrWhiteSpace(email) || TextInputRules.IsSendableEmailAddress(email.Trim()) || Refused(context, Shorten(email)))
                .WithMessage("\"{Address}\" is not a valid e-mail address.");
            RuleFor(c => c.AddresseeLanguages)
                .MustNaming(languages => languages.Length <= Command.MaxAddressees, ("Max", _ => Command.MaxAddressees)).WithMessage("At most {Max} addressees.");
            // The handler checks that the letter has each chosen version; this only keeps out what is no language at all.
            RuleForEach(c => c.AddresseeLanguages)
                .Must(language => string.IsNullOrWhiteSpace(language) || LanguageCodes.Normalize(language) is not null)
                .WithMessage("Choose each addressee's language from the letter's language versions.");
            RuleFor(c => c.Subjects)
                .MustNaming(subjects => subjects.Count <= Command.MaxLanguages, ("Max", _ => Command.MaxLanguages)).WithMessage("At most {Max} language versions.");
            // Keyed by language ("Subjects[fr].Value"), not by position, so the page can give each field the id its error links to.
            RuleForEach(c => c.Subjects).OverrideIndexer(ByLanguage)
                .ChildRules(subject => subject.RuleFor(s => s.Value).CleanText(Mailing.SubjectMaxLength).WithName("The subject"))
                .OverridePropertyName(nameof(Command.Subjects));
            RuleFor(c => c.CoverMessages)
                .MustNaming(messages => messages.Count <= Command.MaxLanguages, ("Max", _ => Command.MaxLanguages)).WithMessage("At most {Max} language versions.");
            RuleForEach(c => c.CoverMessages).OverrideIndexer(ByLanguage)
                .ChildRules(message => message.RuleFor(m => m.Value).CleanLines(Mailing.CoverMessageMaxLength).WithName("The cover message"))
                .OverridePropertyName(nameof(Command.CoverMessages));
        }

        private static string ByLanguage(Command command, IEnumerable<KeyValuePair<string, string>> all, KeyValuePair<string, string> entry, int index) =>
            $"[{entry.Key}]";

        /// <summary>The form key of one language's field error, as the validator names it ("Data.Subjects[fr].Value").</summary>
        public static string LanguageFieldKey(string field, string language) => $"{nameof(Deliver.Data)}.{field}[{language}].Value";

        private static string? Duplicate(string[] emails) =>
            emails.Where(e => !string.IsNullOrWhiteSpace(e)).GroupBy(OutboxMessage.RecipientKeyOf).FirstOrDefault(g => g.Count() > 1)?.Key;

        /// <summary>Names the refused address in the message ({Address}); always false.</summary>
        private static bool Refused(ValidationContext<Command> context, string address)
        {
            context.MessageFormatter.AppendArgument("Address", address);
            return false;
        }

        private static string Shorten(string? value) => value is null ? "" : value.Length > 60 ? value[..60] + "…" : value;
    }

    /// <param name="Emails">The e-mail as each language's addressees get it (the greeting of the first of them).</param>
    /// <param name="ChangeCount">The letter's change count now: the preview's "send" button posts it, so sending what was previewed works once.</param>
    public sealed record Outcome(MailingKind Kind, bool AttachesPdf, IReadOnlyList<Recipient> Recipients, IReadOnlyList<LanguageEmail> Emails, int ChangeCount);

    /// <param name="Language">The language version this recipient gets.</param>
    public sealed record Recipient(string Email, string Name, string Language);

    /// <param name="HtmlBody">Composed from encoded parts only; the plain-text part is made from it when sent.</param>
    public sealed record LanguageEmail(string Language, string Subject, string HtmlBody, int RecipientCount)
    {
        public string TextBody => MailKitEmailSender.ToPlainText(HtmlBody);
    }

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, IPublicUrls urls, OutboxSender outbox, IStringLocalizer<SharedResource> T)
        : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            var kind = letter.DeliveredAt is null ? MailingKind.Delivery : MailingKind.AddresseeUpdate;
            if (kind == MailingKind.Delivery && letter.Status != LetterStatus.Closed)
                throw new DomainRuleException("Close the letter before delivering it: it is still collecting signatures.");
            if (kind == MailingKind.AddresseeUpdate && letter.Status is not (LetterStatus.Closed or LetterStatus.Delivered))
                throw new DomainRuleException("Close the letter again before sending a later edition to the addressees.");
            var addressees = letter.Addressees.OrderBy(a => a.Position).ToList();
            if (command.AddresseeEmails.Length > addressees.Count || command.AddresseeLanguages.Length > addressees.Count)
                throw new DomainRuleException("There are more addresses than addressees. Reload the page and try again.");
            var versions = await DeliveryLanguages.OfAsync(db, letter.Id, letter.PrimaryLanguage, cancellationToken);

            var recipients = command.AddresseeEmails
                .Select((email, i) => (Email: email.Trim(), Name: addressees[i].ToString(), Greeting: addressees[i].Name,
                    Version: VersionFor(versions, i < command.AddresseeLanguages.Length ? command.AddresseeLanguages[i] : null, addressees[i].ToString())))
                .Where(r => r.Email.Length > 0)
                .ToList();
            if (command.CopyCoAuthors)
                recipients.AddRange(await CoAuthorCopiesAsync(letter, versions[0], recipients.Select(r => OutboxMessage.RecipientKeyOf(r.Email)).ToHashSet(), cancellationToken));

            // One e-mail per language version in use, its subject and message as the coordinator wrote them for that language.
            var emails = recipients.GroupBy(r => r.Version).Select(group =>
            {
                var version = group.Key;
                var subject = command.Subjects.GetValueOrDefault(version.Language)?.Trim();
                if (string.IsNullOrEmpty(subject))
                    throw new DomainRuleException("Give the e-mail in {0} a subject.", new LanguageName(version.Language));
                var message = command.CoverMessages.GetValueOrDefault(version.Language) ?? string.Empty;
                return (Version: version, Subject: subject, Message: message,
                    Body: (Func<string, string>)(greeting => Html(greeting, message, version, letter.Slug, letter.PrimaryLanguage, command.AttachPdf, kind)),
                    Greeting: group.First().Greeting, Count: group.Count());
            }).ToList();
            var outcome = new Outcome(kind, command.AttachPdf,
                recipients.Select(r => new Recipient(r.Email, r.Name, r.Version.Language)).ToList(),
                emails.Select(e => new LanguageEmail(e.Version.Language, e.Subject, e.Body(e.Greeting), e.Count)).ToList(),
                letter.ChangeCount);
            if (!command.Send)
                return outcome;

            if (command.ChangeCount != letter.ChangeCount)
                throw new DomainRuleException("The letter changed since this form was loaded, or this mailing was already sent: check the list of sent mailings below, then preview again.");
            var (userId, now) = (user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            // The mailing is listed under the subject of its main language (else its first); each e-mail keeps its own.
            var main = emails.FirstOrDefault(e => e.Version == versions[0]) is { Subject: not null } primary ? primary : emails[0];
            var mailing = Mailing.Create(letter.Id, kind, main.Subject, main.Message.Trim(), command.AttachPdf, userId, now);
            foreach (var recipient in recipients)
            {
                var email = emails.Single(e => e.Version == recipient.Version);
                mailing.Add(new OutgoingMail(recipient.Email, recipient.Name, email.Subject, email.Body(recipient.Greeting),
                    command.AttachPdf ? letter.Id : null, command.AttachPdf ? recipient.Version.Language : null,
                    Language: recipient.Version.Language), now);
            }
            if (letter.Status == LetterStatus.Closed)
                letter.MarkDelivered(userId, now);
            // The PDFs this mailing attaches or links to are a new sealed edition, one file per language (ADR 0016).
            letter.IssueEdition(now);
            letter.RecordMailing(userId, now);
            db.Mailings.Add(mailing);
            // One save: the letter is delivered exactly when its e-mails are queued.
            await db.SaveChangesAsync(cancellationToken);
            outbox.Wake();
            return outcome;
        }

        /// <summary>The version chosen for an addressee (blank: the main language); a language the letter does not have is refused.</summary>
        private static LetterTitle VersionFor(IReadOnlyList<LetterTitle> versions, string? chosen, string addressee)
        {
            if (string.IsNullOrWhiteSpace(chosen))
                return versions[0];
            var code = LanguageCodes.Normalize(chosen);
            return versions.FirstOrDefault(v => v.Language == code)
                   ?? throw new DomainRuleException("The letter has no {0} version to send to {1}. Choose one of its languages.",
                       code is null ? chosen.Trim() : new LanguageName(code), addressee);
        }

        /// <summary>The co-authoring organisations' coordinators, each once and not twice with an addressee, in the letter's main language.</summary>
        private async Task<IEnumerable<(string Email, string Name, string Greeting, LetterTitle Version)>> CoAuthorCopiesAsync(
            Letter letter, LetterTitle mainVersion, HashSet<string> taken, CancellationToken cancellationToken)
        {
            var organisationIds = letter.CoAuthors.Where(c => c.IsAccepted).Select(c => c.OrganisationId).ToList();
            var coordinators = await db.OrganisationMemberships.AsNoTracking()
                .Where(m => organisationIds.Contains(m.OrganisationId) && m.Role == OrganisationRole.Coordinator && m.User.Email != null)
                .OrderBy(m => m.OrganisationId).ThenBy(m => m.JoinedAt)
                .Select(m => new { m.User.Email, Organisation = m.Organisation.Name, m.User.DisplayName })
                .ToListAsync(cancellationToken);
            return coordinators
                .Where(c => taken.Add(OutboxMessage.RecipientKeyOf(c.Email!)))
                .Select(c => (c.Email!, T["Copy for {0}", c.Organisation].Value, c.DisplayName ?? c.Organisation, mainVersion));
        }

        /// <summary>
        /// The e-mail around the coordinator's own message, in the addressee's language version: a
        /// greeting, the message exactly as typed (its paragraphs and line breaks), then one line on the
        /// PDF (attached, or its link) and where the letter is published. The e-mail's own sentences are
        /// in that language when the interface has it, else in English; the message keeps its own language.
        /// </summary>
        private string Html(string greeting, string coverMessage, LetterTitle version, string slug, string primaryLanguage,
            bool attachPdf, MailingKind kind)
        {
            var language = ReaderLanguage.For(null, version.Language);
            using var _ = ReaderLanguage.Use(language);
            var query = version.Language == primaryLanguage ? string.Empty : $"?lang={Uri.EscapeDataString(version.Language)}";
            var pdf = urls.Absolute($"/letters/{slug}/pdf{query}");
            var page = urls.Absolute($"/letters/{slug}{query}");
            var message = EmailHtml.PlainTextParagraphs(coverMessage);
            if (message.Length > 0 && version.Language != language)
                message = EmailHtml.InLanguage(version.Language, message);
            var title = EmailHtml.Strong(version.Title);
            var pdfLine = (kind, attachPdf) switch
            {
                (MailingKind.Delivery, true) => EmailHtml.Paragraph(T["The signed letter, {0}, is attached as a PDF."], title),
                (MailingKind.Delivery, false) => EmailHtml.Paragraph(T["The signed letter, {0}, can be downloaded as a PDF: {1}"], title, Link(pdf)),
                (_, true) => EmailHtml.Paragraph(T["This is an updated edition of {0}, with the signatures added since we first sent it."], title) +
                             EmailHtml.Paragraph(T["The signed letter is attached as a PDF."]),
                (_, false) => EmailHtml.Paragraph(T["This is an updated edition of {0}, with the signatures added since we first sent it."], title) +
                              EmailHtml.LinkParagraph(pdf, T["Download the signed letter (PDF)"]),
            };
            return EmailHtml.InLanguage(language,
                EmailHtml.Paragraph(T["Dear {0},"], EmailHtml.Isolated(greeting)) +
                message +
                pdfLine +
                EmailHtml.Paragraph(T["The letter and its signatories are also published at {0}."], Link(page)));
        }

        private static string Link(string url) => $"<a href=\"{EmailHtml.Encode(url)}\">{EmailHtml.Encode(url)}</a>";
    }
}

/// <summary>
/// The language versions a letter is delivered in: those of its latest published version (what the
/// PDF prints, <see cref="Documents.LetterPdfSource"/>), or of the draft before any; main language first.
/// </summary>
public static class DeliveryLanguages
{
    public static async Task<IReadOnlyList<LetterTitle>> OfAsync(AppDbContext db, int letterId, string primaryLanguage, CancellationToken cancellationToken)
    {
        var published = await db.LetterVersions.AsNoTracking()
            .Where(v => v.LetterId == letterId)
            .OrderByDescending(v => v.Number)
            .Take(1)
            .SelectMany(v => v.Texts.Select(t => new LetterTitle(t.LanguageCode, t.Title)))
            .ToListAsync(cancellationToken);
        var versions = published.Count > 0 ? published : await db.Letters.AsNoTracking()
            .Where(l => l.Id == letterId)
            .SelectMany(l => l.Texts.Select(t => new LetterTitle(t.LanguageCode, t.Title)))
            .ToListAsync(cancellationToken);
        return versions.OrderBy(v => v.Language == primaryLanguage ? 0 : 1).ThenBy(v => v.Language, StringComparer.Ordinal).ToList();
    }
}
