using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Domain.Backup;

/// <summary>
/// One letter with everything needed to restore it on another instance: settings, working texts,
/// every revision and published version, co-authors, signatures with their history, aliases and
/// partner invitations. The JSON shape of these records is a public contract (files are kept for
/// years): add optional fields, never rename; a breaking change is a new <see cref="Version"/>.
/// <para>
/// Database ids and account ids mean nothing on another instance, so accounts and organisations are
/// listed once with a file-local reference ("a1", "o1") and everything else points at those; a
/// signature's <see cref="SignatureBackup.Ref"/> is only used by <see cref="SignatureBackup.MergedInto"/>.
/// Never included: passwords and other Identity data, organisation logos, mailings (they hold
/// addressees' addresses and finished e-mails), invitations to co-edit (they grant access).
/// </para>
/// </summary>
public sealed record LetterBackup
{
    public const string FormatName = "signonletters-letter-backup";
    public const int CurrentVersion = 1;

    public string? Format { get; init; }
    public int Version { get; init; }
    public DateTime ExportedAt { get; init; }
    public List<AccountBackup> Accounts { get; init; } = [];
    public List<OrganisationBackup> Organisations { get; init; } = [];
    public LetterState? Letter { get; init; }
    public List<SignatureBackup> Signatures { get; init; } = [];
    public List<AliasBackup> Aliases { get; init; } = [];
    public List<PartnerInvitationBackup> PartnerInvitations { get; init; } = [];
}

/// <summary>An account the letter mentions (author, editor, representative), known on another instance by its e-mail.</summary>
public sealed record AccountBackup(string Ref, string Email);

/// <summary>An organisation, matched on import by its <see cref="NameNormalizer"/> key; its coordinators are account references.</summary>
public sealed record OrganisationBackup(string Ref, string Name, string CountryCode, string? Website, List<string> Coordinators);

public sealed record TextBackup(string LanguageCode, string Title, string Body);

public sealed record AddresseeBackup(int Position, string Name, string? Title, string? Institution);

/// <param name="Invited">Named but not (yet) accepted by the organisation; absent in backups from before invitations, whose co-authors were shown.</param>
public sealed record CoAuthorBackup(string Organisation, int Position, bool Invited = false);

public sealed record EditorBackup(string Account, DateTime AddedAt);

public sealed record RevisionBackup(int Number, string? Author, DateTime CreatedAt, string Addressees, List<TextBackup> Texts);

public sealed record VersionBackup(int Number, string? PublishedBy, DateTime PublishedAt, string? ChangeNote, List<TextBackup> Texts);

/// <summary>
/// A letter's schedule (<c>Letter.Schedule.cs</c>). The reminder run times are not kept: the restored
/// schedule starts afresh from the moment of the import, as a newly set one does.
/// </summary>
/// <param name="OpeningScheduledBy">An account reference; the opening runs as that coordinator.</param>
public sealed record ScheduleBackup(DateTime? OpensAtUtc, string? OpensAtTimeZone, string? OpeningScheduledBy,
    string? ReminderCron, string? ReminderTimeZone, int ReminderEveryWeeks = 1);

public sealed record LetterState
{
    public LetterKind Kind { get; init; }
    public string Slug { get; init; } = "";
    public LetterStatus Status { get; init; }
    public string LeadOrganisation { get; init; } = "";
    public string PrimaryLanguage { get; init; } = "";
    public List<TextBackup> Texts { get; init; } = [];
    public List<AddresseeBackup> Addressees { get; init; } = [];
    public List<CoAuthorBackup> CoAuthors { get; init; } = [];
    public List<EditorBackup> Editors { get; init; } = [];
    public DateTime? DeadlineUtc { get; init; }
    public string? DeadlineTimeZone { get; init; }
    public int? SignatureGoal { get; init; }
    public WhoMaySign WhoMaySign { get; init; }
    public ModerationMode Moderation { get; init; }
    public bool IndividualsMustGiveOrganisation { get; init; }
    public List<string> EmbedHosts { get; init; } = [];

