namespace SignOnLetters.Domain.Letters;

/// <summary>
/// What happens to a letter at a set time without anyone pressing a button (issue 23): a draft opens
/// at <see cref="OpensAtUtc"/>, and while it is open its partners who have not signed are reminded on
/// its <see cref="ReminderSchedule"/>. The deadline (closing) lives with the rest of the letter.
/// The background job (<c>LetterScheduler</c>) only asks these methods; the rules are here.
/// </summary>
public partial class Letter
{
    /// <summary>When a draft is to open by itself, in UTC; shown in <see cref="OpensAtTimeZone"/>. Null: opened by hand.</summary>
    public DateTime? OpensAtUtc { get; private set; }

    /// <summary>The IANA zone the coordinator chose the opening time in.</summary>
    public string? OpensAtTimeZone { get; private set; }

    /// <summary>The coordinator who scheduled the opening: the opening is theirs, as if they had pressed the button then.</summary>
    public string? OpeningScheduledByUserId { get; private set; }

    /// <summary>Automatic reminders to partners who have not signed: a cron expression (five fields), or null when off.</summary>
    public string? ReminderCron { get; private set; }

    public string? ReminderTimeZone { get; private set; }

    /// <summary>1: every time the cron fires (weekly at most); 2: every other week.</summary>
    public int ReminderEveryWeeks { get; private set; } = 1;

    /// <summary>The next automatic reminder run, in UTC: read by the job, the status page and the dashboard.</summary>
    public DateTime? NextReminderAtUtc { get; private set; }

    /// <summary>The last automatic run that was claimed (sent or skipped), for the every-other-week rule.</summary>
    public DateTime? LastReminderRunAt { get; private set; }

    /// <summary>The opening time as set, with its zone (the same zoned-instant type as the deadline).</summary>
    public LetterDeadline? OpensAt => OpensAtUtc is { } utc ? new LetterDeadline(utc, OpensAtTimeZone!) : null;

    public ReminderSchedule? Reminders => ReminderCron is null ? null : new ReminderSchedule(ReminderCron, ReminderTimeZone!, ReminderEveryWeeks);

    /// <summary>
    /// A run missed by more than this (the letter was closed then, or the app was down) is skipped, not
    /// sent late: partners should not get a "weekly" reminder at three in the morning after an outage.
    /// </summary>
    public static readonly TimeSpan MissedReminderRunLimit = TimeSpan.FromHours(6);

    /// <summary>Sets (or moves) the time a draft opens by itself. The letter must be ready to open, as for opening by hand.</summary>
    public void ScheduleOpening(LetterDeadline opensAt, string userId, DateTime now)
    {
        if (Status != LetterStatus.Draft)
            throw new DomainRuleException("Only a draft can be scheduled to open.");
        if (opensAt.Utc <= now)
            throw new DomainRuleException("The opening time is in the past. Choose a later date and time, or open the letter now.");
        if (DeadlineUtc is { } deadline && opensAt.Utc >= deadline)
            throw new DomainRuleException("The letter would open after its deadline. Choose an earlier opening time or a later deadline.");
        EnsureReadyToOpen(opensAt.Utc);
        OpensAtUtc = opensAt.Utc;
        OpensAtTimeZone = opensAt.TimeZoneId;
        OpeningScheduledByUserId = userId;
        Touch(userId, now);
    }

    public void CancelScheduledOpening(string userId, DateTime now)
    {
        if (OpensAtUtc is null)
            throw new DomainRuleException("This letter is not scheduled to open.");
        ClearScheduledOpening();
        Touch(userId, now);
    }

    /// <summary>
    /// Opens the draft if its opening time has come, as the coordinator who scheduled it: the same
    /// <see cref="Open"/> as the button (version 1, the same checks). Null when there is nothing to do.
    /// A draft that can no longer open (its text was emptied, its deadline passed) keeps its draft state
    /// and loses the schedule, so the job does not retry it every minute; the exception says why.
    /// </summary>
    public LetterVersion? OpenIfScheduled(DateTime now)
    {
        if (Status != LetterStatus.Draft || OpensAtUtc is not { } opensAt || opensAt > now)
            return null;
        var userId = OpeningScheduledByUserId ?? CreatedByUserId;
        try
        {
            return Open(userId, now);
        }
        catch (DomainRuleException)
        {
            ClearScheduledOpening();
            ChangeCount++;
            throw;
        }
    }

    /// <summary>
    /// The job found that the coordinator who set the opening can no longer open the letter (left the
    /// lead organisation, locked out, gone): nobody opens it in their name. The letter stays a draft and
    /// loses the schedule (kept, the job would meet it every minute); the remaining coordinators are told.
    /// </summary>
    public void SkipScheduledOpening()
    {
        if (OpensAtUtc is null)
            return;
        ClearScheduledOpening();
        ChangeCount++;
    }

