namespace SignOnLetters.Domain.Signatures;

/// <summary>
/// One signature on a letter, by an organisation or an individual, on the exact
/// <see cref="Letters.LetterVersion"/> shown when they signed. Created through
/// <see cref="SigningTerms.Sign"/>, which refuses what the letter does not accept. Every change of
/// <see cref="State"/> appends a <see cref="SignatureEvent"/>.
/// <para>
/// Private by design: <see cref="Email"/> and <see cref="ClientNetwork"/> are never shown publicly;
/// tokens are kept only as SHA-256 hashes, so a copy of the database opens no link.
/// </para>
/// </summary>
public partial class Signature
{
    public const int NameMaxLength = 200;
    public const int RoleMaxLength = 200;
    public const int WebsiteMaxLength = 500;
    public const int EmailMaxLength = 254;
    public const int ReasonMaxLength = 1000;
    public const int ClientNetworkMaxLength = 64;

    /// <summary>
    /// States numbered below this are active: waiting for confirmation or review, or approved (see
    /// <see cref="SignatureState"/>). Only an active signature that has also taken its claims
    /// (<see cref="ClaimedAt"/>) holds the letter's organisation and e-mail claims.
    /// </summary>
    public const int ActiveStateLimit = 3;

    /// <summary>How long a confirmation link works unless the app is configured otherwise (<c>Signing:ConfirmationLinkDays</c>).</summary>
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(7);

    /// <summary>Confirmation e-mails per signature, the first included: enough for a lost message, too few to spam someone.</summary>
    public const int MaxConfirmationEmails = 4;

    /// <summary>Least time between two confirmation e-mails for one signature.</summary>
    public static readonly TimeSpan ConfirmationResendInterval = TimeSpan.FromMinutes(5);

    public int Id { get; private set; }
    public int LetterId { get; private set; }
    public Letters.Letter Letter { get; private set; } = null!;
    public int LetterVersionId { get; private set; }
    public Letters.LetterVersion LetterVersion { get; private set; } = null!;

    public SignerKind Kind { get; private set; }

    /// <summary>The signing organisation; for an individual, the optional organisation given for identification only.</summary>
    public string? OrganisationName { get; private set; }

    /// <summary>
    /// <see cref="NameNormalizer"/> key of <see cref="OrganisationName"/> for organisation signatures
    /// only (an individual's organisation is not a claim): backs "one signature per organisation".
    /// </summary>
    public string? OrganisationKey { get; private set; }

