using System.Text.Encodings.Web;
using LinqKit;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Web.Infrastructure.Markdown;
using SignOnLetters.Web.Infrastructure.Outbox;
using SignOnLetters.Web.Pages.Signatures;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// Lead coordinators write an update (Markdown) to the confirmed signers who asked to be kept
/// updated: at most one per <see cref="UpdateOptions.MinimumDaysBetween"/> days per letter, each
/// e-mail with a one-click unsubscribe link that works without an account. Updates are listed on the
/// public letter page.
/// </summary>
[RequestFormLimits(ValueLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public class Updates(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public const int MaxRequestBytes = 128 * 1024;

    [BindProperty]
    public Command Data { get; set; } = new();

    public Model Letter { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        Data = new Command { Slug = slug, ChangeCount = Letter.ChangeCount };
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        var recipients = await mediator.Send(Data with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T.Plural("Update published and queued for {0} signers.", recipients);
        return RedirectToPage("Updates", new { slug });
    }

    public sealed record Query(string Slug) : IQuery<Model>, ILetterCoordinatorRequest;

    /// <param name="NextAllowedAt">When the next update may be sent; null when it may be now.</param>
    public sealed record Model(string Slug, string Title, LetterStatus Status, int ChangeCount, int Subscribers, DateTime? NextAllowedAt, IReadOnlyList<MailingProgress> Mailings);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, Microsoft.Extensions.Options.IOptions<UpdateOptions> options)
        : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            var letter = await db.Letters.AsNoTracking().AsExpandable().Where(l => l.Id == letterId)
                .Select(l => new { l.Slug, l.Status, l.ChangeCount, Title = PrimaryTitle.Of.Invoke(l) })
                .SingleAsync(cancellationToken);
            var next = await NextAllowedAtAsync(db, letterId, options.Value, cancellationToken);
            return new Model(letter.Slug, letter.Title ?? letter.Slug, letter.Status, letter.ChangeCount,
                await Subscribers(db, letterId).CountAsync(cancellationToken),
                next > clock.GetUtcNow().UtcDateTime ? next : null,
                await MailingProgressQueries.ForLetterAsync(db, letterId, [MailingKind.SignerUpdate], cancellationToken));
        }
    }

    /// <summary>Confirmed signers (counted or in review) with an address, who asked for updates.</summary>
    public static IQueryable<Signature> Subscribers(AppDbContext db, int letterId) =>
        db.Signatures.Where(s => s.LetterId == letterId && s.KeepMeUpdated && s.Email != null && s.ConfirmedAt != null
                                 && (s.State == SignatureState.Approved || s.State == SignatureState.HeldForReview));

    public static async Task<DateTime?> NextAllowedAtAsync(AppDbContext db, int letterId, UpdateOptions options, CancellationToken cancellationToken)
    {
        var last = await db.Mailings.Where(m => m.LetterId == letterId && m.Kind == MailingKind.SignerUpdate)
            .OrderByDescending(m => m.CreatedAt).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return last?.AddDays(options.MinimumDaysBetween);
    }

    public sealed record Command : ICommand<int>, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;

        /// <summary>The letter's change count when the form was loaded: a second submission of the same form sends nothing.</summary>
        public int ChangeCount { get; init; }

        public string Subject { get; init; } = string.Empty;

        /// <summary>Markdown, like the letter's text; published on the letter page and e-mailed.</summary>
        public string Body { get; init; } = string.Empty;
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Subject).NotEmpty().WithMessage("Give the update a title.").CleanText(Mailing.SubjectMaxLength).WithName("The title");
            RuleFor(c => c.Body).NotEmpty().WithMessage("Write the update.")
                .Must((_, body, context) =>
                {
                    context.MessageFormatter
                        .AppendArgument("TotalLength", body.Length.ToString("N0", CultureInfo.CurrentCulture))
                        .AppendArgument("MaxLength", Mailing.UpdateMaxLength.ToString("N0", CultureInfo.CurrentCulture));
                    return body.Length <= Mailing.UpdateMaxLength;
                })
                .WithMessage("The update is too long: {TotalLength} characters, at most {MaxLength}.");
            RuleFor(c => c.Body).SafeMarkdown("The update")
                .When(c => c.Body.Length <= Mailing.UpdateMaxLength);
        }
    }

    public sealed class CommandHandler(
        AppDbContext db, ICurrentUser user, TimeProvider clock, IPublicUrls urls, OutboxSender outbox, UnsubscribeLinks unsubscribe,
        Microsoft.Extensions.Options.IOptions<UpdateOptions> options, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> T) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            if (letter.Status is LetterStatus.Draft or LetterStatus.Archived)
                throw new DomainRuleException(letter.Status == LetterStatus.Draft
                    ? "A draft has no signers to update yet."
                    : "This letter is archived.");
            var now = clock.GetUtcNow().UtcDateTime;
            if (await NextAllowedAtAsync(db, letter.Id, options.Value, cancellationToken) is { } next && next > now)
                throw new DomainRuleException("At most one update every {0} days: the next can be sent from {1} UTC.", options.Value.MinimumDaysBetween, Dates.DayAndTime(next));

            if (command.ChangeCount != letter.ChangeCount)
                throw new DomainRuleException("The letter changed since this form was loaded, or this update was already sent: check the list of sent updates below.");
            letter.RecordMailing(user.RequireUserId(), now);

            var signers = await Subscribers(db, letter.Id)
                .Select(s => new { s.Id, s.Email, s.SignerName, s.Language })
                .ToListAsync(cancellationToken);
            var body = LetterMarkdown.ToSafeHtml(command.Body);
            var mailing = Mailing.Create(letter.Id, MailingKind.SignerUpdate, command.Subject, command.Body, false, user.RequireUserId(), now);
            var taken = new HashSet<string>();
            foreach (var signer in signers.Where(s => taken.Add(OutboxMessage.RecipientKeyOf(s.Email!))))
            {
                var link = unsubscribe.For(signer.Id);
                // Each signer reads the greeting and footer in the language they signed in.
                using var language = ReaderLanguage.Use(ReaderLanguage.For(signer.Language, letter.PrimaryLanguage));
                // ... and the letter's title in the version of their language (the update itself stays as written).
                var title = letter.Texts.Count == 0 ? letter.Slug
                    : LetterLanguageVersions.ForReader(letter.Texts, t => t.LanguageCode, signer.Language, letter.PrimaryLanguage).Title;
                var subject = $"{command.Subject.Trim()} ({Bidi.Isolate(title)})";
                mailing.Add(new OutgoingMail(signer.Email!, null, subject, Html(signer.SignerName, title, letter.Slug, body, link), ListUnsubscribeUrl: link), now);
            }
            db.Mailings.Add(mailing);
            await db.SaveChangesAsync(cancellationToken);
            outbox.Wake();
            return mailing.RecipientCount;
        }

        private string Html(string name, string title, string slug, string bodyHtml, string unsubscribeLink)
        {
            var html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
            return $"<p>{html.Encode(T["Dear {0},", name])}</p>" + bodyHtml +
                   $"<p><a href=\"{html.Encode(urls.Absolute($"/letters/{slug}"))}\"><bdi>{html.Encode(title)}</bdi></a></p>" +
                   $"<p>{html.Encode(T["You receive this because you signed this letter and asked to be kept updated."])} " +
                   $"<a href=\"{html.Encode(unsubscribeLink)}\">{html.Encode(T["Stop these updates"])}</a>.</p>";
        }
    }
}

/// <summary>Configuration section <c>Updates</c>.</summary>
public sealed class UpdateOptions
{
    public const string Section = "Updates";

    /// <summary>Least number of days between two updates to the signers of one letter.</summary>
    public int MinimumDaysBetween { get; set; } = 7;
}