    /// <summary>Turns automatic reminders on (or changes them), or off with null.</summary>
    public void ScheduleReminders(ReminderSchedule? schedule, string userId, DateTime now)
    {
        if (Status is not (LetterStatus.Draft or LetterStatus.Open))
            throw new DomainRuleException("Reminders are sent while the letter is open for signatures: reopen it first.");
        ReminderCron = schedule?.Cron;
        ReminderTimeZone = schedule?.TimeZoneId;
        ReminderEveryWeeks = schedule?.EveryWeeks ?? 1;
        // A new schedule starts afresh: its first run is its next occurrence from now.
        LastReminderRunAt = null;
        NextReminderAtUtc = schedule?.NextAfter(now, lastRun: null);
        Touch(userId, now);
    }

    /// <summary>
    /// Claims the reminder run that is due now, if any, and moves <see cref="NextReminderAtUtc"/> on.
    /// The claim bumps the concurrency token, so with several app instances only one saves it (and the
    /// reminders queued with it): the others meet a changed letter and send nothing.
    /// </summary>
    public ReminderRun ClaimReminderRun(DateTime now)
    {
        if (Status != LetterStatus.Open || NextReminderAtUtc is not { } due || due > now || Reminders is not { } schedule)
            return ReminderRun.NotDue;
        LastReminderRunAt = now;
        NextReminderAtUtc = schedule.NextAfter(now, now);
        ChangeCount++;
        return now - due > MissedReminderRunLimit ? ReminderRun.Missed : ReminderRun.Send;
    }

    /// <summary>The checks opening makes on the text, addressees and deadline, as of <paramref name="at"/>.</summary>
    private void EnsureReadyToOpen(DateTime at)
    {
        var missingBody = Texts.FirstOrDefault(t => t.Body.Length == 0);
        if (missingBody is not null)
            throw new DomainRuleException("The {0} version has no text yet.", new LanguageName(missingBody.LanguageCode));
        if (Addressees.Count == 0)
            throw new DomainRuleException("Add at least one addressee before opening the letter.");
        if (DeadlineUtc <= at)
            throw new DomainRuleException("The deadline has passed. Set a later deadline before opening the letter.");
    }

    /// <summary>
    /// A backup's schedule on the restored letter, as of <paramref name="now"/> (the import). The opening
    /// is kept only for a draft, in the future and before the deadline: a time that has passed restores
    /// as none, since opening late and unannounced is not what the coordinator set. Reminders are kept
    /// while the letter can still send them, starting afresh from now. Returns what was dropped, for
    /// the importer to read; the file's values were checked (<c>LetterBackupCheck</c>).
    /// </summary>
    public ScheduleRestored RestoreSchedule(Backup.ScheduleBackup? backup, string openingUserId, DateTime now)
    {
        if (backup is null)
            return ScheduleRestored.Nothing;
        var dropped = ScheduleRestored.Nothing;
        if (backup.OpensAtUtc is { } opensAt)
        {
            if (Status == LetterStatus.Draft && opensAt > now && (DeadlineUtc is not { } deadline || opensAt < deadline))
                (OpensAtUtc, OpensAtTimeZone, OpeningScheduledByUserId) = (opensAt, backup.OpensAtTimeZone, openingUserId);
            else
                dropped |= ScheduleRestored.OpeningDropped;
        }
        if (backup.ReminderCron is not null && Status is LetterStatus.Draft or LetterStatus.Open)
        {
            var schedule = new ReminderSchedule(backup.ReminderCron, backup.ReminderTimeZone!, backup.ReminderEveryWeeks);
            (ReminderCron, ReminderTimeZone, ReminderEveryWeeks) = (schedule.Cron, schedule.TimeZoneId, schedule.EveryWeeks);
            NextReminderAtUtc = schedule.NextAfter(now, lastRun: null);
        }
        return dropped;
    }

    private void ClearScheduledOpening()
    {
        OpensAtUtc = null;
        OpensAtTimeZone = null;
        OpeningScheduledByUserId = null;
    }
}

/// <summary>What <see cref="Letter.RestoreSchedule"/> could not keep.</summary>
[Flags]
public enum ScheduleRestored
{
    Nothing = 0,

    /// <summary>The opening time had passed (or the letter was no longer a draft): restored as none.</summary>
    OpeningDropped = 1,
}

public enum ReminderRun
{
    NotDue,

    /// <summary>Claimed: send the reminders that are due.</summary>
    Send,

    /// <summary>Claimed but too late to send (see <see cref="Letter.MissedReminderRunLimit"/>): the next run is set.</summary>
    Missed,
}
