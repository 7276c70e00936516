using System.Text.RegularExpressions;

namespace SignOnLetters.Domain.Letters;

/// <summary>
/// A joint letter or petition. Its rules live here: drafts are edited freely and every saved edit is
/// kept as a revision; opening freezes the text as version 1; an open letter changes its text only
/// by an amendment, which publishes version N+1 with a public note. Signatures (a later feature)
/// point at the <see cref="LetterVersion"/> they were given on.
/// </summary>
public partial class Letter
{
    public const int SlugMaxLength = 80;
    public const int ChangeNoteMaxLength = 1000;

    public int Id { get; private set; }
    public LetterKind Kind { get; private set; }

    /// <summary>The public address <c>/letters/{slug}</c>: readable, unique, and never changed once made.</summary>
    public string Slug { get; private set; } = null!;

    /// <summary>The short link <c>/l/{code}</c> (see <see cref="LetterShortCode"/>): given at creation, never changed.</summary>
    public string ShortCode { get; private set; } = null!;

    public LetterStatus Status { get; private set; }
    public int LeadOrganisationId { get; private set; }
    public Organisation LeadOrganisation { get; private set; } = null!;

    /// <summary>The language shown when a reader asks for none, or for one the letter lacks.</summary>
    public string PrimaryLanguage { get; private set; } = null!;

    /// <summary>The working text in each language: what editors change; frozen copies live in revisions and versions.</summary>
    public List<LetterText> Texts { get; } = [];

    public List<LetterAddressee> Addressees { get; } = [];
    public List<LetterCoAuthor> CoAuthors { get; } = [];
    public List<LetterEditor> Editors { get; } = [];
    public List<LetterRevision> Revisions { get; } = [];
    public List<LetterVersion> Versions { get; } = [];

    /// <summary>The instant the letter closes, in UTC; shown in <see cref="DeadlineTimeZone"/>.</summary>
    public DateTime? DeadlineUtc { get; private set; }

    /// <summary>The IANA time zone the coordinator set the deadline in ("Europe/Paris").</summary>
    public string? DeadlineTimeZone { get; private set; }

    public int? SignatureGoal { get; private set; }
    public WhoMaySign WhoMaySign { get; private set; }
    public ModerationMode Moderation { get; private set; }
    public bool IndividualsMustGiveOrganisation { get; private set; }

    /// <summary>
    /// Hosts allowed to frame the embedded sign form, space-separated and normalised (see
    /// <see cref="Letters.EmbedHosts"/>); empty when the form may not be embedded anywhere.
    /// </summary>
    public string EmbedHosts { get; private set; } = string.Empty;

    /// <summary>
    /// Kept off the home page, the public index and its search; still public to anyone with its link
    /// (a letter circulated only among partners, say). Listed by default.
    /// </summary>
    public bool IsUnlisted { get; private set; }

    /// <summary>How the letter's PDF is presented (paper, grouping, letterhead contact…); see <see cref="LetterPdfSettings"/>.</summary>
    public LetterPdfSettings PdfSettings { get; private set; } = LetterPdfSettings.Default;

    public string CreatedByUserId { get; private set; } = null!;
    public DateTime CreatedAt { get; private set; }
    public string UpdatedByUserId { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public DateTime? OpenedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }

    /// <summary>
    /// How many times the letter went to its addressees (the first delivery and each later edition);
    /// 0 before. The delivered PDF prints it and is sealed as of <see cref="EditionIssuedAt"/> (ADR 0016).
    /// </summary>
    public int EditionNumber { get; private set; }

    /// <summary>When the current edition was sent: the seal's signing time, so regenerating it gives the same file.</summary>
    public DateTime? EditionIssuedAt { get; private set; }
    public DateTime? ArchivedAt { get; private set; }

    /// <summary>Number of the latest revision (1 after creation).</summary>
    public int LatestRevisionNumber { get; private set; }

    /// <summary>Number of the latest published version; 0 while the letter was never opened.</summary>
    public int LatestVersionNumber { get; private set; }

    /// <summary>
    /// Optimistic concurrency token, bumped by every change. A plain integer column compared in the
    /// UPDATE's WHERE clause works the same on SQLite, PostgreSQL and SQL Server (unlike rowversion).
    /// </summary>
    public int ChangeCount { get; private set; }