    /// <summary>Kept off the public index (absent from older backups: listed).</summary>
    public bool Unlisted { get; init; }

    /// <summary>How the PDF is presented (absent from older backups: the defaults). Checked again on restore.</summary>
    public LetterPdfSettings? PdfSettings { get; init; }

    /// <summary>What happens without a button press: the opening time and automatic reminders (absent from older backups: none).</summary>
    public ScheduleBackup? Schedule { get; init; }

    /// <summary>The edition last sent to the addressees and when (ADR 0016): the restored letter's PDF is sealed as that edition, with this instance's key. Absent (0) in files from before sealing.</summary>
    public int EditionNumber { get; init; }

    public DateTime? EditionIssuedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public string? UpdatedBy { get; init; }
    public DateTime UpdatedAt { get; init; }
    public DateTime? OpenedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public DateTime? DeliveredAt { get; init; }
    public DateTime? ArchivedAt { get; init; }
    public List<RevisionBackup> Revisions { get; init; } = [];
    public List<VersionBackup> Versions { get; init; } = [];
}

/// <summary>
/// Every field of a signature but the claim keys, which the import computes again from the names
/// (a file must not be able to store a key that does not match its name). Token hashes are kept so
/// that signers' confirm and withdraw links keep working after a move (see ADR 0007).
/// </summary>
public sealed record SignatureBackup
{
    public int Ref { get; init; }
    public int VersionNumber { get; init; }
    public SignerKind Kind { get; init; }
    public string? OrganisationName { get; init; }
    public string? Organisation { get; init; }
    public string CountryCode { get; init; } = "";
    public string SignerName { get; init; } = "";
    public string? Role { get; init; }
    public string? Website { get; init; }
    public string? Email { get; init; }
    public SignatureVisibility Visibility { get; init; }
    public bool KeepMeUpdated { get; init; }
    public DateTime ConsentedAt { get; init; }
    public SignatureState State { get; init; }
    public HoldReason HoldReason { get; init; }
    public string? RejectionReason { get; init; }
    public SignatureSource Source { get; init; }
    public string? EmbedHost { get; init; }
    public string? Representative { get; init; }
    public string? ClientNetwork { get; init; }
    public string? ConfirmationTokenHash { get; init; }
    public DateTime? ConfirmationExpiresAt { get; init; }
    public int ConfirmationEmailsSent { get; init; }
    public DateTime? LastConfirmationEmailAt { get; init; }
    public string? WithdrawTokenHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ConfirmedAt { get; init; }
    public DateTime? ReviewedAt { get; init; }
    public DateTime? WithdrawnAt { get; init; }
    public DateTime? ErasedAt { get; init; }
    public int? MergedInto { get; init; }
    public DateTime? AnonymisedAt { get; init; }
    public List<SignatureEventBackup> Events { get; init; } = [];
}

/// <param name="Reason">A coordinator's own words; in files written before notes had kinds, also the app's English sentence.</param>
/// <param name="Note">What the app wrote, as a kind (absent from older files).</param>
public sealed record SignatureEventBackup(SignatureState? FromState, SignatureState ToState, SignatureActor Actor, string? ActorAccount, string? Reason, DateTime At,
    HistoryNoteKind? Note = null, string? NoteArgument = null);

public sealed record AliasBackup(string Alias, string OrganisationName, string? CreatedBy, DateTime CreatedAt);

public sealed record PartnerInvitationBackup
{
    public string OrganisationName { get; init; } = "";
    public string ContactEmail { get; init; } = "";
    public string? Message { get; init; }
    public string TokenHash { get; init; } = "";
    public PartnerInvitationState State { get; init; }
    public string? CreatedBy { get; init; }
    public DateTime SentAt { get; init; }
    public DateTime? OpenedAt { get; init; }
    public DateTime? DeclinedAt { get; init; }
    public DateTime? LastReminderAt { get; init; }
    public int RemindersSent { get; init; }
    public DateTime? RemindersStoppedAt { get; init; }
}
