using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SignOnLetters.Web.Infrastructure.Caching;
using SignOnLetters.Web.Pages.Signatures;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// Signing a letter at <c>/letters/{slug}/sign</c>; the public letter page renders the same form
/// (<c>_SignForm</c>) when the letter is open. Anonymous signers confirm by e-mail (double opt-in);
/// a signed-in representative signs for their organisation in one step. The JSON API sends the same
/// <see cref="Command"/> (always on the anonymous path).
/// <para>
/// Whatever happens to an anonymous submission (new, a repeat of an address or an organisation that
/// already signed, a filled honeypot) the answer is the same "check your inbox", given after the same
/// work, and the typed address gets the same "please confirm" e-mail, so nobody can learn from this
/// form whether an address or an organisation signed (issue 18). The one other answer, "held for
/// review" over the network's signing limit, is decided from the client network before anything
/// about the address is read, so it tells nothing about who signed (issue 17).
/// </para>
/// <para>
/// Antiforgery tokens are checked for signed-in visitors only, whose cookie lets a forged form sign
/// for their organisation. An anonymous submission takes the e-mail confirmation path, which anyone
/// can already take without a token through the JSON API; leaving the token out of anonymous forms
/// lets the public letter page, which carries this form, be one cached page for every reader
/// (docs/decisions/0008-signing-at-scale.md).
/// </para>
/// <para>
/// Opened with a partner invitation's token (<c>?invitation=</c>), the page is a token link and is
/// throttled like the others; the plain page and the posts are not (signing has its own limit).
/// </para>
/// </summary>
[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(TokenLinkThrottling.Policy)]
[TokenLinkWhen(QueryKey = "invitation")]
public class Sign(IMediator mediator, IAntiforgery antiforgery, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public Form SignForm { get; private set; } = null!;

    /// <summary>Set just after a submission: the page then shows what happens next instead of a blank form.</summary>
    public Outcome? Submitted { get; private set; }

    private const string OutcomeKey = "SignOutcome";

    /// <param name="invitation">The token of a partner invitation's link: fills in the invited organisation and address.</param>
    public async Task OnGetAsync(string slug, string? invitation, CancellationToken cancellationToken)
    {
        SignForm = await mediator.Send(new Query(slug, invitation, ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);
        Data = SignForm.Blank;
        // TempData is read only when its cookie came (reading it otherwise sends a cookie deletion).
        if (Request.Cookies.ContainsKey(".AspNetCore.Mvc.CookieTempDataProvider") && TempData[OutcomeKey] is string outcome
            && Enum.TryParse<Outcome>(outcome, out var parsed) && Enum.IsDefined(parsed))
            Submitted = parsed;
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        Data = Data with { Slug = slug, Source = SignatureSource.PublicForm };
        SignForm = await mediator.Send(new Query(slug, Language: ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);
        if (User.Identity?.IsAuthenticated == true && !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            // A form from before signing in, or a forged one: nothing is stored, the answers are kept
            // and the form shown again with a fresh token.
            ModelState.AddModelError(string.Empty, T["For your safety, please check the form and send it again."]);
            return Page();
        }
        TempData[OutcomeKey] = (await mediator.Send(Data.WithRequestFacts(HttpContext), cancellationToken)).ToString();
        return RedirectToPage("Sign", new { slug });
    }

    public static string Describe(IStringLocalizer<SharedResource> T, Outcome outcome) => outcome switch
    {
        Outcome.SignedForOrganisation => T["Thank you: your organisation's signature is recorded."],
        Outcome.AwaitingReview => T["Thank you: your organisation's signature is recorded and will appear once the letter's coordinators have reviewed it."],
        Outcome.HeldByNetworkLimit => T["Thank you. Many signatures came from your network in the last few minutes (a shared office or conference network, for example), so yours is held for the letter's coordinators to review. No confirmation e-mail is sent for it now, and it is not counted until they have reviewed it."],
        _ => T["Thank you. Check your inbox: we sent a link to confirm your signature. It is counted only after you confirm."],
    };

    /// <param name="Language">The reader's language, which chooses the title shown (<see cref="LetterLanguageVersions"/>).</param>
    public sealed record Query(string Slug, string? InvitationToken = null, string? Language = null) : IQuery<Form>;

    /// <summary>What the form needs: the letter's title and terms, and the organisations the signed-in person may sign for.</summary>
    public sealed record Form(
        string Slug, string Title, LetterStatus Status, WhoMaySign WhoMaySign, bool IndividualsMustGiveOrganisation,
        IReadOnlyList<RepresentedOrganisation> Organisations, Invitee? Invitation = null, string? AccountName = null)
    {
        public bool IsOpen => Status == LetterStatus.Open;

        /// <summary>A signed-in member may sign for one of their organisations in one step (not on a letter only individuals sign).</summary>
        public bool CanRepresent => Organisations.Count > 0 && WhoMaySign != WhoMaySign.IndividualsOnly;

        /// <summary>
        /// The form as first shown. A representative starts on the one-step path for their first
        /// organisation with the account's name filled in, so the form sent as it is succeeds.
        /// </summary>
        public Command Blank => new()
        {
            Slug = Slug,
            Kind = WhoMaySign == WhoMaySign.IndividualsOnly ? SignerKind.Individual : SignerKind.Organisation,
            OrganisationId = CanRepresent && Invitation is null ? Organisations[0].Id : null,
            OrganisationName = Invitation?.OrganisationName,
            SignerName = AccountName ?? string.Empty,
            Email = Invitation?.Email,
            InvitationToken = Invitation?.Token,
        };
    }

    /// <summary>The model of the <c>_SignForm</c> partial: the form's context and what was typed.</summary>
    /// <param name="Action">Where the form posts; the sign page unless embedded (then without an antiforgery token, which would also bring X-Frame-Options).</param>
    public sealed record FormView(Form Form, Command Data, string? Action = null);

    /// <summary>The model of <c>_SignedNextSteps</c>.</summary>
    /// <param name="InFrame">Shown inside a partner's frame (embed): links open the app in a new tab.</param>
    public sealed record NextSteps(Outcome Outcome, string Slug, string Title, bool InFrame = false);

    public sealed record RepresentedOrganisation(int Id, string Name, string CountryCode);

    /// <summary>Who a partner invitation's link was sent to, filled into the form.</summary>
    public sealed record Invitee(string OrganisationName, string Email, string Token);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, SigningLetterCache letters) : IQueryHandler<Query, Form>
    {
        public async ValueTask<Form> Handle(Query query, CancellationToken cancellationToken)
        {
            var letter = await letters.FindAsync(db, query.Slug, cancellationToken);
            var userId = user.UserId;
            var accountName = userId is null ? null : await db.Users.AsNoTracking()
                .Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            var organisations = userId is null ? [] : await db.OrganisationMemberships.AsNoTracking()
                .Where(m => m.UserId == userId)
                .OrderBy(m => m.Organisation.Name)
                .Select(m => new RepresentedOrganisation(m.OrganisationId, m.Organisation.Name, m.Organisation.CountryCode))
                .ToListAsync(cancellationToken);
            Invitee? invitation = null;
            if (query.InvitationToken is { } token)
                invitation = await db.PartnerInvitations.AsNoTracking()
                    .WithLinkToken(letter.Terms.LetterId, token)
                    .Select(i => new Invitee(i.OrganisationName, i.ContactEmail, token))
                    .SingleOrDefaultAsync(cancellationToken);
            return new Form(query.Slug, letter.TitleFor(query.Language), letter.Terms.Status, letter.Terms.WhoMaySign,
                letter.Terms.IndividualsMustGiveOrganisation, organisations, invitation, string.IsNullOrWhiteSpace(accountName) ? null : accountName);
        }
    }

    public enum Outcome
    {
        /// <summary>Anonymous signers, whatever happened to the address or organisation: the e-mail tells the rest.</summary>
        CheckYourInbox,
        SignedForOrganisation,
        AwaitingReview,

        /// <summary>
        /// Over the network's signing limit: held for review, no e-mail. Decided from the client network
        /// alone, before anything about the address is looked at, so saying so tells nothing about who signed.
        /// </summary>
        HeldByNetworkLimit,
    }

    public sealed record Command : ICommand<Outcome>, ISignerFields
    {
        public string Slug { get; init; } = string.Empty;
        public SignerKind Kind { get; init; }

        /// <summary>Set when a signed-in member signs for this organisation (page only; the API never sets it).</summary>
        public int? OrganisationId { get; init; }

        /// <summary>The signing organisation, or an individual's organisation for identification only.</summary>
        public string? OrganisationName { get; init; }

        public string? CountryCode { get; init; }
        public string SignerName { get; init; } = string.Empty;
        public string? Role { get; init; }
        public string? Email { get; init; }
        public string? Website { get; init; }
        public SignatureVisibility Visibility { get; init; }
        public bool Consent { get; init; }
        public bool KeepMeUpdated { get; init; }

        /// <summary>
        /// The honeypot: a field people never see (hidden by CSS, labelled "leave empty") that form-filling
        /// bots fill. A filled one gets the usual answer and stores nothing.
        /// </summary>
        public string? Fax { get; init; }

        /// <summary>
        /// The partner invitation's link token the form was opened with, if any: a signature made
        /// from it is counted under "partner invitations". Anything else posted here is ignored.
        /// </summary>
        public string? InvitationToken { get; init; }

        /// <summary>Set by the page or the API endpoint, never by what is posted.</summary>
        [BindNever, JsonIgnore]
        public SignatureSource Source { get; init; } = SignatureSource.PublicForm;

        /// <summary>Set by the embed page (after checking the host is allowed), never by what is posted.</summary>
        [BindNever, JsonIgnore]
        public string? EmbedHost { get; init; }

        /// <summary>The reader's interface language, kept with the signature for its e-mails. Set from the request by <see cref="WithRequestFacts"/>.</summary>
        [BindNever, JsonIgnore]
        public string? Language { get; init; }

        /// <summary>The client's address (after forwarded headers from configured proxies only): the signing limit counts its network, and the signature keeps the network. Set from the request by <see cref="WithRequestFacts"/>.</summary>
        [BindNever, JsonIgnore]
        public System.Net.IPAddress? ClientAddress { get; init; }

        /// <summary>The command with what the request tells about its sender; the page, the embed and the API all send it so.</summary>
        public Command WithRequestFacts(HttpContext context) =>
            this with { Language = ReaderLanguage.ChosenBy(context), ClientAddress = context.Connection.RemoteIpAddress };

        internal SignerDetails Details => new(Kind, OrganisationName, CountryCode ?? string.Empty, SignerName, Role, Website, Email, Visibility, KeepMeUpdated);
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public CommandValidator()
        {
            RuleFor(c => c.Slug).NotEmpty();
            Include(new SignerFieldsValidator());
            RuleFor(c => c.OrganisationName).NotEmpty().WithName("Organisation")
                .When(c => c.Kind == SignerKind.Organisation && c.OrganisationId is null);
            RuleFor(c => c.Consent).Equal(true).WithMessage("Please agree to how we keep and show your signature.");
            RuleFor(c => c.Source).Must(s => s is SignatureSource.PublicForm or SignatureSource.Api or SignatureSource.Embed);
            RuleFor(c => c.EmbedHost).Must(EmbedHosts.IsWellFormed).When(c => c.Source == SignatureSource.Embed);
            // A representative's organisation brings its country and the account its e-mail.
            When(c => c.OrganisationId is null, () =>
            {
                RuleFor(c => c.CountryCode).Must(Countries.IsKnown).WithMessage("Choose a country from the list.");
                RuleFor(c => c.Email).EmailAddress().WithName("E-mail address");
            });
        }
    }

    /// <summary>
    /// Sends a submission down one of the two ways of signing: a signed-in member signing for their
    /// organisation on the page (<see cref="SigningAsRepresentative"/>, saved at once with its claims),
    /// or everyone else, from the form, the embed or the API (<see cref="SigningAnonymously"/>, through
    /// the group commit and an e-mail to confirm). A filled honeypot stores nothing on either way.
    /// </summary>
    public sealed class CommandHandler(
        AppDbContext db, SigningLetterCache letters, TimeProvider clock, SigningAnonymously anonymously, SigningAsRepresentative asRepresentative,
        ILogger<CommandHandler> logger) : ICommandHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var letter = await letters.FindAsync(db, command.Slug, cancellationToken);
            if (!string.IsNullOrEmpty(command.Fax))
            {
                logger.LogInformation("Signing honeypot filled; nothing stored");
                return Outcome.CheckYourInbox;
            }
            var now = clock.GetUtcNow().UtcDateTime;
            return command.OrganisationId is { } organisationId && command.Source == SignatureSource.PublicForm
                ? await asRepresentative.SignAsync(command, organisationId, letter, now, cancellationToken)
                : await anonymously.SignAsync(command, letter, now, cancellationToken);
        }
    }
}