    public LetterDeadline? Deadline => DeadlineUtc is { } utc ? new LetterDeadline(utc, DeadlineTimeZone!) : null;

    private Letter() { }

    public static Letter CreateDraft(LetterKind kind, string slug, Organisation leadOrganisation, LetterText firstText, string userId, DateTime now)
    {
        if (!LetterSlug.IsWellFormed(slug))
            throw new DomainRuleException(LetterSlug.Rule);
        var letter = new Letter
        {
            Kind = kind,
            Slug = slug,
            ShortCode = LetterShortCode.New(),
            Status = LetterStatus.Draft,
            LeadOrganisation = leadOrganisation,
            LeadOrganisationId = leadOrganisation.Id,
            PrimaryLanguage = firstText.LanguageCode,
            CreatedByUserId = userId,
            CreatedAt = now,
        };
        letter.Texts.Add(firstText);
        letter.RecordRevision(userId, now);
        return letter;
    }

    /// <summary>
    /// The letter as a backup file describes it, for an import that has already checked the file
    /// (see <see cref="Backup.LetterBackup"/>). <paramref name="organisationIds"/> maps the file's
    /// organisation references to this instance's organisations; <paramref name="accountOrImporter"/>
    /// maps an account reference to an existing account, or to the importing administrator when that
    /// account does not exist here; <paramref name="accountOrNone"/> to an existing account or null.
    /// </summary>
    public static Letter Restore(Backup.LetterState state, string slug, Organisation leadOrganisation, IReadOnlyDictionary<string, int> organisationIds,
        Func<string?, string> accountOrImporter, Func<string?, string?> accountOrNone)
    {
        if (!LetterSlug.IsWellFormed(slug))
            throw new DomainRuleException(LetterSlug.Rule);
        var letter = new Letter
        {
            Kind = state.Kind,
            Slug = slug,
            ShortCode = LetterShortCode.New(),
            Status = state.Status,
            LeadOrganisation = leadOrganisation,
            LeadOrganisationId = leadOrganisation.Id,
            PrimaryLanguage = LanguageCodes.Normalize(state.PrimaryLanguage) ?? throw new DomainRuleException("The letter's main language is not a language code we know."),
            DeadlineUtc = state.DeadlineUtc,
            DeadlineTimeZone = state.DeadlineUtc is null ? null : state.DeadlineTimeZone,
            SignatureGoal = state.SignatureGoal,
            WhoMaySign = state.WhoMaySign,
            Moderation = state.Moderation,
            IndividualsMustGiveOrganisation = state.IndividualsMustGiveOrganisation,
            EmbedHosts = Letters.EmbedHosts.Join(state.EmbedHosts),
            IsUnlisted = state.Unlisted,
            PdfSettings = state.PdfSettings?.Checked() ?? LetterPdfSettings.Default,
            EditionNumber = state.EditionNumber > 0 && state.EditionIssuedAt is not null ? state.EditionNumber : 0,
            EditionIssuedAt = state.EditionNumber > 0 ? state.EditionIssuedAt : null,
            CreatedByUserId = accountOrImporter(state.CreatedBy),
            CreatedAt = state.CreatedAt,
            UpdatedByUserId = accountOrImporter(state.UpdatedBy),
            UpdatedAt = state.UpdatedAt,
            OpenedAt = state.OpenedAt,
            ClosedAt = state.ClosedAt,
            DeliveredAt = state.DeliveredAt,
            ArchivedAt = state.ArchivedAt,
            LatestRevisionNumber = state.Revisions.Count == 0 ? 0 : state.Revisions.Max(r => r.Number),
            LatestVersionNumber = state.Versions.Count == 0 ? 0 : state.Versions.Max(v => v.Number),
        };
        letter.Texts.AddRange(state.Texts.Select(t => new LetterText(t.LanguageCode, t.Title, t.Body)));
        letter.Addressees.AddRange(state.Addressees.Select(a => new LetterAddressee(a.Position, a.Name, a.Title, a.Institution)));
        foreach (var coAuthor in state.CoAuthors)
        {
            var restored = new LetterCoAuthor(letter, organisationIds[coAuthor.Organisation], coAuthor.Position, null, state.CreatedAt);
            // Backups from before invitations carry no state: their co-authors had been shown, so stay accepted.
            if (!coAuthor.Invited)
                restored.Accept(accountOrImporter(null), state.CreatedAt);
            letter.CoAuthors.Add(restored);
        }
        foreach (var editor in state.Editors)
            if (accountOrNone(editor.Account) is { } userId && !letter.IsEditor(userId))
                letter.Editors.Add(new LetterEditor(letter, userId, editor.AddedAt));
        letter.Revisions.AddRange(state.Revisions.OrderBy(r => r.Number).Select(r => new LetterRevision(letter, r.Number, accountOrImporter(r.Author), r.CreatedAt,
            r.Texts.Select(t => new LetterText(t.LanguageCode, t.Title, t.Body)), r.Addressees)));
        letter.Versions.AddRange(state.Versions.OrderBy(v => v.Number).Select(v => new LetterVersion(letter, v.Number, accountOrImporter(v.PublishedBy),
            v.PublishedAt, v.ChangeNote, v.Texts.Select(t => new LetterText(t.LanguageCode, t.Title, t.Body)))));
        return letter;
    }

