using System.Text.Encodings.Web;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Mediation;
using SignOnLetters.Web.Infrastructure.Email;
using SignOnLetters.Web.Infrastructure.Security;
using SignOnLetters.Web.Infrastructure.Validation;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// A letter's status and people: the lead organisation's coordinators open, close, reopen, mark
/// delivered and archive it, and invite co-editors by e-mail; co-editors see the same page read-only.
/// </summary>
public class Manage(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public ReopenCommand Reopen { get; set; } = new();

    [BindProperty]
    public InviteEditor Invite { get; set; } = new();

    [BindProperty]
    public ChangeDeadlineCommand NewDeadline { get; set; } = new();

    [BindProperty]
    public ChangeEmbedHosts Embedding { get; set; } = new();

    public Model Letter { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        Reopen = new ReopenCommand { DeadlineTimeZone = Letter.DeadlineTimeZone ?? "Europe/Brussels" };
        NewDeadline = new ChangeDeadlineCommand
        {
            Deadline = DeadlineInput.ToInputValue(Letter.DeadlineUtc is { } utc ? new LetterDeadline(utc, Letter.DeadlineTimeZone!) : null),
            DeadlineTimeZone = Letter.DeadlineTimeZone ?? "Europe/Brussels",
        };
        Embedding = new ChangeEmbedHosts { Hosts = string.Join("\n", Letter.Embeds.Select(e => e.Host)) };
    }

    public async Task<IActionResult> OnPostEmbedHostsAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(Embedding with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T["The hosts that may embed the sign form are saved."].Value;
        return RedirectToPage("Manage", new { slug });
    }

    /// <param name="listed">The checkbox: absent from the post when unticked, so false.</param>
    public async Task<IActionResult> OnPostListingAsync(string slug, bool listed, CancellationToken cancellationToken)
    {
        await mediator.Send(new ChangeListing(slug, listed), cancellationToken);
        TempData["Notice"] = (listed ? T["The letter is listed on the home page and in the search."] : T["The letter is unlisted: only people with its link find it."]).Value;
        return RedirectToPage("Manage", new { slug });
    }

    public async Task<IActionResult> OnPostDeadlineAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(NewDeadline with { Slug = slug }, cancellationToken);
        TempData["Notice"] = (string.IsNullOrWhiteSpace(NewDeadline.Deadline) ? T["The deadline is removed."] : T["The deadline is changed."]).Value;
        return RedirectToPage("Manage", new { slug });
    }

    public async Task<IActionResult> OnPostStepAsync(string slug, LetterStep step, int changeCount, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        // "Close now" is confirmed on its own page: a post that skipped it closes nothing.
        if (step == LetterStep.Close)
            return Letter.CanManage
                ? RedirectToPage("Close", new { slug })
                : throw new ForbiddenException("Only coordinators of the lead organisation may do this.");
        await mediator.Send(new ChangeStatus(slug, step, changeCount), cancellationToken);
        TempData["Notice"] = (step switch
        {
            LetterStep.Open => T["The letter is open for signatures. Its text is frozen as version 1."],
            LetterStep.Close => T["The letter is closed."],
            LetterStep.Deliver => T["The letter is marked as delivered."],
            _ => T["The letter is archived."],
        }).Value;
        return RedirectToPage("Manage", new { slug });
    }

    public async Task<IActionResult> OnPostReopenAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(Reopen with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T["The letter is open for signatures again."].Value;
        return RedirectToPage("Manage", new { slug });
    }

    public async Task<IActionResult> OnPostInviteAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(Invite with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T["Invitation to co-edit sent to {0}.", Invite.Email.Trim()].Value;
        return RedirectToPage("Manage", new { slug });
    }

    public async Task<IActionResult> OnPostRemoveEditorAsync(string slug, string userId, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(new RemoveEditor(slug, userId), cancellationToken);
        TempData["Notice"] = T["Co-editor removed."].Value;
        return RedirectToPage("Manage", new { slug });
    }

    public sealed record Query(string Slug) : IQuery<Model>, ILetterEditorRequest;

    public sealed record Model(
        string Slug, string Title, LetterKind Kind, LetterStatus Status, string LeadOrganisation, LetterRole Role, int ChangeCount,
        DateTime? DeadlineUtc, string? DeadlineTimeZone, DateTime? OpenedAt, DateTime? ClosedAt, DateTime? DeliveredAt,
        IReadOnlyList<Version> Versions, IReadOnlyList<Editor> Editors, IReadOnlyList<PendingInvitation> Invitations, SignatureCounts Counts,
        IReadOnlyList<string> Languages, IReadOnlyList<EmbedSnippet> Embeds, IReadOnlyList<SourceCount> Sources,
        IReadOnlyList<MissingFont> MissingFonts, bool IsUnlisted)
    {
        public bool CanManage => Role == LetterRole.LeadCoordinator;
    }

    public sealed record Version(int Number, DateTime PublishedAt, string? ChangeNote);

    /// <summary>A script the latest PDF of a language version had no font for: its characters print as the replacement mark (�).</summary>
    public sealed record MissingFont(string Language, string Script, string Characters);

    public sealed record Editor(string UserId, string Name, DateTime AddedAt);

    public sealed record PendingInvitation(string Email, DateTime ExpiresAt);

    /// <summary>A host allowed to embed the sign form, and the HTML its webmaster pastes.</summary>
    public sealed record EmbedSnippet(string Host, string Html);

    /// <summary>Counted signatures by where they came from; embeds by host.</summary>
    public sealed record SourceCount(SignatureSource Source, string? Host, int Count);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, IPublicUrls urls, SignOnLetters.Web.Documents.LetterPdfCache pdfs) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var (letterId, role) = await db.RequireEditorAsync(query.Slug, user, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var letter = await db.Letters.AsNoTracking()
                .Where(l => l.Id == letterId)
                .Select(l => new
                {
                    l.Slug, l.Kind, l.Status, LeadOrganisation = l.LeadOrganisation.Name, l.ChangeCount, l.DeadlineUtc, l.DeadlineTimeZone,
                    l.OpenedAt, l.ClosedAt, l.DeliveredAt, l.EmbedHosts, l.IsUnlisted,
                    Title = l.Texts.Where(t => t.LanguageCode == l.PrimaryLanguage).Select(t => t.Title).FirstOrDefault(),
                    l.PrimaryLanguage,
                    Languages = l.Texts.Select(t => t.LanguageCode).ToList(),
                    Versions = l.Versions.OrderByDescending(v => v.Number).Select(v => new Version(v.Number, v.PublishedAt, v.ChangeNote)).ToList(),
                    Editors = l.Editors.OrderBy(e => e.AddedAt).Select(e => new Editor(e.UserId, e.User.DisplayName ?? e.User.Email ?? "", e.AddedAt)).ToList(),
                })
                .SingleAsync(cancellationToken);
            // Pending invitations name e-mail addresses: for the coordinators who sent them only.
            var invitations = role == LetterRole.LeadCoordinator
                ? await db.LetterEditorInvitations.AsNoTracking()
                    .Where(i => i.LetterId == letterId && i.AcceptedAt == null && i.ExpiresAt > now)
                    .OrderBy(i => i.CreatedAt)
                    .Select(i => new PendingInvitation(i.Email, i.ExpiresAt))
                    .ToListAsync(cancellationToken)
                : [];
            return new Model(letter.Slug, letter.Title ?? letter.Slug, letter.Kind, letter.Status, letter.LeadOrganisation, role, letter.ChangeCount,
                letter.DeadlineUtc, letter.DeadlineTimeZone, letter.OpenedAt, letter.ClosedAt, letter.DeliveredAt,
                letter.Versions, letter.Editors, invitations, await SignatureCountQueries.ForLetterAsync(db, letterId, cancellationToken),
                letter.Languages.OrderBy(code => code == letter.PrimaryLanguage ? 0 : 1).ThenBy(code => code, StringComparer.Ordinal).ToList(),
                EmbedHosts.Split(letter.EmbedHosts).Select(host => new EmbedSnippet(host, Snippet(letter.Slug, letter.Title ?? letter.Slug, host))).ToList(),
                (await SignatureCountQueries.FacetAsync(db, letterId, SignatureFacets.Source, cancellationToken))
                    .Select(t =>
                    {
                        var (source, host) = SignatureFacets.ParseSource(t.Key);
                        return new SourceCount(source, host, t.Count);
                    })
                    .ToList(),
                pdfs.MissingScriptsOf(letterId).Select(missing => new MissingFont(missing.Language, missing.Script.Name, missing.Script.Characters)).ToList(),
                letter.IsUnlisted);
        }

        private string Snippet(string slug, string title, string host)
        {
            var html = HtmlEncoder.Default;
            var src = urls.Absolute($"/letters/{slug}/embed?host={Uri.EscapeDataString(host)}");
            return $"<iframe src=\"{html.Encode(src)}\" title=\"{html.Encode(title)}\" width=\"100%\" height=\"900\" loading=\"lazy\"></iframe>";
        }
    }

    /// <summary>Starts at 1: a value the model binder could not read arrives as 0 and is refused, never taken as "open".</summary>
    public enum LetterStep
    {
        Open = 1,
        Close,
        Deliver,
        Archive,
    }

    /// <param name="ChangeCount">The letter's change count as the coordinator saw it: opening freezes exactly the text they reviewed.</param>
    public sealed record ChangeStatus(string Slug, LetterStep Step, int ChangeCount) : ICommand, ILetterCoordinatorRequest, IRequiresTwoFactor
    {
        // Delivering publishes the signed letter with its signatories' names.
        public bool TwoFactorRequired => Step == LetterStep.Deliver;
    }

    public sealed class ChangeStatusHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ChangeStatus>
    {
        public async ValueTask<Unit> Handle(ChangeStatus command, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            if (letter.ChangeCount != command.ChangeCount)
                throw new DomainRuleException("The letter changed since you loaded this page. Check the latest text, then try again.");
            var (userId, now) = (user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            switch (command.Step)
            {
                case LetterStep.Open:
                    letter.Open(userId, now);
                    break;
                case LetterStep.Close:
                    letter.Close(userId, now);
                    break;
                case LetterStep.Deliver:
                    letter.MarkDelivered(userId, now);
                    break;
                case LetterStep.Archive:
                    letter.Archive(userId, now);
                    break;
                default:
                    throw new DomainRuleException("Unknown step.");
            }
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    public sealed record ReopenCommand : ICommand, IDeadlineFields, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;

        /// <summary>A new deadline; required when the old one has passed.</summary>
        public string? Deadline { get; init; }

        public string? DeadlineTimeZone { get; init; }
    }

    public sealed class ReopenValidator : AbstractValidator<ReopenCommand>
    {
        public ReopenValidator() => Include(new DeadlineFieldsValidator());
    }

    /// <summary>An empty deadline removes it: the letter then stays open until a coordinator closes it.</summary>
    public sealed record ChangeDeadlineCommand : ICommand, IDeadlineFields
    {
        public string Slug { get; init; } = string.Empty;
        public string? Deadline { get; init; }
        public string? DeadlineTimeZone { get; init; }
    }

    public sealed class ChangeDeadlineValidator : AbstractValidator<ChangeDeadlineCommand>
    {
        public ChangeDeadlineValidator() => Include(new DeadlineFieldsValidator());
    }

    /// <summary>Reopening and moving the deadline both apply the deadline from the form, as a lead coordinator.</summary>
    public sealed class DeadlineHandler(AppDbContext db, ICurrentUser user, TimeProvider clock)
        : ICommandHandler<ReopenCommand>, ICommandHandler<ChangeDeadlineCommand>
    {
        public ValueTask<Unit> Handle(ReopenCommand command, CancellationToken cancellationToken) =>
            ApplyAsync(command.Slug, command, (letter, deadline, userId, now) => letter.Reopen(deadline, userId, now), cancellationToken);

        public ValueTask<Unit> Handle(ChangeDeadlineCommand command, CancellationToken cancellationToken) =>
            ApplyAsync(command.Slug, command, (letter, deadline, userId, now) => letter.ChangeDeadline(deadline, userId, now), cancellationToken);

        private async ValueTask<Unit> ApplyAsync(string slug, IDeadlineFields fields, Action<Letter, LetterDeadline?, string, DateTime> apply,
            CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(slug, user, cancellationToken);
            apply(letter, DeadlineInput.ToDeadline(fields), user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

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

            var title = letter.Texts.FirstOrDefault(t => t.LanguageCode == letter.PrimaryLanguage)?.Title ?? letter.Slug;
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

    /// <summary>The hosts that may embed the sign form, one per line; empty stops all embedding.</summary>
    public sealed record ChangeEmbedHosts : ICommand, ILetterCoordinatorRequest
    {
        public string Slug { get; init; } = string.Empty;
        public string Hosts { get; init; } = string.Empty;
    }

    public sealed class ChangeEmbedHostsValidator : AbstractValidator<ChangeEmbedHosts>
    {
        public ChangeEmbedHostsValidator() =>
            RuleFor(c => c.Hosts).MaximumLength(EmbedHosts.MaxHosts * (EmbedHosts.HostMaxLength + 2)).WithName("Hosts");
    }

    public sealed class ChangeEmbedHostsHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ChangeEmbedHosts>
    {
        public async ValueTask<Unit> Handle(ChangeEmbedHosts command, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            letter.SetEmbedHosts(command.Hosts.Split((char[])['\n', '\r', ' ', ','], StringSplitOptions.RemoveEmptyEntries),
                user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>Lists the letter on the home page and in the public index and search, or keeps it off them (its link still works).</summary>
    public sealed record ChangeListing(string Slug, bool Listed) : ICommand, ILetterCoordinatorRequest;

    public sealed class ChangeListingHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ChangeListing>
    {
        public async ValueTask<Unit> Handle(ChangeListing command, CancellationToken cancellationToken)
        {
            var letter = await db.LoadForLeadCoordinatorAsync(command.Slug, user, cancellationToken);
            letter.SetListed(command.Listed, user.RequireUserId(), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
