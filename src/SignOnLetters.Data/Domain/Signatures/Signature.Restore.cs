namespace SignOnLetters.Domain.Signatures;

// A signature brought back from a letter backup (ADR 0007), and what a backup does not record.
public partial class Signature
{
    /// <summary>
    /// What a signature whose verification nobody recorded is taken to be (rows from before
    /// verification existed, backups): a representative's is verified (the account proved membership),
    /// a paper one too (a letter coordinator vouched for it); any other was never checked, so it is
    /// unverified until a coordinator approves it. The <c>OrganisationVerification</c> migration
    /// applies the same rule in SQL.
    /// </summary>
    public static OrganisationVerification VerificationWhenUnrecorded(SignerKind kind, SignatureSource source) =>
        kind != SignerKind.Organisation ? OrganisationVerification.Unverified
        : source switch
        {
            SignatureSource.Representative => OrganisationVerification.Representative,
            SignatureSource.Paper => OrganisationVerification.Coordinator,
            _ => OrganisationVerification.Unverified,
        };

    /// <summary>
    /// Whether a signature in this state holds its claims, for a restored signature whose file does
    /// not say (backups keep states and times, not claims): confirmed, active past confirmation, and
    /// not waiting because its organisation had signed already.
    /// </summary>
    public static bool TakesClaimsWhenRestored(SignatureState state, HoldReason holdReason, DateTime? confirmedAt) =>
        state is SignatureState.HeldForReview or SignatureState.Approved && confirmedAt is not null
        && holdReason != HoldReason.OrganisationAlreadySigned;

    /// <summary>
    /// A signature as a backup file describes it, for an import that has already checked the file.
    /// The claim keys are given by the import, computed from the names (never read from the file);
    /// <paramref name="accountOrNone"/> maps an account reference to an existing account or null.
    /// </summary>
    public static Signature Restore(Backup.SignatureBackup backup, Letters.Letter letter, Letters.LetterVersion version, int? organisationId,
        string? organisationKey, string? emailKey, Func<string?, string?> accountOrNone)
    {
        var signature = new Signature
        {
            Letter = letter,
            LetterVersion = version,
            Kind = backup.Kind,
            OrganisationName = Clean(backup.OrganisationName),
            OrganisationKey = organisationKey,
            OrganisationId = organisationId,
            CountryCode = backup.CountryCode.Trim().ToUpperInvariant(),
            SignerName = backup.SignerName.Trim(),
            Role = Clean(backup.Role),
            Website = Clean(backup.Website),
            Email = Clean(backup.Email),
            EmailKey = emailKey,
            Visibility = backup.Visibility,
            KeepMeUpdated = backup.KeepMeUpdated,
            ConsentedAt = backup.ConsentedAt,
            State = backup.State,
            HoldReason = backup.HoldReason,
            Verification = VerificationWhenUnrecorded(backup.Kind, backup.Source),
            RejectionReason = Clean(backup.RejectionReason),
            Source = backup.Source,
            EmbedHost = backup.Source == SignatureSource.Embed ? backup.EmbedHost : null,
            RepresentativeUserId = accountOrNone(backup.Representative),
            ClientNetwork = backup.ClientNetwork is { Length: > 0 and <= ClientNetworkMaxLength } network ? network : null,
            ConfirmationTokenHash = backup.ConfirmationTokenHash,
            ConfirmationExpiresAt = backup.ConfirmationExpiresAt,
            ConfirmationEmailsSent = backup.ConfirmationEmailsSent,
            LastConfirmationEmailAt = backup.LastConfirmationEmailAt,
            WithdrawTokenHash = backup.WithdrawTokenHash,
            CreatedAt = backup.CreatedAt,
            ConfirmedAt = backup.ConfirmedAt,
            ReviewedAt = backup.ReviewedAt,
            ClaimedAt = TakesClaimsWhenRestored(backup.State, backup.HoldReason, backup.ConfirmedAt) ? backup.ConfirmedAt : null,
            WithdrawnAt = backup.WithdrawnAt,
            ErasedAt = backup.ErasedAt,
            AnonymisedAt = backup.AnonymisedAt,
        };
        foreach (var entry in backup.Events.OrderBy(e => e.At))
            signature.Events.Add(new SignatureEvent(signature, entry.FromState, entry.ToState, entry.Actor, accountOrNone(entry.ActorAccount),
                HistoryNote.Stored(entry.Note, Clean(entry.NoteArgument), Clean(entry.Reason)), entry.At));
        return signature;
    }

    /// <summary>Points a restored duplicate at the signature it was merged into, once that one has its id on this instance.</summary>
    public void RestoreMergedInto(Signature kept)
    {
        if (State != SignatureState.Merged || kept.LetterId != LetterId || kept.Id == 0)
            throw new DomainRuleException("Only a merged signature points at the signature it was merged into.");
        MergedIntoId = kept.Id;
    }
}