    /// <summary>Saves an edit of a draft: text in every language, addressees, authors, settings and deadline.</summary>
    public void EditDraft(LetterDraft draft, string userId, DateTime now)
    {
        if (Status != LetterStatus.Draft)
            throw new DomainRuleException(Status == LetterStatus.Open
                ? "This letter is open for signatures, so its text is frozen. Publish an amendment instead."
                : "Only drafts can be edited.");
        ReplaceTexts(draft.Texts);
        Addressees.Clear();
        Addressees.AddRange(draft.Addressees.Select((a, i) => new LetterAddressee(i + 1, a.Name, a.Title, a.Institution)));
        ReplaceCoAuthors(draft.CoAuthorOrganisationIds, draft.CoAuthorsTheEditorCoordinates, userId, now);
        WhoMaySign = draft.Settings.WhoMaySign;
        Moderation = draft.Settings.Moderation;
        IndividualsMustGiveOrganisation = draft.Settings.IndividualsMustGiveOrganisation;
        if (draft.SignatureGoal is <= 0)
            throw new DomainRuleException("A signature goal must be a positive number.");
        SignatureGoal = draft.SignatureGoal;
        SetDeadline(draft.Deadline, now);
        RecordRevision(userId, now);
    }

    /// <summary>Opens the draft for signatures and freezes its text as version 1.</summary>
    public LetterVersion Open(string userId, DateTime now)
    {
        if (Status != LetterStatus.Draft)
            throw new DomainRuleException("Only a draft can be opened. A closed letter can be reopened instead.");
        EnsureReadyToOpen(now);
        Status = LetterStatus.Open;
        OpenedAt = now;
        // Opened by hand before its time, or by the scheduler at it: either way nothing is left to schedule.
        ClearScheduledOpening();
        Touch(userId, now);
        return PublishVersion(userId, now, changeNote: null);
    }

    /// <summary>Changes the text of an open letter: publishes version N+1 with a public note saying what changed.</summary>
    /// <param name="publishOutdatedTranslations">The editor chose to publish although some language versions
    /// stay as they were while the main text changes (<see cref="TranslationFreshness.LeftBehind"/>); those
    /// versions then say they have not been updated. Without that choice such an amendment is refused.</param>
    public LetterVersion Amend(IReadOnlyList<LetterText> texts, string changeNote, string userId, DateTime now, bool publishOutdatedTranslations = false)
    {
        if (Status != LetterStatus.Open)
            throw new DomainRuleException(Status == LetterStatus.Draft
                ? "A draft is edited directly; amendments are for open letters."
                : "Only an open letter can be amended.");
        changeNote = changeNote.Trim();
        if (changeNote.Length == 0)
            throw new DomainRuleException("Say in a change note what the amendment changes: signers will read it.");
        if (changeNote.Length > ChangeNoteMaxLength)
            throw new DomainRuleException("The change note may have at most {0} characters.", ChangeNoteMaxLength);
        if (texts.Count == Texts.Count && texts.All(t => Texts.Any(current => current.SameAs(t))))
            throw new DomainRuleException("The text is the same as the published version: nothing to amend.");
        if (texts.Any(t => t.Body.Length == 0))
            throw new DomainRuleException("Every language version of an open letter needs its text.");
        if (!publishOutdatedTranslations && TranslationFreshness.LeftBehind(Texts, texts).Count > 0)
            throw new DomainRuleException(OutdatedTranslationsNeedChoice);
        ReplaceTexts(texts);
        RecordRevision(userId, now);
        return PublishVersion(userId, now, changeNote);
    }

