namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>A coordinator invites a colleague by e-mail to join as coordinator or representative.</summary>
public class Invite(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public Command Data { get; set; } = new();

    public string OrganisationName { get; private set; } = string.Empty;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        OrganisationName = await mediator.Send(new Query(id), cancellationToken);
        Data = new Command { OrganisationId = id };
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        Data = Data with { OrganisationId = id };
        OrganisationName = await mediator.Send(new Query(id), cancellationToken);
        await mediator.Send(Data, cancellationToken);
        TempData["Notice"] = T["Invitation sent to {0}.", Data.Email.Trim()].Value;
        return RedirectToPage("Details", new { id });
    }

    public sealed record Query(int OrganisationId) : IQuery<string>, IOrganisationCoordinatorRequest;

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<Query, string>
    {
        public async ValueTask<string> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.LoadForCoordinatorAsync(query.OrganisationId, user, cancellationToken)).Name;
    }

    public sealed record Command : ICommand, IOrganisationCoordinatorRequest
    {
        public int OrganisationId { get; init; }
        public string Email { get; init; } = string.Empty;
        public OrganisationRole Role { get; init; } = OrganisationRole.Representative;
        public string? Message { get; init; }
    }

    public sealed class CommandValidator : AbstractValidator<Command>
    {
        public const int MessageMaxLength = 2000;

        public CommandValidator()
        {
            RuleFor(c => c.Email).EmailAddress().WithName("E-mail address");
            RuleFor(c => c.Role).IsInEnum().WithMessage("Choose coordinator or representative.");
            RuleFor(c => c.Message).CleanText(MessageMaxLength).WithName("Message");
        }
    }

    public sealed class CommandHandler(AppDbContext db, ICurrentUser user, TimeProvider clock,
        [FromKeyedServices(EmailKind.SingleUseLink)] IEmailQueue mail, IPublicUrls urls, IStringLocalizer<SharedResource> T)
        : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var organisation = await db.LoadForCoordinatorAsync(command.OrganisationId, user, cancellationToken);
            var normalizedEmail = NameNormalizer.NormalizeEmail(command.Email);
            var now = clock.GetUtcNow().UtcDateTime;

            var alreadyMember = await db.OrganisationMemberships
                .AnyAsync(m => m.OrganisationId == organisation.Id && m.User.NormalizedEmail == normalizedEmail, cancellationToken);
            if (alreadyMember)
                throw new DomainRuleException("That person is already a member of this organisation.");
            var pending = await db.OrganisationInvitations
                .AnyAsync(i => i.OrganisationId == organisation.Id && i.NormalizedEmail == normalizedEmail
                               && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken);
            if (pending)
                throw new DomainRuleException("That address has already been invited and the invitation is still valid.");

            var (token, hash) = SecureToken.Create();
            db.OrganisationInvitations.Add(OrganisationInvitation.Create(organisation, command.Email, command.Role, hash, user.RequireUserId(), now));
            await db.SaveChangesAsync(cancellationToken);

            var link = urls.Absolute($"/invitations/{token}");
            // In the inviting coordinator's language (this request's): the invitee's is not known yet.
            var introduction = command.Role == OrganisationRole.Coordinator
                ? T["You have been invited to join {0} as a coordinator on SignOnLetters."]
                : T["You have been invited to join {0} as a representative on SignOnLetters."];
            var note = string.IsNullOrWhiteSpace(command.Message) ? string.Empty
                : $"<blockquote>{EmailHtml.Lines(command.Message.Trim())}</blockquote>";
            mail.Enqueue(InvitationEmail.Message(T, command.Email.Trim(), T["Invitation to join {0} on SignOnLetters", organisation.Name],
                EmailHtml.Paragraph(introduction, EmailHtml.Strong(organisation.Name)) + note,
                link, now + OrganisationInvitation.Lifetime));
            return Unit.Value;
        }
    }
}
