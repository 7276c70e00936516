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

    /// <summary>What the app wrote, rendered in the reader's language (<see cref="HistoryNote"/>); null
    /// when the entry has no note or a coordinator's words, and in entries written before kinds existed.</summary>
    public HistoryNoteKind? Note { get; private set; }

    /// <summary>The <see cref="Note"/>'s argument (a signature's id, a hold reason's name).</summary>
    public string? NoteArgument { get; private set; }

    /// <summary>A coordinator's own words (a rejection's reason), kept as typed; in entries written
    /// before kinds existed, the app's English sentence (read through <see cref="HistoryNote.Stored"/>).</summary>
    public string? Reason { get; private set; }

    public const int NoteArgumentMaxLength = 100;

    /// <summary>The entry's note in English (<see cref="HistoryNote.InEnglish"/>), old and new entries alike.</summary>
    public string? Described => HistoryNote.Stored(Note, NoteArgument, Reason).InEnglish;

    public DateTime At { get; private set; }

    private SignatureEvent() { }

    /// <summary>A coordinator's words may name the signer: erasure blanks them (the entry itself stays).</summary>
    internal void RedactReason()
    {
        if (Actor == SignatureActor.Coordinator && Note is null && Reason is not null && FromState is not null)
            Reason = "(erased)";
    }

    internal SignatureEvent(Signature signature, SignatureState? from, SignatureState to, SignatureActor actor, string? actorUserId, HistoryNote note, DateTime at)
    {
        SignatureId = signature.Id;
        FromState = from;
        ToState = to;
        Actor = actor;
        ActorUserId = actorUserId;
        Note = note.Kind;
        NoteArgument = note.Argument;
        Reason = note.Words;
        At = at;
    }
}
