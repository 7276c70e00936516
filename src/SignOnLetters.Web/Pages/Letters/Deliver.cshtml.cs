using FluentValidation;
using LinqKit;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Email;
using SignOnLetters.Web.Infrastructure.Mediation;
using SignOnLetters.Web.Infrastructure.Outbox;
using SignOnLetters.Web.Infrastructure.Security;
using SignOnLetters.Web.Infrastructure.Validation;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// Lead coordinators deliver a closed letter to its addressees by e-mail: an address per addressee
/// (private: kept only with the mailing, shown only here), a short plain-text cover message, the
/// signed PDF attached or linked, and optionally a copy to the co-authoring organisations'
/// coordinators. A preview comes first; confirming marks the letter delivered and queues one e-mail
/// per recipient in the outbox. Once delivered, a later edition (signatures gathered after reopening)
/// is sent the same way as an update.
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

    public sealed record Model(
        string Slug, string Title, LetterStatus Status, DateTime? DeliveredAt, IReadOnlyList<string> Addressees,
        IReadOnlyList<string> CoAuthors, IReadOnlyList<MailingProgress> Mailings)
    {
        /// <summary>The first delivery: the letter must be closed.</summary>
        public bool IsFirstDelivery => DeliveredAt is null;

        public bool CanSend => IsFirstDelivery ? Status == LetterStatus.Closed : Status is LetterStatus.Closed or LetterStatus.Delivered;
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
            var addressees = letter.Addressees.Select(a => a.ToString()).ToList();
            // The addresses used last time, so a later edition goes where the first did.
            var lastMailingId = await db.Mailings.Where(m => m.LetterId == letterId && m.Kind != MailingKind.SignerUpdate)
                .OrderByDescending(m => m.Id).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
            var used = lastMailingId is null ? [] : await db.OutboxMessages.AsNoTracking()
                .Where(o => o.MailingId == lastMailingId)
                .Select(o => new { o.RecipientName, o.Recipient })
                .ToListAsync(cancellationToken);
            var title = letter.Title ?? letter.Slug;
            var command = new Command
            {
                Slug = letter.Slug,
                ChangeCount = letter.ChangeCount,
                Subject = letter.DeliveredAt is null ? title : UpdatedEditionSubject(T, title, letter.PrimaryLanguage),
                AddresseeEmails = addressees.Select(a => used.FirstOrDefault(u => u.RecipientName == a)?.Recipient ?? string.Empty).ToArray(),
                AttachPdf = true,
            };
            var mailings = await MailingProgressQueries.ForLetterAsync(db, letterId, [MailingKind.Delivery, MailingKind.AddresseeUpdate], cancellationToken);
            return (command, new Model(letter.Slug, title, letter.Status, letter.DeliveredAt, addressees, letter.CoAuthors, mailings));
        }

        /// <summary>The suggested subject of a later edition, in the letter's language like the e-mail it heads.</summary>
        private static string UpdatedEditionSubject(IStringLocalizer<SharedResource> T, string title, string letterLanguage)
        {
            using var _ = ReaderLanguage.Use(ReaderLanguage.For(null, letterLanguage));
            return T["{0} (updated edition)", title];
        }
    }

    /// <param name="Send">False: check and preview only, nothing is stored. True: mark delivered and queue the e-mails.</param>
    public sealed record Command : ICommand<Outcome>, ILetterCoordinatorRequest, IRequiresTwoFactor
    {
        // Sending delivers the signed letter with its signatories; the preview stores and sends nothing.
        public bool TwoFactorRequired => Send;

        public const int MaxAddressees = 100;

        public string Slug { get; init; } = string.Empty;

        /// <summary>The letter's change count when the form was loaded: a second submission of the same form sends nothing.</summary>
        public int ChangeCount { get; init; }

        public string Subject { get; init; } = string.Empty;

        /// <summary>One per addressee, in the letter's order; blank for an addressee not written to.</summary>
        public string[] AddresseeEmails { get; init; } = [];

        /// <summary>Plain text; shown to the addressees above the letter.</summary>
        public string CoverMessage { get; init; } = string.Empty;

        public bool AttachPdf { get; init; } = true;
        public bool CopyCoAuthors { get; init; }
        public bool Send { get; init; }
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Subject).NotEmpty().WithMessage("Give the e-mail a subject.").CleanText(Mailing.SubjectMaxLength);
            RuleFor(c => c.AddresseeEmails)
                .MustNaming(emails => emails.Length <= Command.MaxAddressees, ("Max", _ => Command.MaxAddressees)).WithMessage("At most {Max} addressees.")
                .Must(emails => emails.Any(e => !string.IsNullOrWhiteSpace(e))).WithMessage("Give the e-mail address of at least one addressee.")
                .Must((_, emails, context) => Duplicate(emails) is not { } twice || Refused(context, twice))
                .WithMessage("{Address} is given for two addressees. Give each address once.");
            RuleForEach(c => c.AddresseeEmails)
                .Must((_, email, context) => string.IsNullOrWhiteSpace(email) || TextInputRules.IsSendableEmailAddress(email.Trim()) || Refused(context, Shorten(email)))
                .WithMessage("\"{Address}\" is not a valid e-mail address.");
            RuleFor(c => c.CoverMessage).CleanLines(Mailing.CoverMessageMaxLength).WithName("The cover message");
        }

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

    /// <param name="ChangeCount">The letter's change count now: the preview's "send" button posts it, so sending what was previewed works once.</param>
    public sealed record Outcome(MailingKind Kind, string Subject, string HtmlBody, bool AttachesPdf, IReadOnlyList<Recipient> Recipients, int ChangeCount);

    public sealed record Recipient(string Email, string Name);

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
            if (command.AddresseeEmails.Length > addressees.Count)
                throw new DomainRuleException("There are more addresses than addressees. Reload the page and try again.");

            var recipients = command.AddresseeEmails
                .Select((email, i) => (Email: email.Trim(), Name: addressees[i].ToString(), Greeting: addressees[i].Name))
                .Where(r => r.Email.Length > 0)
                .ToList();
            if (command.CopyCoAuthors)
                recipients.AddRange(await CoAuthorCopiesAsync(letter, recipients.Select(r => OutboxMessage.RecipientKeyOf(r.Email)).ToHashSet(), cancellationToken));

            var title = PrimaryTitle.In(letter);
            var subject = command.Subject.Trim();
            string Body(string greeting) => Html(greeting, command.CoverMessage, title, letter.Slug, command.AttachPdf, kind, letter.PrimaryLanguage);
            var outcome = new Outcome(kind, subject, Body(recipients[0].Greeting), command.AttachPdf,
                recipients.Select(r => new Recipient(r.Email, r.Name)).ToList(), letter.ChangeCount);
            if (!command.Send)
                return outcome;

            if (command.ChangeCount != letter.ChangeCount)
                throw new DomainRuleException("The letter changed since this form was loaded, or this mailing was already sent: check the list of sent mailings below, then preview again.");
            var (userId, now) = (user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            var mailing = Mailing.Create(letter.Id, kind, subject, command.CoverMessage.Trim(), command.AttachPdf, userId, now);
            foreach (var recipient in recipients)
                mailing.Add(new OutgoingMail(recipient.Email, recipient.Name, subject, Body(recipient.Greeting),
                    command.AttachPdf ? letter.Id : null, command.AttachPdf ? letter.PrimaryLanguage : null), now);
            if (letter.Status == LetterStatus.Closed)
                letter.MarkDelivered(userId, now);
            // The PDF this mailing attaches or links to is a new sealed edition (ADR 0016).
            letter.IssueEdition(now);
            letter.RecordMailing(userId, now);
            db.Mailings.Add(mailing);
            // One save: the letter is delivered exactly when its e-mails are queued.
            await db.SaveChangesAsync(cancellationToken);
            outbox.Wake();
            return outcome;
        }

        /// <summary>The co-authoring organisations' coordinators, each once and not twice with an addressee.</summary>
        private async Task<IEnumerable<(string Email, string Name, string Greeting)>> CoAuthorCopiesAsync(
            Letter letter, HashSet<string> taken, CancellationToken cancellationToken)
        {
            var organisationIds = letter.CoAuthors.Where(c => c.IsAccepted).Select(c => c.OrganisationId).ToList();
            var coordinators = await db.OrganisationMemberships.AsNoTracking()
                .Where(m => organisationIds.Contains(m.OrganisationId) && m.Role == OrganisationRole.Coordinator && m.User.Email != null)
                .OrderBy(m => m.OrganisationId).ThenBy(m => m.JoinedAt)
                .Select(m => new { m.User.Email, Organisation = m.Organisation.Name, m.User.DisplayName })
                .ToListAsync(cancellationToken);
            return coordinators
                .Where(c => taken.Add(OutboxMessage.RecipientKeyOf(c.Email!)))
                .Select(c => (c.Email!, T["Copy for {0}", c.Organisation].Value, c.DisplayName ?? c.Organisation));
        }

        /// <summary>The e-mail around the coordinator's own message (kept as typed), in the letter's language.</summary>
        private string Html(string greeting, string coverMessage, string title, string slug, bool attachPdf, MailingKind kind, string letterLanguage)
        {
            using var _ = ReaderLanguage.Use(ReaderLanguage.For(null, letterLanguage));
            var paragraphs = coverMessage.Trim().ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(p => $"<p>{string.Join("<br>", p.Split('\n').Select(line => EmailHtml.Encode(line.Trim())))}</p>");
            var page = urls.Absolute($"/letters/{slug}");
            return EmailHtml.Paragraph(T["Dear {0},"], EmailHtml.Encode(greeting)) +
                   string.Concat(paragraphs) +
                   (kind == MailingKind.AddresseeUpdate
                       ? EmailHtml.Paragraph(T["This is an updated edition of {0}, with the signatures added since we first sent it."], EmailHtml.Strong(title))
                       : EmailHtml.Paragraph(T["Please find our letter {0}."], EmailHtml.Strong(title))) +
                   (attachPdf
                       ? EmailHtml.Paragraph(T["The signed letter is attached as a PDF."])
                       : EmailHtml.LinkParagraph(urls.Absolute($"/letters/{slug}/pdf"), T["Download the signed letter (PDF)"])) +
                   EmailHtml.Paragraph(T["The letter and its signatories are also published at {0}."],
                       $"<a href=\"{EmailHtml.Encode(page)}\">{EmailHtml.Encode(page)}</a>");
        }
    }
}
