using SignOnLetters.Web.Pages.Signatures;
using SignOnLetters.Web.Pages.Signing;

using SignOnLetters.Web.Infrastructure.Background;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// What coordinators set ahead of time (issue 23; a job of the letters feature, beside the pages
/// that set it, since it sends the reminders the partner-invitation page writes), once a minute: opens drafts whose opening time
/// came, and sends the automatic reminders that are due. A sibling of <see cref="LetterDeadlineCloser"/>
/// rather than part of it: a reminder pass writes many e-mails and can fail on one letter, and neither
/// may hold back closing at the deadline (each job's pass fails and retries on its own). The rules
/// are the letter's (<see cref="Letter.OpenIfScheduled"/>, <see cref="Letter.ClaimReminderRun"/>); this
/// job only finds what is due. Like the closer, it works from the database alone: with several app
/// instances, the first to save a letter's claim (its concurrency token) does the work, the others
/// meet a changed letter and send nothing.
/// </summary>
public sealed class LetterScheduler(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LetterScheduler> logger)
    : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override string Description => "Opening scheduled letters and sending scheduled reminders";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await OpenDueLettersAsync(cancellationToken);
        await SendDueRemindersAsync(cancellationToken);
    }

    /// <summary>One pass: opens every draft whose opening time is at or before now. Returns how many it opened.</summary>
    public async Task<int> OpenDueLettersAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var due = await db.Letters
            .Where(l => l.Status == LetterStatus.Draft && l.OpensAtUtc != null && l.OpensAtUtc <= now)
            .ToListAsync(cancellationToken);
        var opened = 0;
        foreach (var letter in due)
        {
            try
            {
                if (await ScheduledOpeningRefusalAsync(db, letter, now, cancellationToken) is { } refusal)
                {
                    await SkipOpeningAsync(scope.ServiceProvider, letter, refusal, cancellationToken);
                    continue;
                }
                if (letter.OpenIfScheduled(now) is null)
                    continue;
                await db.SaveChangesAsync(cancellationToken);
                opened++;
                logger.LogInformation("Opened letter {Slug} at its scheduled time.", letter.Slug);
            }
            catch (DomainRuleException ex)
            {
                // The draft can no longer open (its text was emptied, its deadline passed): the letter
                // dropped its schedule; saving that keeps the job from trying every minute.
                logger.LogWarning("Letter {Slug} could not open at its scheduled time: {Reason} It stays a draft.", letter.Slug, ex.Message);
                await SaveOrForgetAsync(db, letter, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                logger.LogInformation("Letter {Slug} changed while opening it on schedule; the next pass looks again.", letter.Slug);
            }
        }
        return opened;
    }

    /// <summary>Why the coordinator who set the opening may no longer open the letter, or null when they still may.</summary>
    public enum OpeningRefusal
    {
        AccountGone = 1,
        AccountLocked,
        NoLongerCoordinator,
    }

    /// <summary>
    /// The opening is the scheduling coordinator's act, so it needs what opening by hand needs
    /// (<see cref="LetterAccess"/>: a coordinator of the lead organisation, or an administrator), checked
    /// now and not when it was set, and an account that can still sign in.
    /// </summary>
    private static async Task<OpeningRefusal?> ScheduledOpeningRefusalAsync(AppDbContext db, Letter letter, DateTime now, CancellationToken cancellationToken)
    {
        var userId = letter.OpeningScheduledByUserId ?? letter.CreatedByUserId;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.LockoutEnd,
                Coordinator = db.OrganisationMemberships.Any(m => m.UserId == userId && m.OrganisationId == letter.LeadOrganisationId && m.Role == OrganisationRole.Coordinator),
                Administrator = db.UserRoles.Any(r => r.UserId == userId && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Administrator)),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (account is null)
            return OpeningRefusal.AccountGone;
        if (account.LockoutEnd is { } lockedUntil && lockedUntil.UtcDateTime > now)
            return OpeningRefusal.AccountLocked;
        return account.Coordinator || account.Administrator ? null : OpeningRefusal.NoLongerCoordinator;
    }

    /// <summary>Drops the opening, tells the lead organisation's other coordinators through the outbox (in the same save), and logs why.</summary>
    private async Task SkipOpeningAsync(IServiceProvider services, Letter letter, OpeningRefusal refusal, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var (opensAt, zone, scheduledBy) = (letter.OpensAtUtc!.Value, letter.OpensAtTimeZone!, letter.OpeningScheduledByUserId ?? letter.CreatedByUserId);
        letter.SkipScheduledOpening();
        var T = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var urls = services.GetRequiredService<IPublicUrls>();
        var mail = services.GetRequiredKeyedService<IEmailQueue>(EmailKind.Record);
        var title = letter.Texts.FirstOrDefault(t => t.LanguageCode == letter.PrimaryLanguage)?.Title ?? letter.Slug;
        var coordinators = await db.OrganisationMemberships.AsNoTracking()
            .Where(m => m.OrganisationId == letter.LeadOrganisationId && m.Role == OrganisationRole.Coordinator && m.UserId != scheduledBy
                        && m.User.Email != null)
            .Select(m => new { Email = m.User.Email!, m.User.LockoutEnd })
            .ToListAsync(cancellationToken);
        // Locked accounts are left out here, not in SQL: SQLite cannot compare DateTimeOffset values.
        var unlocked = coordinators.Where(c => c.LockoutEnd is not { } until || until <= Clock.GetUtcNow()).Select(c => c.Email).ToList();
        using (ReaderLanguage.Use(letter.PrimaryLanguage))
        {
            var reason = refusal switch
            {
                OpeningRefusal.AccountGone => T["their account no longer exists"],
                OpeningRefusal.AccountLocked => T["their account is locked"],
                _ => T["they are no longer a coordinator of the lead organisation"],
            };
            foreach (var email in unlocked)
                mail.Enqueue(new EmailMessage(email, T["{0} did not open at its scheduled time", title].Value,
                    EmailHtml.Paragraph(T["The letter {0} was to open on {1}. The coordinator who set that time can no longer open it: {2}. Nobody opens a letter in another person's name, so it is still a draft and the opening time was removed."],
                        EmailHtml.Strong(title), EmailHtml.Encode(DeadlineInput.Describe(opensAt, zone)), EmailHtml.Encode(reason.Value)) +
                    EmailHtml.LinkParagraph(urls.Absolute($"/letters/{letter.Slug}/manage"), T["Open it or set a new time (sign-in required)"])));
        }
        logger.LogWarning("Letter {Slug} did not open at its scheduled time: the coordinator who set it may no longer open it ({Refusal}). It stays a draft; {Count} coordinators told.",
            letter.Slug, refusal, unlocked.Count);
        await SaveOrForgetAsync(db, letter, cancellationToken);
    }

    /// <summary>One pass: claims and sends every letter's due reminder run. Returns how many reminders it queued.</summary>
    public async Task<int> SendDueRemindersAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        List<int> dueLetters;
        await using (var scope = scopes.CreateAsyncScope())
            dueLetters = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Letters
                .Where(l => l.Status == LetterStatus.Open && l.NextReminderAtUtc != null && l.NextReminderAtUtc <= now)
                .Select(l => l.Id)
                .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var letterId in dueLetters)
            sent += await SendRemindersAsync(letterId, now, cancellationToken);
        return sent;
    }

    /// <summary>
    /// One letter's run, in a scope of its own: the claim, each invitation's new link and the outbox rows
    /// are one save, so the reminders are sent exactly when the claim is saved (the outbox, not the
    /// in-memory queue: a restart must not lose a claimed run's e-mails). The new links wait in the
    /// outbox rows until sent, as unsubscribe links do.
    /// </summary>
    private async Task<int> SendRemindersAsync(int letterId, DateTime now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var letter = await db.Letters.SingleAsync(l => l.Id == letterId, cancellationToken);
        var run = letter.ClaimReminderRun(now);
        if (run == ReminderRun.NotDue)
            return 0;
        var due = run == ReminderRun.Send
            ? await PartnerInvitationList.ClaimDueRemindersAsync(db, letterId, now, cancellationToken)
            : [];
        if (due.Count > 0)
        {
            var forSigning = await LetterForSigning.FindAsync(db, letter.Slug, cancellationToken);
            var messages = await PartnerInvitationList.PartnerInvitationsAsync(db, services.GetRequiredService<SignatureEmails>(),
                services.GetRequiredService<ReminderStopLinks>(), forSigning, letterId,
                letter.Slug, due, reminder: true, cancellationToken);
            PartnerInvitationList.Mail(messages, services.GetRequiredKeyedService<IEmailQueue>(EmailKind.Record));
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Letter {Slug} changed while claiming its reminders (another instance?); the next pass looks again.", letter.Slug);
            return 0;
        }
        if (run == ReminderRun.Missed)
            logger.LogInformation("Skipped the reminders of letter {Slug} due at a time long past; next run {Next:o}.", letter.Slug, letter.NextReminderAtUtc);
        else
            logger.LogInformation("Queued {Count} scheduled reminders for letter {Slug}.", due.Count, letter.Slug);
        return due.Count;
    }

    private async Task SaveOrForgetAsync(AppDbContext db, Letter letter, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Letter {Slug} changed meanwhile; the next pass looks again.", letter.Slug);
        }
        db.ChangeTracker.Clear();
    }
}