    /// <summary>Why an amendment that leaves translations behind is refused until the editor chooses to publish it anyway.</summary>
    public const string OutdatedTranslationsNeedChoice =
        "The main text changes but some language versions stay as they were. Update them, or tick the box to publish them marked as not updated.";

    public void Close(string userId, DateTime now)
    {
        if (Status != LetterStatus.Open)
            throw new DomainRuleException("Only an open letter can be closed.");
        Status = LetterStatus.Closed;
        ClosedAt = now;
        Touch(userId, now);
    }

    /// <summary>Closes the letter because its deadline passed; false when there is nothing to do.</summary>
    public bool CloseIfDeadlinePassed(DateTime now)
    {
        if (Status != LetterStatus.Open || DeadlineUtc is not { } deadline || deadline > now)
            return false;
        Status = LetterStatus.Closed;
        ClosedAt = now;
        ChangeCount++;
        return true;
    }

    /// <summary>Opens a closed or delivered letter again, e.g. for late signatures. A passed deadline must be replaced.</summary>
    public void Reopen(LetterDeadline? newDeadline, string userId, DateTime now)
    {
        if (Status is not (LetterStatus.Closed or LetterStatus.Delivered))
            throw new DomainRuleException("Only a closed or delivered letter can be reopened.");
        if (newDeadline is not null)
            SetDeadline(newDeadline, now);
        else if (DeadlineUtc <= now)
            throw new DomainRuleException("The deadline has passed: give a new deadline to reopen the letter.");
        Status = LetterStatus.Open;
        Touch(userId, now);
    }

    /// <summary>Moves (or removes) the deadline of an open letter, e.g. to give partners another week.</summary>
    public void ChangeDeadline(LetterDeadline? deadline, string userId, DateTime now)
    {
        if (Status != LetterStatus.Open)
            throw new DomainRuleException(Status == LetterStatus.Draft
                ? "Set a draft's deadline in the edit form."
                : "Only an open letter's deadline can be changed; reopen the letter with a new deadline instead.");
        SetDeadline(deadline, now);
        Touch(userId, now);
    }

    /// <summary>
    /// Marks a closed letter delivered. <see cref="DeliveredAt"/> keeps the first delivery: a later
    /// edition (signatures gathered after reopening) is delivered again, and its late signatures must
    /// still read as late.
    /// </summary>
    public void MarkDelivered(string userId, DateTime now)
    {
        if (Status != LetterStatus.Closed)
            throw new DomainRuleException("Close the letter before marking it delivered.");
        Status = LetterStatus.Delivered;
        DeliveredAt ??= now;
        Touch(userId, now);
    }

    /// <summary>
    /// A delivery or a later edition goes to the addressees: the PDF becomes edition N + 1. Always
    /// with <see cref="MarkDelivered"/> or <see cref="RecordMailing"/>, which count the change.
    /// </summary>
    public void IssueEdition(DateTime now)
    {
        if (Status is not (LetterStatus.Closed or LetterStatus.Delivered))
            throw new DomainRuleException("Close the letter again before sending a later edition to the addressees.");
        EditionNumber++;
        EditionIssuedAt = now;
    }

    public void Archive(string userId, DateTime now)
    {
        if (Status == LetterStatus.Open)
            throw new DomainRuleException("Close the letter before archiving it: it is still collecting signatures.");
        if (Status == LetterStatus.Archived)
            throw new DomainRuleException("This letter is already archived.");
        Status = LetterStatus.Archived;
        ArchivedAt = now;
        Touch(userId, now);
    }

