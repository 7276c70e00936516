namespace SignOnLetters.Domain.Signatures;

/// <summary>Where an invitation to sign stands. "Signed" is not stored: it is read from the signatures (see the invitations page).</summary>
public enum PartnerInvitationState
{
    Sent = 0,
    Opened = 1,
    Declined = 2,
}

/// <summary>
/// A coordinator invites a partner network to sign a letter: the organisation's name, a contact
/// address and an optional message, sent by e-mail with a tracked link (stored only as its SHA-256
/// hash) that opens the sign form with the organisation filled in. One invitation per letter and
/// mailbox (<see cref="EmailKey"/>, a unique index), so nobody is e-mailed twice by mistake;
/// reminders go at most once per <see cref="ReminderInterval"/>, at most <see cref="MaxReminders"/> times.
/// </summary>
public class PartnerInvitation
{
    public const int MessageMaxLength = 2000;
    public const int MaxReminders = 3;
    public static readonly TimeSpan ReminderInterval = TimeSpan.FromDays(7);

    /// <summary>
    /// How much earlier than <see cref="ReminderInterval"/> a reminder may follow the last: an automatic
    /// weekly reminder at 09:00 in the coordinator's zone comes an hour early across a clock change, and
    /// the scheduler's one-minute tick moves it by seconds; without slack every other week would be skipped.
    /// </summary>
    public static readonly TimeSpan ReminderIntervalSlack = TimeSpan.FromHours(2);

    public int Id { get; private set; }
    public int LetterId { get; private set; }
    public string OrganisationName { get; private set; } = null!;

    /// <summary><see cref="NameNormalizer"/> key: an organisation signature with this key counts as the answer.</summary>
    public string OrganisationKey { get; private set; } = null!;

    public string ContactEmail { get; private set; } = null!;
    public string EmailKey { get; private set; } = null!;
    public string? Message { get; private set; }
    public string TokenHash { get; private set; } = null!;
    public PartnerInvitationState State { get; private set; }
    public string CreatedByUserId { get; private set; } = null!;
    public DateTime SentAt { get; private set; }
    public DateTime? OpenedAt { get; private set; }
    public DateTime? DeclinedAt { get; private set; }
    public DateTime? LastReminderAt { get; private set; }
    public int RemindersSent { get; private set; }

    /// <summary>
    /// When the contact asked for no more reminders (the e-mail's one-click unsubscribe). Not a
    /// refusal to sign: the invitation's link keeps working and the coordinators see only that no
    /// more reminders go out.
    /// </summary>
    public DateTime? RemindersStoppedAt { get; private set; }

    private PartnerInvitation() { }

    public static PartnerInvitation Create(int letterId, string organisationName, string contactEmail, string? message, string tokenHash,
        string userId, DateTime now) => new()
    {
        LetterId = letterId,
        OrganisationName = organisationName.Trim(),
        OrganisationKey = NameNormalizer.Normalize(organisationName),
        ContactEmail = contactEmail.Trim(),
        EmailKey = EmailCanonicalizer.Canonicalize(contactEmail),
        Message = string.IsNullOrWhiteSpace(message) ? null : message.Trim(),
        TokenHash = tokenHash,
        State = PartnerInvitationState.Sent,
        CreatedByUserId = userId,
        SentAt = now,
    };

    /// <summary>An invitation as a backup file describes it: the import has checked the file; the link keeps working when its hash is kept.</summary>
    public static PartnerInvitation Restore(int letterId, Backup.PartnerInvitationBackup backup, string tokenHash, string userId)
    {
        var invitation = Create(letterId, backup.OrganisationName, backup.ContactEmail, backup.Message, tokenHash, userId, backup.SentAt);
        invitation.State = backup.State;
        invitation.OpenedAt = backup.OpenedAt;
        invitation.DeclinedAt = backup.DeclinedAt;
        invitation.LastReminderAt = backup.LastReminderAt;
        invitation.RemindersSent = Math.Clamp(backup.RemindersSent, 0, MaxReminders);
        invitation.RemindersStoppedAt = backup.RemindersStoppedAt;
        return invitation;
    }

    /// <summary>The link was followed. Opening again changes nothing.</summary>
    public void Open(DateTime now)
    {
        if (State != PartnerInvitationState.Sent)
            return;
        State = PartnerInvitationState.Opened;
        OpenedAt = now;
    }

    public void Decline(DateTime now)
    {
        State = PartnerInvitationState.Declined;
        DeclinedAt ??= now;
    }

    /// <summary>No more reminders to this contact. Asking again changes nothing.</summary>
    public void StopReminders(DateTime now) => RemindersStoppedAt ??= now;

    /// <summary>
    /// Whether a reminder is due now; if so, records it with the new link's hash (the earlier link
    /// stops working: only hashes are kept, so the reminder cannot repeat the old one).
    /// </summary>
    public bool TryRemind(bool signed, string newTokenHash, DateTime now)
    {
        if (signed || State == PartnerInvitationState.Declined || RemindersStoppedAt is not null || RemindersSent >= MaxReminders
            || now - (LastReminderAt ?? SentAt) < ReminderInterval - ReminderIntervalSlack)
            return false;
        TokenHash = newTokenHash;
        LastReminderAt = now;
        RemindersSent++;
        return true;
    }
}
