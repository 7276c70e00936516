using System.Threading.RateLimiting;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Web.Infrastructure.Outbox;
using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// "Contact the coordinators" at <c>/letters/{slug}/contact</c> (issue 17): anyone, without an account
/// or JavaScript, writes to the coordinators of the letter's lead organisation, who are the letter's
/// coordinators (<see cref="LetterRole.LeadCoordinator"/>). The message goes through the outbox, one
/// row per coordinator, with the sender's address as Reply-To: a coordinator answers when they
/// choose, and until then the sender never learns an address, or even whether the letter has
/// coordinators with an address: every accepted message gets the same answer. Published letters
/// only (open, closed, delivered, archived: people write about a letter after it closes); a draft
/// is "not found", as on its public page.
/// </summary>
public class Contact(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public const string Sent = "Thank you. Your message is on its way to the letter's coordinators. If they answer, it will be by e-mail to the address you gave.";

    public Model Letter { get; private set; } = null!;

    [BindProperty]
    public Command Data { get; set; } = new();

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken) =>
        Letter = await mediator.Send(new Query(slug), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        // Loaded first: a refused message re-renders this page, with everything typed still in it.
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(Data with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T[Sent].Value;
        return RedirectToPage("Contact", new { slug });
    }

    public sealed record Query(string Slug) : IQuery<Model>;

    /// <param name="Title">In the reader's language when the letter has a version in it, else in the letter's own.</param>
    public sealed record Model(string Slug, string Title, string Language)
    {
        public bool IsRightToLeft => LanguageCodes.IsRightToLeft(Language);
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var letter = await PublishedLetter.FindAsync(db, query.Slug, cancellationToken);
            var reader = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            var text = letter.Texts.FirstOrDefault(t => t.LanguageCode.Split('-')[0] == reader)
                ?? letter.Texts.FirstOrDefault(t => t.LanguageCode == letter.PrimaryLanguage)
                ?? letter.Texts.First();
            return new Model(letter.Slug, text.Title, text.LanguageCode);
        }
    }

    /// <param name="Fax">The honeypot (as on the sign form): a field people do not see (hidden by the style sheet, skipped by
    /// keyboard and screen readers) and robots fill in. A message with it filled in is answered as
    /// sent and dropped.</param>
    public sealed record Command : ICommand
    {
        public const int NameMaxLength = 200;
        public const int MessageMaxLength = 5000;

        public string Slug { get; init; } = string.Empty;
        public string Name { get; init; } = string.Empty;
        public string Email { get; init; } = string.Empty;
        public string Message { get; init; } = string.Empty;
        public string? Fax { get; init; }
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            // One line each: a line break in a name or an address is how headers are injected.
            RuleFor(c => c.Name).NotEmpty().CleanText(Command.NameMaxLength).WithName("Your name");
            // It becomes the Reply-To header: one plain address that reads back unchanged, nothing more.
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop).EmailAddress()
                .Must(value => value is not null && TextInputRules.IsSendableEmailAddress(value)).WithMessage("{PropertyName} is not a valid e-mail address.")
                .WithName("Your e-mail address");
            RuleFor(c => c.Message).NotEmpty().CleanLines(Command.MessageMaxLength).WithName("Your message");
        }
    }

    public sealed class CommandHandler(
        AppDbContext db, ContactRateLimiter limiter, IClientAddress client, IPublicUrls urls,
        [FromKeyedServices(EmailKind.Record)] IEmailQueue mail, IStringLocalizer<SharedResource> T, ILogger<Contact> logger) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var letter = await PublishedLetter.FindAsync(db, command.Slug, cancellationToken);
            if (!string.IsNullOrEmpty(command.Fax))
            {
                logger.LogInformation("A contact message with the honeypot filled in was dropped");
                return Unit.Value;
            }
            if (limiter.TryAcquire(client.Address, letter.Id) is { } refusal)
                throw new DomainRuleException(refusal);

            var coordinators = await db.OrganisationMemberships.AsNoTracking()
                .Where(m => m.OrganisationId == letter.LeadOrganisationId && m.Role == OrganisationRole.Coordinator
                            && m.User.Email != null && m.User.EmailConfirmed)
                .Select(m => m.User.Email!)
                .Distinct()
                .ToListAsync(cancellationToken);
            if (coordinators.Count == 0)
            {
                // The sender hears what everyone hears; the operator can see it in the log.
                logger.LogWarning("A contact message for letter {LetterId} had no coordinator with a confirmed address to go to", letter.Id);
                return Unit.Value;
            }

            // In the letter's language: the coordinators' own is not known, and they wrote the letter in it.
            using (ReaderLanguage.Use(ReaderLanguage.For(null, letter.PrimaryLanguage)))
            {
                var title = PrimaryTitle.In(letter);
                var name = command.Name.Trim();
                var email = command.Email.Trim();
                var subject = T["A message about {0}", title].Value;
                var body =
                    EmailHtml.Paragraph(T["{0} wrote to the coordinators of {1} from the letter's contact page:"], EmailHtml.Strong(name), EmailHtml.Strong(title)) +
                    $"<blockquote><p>{EmailHtml.Lines(command.Message.Trim())}</p></blockquote>" +
                    EmailHtml.Paragraph(T["Reply to this e-mail to answer {0} at {1}. They do not have your address until you reply."],
                        EmailHtml.Strong(name), EmailHtml.Encode(email)) +
                    EmailHtml.Paragraph(T["Anyone can use this form: check who is writing before you share anything about signers."]) +
                    EmailHtml.LinkParagraph(urls.Absolute($"/letters/{letter.Slug}"), T["The letter's public page"]);
                foreach (var coordinator in coordinators)
                    mail.Enqueue(new EmailMessage(coordinator, subject, body, ReplyTo: email));
            }
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>A letter as the public may see it: published once (whatever its status since); drafts and unknown or malformed slugs are "not found".</summary>
internal static class PublishedLetter
{
    public static async Task<Letter> FindAsync(AppDbContext db, string slug, CancellationToken cancellationToken)
    {
        if (!LetterSlug.IsWellFormed(slug))
            throw new NotFoundException("The letter");
        var letter = await db.Letters.AsNoTracking().Include(l => l.Texts)
            .SingleOrDefaultAsync(l => l.Slug == slug, cancellationToken);
        return letter is { LatestVersionNumber: > 0 } ? letter : throw new NotFoundException("The letter");
    }
}

