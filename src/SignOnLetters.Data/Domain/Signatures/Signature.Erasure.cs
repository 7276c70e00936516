namespace SignOnLetters.Domain.Signatures;

// Erasing a signer's personal data on request, and anonymising it after the retention period (ADR 0006).
public partial class Signature
{
    /// <summary>
    /// The signer asked for their personal data to be erased: name, role, website, e-mail, network,
    /// organisation and links are cleared, and coordinators' reasons in the history are blanked.
    /// On a delivered letter a counted signature stays as an anonymous entry (counted, never named),
    /// so the number in the delivered letter stays true; otherwise the signature is removed (state
    /// Erased: neither listed nor counted). The history records the erasure without the data.
    /// </summary>
    public void EraseOnRequest(bool letterDelivered, string coordinatorUserId, DateTime now)
    {
        if (ErasedAt is not null)
            throw new DomainRuleException("This signature's personal data has already been erased.");
        var keepCounted = letterDelivered && State == SignatureState.Approved;
        ClearPersonalData(publicFieldsToo: true);
        ErasedAt = now;
        if (keepCounted)
        {
            Visibility = SignatureVisibility.CountedNotNamed;
            Record(State, SignatureActor.Coordinator, coordinatorUserId, HistoryNoteKind.ErasedKeptAnonymous, now);
            return;
        }
        Transition(SignatureState.Erased, SignatureActor.Coordinator, coordinatorUserId, HistoryNoteKind.Erased, now);
    }

    /// <summary>
    /// The letter closed longer ago than the retention period: private data goes (e-mail, network,
    /// links, the representative's account, the wish for updates). A counted signature keeps what
    /// its signer chose to publish, as the delivered letter shows it; everything else (signatures
    /// never counted, and names never shown) loses its personal data too.
    /// </summary>
    public void AnonymiseAfterRetention(DateTime now)
    {
        if (AnonymisedAt is not null)
            return;
        var published = State == SignatureState.Approved;
        ClearPersonalData(publicFieldsToo: !published);
        if (published && Visibility != SignatureVisibility.NameAndOrganisation)
        {
            SignerName = string.Empty;
            Role = null;
            Website = null;
            if (Visibility == SignatureVisibility.CountedNotNamed || Kind == SignerKind.Individual)
                OrganisationName = null;
        }
        AnonymisedAt = now;
        Record(State, SignatureActor.System, null, HistoryNoteKind.Anonymised, now);
    }

    private void ClearPersonalData(bool publicFieldsToo)
    {
        Email = null;
        EmailKey = null;
        ClientNetwork = null;
        ConfirmationTokenHash = null;
        ConfirmationMailDueAt = null;
        ConfirmationExpiresAt = null;
        WithdrawTokenHash = null;
        LatestWithdrawTokenHash = null;
        RepresentativeUserId = null;
        KeepMeUpdated = false;
        if (!publicFieldsToo)
            return;
        SignerName = string.Empty;
        Role = null;
        Website = null;
        OrganisationName = null;
        OrganisationKey = null;
        OrganisationId = null;
        RejectionReason = null;
        RecordSalt = null;
        foreach (var entry in Events)
            entry.RedactReason();
    }
}