    /// <summary>
    /// Notes that coordinators sent a mailing about the letter (a delivery or an update). Bumping the
    /// change counter makes a double submission, or two coordinators sending at once, send once: the
    /// second meets a changed letter.
    /// </summary>
    public void RecordMailing(string userId, DateTime now) => Touch(userId, now);

    /// <summary>Replaces the hosts allowed to embed the sign form (an empty list stops all embedding).</summary>
    public void SetEmbedHosts(IEnumerable<string> hosts, string userId, DateTime now)
    {
        if (Status == LetterStatus.Archived)
            throw new DomainRuleException("This letter is archived.");
        EmbedHosts = Letters.EmbedHosts.Join(hosts);
        Touch(userId, now);
    }

    /// <summary>Lists the letter on the home page and in the public index and search, or keeps it off them.</summary>
    public void SetListed(bool listed, string userId, DateTime now)
    {
        if (Status == LetterStatus.Archived)
            throw new DomainRuleException("This letter is archived.");
        IsUnlisted = !listed;
        Touch(userId, now);
    }

    /// <summary>
    /// Chooses how the PDF is presented. Refused once delivered: the file its addressees received is
    /// sealed and must stay the one anyone downloads (ADR 0016).
    /// </summary>
    public void SetPdfSettings(LetterPdfSettings settings, string userId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Status is LetterStatus.Delivered or LetterStatus.Archived)
            throw new DomainRuleException("This letter was delivered: its PDF stays the one its addressees received.");
        PdfSettings = settings.Checked();
        Touch(userId, now);
    }

    public bool IsEditor(string? userId) => userId is not null && Editors.Any(e => e.UserId == userId);

    public LetterEditor AddEditor(string userId, DateTime now)
    {
        var existing = Editors.FirstOrDefault(e => e.UserId == userId);
        if (existing is not null)
            return existing;
        var editor = new LetterEditor(this, userId, now);
        Editors.Add(editor);
        ChangeCount++;
        return editor;
    }

    public void RemoveEditor(string userId)
    {
        var editor = Editors.FirstOrDefault(e => e.UserId == userId)
            ?? throw new DomainRuleException("That person is not a co-editor of this letter.");
        Editors.Remove(editor);
        ChangeCount++;
    }

    private void SetDeadline(LetterDeadline? deadline, DateTime now)
    {
        if (deadline is not null && deadline.Utc <= now)
            throw new DomainRuleException("The deadline is in the past. Choose a later date and time.");
        if (deadline is not null && OpensAtUtc is { } opensAt && deadline.Utc <= opensAt)
            throw new DomainRuleException("The deadline is before the scheduled opening. Choose a later deadline or an earlier opening time.");
        DeadlineUtc = deadline?.Utc;
        DeadlineTimeZone = deadline?.TimeZoneId;
    }

    /// <summary>Updates the working text in place per language (adds new languages, drops missing ones).</summary>
    private void ReplaceTexts(IReadOnlyList<LetterText> texts)
    {
        if (texts.Count == 0)
            throw new DomainRuleException("A letter needs its text in at least one language.");
        var duplicate = texts.GroupBy(t => t.LanguageCode).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DomainRuleException("There are two {0} versions. Keep one.", new LanguageName(duplicate.Key));
        Texts.RemoveAll(current => texts.All(t => t.LanguageCode != current.LanguageCode));
        foreach (var text in texts)
        {
            var current = Texts.FirstOrDefault(t => t.LanguageCode == text.LanguageCode);
            if (current is null)
                Texts.Add(text.Copy());
            else
                current.Change(text.Title, text.Body);
        }
        PrimaryLanguage = texts[0].LanguageCode;
    }

    /// <summary>
    /// A newly named organisation is only invited: it is shown as an author once one of its own
    /// coordinators accepts. One the editor coordinates is accepted at once (their naming it is
    /// that consent). Removing a name withdraws the invitation, or the authorship.
    /// </summary>
    private void ReplaceCoAuthors(IReadOnlyList<int> organisationIds, IReadOnlySet<int> coordinatedByEditor, string userId, DateTime now)
    {
        if (organisationIds.Contains(LeadOrganisationId))
            throw new DomainRuleException("The lead organisation is already an author; list only the other co-authoring organisations.");
        CoAuthors.RemoveAll(c => !organisationIds.Contains(c.OrganisationId));
        foreach (var (organisationId, index) in organisationIds.Distinct().Select((id, i) => (id, i)))
        {
            var existing = CoAuthors.FirstOrDefault(c => c.OrganisationId == organisationId);
            if (existing is null)
            {
                var invited = new LetterCoAuthor(this, organisationId, index + 1, userId, now);
                if (coordinatedByEditor.Contains(organisationId))
                    invited.Accept(userId, now);
                CoAuthors.Add(invited);
            }
            else
                existing.Position = index + 1;
        }
    }

    /// <summary>A coordinator of the invited organisation accepts: from now on it is shown as an author.</summary>
    public void AcceptCoAuthorship(int organisationId, string userId, DateTime now)
    {
        var invitation = CoAuthors.FirstOrDefault(c => c.OrganisationId == organisationId)
            ?? throw new DomainRuleException("There is no invitation to co-author this letter (it may have been withdrawn or declined).");
        invitation.Accept(userId, now);
        // Open edit forms are refused on save, so nobody works from a list that changed under them.
        ChangeCount++;
    }

    /// <summary>A coordinator of the named organisation declines (or later withdraws it): it is no longer an author or invited.</summary>
    public void DeclineCoAuthorship(int organisationId)
    {
        if (CoAuthors.RemoveAll(c => c.OrganisationId == organisationId) == 0)
            throw new DomainRuleException("There is no invitation to co-author this letter (it may have been withdrawn or declined).");
        ChangeCount++;
    }

    private void RecordRevision(string userId, DateTime now)
    {
        LatestRevisionNumber++;
        Revisions.Add(new LetterRevision(this, LatestRevisionNumber, userId, now, Texts.Select(t => t.Copy()),
            string.Join("\n", Addressees.OrderBy(a => a.Position).Select(a => a.ToString()))));
        Touch(userId, now);
    }

    private LetterVersion PublishVersion(string userId, DateTime now, string? changeNote)
    {
        LatestVersionNumber++;
        var version = new LetterVersion(this, LatestVersionNumber, userId, now, changeNote, Texts.Select(t => t.Copy()));
        Versions.Add(version);
        return version;
    }

    private void Touch(string userId, DateTime now)
    {
        UpdatedByUserId = userId;
        UpdatedAt = now;
        ChangeCount++;
    }
}