/// <summary>Configuration section <c>Contact:RateLimit</c>.</summary>
public sealed class ContactRateLimitOptions
{
    public const string Section = "Contact:RateLimit";

    /// <summary>On unless configuration says otherwise; tests from one address switch it off by configuration.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages from one client network (IPv4 /24, IPv6 /56) in any hour, to all letters together.</summary>
    public int PermitPerNetworkPerHour { get; set; } = 5;

    /// <summary>Messages to one letter in any hour, from everyone: a flood from many networks still cannot bury the coordinators.</summary>
    public int PermitPerLetterPerHour { get; set; } = 30;
}

/// <summary>
/// The contact form's limits, per client network (<see cref="ClientNetwork.LimitKey"/>) and per letter,
/// built from the same sliding windows as signing's (<see cref="SigningRateLimiter"/>). Unlike signing,
/// a message over the limit is refused with the reason, and the form keeps what was typed: the limit
/// is about the sender's network or the letter's inbox, and says nothing about the coordinators.
/// In memory, per app instance, like the other limits.
/// </summary>
public sealed class ContactRateLimiter(IOptions<ContactRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perNetwork = SigningRateLimiter.Window(options.Value.PermitPerNetworkPerHour, TimeSpan.FromHours(1));
    private readonly PartitionedRateLimiter<string> _perLetter = SigningRateLimiter.Window(options.Value.PermitPerLetterPerHour, TimeSpan.FromHours(1));

    /// <summary>Null when the message may go (and counts it), else why not, as a message for the sender.</summary>
    public string? TryAcquire(System.Net.IPAddress? client, int letterId)
    {
        // Read per call, so tests can switch the limit on for their own requests.
        if (!options.Value.Enabled)
            return null;
        using var network = _perNetwork.AttemptAcquire(ClientNetwork.LimitKey(client));
        if (!network.IsAcquired)
            return "Too many messages were sent from your network in the last hour. Please wait an hour, then send your message again.";
        using var letter = _perLetter.AttemptAcquire(letterId.ToString(CultureInfo.InvariantCulture));
        return letter.IsAcquired ? null : "The coordinators of this letter have received many messages in the last hour. Please wait an hour, then send your message again.";
    }

    public void Dispose()
    {
        _perNetwork.Dispose();
        _perLetter.Dispose();
    }
}
