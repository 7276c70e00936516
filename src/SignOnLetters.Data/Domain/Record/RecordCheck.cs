namespace SignOnLetters.Domain.Record;

/// <summary>
/// Recomputes a letter's signatory record (what scripts/verify-record.py does with the published
/// record) and compares it with the signatures it speaks of. Each problem is one English sentence
/// for the administrators: the entries' numbers and the signatures' internal numbers, no names.
/// </summary>
public static class RecordCheck
{
    /// <summary>
    /// Whether the stored chain is whole: entries numbered 1, 2, 3…, each leaf recomputed from its
    /// fields, each shown value matching its commitment, each head the link of the previous head and the leaf.
    /// </summary>
    /// <param name="entries">The letter's entries in order of <see cref="RecordEntry.Sequence"/>.</param>
    public static List<string> Chain(IEnumerable<RecordEntry> entries)
    {
        var problems = new List<string>();
        var head = RecordHashes.EmptyHead;
        var expected = 1;
        foreach (var entry in entries)
        {
            if (entry.Sequence != expected)
                problems.Add($"Entry {expected} is missing: the next stored entry is {entry.Sequence}.");
            var leaf = entry.ComputeLeaf();
            if (leaf != entry.Leaf)
                problems.Add($"Entry {entry.Sequence}: its fields do not give its stored leaf hash.");
            if (entry.ShownSubject is { } shown && RecordHashes.Subject(entry.Salt!, shown) != entry.Subject)
                problems.Add($"Entry {entry.Sequence}: the values it shows do not open its commitment.");
            head = RecordHashes.Link(head, leaf);
            if (head != entry.Head)
            {
                problems.Add($"Entry {entry.Sequence}: the chain breaks here (its stored head is not the link of the previous head and its leaf).");
                head = entry.Head;
            }
            expected = entry.Sequence + 1;
        }
        return problems;
    }

    /// <summary>One signature as the database holds it now: its appearance on the list (null when not counted) and its salt.</summary>
    public sealed record LiveSignature(int Id, RecordSubject? Shown, string? Salt);

    /// <summary>
    /// Whether the record's last word on each signature is what the list shows now: counted or not,
    /// and (while its salt exists) shown the same. Catches a signature changed behind the app's back.
    /// </summary>
    public static List<string> AgainstSignatures(IEnumerable<RecordEntry> entries, IEnumerable<LiveSignature> signatures)
    {
        var last = new Dictionary<int, RecordEntry>();
        foreach (var entry in entries)
            last[entry.SignatureId] = entry;
        var problems = new List<string>();
        foreach (var signature in signatures)
        {
            last.TryGetValue(signature.Id, out var entry);
            var recordedAsCounted = entry?.Subject is not null;
            if (signature.Shown is not null && !recordedAsCounted)
                problems.Add($"Signature {signature.Id} is counted, but the record does not count it.");
            else if (signature.Shown is null && recordedAsCounted)
                problems.Add($"Signature {signature.Id} is not counted, but the record's entry {entry!.Sequence} counts it.");
            else if (signature.Shown is not null && signature.Salt is not null && RecordHashes.Subject(signature.Salt, signature.Shown) != entry!.Subject)
                problems.Add($"Signature {signature.Id} is not shown as the record's entry {entry.Sequence} says.");
        }
        return problems;
    }
}