/// <summary>Everything an edit of a draft sets at once.</summary>
public sealed record LetterDraft(
    IReadOnlyList<LetterText> Texts,
    IReadOnlyList<LetterAddressee> Addressees,
    IReadOnlyList<int> CoAuthorOrganisationIds,
    IReadOnlySet<int> CoAuthorsTheEditorCoordinates,
    LetterSettings Settings,
    LetterDeadline? Deadline,
    int? SignatureGoal);

public sealed record LetterSettings(WhoMaySign WhoMaySign, ModerationMode Moderation, bool IndividualsMustGiveOrganisation);

/// <summary>Slugs are lower-case ASCII words joined by hyphens, so links survive every mail client.</summary>
public static partial class LetterSlug
{
    public const string Rule = "The web address may use only lower-case letters a-z, digits and single hyphens, 3 to 80 characters.";

    /// <summary>Words that are pages under /letters/, not letters.</summary>
    private static readonly HashSet<string> Reserved = ["new", "mine", "edit", "api", "admin"];

    public static bool IsWellFormed(string? slug) =>
        slug is { Length: >= 3 and <= Letter.SlugMaxLength } && SlugPattern().IsMatch(slug) && !Reserved.Contains(slug);

    /// <summary>A readable slug from a title: "Décriminalisez l'usage!" → "decriminalisez-l-usage"; null when nothing Latin is left.</summary>
    public static string? FromTitle(string title)
    {
        var decomposed = title.Normalize(System.Text.NormalizationForm.FormKD);
        var builder = new System.Text.StringBuilder();
        foreach (var c in decomposed)
        {
            if (char.IsAsciiLetterOrDigit(c))
                builder.Append(char.ToLowerInvariant(c));
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark
                     && builder.Length > 0 && builder[^1] != '-')
                builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length > 60)
            slug = slug[..60].TrimEnd('-');
        return IsWellFormed(slug) ? slug : null;
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
