using System.Text.Encodings.Web;
using LinqKit;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// A letter's status and people: the lead organisation's coordinators open, close, reopen, mark
/// delivered and archive it, and invite co-editors by e-mail; co-editors see the same page read-only.
/// </summary>
public partial class Manage(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty]
    public ReopenCommand Reopen { get; set; } = new();

    [BindProperty]
    public InviteEditor Invite { get; set; } = new();

    [BindProperty]
    public ChangeDeadlineCommand NewDeadline { get; set; } = new();

    [BindProperty]
    public ChangeEmbedHosts Embedding { get; set; } = new();

    [BindProperty]
    public ScheduleOpeningCommand Opening { get; set; } = new();

    [BindProperty]
    public ScheduleRemindersCommand Reminders { get; set; } = new();

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
        var schedule = Letter.Schedule;
        Opening = new ScheduleOpeningCommand
        {
            OpensAt = DeadlineInput.ToInputValue(schedule.OpensAtUtc is { } opensAt ? new LetterDeadline(opensAt, schedule.OpensAtTimeZone!) : null),
            OpensAtTimeZone = schedule.OpensAtTimeZone ?? Letter.DeadlineTimeZone ?? "Europe/Brussels",
        };
        Reminders = new ScheduleRemindersCommand
        {
            Frequency = schedule.Frequency, Day = schedule.Day, Hour = schedule.Hour,
            TimeZone = schedule.ReminderTimeZone ?? schedule.OpensAtTimeZone ?? Letter.DeadlineTimeZone ?? "Europe/Brussels",
        };
    }

    public async Task<IActionResult> OnPostScheduleOpeningAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(Opening with { Slug = slug }, cancellationToken);
        TempData["Notice"] = T["The letter will open by itself at the time you set."].Value;
        return RedirectToPage("Manage", new { slug });
    }

    public async Task<IActionResult> OnPostCancelOpeningAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(new CancelScheduledOpening(slug), cancellationToken);
        TempData["Notice"] = T["The scheduled opening is cancelled: the letter stays a draft until you open it."].Value;
        return RedirectToPage("Manage", new { slug });
    }

    public async Task<IActionResult> OnPostRemindersAsync(string slug, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug), cancellationToken);
        await mediator.Send(Reminders with { Slug = slug }, cancellationToken);
        TempData["Notice"] = (Reminders.Frequency == ReminderFrequency.Off ? T["Automatic reminders are off."] : T["Automatic reminders are scheduled."]).Value;
        return RedirectToPage("Manage", new { slug });
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
        IReadOnlyList<MissingFont> MissingFonts, bool IsUnlisted, Sharing.ShareLinks Share, ScheduleView Schedule,
        IReadOnlyList<PdfJob> PdfJobs)
    {
        public bool CanManage => Role == LetterRole.LeadCoordinator;
    }

    public sealed record Version(int Number, DateTime PublishedAt, string? ChangeNote);

    /// <summary>A script the latest PDF of a language version had no font for: its characters print as the replacement mark (�).</summary>
    public sealed record MissingFont(string Language, string Script, string Characters);

    /// <summary>A language version's PDF being made in the background (ADR 0021), or whose render failed.</summary>
    public sealed record PdfJob(string Language, bool Failed, bool Queued, int Percent);

    public sealed record Editor(string UserId, string Name, DateTime AddedAt);

    public sealed record PendingInvitation(string Email, DateTime ExpiresAt);

    /// <summary>A host allowed to embed the sign form, and the HTML its webmaster pastes.</summary>
    public sealed record EmbedSnippet(string Host, string Html);

    /// <summary>Counted signatures by where they came from; embeds by host.</summary>
    public sealed record SourceCount(SignatureSource Source, string? Host, int Count);

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, IPublicUrls urls, SignOnLetters.Web.Documents.LetterPdfCache pdfs,
        SignOnLetters.Web.Documents.LetterPdfJobs pdfJobs) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var (letterId, role) = await db.RequireEditorAsync(query.Slug, user, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var letter = await db.Letters.AsNoTracking().AsExpandable()
                .Where(l => l.Id == letterId)
                .Select(l => new
                {
                    l.Slug, l.Kind, l.Status, LeadOrganisation = l.LeadOrganisation.Name, l.ChangeCount, l.DeadlineUtc, l.DeadlineTimeZone,
                    l.OpenedAt, l.ClosedAt, l.DeliveredAt, l.EmbedHosts, l.IsUnlisted, l.ShortCode,
                    l.OpensAtUtc, l.OpensAtTimeZone, l.ReminderCron, l.ReminderTimeZone, l.ReminderEveryWeeks, l.NextReminderAtUtc,
                    Title = PrimaryTitle.Of.Invoke(l),
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
                letter.IsUnlisted,
                new Sharing.ShareLinks(letter.Slug, urls.Absolute($"/l/{letter.ShortCode}"), letter.Status != LetterStatus.Draft),
                ScheduleView.Of(letter.OpensAtUtc, letter.OpensAtTimeZone, letter.ReminderCron, letter.ReminderTimeZone, letter.ReminderEveryWeeks,
                    letter.NextReminderAtUtc),
                pdfJobs.Of(letterId).Select(job => new PdfJob(job.Language, job.State == SignOnLetters.Web.Documents.LetterPdfJobState.Failed,
                    job.State == SignOnLetters.Web.Documents.LetterPdfJobState.Queued, job.Percent)).ToList());
        }

        private string Snippet(string slug, string title, string host)
        {
            var html = HtmlEncoder.Default;
            var src = urls.Absolute($"/letters/{slug}/embed?host={Uri.EscapeDataString(host)}");
            return $"<iframe src=\"{html.Encode(src)}\" title=\"{html.Encode(title)}\" width=\"100%\" height=\"900\" loading=\"lazy\"></iframe>";
        }
    }
}
