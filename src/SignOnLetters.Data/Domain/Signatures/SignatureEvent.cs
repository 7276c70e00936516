namespace SignOnLetters.Domain.Signatures;

/// <summary>
/// An entry of a signature's audit trail: a state change, who caused it, when and why. Append-only:
/// nothing here is changed after it is written, except that erasing a signer's personal data blanks
/// the free-text reasons coordinators wrote (<see cref="RedactReason"/>).
/// </summary>
public class SignatureEvent
{
    public long Id { get; private set; }
    public int SignatureId { get; private set; }

    /// <summary>Null for the first entry (the signature was created).</summary>
    public SignatureState? FromState { get; private set; }

    public SignatureState ToState { get; private set; }
    public SignatureActor Actor { get; private set; }

    /// <summary>The account that acted (representative or coordinator); null for anonymous signers and the system.</summary>
    public string? ActorUserId { get; private set; }

    public string? Reason { get; private set; }
    public DateTime At { get; private set; }

    private SignatureEvent() { }

    /// <summary>A coordinator's words may name the signer: erasure blanks them (the entry itself stays).</summary>
    internal void RedactReason()
    {
        if (Actor == SignatureActor.Coordinator && Reason is not null && FromState is not null)
            Reason = "(erased)";
    }

    internal SignatureEvent(Signature signature, SignatureState? from, SignatureState to, SignatureActor actor, string? actorUserId, string? reason, DateTime at)
    {
        SignatureId = signature.Id;
        FromState = from;
        ToState = to;
        Actor = actor;
        ActorUserId = actorUserId;
        Reason = reason;
        At = at;
    }
}
