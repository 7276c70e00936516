namespace SignOnLetters.Web.Pages.Signatures.Importing;

/// <summary>
/// The claims (mailboxes and organisations) a letter's signatures hold, as 64-bit hashes in memory,
/// loaded once when an import starts and kept up to date with what it stores, so that a batch asks
/// the database only about the keys that may be taken. Before this, each batch asked about all its
/// keys, and that lookup grew with the letter: a fifth of the import's time at 100,000 rows (issue 20).
/// A hash that is not in the set is a key nobody on the letter held when the import started; one
/// that is in it is only a candidate, checked against the database as before, so a collision costs
/// a lookup, never a row. A claim a signer takes while the import runs is not in the set: the
/// database's unique indexes refuse it, and the importer then saves that batch row by row.
/// At 1,000,000 signatures the set holds 20–50 MB (it doubles as it grows; a set of the strings would be four times that).
/// </summary>
internal sealed class ClaimedKeys
{
    private readonly HashSet<ulong> _hashes = [];

    public static async Task<ClaimedKeys> LoadAsync(IQueryable<Signature> holding, CancellationToken cancellationToken)
    {
        var keys = new ClaimedKeys();
        await foreach (var claim in holding.Select(s => new { s.EmailKey, s.OrganisationKey }).AsStreamed().WithCancellation(cancellationToken))
        {
            keys.Add(ClaimKind.Email, claim.EmailKey);
            keys.Add(ClaimKind.Organisation, claim.OrganisationKey);
        }
        return keys;
    }

    public int Count => _hashes.Count;

    public bool MayHold(ClaimKind kind, string key) => _hashes.Contains(Hash(kind, key));

    public void Add(ClaimKind kind, string? key)
    {
        if (key is not null)
            _hashes.Add(Hash(kind, key));
    }

    /// <summary>FNV-1a over the key's characters, the kind first so a mailbox and an organisation spelled alike differ.</summary>
    private static ulong Hash(ClaimKind kind, string key)
    {
        var hash = 14695981039346656037UL ^ (ulong)kind;
        hash *= 1099511628211UL;
        foreach (var c in key)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }
        return hash;
    }
}

internal enum ClaimKind
{
    Email = 1,
    Organisation = 2,
}
