using Microsoft.AspNetCore.DataProtection;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// One-click "no more reminders" links for partner invitations: the invitation's id, protected. Not
/// the invitation's tracked link, which each reminder replaces: a mail client unsubscribes with the
/// header of whichever e-mail is open, and that must still work after a later reminder.
/// </summary>
public sealed class ReminderStopLinks(IDataProtectionProvider protection, IPublicUrls urls)
    : ProtectedIdLinks(protection, urls, "SignOnLetters.PartnerInvitations.StopReminders.v1", "/invitations/stop-reminders/");
