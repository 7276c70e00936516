using System.Text.Encodings.Web;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Web.Infrastructure.Outbox;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// Co-editors change the text of an open letter. The change is published as a new version with a
/// public note; earlier signatures keep pointing at the version they were given on.
/// </summary>
[RequestFormLimits(ValueLengthLimit = Edit.MaxRequestBytes)]
[RequestSizeLimit(Edit.MaxRequestBytes)]
public class Amend(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public Model Letter { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken) =>
        (Data, Letter) = await mediator.Send(new Query(slug), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        (_, Letter) = await mediator.Send(new Query(slug), cancellationToken);
        var version = await mediator.Send(Data with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T["Published as version {0}.", version].Value;
        return RedirectToPage("Manage", new { slug });
    }

    public sealed record Query(string Slug) : IQuery<(Command, Model)>, ILetterEditorRequest;

    public sealed record Model(string Slug, string Title, LetterStatus Status, int LatestVersion);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, (Command, Model)>
    {
        public async ValueTask<(Command, Model)> Handle(Query query, CancellationToken cancellationToken)
        {
            var (letterId, _) = await db.RequireEditorAsync(query.Slug, user, cancellationToken);
            var letter = await db.Letters.AsNoTracking()
                .Where(l => l.Id == letterId)
                .Select(l => new
                {
                    l.Slug, l.Status, l.ChangeCount, l.LatestRevisionNumber, l.LatestVersionNumber, l.PrimaryLanguage,
                    Texts = l.Texts.Select(t => new TextInput { LanguageCode = t.LanguageCode, Title = t.Title, Body = t.Body }).ToList(),
                })
                .SingleAsync(cancellationToken);
            var texts = letter.Texts.OrderBy(t => t.LanguageCode == letter.PrimaryLanguage ? 0 : 1).ThenBy(t => t.LanguageCode, StringComparer.Ordinal).ToList();
            var command = new Command
            {
                Slug = letter.Slug,
                ChangeCount = letter.ChangeCount,
                BaseRevision = letter.LatestRevisionNumber,
                Texts = [.. texts, new TextInput()],
            };
            return (command, new Model(letter.Slug, texts.FirstOrDefault()?.Title ?? letter.Slug, letter.Status, letter.LatestVersionNumber));
        }
    }

    public sealed record Command : ICommand<int>, ILetterEditorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public int ChangeCount { get; init; }
        public int BaseRevision { get; init; }
        public TextInput[] Texts { get; init; } = [];

        /// <summary>Shown publicly with the new version, and to signers of earlier versions.</summary>
        public string ChangeNote { get; init; } = string.Empty;

        /// <summary>The editor's explicit choice to publish although some language versions are not
        /// updated with the main text; they are then marked as not updated (<see cref="TranslationFreshness"/>).</summary>
        public bool PublishOutdatedTranslations { get; init; }
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Texts).Must(texts => texts.Any(t => !t.IsBlank)).WithMessage("A letter needs its text in at least one language.")
                .MustNaming(texts => texts.Length <= Edit.Command.MaxLanguages, ("Max", _ => Edit.Command.MaxLanguages))
                .WithMessage("At most {Max} language versions.");
            RuleForEach(c => c.Texts).SetValidator(new TextInputValidator());
            RuleFor(c => c.ChangeNote).NotEmpty().WithMessage("Say in a change note what the amendment changes: signers will read it.")
                .CleanText(SignOnLetters.Domain.Letters.Letter.ChangeNoteMaxLength).WithName("Change note");
        }
    }

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, OutboxSender outbox, IPublicUrls urls, IStringLocalizer<SharedResource> T)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var (letter, _) = await db.LoadForEditorAsync(command.Slug, user, cancellationToken);
            var texts = TextInput.ToDomain(command.Texts);
            // Asked here as well as refused by the letter, so the message sits by the box to tick and names the versions.
            if (!command.PublishOutdatedTranslations && letter.ChangeCount == command.ChangeCount
                && TranslationFreshness.LeftBehind(letter.Texts, texts) is { Count: > 0 } leftBehind)
                throw new RequestValidationException(typeof(Command), [LocalisedFailure.Of(nameof(Command.PublishOutdatedTranslations),
                    "The main text changes but these language versions stay as they were: {0}. Update them, or tick the box to publish them marked as not updated.",
                    string.Join(", ", leftBehind.Select(LanguageNames.Of)))]);
            await db.SaveEditAsync(letter, command.ChangeCount, command.BaseRevision,
                () => letter.Amend(texts, command.ChangeNote, user.RequireUserId(), clock.GetUtcNow().UtcDateTime, command.PublishOutdatedTranslations),
                cancellationToken);
            await TellEarlierSignersAsync(letter, cancellationToken);
            return letter.LatestVersionNumber;
        }

        /// <summary>
        /// Everyone whose signature stands on an earlier version hears what changed, so nobody is
        /// counted under a text they did not see. Their withdraw link (sent when they signed) keeps
        /// working; tokens are stored only as hashes, so this e-mail cannot carry it again.
        /// Queued in the outbox (one mailing, one message per signer), not sent in the request.
        /// </summary>
        private async Task TellEarlierSignersAsync(Letter letter, CancellationToken cancellationToken)
        {
            var latest = letter.Versions.Single(v => v.Number == letter.LatestVersionNumber);
            var recipients = await db.Signatures.AsNoTracking()
                .ActiveOf(letter.Id)
                .Where(s => s.LetterVersionId != latest.Id && s.Email != null)
                .Select(s => new { s.Email, s.SignerName, s.CreatedAt, s.Language })
                .ToListAsync(cancellationToken);
            if (recipients.Count == 0)
                return;
            string TitleFor(string? language) => LetterLanguageVersions.ForReader(latest.Texts, t => t.LanguageCode, language, letter.PrimaryLanguage).Title;
            var title = TitleFor(null);
            // The new version with what changed from the one before, in every language.
            var link = urls.Absolute($"/letters/{letter.Slug}/versions/{latest.Number}");
            var (userId, now) = (user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            // The mailing's own subject is what coordinators see in its list: in this request's language.
            var mailing = Mailing.Create(letter.Id, MailingKind.AmendmentNotice, OutboxMessage.Truncate(Subject(title), Mailing.SubjectMaxLength),
                latest.ChangeNote ?? string.Empty, false, userId, now);
            var taken = new HashSet<string>();
            foreach (var recipient in recipients.Where(r => taken.Add(OutboxMessage.RecipientKeyOf(r.Email!))))
            {
                // Each signer reads it in the language they signed in (else the letter's); the change note stays as written.
                using var _ = ReaderLanguage.Use(ReaderLanguage.For(recipient.Language, letter.PrimaryLanguage));
                var theirTitle = TitleFor(recipient.Language);
                mailing.Add(new OutgoingMail(recipient.Email!, null, Subject(theirTitle),
                    EmailHtml.Paragraph(T["Dear {0},"], EmailHtml.Encode(recipient.SignerName)) +
                    EmailHtml.Paragraph(T["The text of {0} has changed since you signed it. It is now version {1}. What changed:"],
                        EmailHtml.Strong(theirTitle), latest.Number.ToString("N0", CultureInfo.CurrentCulture)) +
                    $"<blockquote>{EmailHtml.Encode(latest.ChangeNote ?? string.Empty)}</blockquote>" +
                    EmailHtml.LinkParagraph(link, T["Read the new version and what changed"]) +
                    EmailHtml.Paragraph(T["Your signature stays on the letter. If you no longer agree with it, withdraw it with the link in the e-mail we sent when you signed on {0}; that link keeps working."],
                        EmailHtml.Encode(Dates.Day(recipient.CreatedAt)))), now);
            }
            db.Mailings.Add(mailing);
            await db.SaveChangesAsync(cancellationToken);
            outbox.Wake();
        }

        private string Subject(string title) => T["The letter you signed was amended: {0}", Bidi.Isolate(title)];
    }
}
