using System.Text.Encodings.Web;
using LinqKit;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>Co-editors: invited by e-mail, removed by the lead organisation's coordinators.</summary>
public partial class Manage
{
    public sealed record InviteEditor : ICommand, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public string Email { get; init; } = string.Empty;
    }

    public sealed class InviteEditorValidator : AbstractValidator<InviteEditor>
    {
        public InviteEditorValidator() => RuleFor(c => c.Email).EmailAddress().WithName("E-mail address");
    }

    public sealed class InviteEditorHandler(AppDbContext db, ICurrentUser user, TimeProvider clock,
        [FromKeyedServices(EmailKind.SingleUseLink)] IEmailQueue mail, IPublicUrls urls, IStringLocalizer<SharedResource> T)
        : ICommandHandler<InviteEditor>
    {
        public async ValueTask<Unit> Handle(InviteEditor command, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            if (letter.Status == LetterStatus.Archived)
                throw new DomainRuleException("This letter is archived: nobody can be invited to edit it.");
            var normalizedEmail = NameNormalizer.NormalizeEmail(command.Email);
            var now = clock.GetUtcNow().UtcDateTime;
            if (await db.LetterEditors.AnyAsync(e => e.LetterId == letter.Id && e.User.NormalizedEmail == normalizedEmail, cancellationToken))
                throw new DomainRuleException("That person is already a co-editor of this letter.");
            if (await db.LetterEditorInvitations.AnyAsync(i => i.LetterId == letter.Id && i.NormalizedEmail == normalizedEmail
                                                                && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken))
                throw new DomainRuleException("That address has already been invited and the invitation is still valid.");

            var (token, hash) = SecureToken.Create();
            db.LetterEditorInvitations.Add(LetterEditorInvitation.Create(letter, command.Email, hash, user.RequireUserId(), now));
            await db.SaveChangesAsync(cancellationToken);

            var title = PrimaryTitle.In(letter);
            // In the inviting coordinator's language (this request's): the invitee's is not known yet.
            mail.Enqueue(InvitationEmail.Message(T, command.Email.Trim(), T["Invitation to co-edit \"{0}\" on SignOnLetters", title],
                EmailHtml.Paragraph(T["You have been invited to co-edit the letter {0} on SignOnLetters."], EmailHtml.Strong(title)),
                urls.Absolute($"/letter-invitations/{token}"), now + LetterEditorInvitation.Lifetime));
            return Unit.Value;
        }
    }

    public sealed record RemoveEditor(string Slug, string UserId) : ICommand, ILetterCoordinatorRequest;

    public sealed class RemoveEditorHandler(AppDbContext db, ICurrentUser user) : ICommandHandler<RemoveEditor>
    {
        public async ValueTask<Unit> Handle(RemoveEditor command, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            letter.RemoveEditor(command.UserId);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
