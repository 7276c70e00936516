using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Domain.Record;

/// <summary>
/// One entry of a letter's signatory record: an append-only hash chain of every change to the
/// public list (docs/decisions/0015-signatory-record.md). Only <see cref="Redact"/> ever changes a
/// stored entry, and it removes what the leaf does not cover, so the chain stays valid.
/// <para>
/// <see cref="SignatureId"/> is internal (never published): it lets a later entry name the entry it
/// follows (<see cref="Of"/>), the self-check compare the record with the signatures, and an erasure
/// find the entries to redact.
/// </para>
/// </summary>
public class RecordEntry
{
    public const int HashLength = 64;
    public const int SaltLength = RecordHashes.SaltBytes * 2;
    public const int DayLength = 10;

    public long Id { get; private set; }
    public int LetterId { get; private set; }
    public Letters.Letter Letter { get; private set; } = null!;

    /// <summary>1, 2, 3… per letter; unique with <see cref="LetterId"/>, so two writers can never fork the chain.</summary>
    public int Sequence { get; private set; }

    public int SignatureId { get; private set; }
    public Signature Signature { get; private set; } = null!;

    /// <summary>The entry where this signature last entered or changed on the list (null for its first).</summary>
    public int? Of { get; private set; }

    public RecordEvent Event { get; private set; }

    /// <summary>The day, yyyy-MM-dd (UTC): no finer than the list shows.</summary>
    public string At { get; private set; } = null!;

    public SignerKind Kind { get; private set; }

    /// <summary>The commitment to how the signature appears from here on; null when it is no longer counted.</summary>
    public string? Subject { get; private set; }

    /// <summary>What the list shows, published with <see cref="Salt"/> so anyone can recompute <see cref="Subject"/>; null for a signature counted without a line, and after erasure.</summary>
    public bool Listed { get; private set; }
    public string? ShownName { get; private set; }
    public string? ShownRole { get; private set; }
    public string? ShownOrganisation { get; private set; }
    public string? ShownCountry { get; private set; }
    public bool ShownUnverified { get; private set; }
    public string? Salt { get; private set; }

    public string Leaf { get; private set; } = null!;

    /// <summary>The record's head once this entry is appended.</summary>
    public string Head { get; private set; } = null!;

    /// <summary>
    /// Not published: the signer of a signature that began to count through its own confirmation or
    /// a coordinator's review is still to be e-mailed this entry's receipt (cleared once queued).
    /// </summary>
    public bool ReceiptOwed { get; private set; }

    public void ReceiptQueued() => ReceiptOwed = false;

    private RecordEntry() { }

    /// <summary>
    /// The entry after <paramref name="previousHead"/>. <paramref name="saltHex"/> is the signature's
    /// salt (published only for a listed subject).
    /// </summary>
    /// <param name="receiptOwed">Whether the signer is to be e-mailed the receipt (see <see cref="ReceiptOwed"/>).</param>
    public static RecordEntry Append(Signature signature, int sequence, string previousHead, int? of, RecordEvent recordEvent,
        DateTime at, RecordSubject? subject, string saltHex, bool receiptOwed = false)
    {
        // Navigations, not keys: a signature (or a letter, in an import) saved in the same SaveChanges has no key yet.
        var entry = new RecordEntry
        {
            Letter = signature.Letter,
            LetterId = signature.LetterId,
            Signature = signature,
            SignatureId = signature.Id,
            Sequence = sequence,
            Of = of,
            Event = recordEvent,
            At = RecordHashes.Day(at),
            Kind = signature.Kind,
            ReceiptOwed = receiptOwed,
        };
        if (subject is not null)
        {
            entry.Subject = RecordHashes.Subject(saltHex, subject);
            if (subject.Listed)
            {
                entry.Listed = true;
                entry.ShownName = subject.Name;
                entry.ShownRole = subject.Role;
                entry.ShownOrganisation = subject.Organisation;
                entry.ShownCountry = subject.Country;
                entry.ShownUnverified = subject.Unverified;
                entry.Salt = saltHex;
            }
        }
        entry.Leaf = entry.ComputeLeaf();
        entry.Head = RecordHashes.Link(previousHead, entry.Leaf);
        return entry;
    }

    /// <summary>The leaf recomputed from the stored fields (the self-check compares it with <see cref="Leaf"/>).</summary>
    public string ComputeLeaf() => RecordHashes.Leaf(Sequence, At, Event, Of, Kind, Subject);

    /// <summary>The shown fields as a subject, or null when not published (hidden, erased).</summary>
    public RecordSubject? ShownSubject => Listed && Salt is not null
        ? new RecordSubject(Kind, true, ShownName, ShownRole, ShownOrganisation, ShownCountry, ShownUnverified)
        : null;

    /// <summary>
    /// The signer's data was erased: the entry keeps its commitment, leaf and head (so the chain and
    /// every receipt still verify) and loses the shown values and the salt that opened it.
    /// </summary>
    public void Redact()
    {
        ShownName = null;
        ShownRole = null;
        ShownOrganisation = null;
        ShownCountry = null;
        ShownUnverified = false;
        Salt = null;
    }
}