    /// <summary>The organisation's account when a representative signed for it.</summary>
    public int? OrganisationId { get; private set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string CountryCode { get; private set; } = null!;

    public string SignerName { get; private set; } = null!;
    public string? Role { get; private set; }
    public string? Website { get; private set; }

    /// <summary>Private. Null for a paper signature without an address, and after erasure.</summary>
    public string? Email { get; private set; }

    /// <summary><see cref="EmailCanonicalizer"/> key of <see cref="Email"/>: backs "one signature per e-mail".</summary>
    public string? EmailKey { get; private set; }

    public SignatureVisibility Visibility { get; private set; }
    public bool KeepMeUpdated { get; private set; }
    public DateTime ConsentedAt { get; private set; }

    public SignatureState State { get; private set; }
    public HoldReason HoldReason { get; private set; }

    /// <summary>
    /// Whether an organisation signature is known to be the organisation's, and how
    /// (<see cref="OrganisationSignatureVerification"/>); always <see cref="OrganisationVerification.Unverified"/>
    /// for an individual.
    /// </summary>
    public OrganisationVerification Verification { get; private set; }

    public bool IsVerified => OrganisationSignatureVerification.IsVerified(Kind, Verification);
    public string? RejectionReason { get; private set; }
    public SignatureSource Source { get; private set; }

    /// <summary>For <see cref="SignatureSource.Embed"/>: the partner's host the form was embedded on ("partner.example").</summary>
    public string? EmbedHost { get; private set; }

    /// <summary>
    /// The interface language the signer used ("fr", "ar"), so every later e-mail (confirmation
    /// resends, updates) reaches them in it; null when they chose none (the API, a paper signature):
    /// then the letter's language is used.
    /// </summary>
    public string? Language { get; private set; }

    public const int LanguageMaxLength = 10;

    /// <summary>The signed-in representative who signed for the organisation.</summary>
    public string? RepresentativeUserId { get; private set; }

    /// <summary>
    /// The submitter's network, never the full address: IPv4 truncated to /24, IPv6 to /48 (see
    /// <c>ClientNetwork</c> in the web project). Enough to see a burst from one place in an audit,
    /// not enough to single out a person; erased with the rest of the personal data.
    /// </summary>
    public string? ClientNetwork { get; private set; }

    public string? ConfirmationTokenHash { get; private set; }
    public DateTime? ConfirmationExpiresAt { get; private set; }
    public int ConfirmationEmailsSent { get; private set; }
    public DateTime? LastConfirmationEmailAt { get; private set; }

    /// <summary>
    /// Set while the confirmation e-mail of the current tokens is owed: the mailer sends it after the
    /// answer (docs/decisions/0008-signing-at-scale.md) and clears this once the transport took it.
    /// Still set long after (the app stopped with the e-mail queued), the signature is given fresh
    /// tokens and mailed again; the tokens themselves are never stored.
    /// </summary>
    public DateTime? ConfirmationMailDueAt { get; private set; }

    /// <summary>
    /// The withdraw link of the first e-mail. Keeps working after confirmation and after later
    /// e-mails: a signer may withdraw at any time with the e-mail they kept.
    /// </summary>
    public string? WithdrawTokenHash { get; private set; }

    /// <summary>
    /// The withdraw link of the latest later e-mail (a resent confirmation, or "you had already
    /// signed"), which works alongside the first one. The links of e-mails in between stop working
    /// when a newer one is sent; the first e-mail's and the latest's always work.
    /// </summary>
    public string? LatestWithdrawTokenHash { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }

    /// <summary>
    /// When this signature took the letter's claims on its organisation and its e-mail address: when
    /// its mailbox was proved (the confirmation link followed), or at once for a signed-in
    /// representative or a paper signature a coordinator entered. Unconfirmed and rate-limited
    /// signatures claim nothing, so typing a name or an address blocks nobody; a confirmed signature
    /// whose organisation already had one waits for the coordinators without a claim. Backs the
    /// filtered unique indexes with <see cref="State"/> (docs/decisions/0004-signature-claims.md).
    /// </summary>
    public DateTime? ClaimedAt { get; private set; }
    public DateTime? ReviewedAt { get; private set; }
    public DateTime? WithdrawnAt { get; private set; }
    public DateTime? ErasedAt { get; private set; }

    /// <summary>The signature this duplicate was merged into (state <see cref="SignatureState.Merged"/>).</summary>
    public int? MergedIntoId { get; private set; }

    /// <summary>When the retention job removed the private data (see <see cref="AnonymiseAfterRetention"/>).</summary>
    public DateTime? AnonymisedAt { get; private set; }

    /// <summary>
    /// Private. The salt of this signature's commitments in the signatory record (<see cref="SignOnLetters.Domain.Record.RecordHashes.Subject"/>):
    /// given when it first enters the record, deleted on erasure so its commitments can never be opened.
    /// </summary>
    public string? RecordSalt { get; private set; }

    /// <summary>The salt for the record, made the first time it is needed.</summary>
    internal string SaltForRecord() => RecordSalt ??= SignOnLetters.Domain.Record.RecordHashes.NewSalt();

    /// <summary>Optimistic concurrency token: two clicks on one confirmation link cannot both win.</summary>
    public int ChangeCount { get; private set; }

    public List<SignatureEvent> Events { get; } = [];

    public bool IsActive => (int)State < ActiveStateLimit;

    /// <summary>Holds the letter's organisation and e-mail claims: active and claimed (<see cref="ClaimedAt"/>).</summary>
    public bool HoldsClaims => IsActive && ClaimedAt is not null;

    public bool IsCounted => State == SignatureState.Approved;

    private Signature() { }

    internal static Signature Create(SigningTerms terms, SignerDetails details, SignatureSource source, DateTime now)
    {
        var signature = new Signature
        {
            LetterId = terms.LetterId,
            LetterVersionId = terms.LetterVersionId,
            Kind = details.Kind,
            OrganisationName = Clean(details.OrganisationName),
            CountryCode = details.CountryCode.Trim().ToUpperInvariant(),
            SignerName = details.SignerName.Trim(),
            Role = Clean(details.Role),
            Website = Clean(details.Website),
            Email = Clean(details.Email),
            Visibility = details.Visibility,
            KeepMeUpdated = details.KeepMeUpdated,
            ConsentedAt = now,
            Source = source,
            CreatedAt = now,
        };
        signature.OrganisationKey = details.Kind == SignerKind.Organisation ? NameNormalizer.Normalize(signature.OrganisationName!) : null;
        signature.EmailKey = signature.Email is null ? null : EmailCanonicalizer.Canonicalize(signature.Email);
        return signature;
    }

    internal void AwaitConfirmation(ConfirmationTokens tokens, DateTime now)
    {
        State = SignatureState.PendingConfirmation;
        Record(null, SignatureActor.Signer, null, HistoryNoteKind.Signed, now);
        IssueTokens(tokens, now);
        ConfirmationMailDueAt = now;
    }

    /// <summary>
    /// The confirmation e-mail was owed and its tokens are lost (the app stopped before sending it):
    /// new tokens for a new e-mail, still owed until sent. False when nothing is owed any more or the
    /// resend limit is reached; the caller then only clears the mark.
    /// </summary>
    /// <param name="owedFor">How long the e-mail must have been owed: a mark set again a moment ago (by another instance's sweep) is left alone.</param>
    public bool TryReissueOwedConfirmation(ConfirmationTokens tokens, DateTime now, TimeSpan owedFor)
    {
        if (State != SignatureState.PendingConfirmation || ConfirmationMailDueAt is not { } owedSince || now - owedSince < owedFor
            || ConfirmationEmailsSent >= MaxConfirmationEmails || IsConfirmationExpired(now))
            return false;
        IssueTokens(tokens, now);
        ConfirmationMailDueAt = now;
        Record(State, SignatureActor.System, null, HistoryNoteKind.ConfirmationSentAgainFirstNotSent, now);
        return true;
    }

    internal void HoldUnconfirmed(HoldReason reason, string withdrawTokenHash, DateTime now)
    {
        State = SignatureState.HeldForReview;
        HoldReason = reason;
        WithdrawTokenHash = withdrawTokenHash;
        Record(null, SignatureActor.System, null, HistoryNote.Of(HistoryNoteKind.HeldForReview, reason), now);
    }

    internal void ConfirmOnBehalfOf(string representativeUserId, int organisationId, Letters.ModerationMode moderation, string withdrawTokenHash, DateTime now)
    {
        RepresentativeUserId = representativeUserId;
        OrganisationId = organisationId;
        WithdrawTokenHash = withdrawTokenHash;
        ConfirmedAt = now;
        ClaimedAt = now;
        Verification = OrganisationVerification.Representative;
        State = SignatureState.PendingConfirmation;
        Record(null, SignatureActor.Signer, representativeUserId, HistoryNoteKind.SignedByRepresentative, now);
        Moderate(moderation, now);
    }

    /// <summary>Records which of the letter's allowed hosts embedded the form this signature came through.</summary>
    public void RecordEmbedHost(string host)
    {
        if (Source != SignatureSource.Embed || !Letters.EmbedHosts.IsWellFormed(host))
            throw new DomainRuleException("Only a signature made through an embedded form has an embedding host.");
        EmbedHost = host;
    }

    public void RecordLanguage(string? language) =>
        Language = string.IsNullOrWhiteSpace(language) || language.Length > LanguageMaxLength ? null : language;

    /// <summary>The signer followed the unsubscribe link of an update: no further updates about this letter.</summary>
    public void StopUpdates() => KeepMeUpdated = false;

    internal void RecordPaperSignature(string coordinatorUserId, DateTime now)
    {
        ApproveOnAuthority(SignatureSource.Paper, now, now);
        Record(null, SignatureActor.Coordinator, coordinatorUserId, HistoryNoteKind.EnteredFromPaper, now);
    }

    /// <summary>
    /// A row of a file a coordinator (or the administrator on the command line) imported: approved on
    /// their authority, no e-mail sent. <paramref name="signedAt"/> is when the row says the signer
    /// signed (else the import time); the history entry is dated when the import happened.
    /// </summary>
    internal void RecordImport(string? coordinatorUserId, string fileName, DateTime signedAt, DateTime now)
    {
        ConsentedAt = signedAt;
        CreatedAt = signedAt;
        ApproveOnAuthority(SignatureSource.Imported, signedAt, now);
        var note = HistoryNote.Of(coordinatorUserId is null ? HistoryNoteKind.ImportedByAdministrator : HistoryNoteKind.ImportedByCoordinator,
            fileName.Length <= SignatureEvent.NoteArgumentMaxLength ? fileName : fileName[..SignatureEvent.NoteArgumentMaxLength]);
        Record(null, coordinatorUserId is null ? SignatureActor.System : SignatureActor.Coordinator, coordinatorUserId, note, now);
    }

    /// <summary>Approved at once, holding its claims, on the word of whoever entered it (no mailbox to prove).</summary>
    private void ApproveOnAuthority(SignatureSource source, DateTime confirmedAt, DateTime now)
    {
        ConfirmedAt = confirmedAt;
        ClaimedAt = now;
        ReviewedAt = now;
        State = SignatureState.Approved;
        Verification = VerificationWhenUnrecorded(Kind, source);
    }

    public void RecordClientNetwork(string? network) =>
        ClientNetwork = network is { Length: > 0 and <= ClientNetworkMaxLength } ? network : null;

    /// <summary>
    /// A new confirmation link (the previous one stops working) and a new withdraw link to go with
    /// it (the first e-mail's keeps working), within the resend limits. False when a limit is reached or the signature no longer waits
    /// for confirmation: the caller then sends nothing and says nothing different.
    /// </summary>
    public bool TryReissueConfirmation(ConfirmationTokens tokens, DateTime now)
    {
        if (State != SignatureState.PendingConfirmation || ConfirmationEmailsSent >= MaxConfirmationEmails
            || now - LastConfirmationEmailAt < ConfirmationResendInterval)
            return false;
        IssueTokens(tokens, now);
        // Sent after the answer, like the first: owed until the mailer clears the mark.
        ConfirmationMailDueAt = now;
        Record(State, SignatureActor.Signer, null, HistoryNoteKind.ConfirmationSentAgain, now);
        return true;
    }

    public bool IsConfirmationExpired(DateTime now) =>
        State == SignatureState.PendingConfirmation && ConfirmationExpiresAt is { } expires && now >= expires;

    /// <summary>
    /// The signer followed the confirmation link and no other signature holds its address or
    /// organisation: it takes both claims, and is counted at once or queued for review. An
    /// organisation signature is verified when the mailbox is on the registered organisation's web
    /// domain; an unverified one naming a registered organisation is held for that organisation's
    /// coordinators instead (<paramref name="organisation"/>), whatever the letter's moderation.
    /// </summary>
    public void Confirm(Letters.ModerationMode moderation, OrganisationSignatureVerification organisation, DateTime now)
    {
        EndConfirmation(now);
        ClaimedAt = now;
        RecordMailboxVerification(organisation);
        if (Kind == SignerKind.Organisation && organisation.HoldsForOrganisation(Verification))
        {
            HoldReason = HoldReason.HeldForOrganisation;
            Transition(SignatureState.HeldForReview, SignatureActor.System, null, HistoryNote.Of(HistoryNoteKind.HeldForReview, HoldReason.HeldForOrganisation), now);
            return;
        }
        // Released by a coordinator (ReleaseForConfirmation, the only review a signature can have before
        // its confirmation): they approved it already, so a letter under manual moderation does not
        // put it in front of them a second time.
        if (ReviewedAt is not null)
        {
            Transition(SignatureState.Approved, SignatureActor.System, null, HistoryNoteKind.ApprovedOnReleaseConfirmed, now);
            return;
        }
        Moderate(moderation, now);
    }

    /// <summary>Confirms a signature that names no registered organisation (seeding, tests).</summary>
    public void Confirm(Letters.ModerationMode moderation, DateTime now) => Confirm(moderation, OrganisationSignatureVerification.NotRegistered, now);

    private void RecordMailboxVerification(OrganisationSignatureVerification organisation) =>
        Verification = Kind == SignerKind.Organisation ? organisation.ForConfirmedMailbox(Email) : OrganisationVerification.Unverified;

    /// <summary>
    /// A coordinator of the letter or of the organisation it names says this organisation signature
    /// is the organisation's. One held for the organisation is then moderated as the letter's other
    /// signatures are (counted, or waiting for the letter's review); an approved one is now marked verified.
    /// </summary>
    public void VerifyByCoordinator(string coordinatorUserId, Letters.ModerationMode moderation, DateTime now)
    {
        if (Kind != SignerKind.Organisation)
            throw new DomainRuleException("Only organisation signatures are verified.");
        if (IsVerified)
            throw new DomainRuleException("This signature is already verified.");
        if (State == SignatureState.HeldForReview && HoldReason == HoldReason.HeldForOrganisation)
        {
            Verification = OrganisationVerification.Coordinator;
            ReviewedAt = now;
            HoldReason = HoldReason.None;
            Record(State, SignatureActor.Coordinator, coordinatorUserId, HistoryNoteKind.VerifiedByCoordinator, now);
            Moderate(moderation, now);
            return;
        }
        if (State != SignatureState.Approved)
            throw new DomainRuleException("Only signatures that are counted or wait for the organisation can be verified.");
        Verification = OrganisationVerification.Coordinator;
        ReviewedAt = now;
        Record(State, SignatureActor.Coordinator, coordinatorUserId, HistoryNoteKind.VerifiedByCoordinator, now);
    }

    /// <summary>
    /// A verified signature of the same organisation arrived while this unverified one held the
    /// organisation's claim: this one gives the claim up and ends as merged (neither listed nor
    /// counted). Saved before the verified one takes the claim; then pointed at it
    /// (<see cref="PointAtReplacement"/>, which checks the verified one's organisation).
    /// </summary>
    public void GiveWayToVerified(DateTime now)
    {
        if (Kind != SignerKind.Organisation || IsVerified || !HoldsClaims)
            throw new DomainRuleException("Only an unverified organisation signature that holds the organisation's claim gives way.");
        OrganisationKey = null;
        EmailKey = null;
        ConfirmationTokenHash = null;
        ConfirmationMailDueAt = null;
        Transition(SignatureState.Merged, SignatureActor.System, null, HistoryNoteKind.ReplacedByVerified, now);
    }

    /// <summary>Points a signature that gave way (<see cref="GiveWayToVerified"/>) at the verified signature now stored.</summary>
    public void PointAtReplacement(Signature verified, DateTime now)
    {
        if (State != SignatureState.Merged || MergedIntoId is not null || verified.Id == 0 || verified.LetterId != LetterId || !verified.IsVerified)
            throw new DomainRuleException("Only a signature that gave way to a verified one points at it.");
        MergedIntoId = verified.Id;
        ChangeCount++;
        verified.Record(verified.State, SignatureActor.System, null, HistoryNote.Of(HistoryNoteKind.ReplacedUnverified, Id), now);
    }

    /// <summary>
    /// The link was followed from a mailbox that had already signed this letter (<paramref name="kept"/>,
    /// which holds the address's claim): the mailbox is proved, so its owner may now be told; this
    /// signature ends as a duplicate merged into the one kept, which does not change.
    /// </summary>
    public void ConfirmAsDuplicateOf(Signature kept, DateTime now)
    {
        if (kept.Id == Id || kept.LetterId != LetterId || !kept.HoldsClaims || kept.EmailKey != EmailKey)
            throw new DomainRuleException("Only a signature that holds this address's claim on the letter can be kept instead.");
        EndConfirmation(now);
        EndAsMergedInto(kept, SignatureActor.System, null, now);
    }

    /// <summary>
    /// The link was followed, but another mailbox already holds the organisation's claim
    /// (<paramref name="holder"/>): that signature stays as it is, and this one waits for the
    /// letter's coordinators without a claim (they approve it once the other has gone, merge or
    /// reject it). The signer is answered as for any confirmation, so following a link tells nobody
    /// that the organisation had signed.
    /// </summary>
    public void ConfirmContested(Signature holder, OrganisationSignatureVerification organisation, DateTime now)
    {
        if (holder.Id == Id || holder.LetterId != LetterId || !holder.HoldsClaims || holder.OrganisationKey != OrganisationKey)
            throw new DomainRuleException("Only a signature that holds this organisation's claim on the letter can contest it.");
        EndConfirmation(now);
        RecordMailboxVerification(organisation);
        HoldReason = HoldReason.OrganisationAlreadySigned;
        Transition(SignatureState.HeldForReview, SignatureActor.System, null, HistoryNote.Of(HistoryNoteKind.HeldForReview, HoldReason.OrganisationAlreadySigned), now);
    }

    private void EndConfirmation(DateTime now)
    {
        switch (State)
        {
            case SignatureState.PendingConfirmation when ConfirmationTokenHash is null:
                throw new DomainRuleException("This confirmation link has already been used.");
            case SignatureState.PendingConfirmation when IsConfirmationExpired(now):
                throw new DomainRuleException("This confirmation link has expired. Sign again to receive a new one.");
            case SignatureState.PendingConfirmation:
                break;
            case SignatureState.Withdrawn or SignatureState.Erased:
                throw new DomainRuleException("This signature was withdrawn.");
            default:
                throw new DomainRuleException("This confirmation link has already been used.");
        }
        ConfirmationTokenHash = null;
        ConfirmationMailDueAt = null;
        ConfirmationExpiresAt = null;
        ConfirmedAt = now;
    }

    public void Withdraw(SignatureActor actor, string? userId, DateTime now)
    {
        if (State is SignatureState.Withdrawn or SignatureState.Erased)
            throw new DomainRuleException("This signature has already been withdrawn.");
        if (State is SignatureState.Merged)
            throw new DomainRuleException("This signature was a duplicate and was merged into another; write to the letter's coordinators to withdraw.");
        ConfirmationTokenHash = null;
        ConfirmationMailDueAt = null;
        WithdrawnAt = now;
        Transition(SignatureState.Withdrawn, actor, userId, default, now);
    }

    /// <summary>A coordinator approves a signature from the review queue.</summary>
    public void Approve(string coordinatorUserId, DateTime now)
    {
        if (State != SignatureState.HeldForReview)
            throw new DomainRuleException("Only signatures waiting for review can be approved.");
        if (ConfirmedAt is null)
            throw new DomainRuleException("This signature was never confirmed by e-mail, so it cannot be approved.");
        // Held for the organisation: the coordinator who lets it through vouches for it.
        if (HoldReason == HoldReason.HeldForOrganisation)
            Verification = OrganisationVerification.Coordinator;
        // A contested signature takes its claims now; the caller has checked no other holds them.
        ClaimedAt ??= now;
        ReviewedAt = now;
        HoldReason = HoldReason.None;
        Transition(SignatureState.Approved, SignatureActor.Coordinator, coordinatorUserId, default, now);
    }

    /// <summary>
    /// A coordinator lets through a submission held over the network's signing limit (often a shared
    /// office or conference network): it never had its confirmation e-mail, so it gets one now and
    /// waits for confirmation like any other; confirming it then follows the letter's moderation.
    /// </summary>
    public void ReleaseForConfirmation(ConfirmationTokens tokens, string coordinatorUserId, DateTime now)
    {
        if (State != SignatureState.HeldForReview || ConfirmedAt is not null || HoldReason != HoldReason.RateLimit)
            throw new DomainRuleException("Only a signature held over the network limit and never confirmed can be sent its confirmation e-mail.");
        HoldReason = HoldReason.None;
        ReviewedAt = now;
        Transition(SignatureState.PendingConfirmation, SignatureActor.Coordinator, coordinatorUserId, HistoryNoteKind.ReleasedFromNetworkLimit, now);
        IssueTokens(tokens, now);
        ConfirmationMailDueAt = now;
    }

    public void Reject(string coordinatorUserId, string reason, DateTime now)
    {
        reason = reason.Trim();
        if (!IsActive)
            throw new DomainRuleException("This signature can no longer be rejected.");
        if (reason.Length == 0)
            throw new DomainRuleException("Give a reason for the rejection: it is kept in the signature's history.");
        if (reason.Length > ReasonMaxLength)
            throw new DomainRuleException("The reason may have at most {0} characters.", ReasonMaxLength);
        ConfirmationTokenHash = null;
        ConfirmationMailDueAt = null;
        ReviewedAt = now;
        RejectionReason = reason;
        Transition(SignatureState.Rejected, SignatureActor.Coordinator, coordinatorUserId, HistoryNote.Written(reason), now);
    }

    /// <summary>
    /// The organisation signs under a name the letter's coordinators listed as an alias: the
    /// signature claims the organisation's own name, so the duplicate rule sees one organisation.
    /// </summary>
    public void ClaimAliasedOrganisation(OrganisationAlias alias)
    {
        if (Kind != SignerKind.Organisation || alias.LetterId != LetterId || alias.AliasKey != OrganisationKey)
            throw new DomainRuleException("This alias does not apply to this signature.");
        OrganisationKey = alias.OrganisationKey;
        ChangeCount++;
    }

    /// <summary>
    /// A coordinator found this signature to duplicate <paramref name="kept"/>: it ends as Merged
    /// (neither listed nor counted) and gives up its claims; both histories record the merge.
    /// </summary>
    public void MergeInto(Signature kept, string coordinatorUserId, DateTime now)
    {
        if (kept.Id == Id)
            throw new DomainRuleException("A signature cannot be merged into itself.");
        if (kept.LetterId != LetterId)
            throw new DomainRuleException("Only signatures of the same letter can be merged.");
        if (!IsActive)
            throw new DomainRuleException("Signature {0} is {1}: only pending, held or approved signatures can be merged.", Id, State);
        if (!kept.IsActive)
            throw new DomainRuleException("Signature {0} is {1}: merge into a pending, held or approved signature.", kept.Id, kept.State);
        EndAsMergedInto(kept, SignatureActor.Coordinator, coordinatorUserId, now);
    }

    private void EndAsMergedInto(Signature kept, SignatureActor actor, string? userId, DateTime now)
    {
        MergedIntoId = kept.Id;
        OrganisationKey = null;
        EmailKey = null;
        ConfirmationTokenHash = null;
        ConfirmationMailDueAt = null;
        Transition(SignatureState.Merged, actor, userId, HistoryNote.Of(HistoryNoteKind.MergedInto, kept.Id), now);
        kept.Record(kept.State, actor, userId, HistoryNote.Of(HistoryNoteKind.MergedHere, Id), now);
    }

    /// <summary>
    /// Never confirmed, and past its time: a confirmation link that expired, or a submission held over
    /// the rate limit (never mailed) for longer than a link works.
    /// </summary>
    public bool IsLapsed(DateTime now, TimeSpan confirmationLifetime) =>
        ConfirmedAt is null && State is SignatureState.PendingConfirmation or SignatureState.HeldForReview
        && now >= (ConfirmationExpiresAt ?? CreatedAt + confirmationLifetime);

    /// <summary>
    /// An unconfirmed signature past its time ends, so it no longer waits in the coordinators' table.
    /// It never held a claim (claims are taken at confirmation), so nobody was blocked meanwhile.
    /// </summary>
    public void Expire(DateTime now, TimeSpan confirmationLifetime)
    {
        if (!IsLapsed(now, confirmationLifetime))
            throw new DomainRuleException("Only an unconfirmed signature whose link has expired can lapse.");
        ConfirmationTokenHash = null;
        ConfirmationMailDueAt = null;
        Transition(SignatureState.Expired, SignatureActor.System, null,
            State == SignatureState.PendingConfirmation ? HistoryNoteKind.ConfirmationLinkExpired : HistoryNoteKind.NeverConfirmed, now);
    }

    private void Moderate(Letters.ModerationMode moderation, DateTime now)
    {
        if (moderation == Letters.ModerationMode.Automatic)
        {
            Transition(SignatureState.Approved, SignatureActor.System, null, HistoryNoteKind.ApprovedAutomatically, now);
            return;
        }
        HoldReason = HoldReason.ManualModeration;
        Transition(SignatureState.HeldForReview, SignatureActor.System, null, HistoryNoteKind.HeldForManualModeration, now);
    }

    /// <summary>
    /// A new withdraw link for a later e-mail to this signature's mailbox; the first e-mail's link
    /// keeps working (issue 18: a resend must not take away the signer's way out).
    /// </summary>
    public void IssueWithdrawLink(string withdrawTokenHash)
    {
        if (WithdrawTokenHash is null)
            WithdrawTokenHash = withdrawTokenHash;
        else
            LatestWithdrawTokenHash = withdrawTokenHash;
        ChangeCount++;
    }

    private void IssueTokens(ConfirmationTokens tokens, DateTime now)
    {
        ConfirmationTokenHash = tokens.ConfirmationHash;
        IssueWithdrawLink(tokens.WithdrawHash);
        ConfirmationExpiresAt = now + tokens.Lifetime;
        ConfirmationEmailsSent++;
        LastConfirmationEmailAt = now;
        ChangeCount++;
    }

    private void Transition(SignatureState to, SignatureActor actor, string? userId, HistoryNote note, DateTime now)
    {
        var from = State;
        State = to;
        Record(from, actor, userId, note, now);
    }

    private void Record(SignatureState? from, SignatureActor actor, string? userId, HistoryNote note, DateTime now)
    {
        Events.Add(new SignatureEvent(this, from, State, actor, userId, note, now));
        ChangeCount++;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
