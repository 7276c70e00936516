namespace SignOnLetters.Domain.Signatures;

/// <summary>
/// One running count of a letter's signatures (issue 20): how many signatures of the letter fall
/// under <see cref="Facet"/> = <see cref="Key"/> ("state" = "Approved", "counted" = "Organisation:FR",
/// "day" = "2026-03-01"…). Kept in the same transaction as every change that moves it (see
/// <c>SignatureTallies</c> in the data layer), so pages read a few dozen rows instead of counting
/// a million; <c>SignatureRecount</c> verifies them against the rows and repairs any drift.
/// Which facets a signature falls under is <see cref="SignatureFacets"/>, the one rule for both.
/// </summary>
public sealed class SignatureTally
{
    public const int FacetMaxLength = 16;
    /// <summary>Room for a source with its embedding host ("Embed:" and a host name).</summary>
    public const int KeyMaxLength = 16 + Letters.EmbedHosts.HostMaxLength;

    private SignatureTally() { }

    public SignatureTally(int letterId, string facet, string key, int count) =>
        (LetterId, Facet, Key, Count) = (letterId, facet, key, count);

    public int LetterId { get; private set; }
    public string Facet { get; private set; } = null!;
    public string Key { get; private set; } = null!;
    public int Count { get; private set; }
}

/// <summary>What of a signature the tallies depend on (read from an entity, a change's original values, or a query).</summary>
public readonly record struct TallySnapshot(
    int LetterId, SignatureState State, SignerKind Kind, string CountryCode, SignatureVisibility Visibility, bool HasOrganisation,
    SignatureSource Source, string? EmbedHost, DateTime CreatedAt, DateTime? ConfirmedAt);

/// <summary>A tally row's identity: letter, facet and key.</summary>
public readonly record struct TallyKey(int LetterId, string Facet, string Key) : IComparable<TallyKey>
{
    /// <summary>Rows are always written in this order, so two concurrent writers lock them in the same order (no deadlock).</summary>
    public int CompareTo(TallyKey other)
    {
        var byLetter = LetterId.CompareTo(other.LetterId);
        if (byLetter != 0)
            return byLetter;
        var byFacet = string.CompareOrdinal(Facet, other.Facet);
        return byFacet != 0 ? byFacet : string.CompareOrdinal(Key, other.Key);
    }
}

/// <summary>
/// The facets a signature is counted under: the one rule behind the tallies and their recount.
/// Every signature is counted by its state (the coordinators' state counts); an approved one also
/// by kind and country (the headline, the country and region charts), by the day it counted from
/// (the timeline), by its source (and embedding website: the status page), and either by its country among the listed signatories (the
/// public list's length and country filter) or among those counted but not named (the list's
/// "and N more"), by <see cref="PublicSignatory.IsListed"/>'s rule.
/// </summary>
public static class SignatureFacets
{
    public const string State = "state";
    public const string Counted = "counted";
    public const string Day = "day";
    public const string Source = "source";
    public const string Listed = "listed";
    public const string Unnamed = "unnamed";

    /// <summary>
    /// Not a count: the letter's list stamp, one row (key empty) moved by one on every saved change
    /// to a signature that is counted before or after it (added, changed in any column, removed).
    /// Whatever the PDF and the public list show of the counted signatures changes it, so the PDF's
    /// cache key reads this one row instead of summing a million rows' change counters. Never
    /// recounted from the rows (a sum of past changes has no row count to check against).
    /// </summary>
    public const string ListChanges = "changes";

    public static TallySnapshot Snapshot(Signature s) => new(
        s.LetterId, s.State, s.Kind, s.CountryCode, s.Visibility, s.OrganisationName is not null, s.Source, s.EmbedHost, s.CreatedAt, s.ConfirmedAt);

    /// <summary>Listed by <see cref="PublicSignatory.IsListed"/> (the same expression, applied to a snapshot).</summary>
    public static bool IsListed(TallySnapshot s) =>
        s.Visibility == SignatureVisibility.NameAndOrganisation || (s.Visibility == SignatureVisibility.OrganisationOnly && s.HasOrganisation);

    public static IEnumerable<TallyKey> Of(TallySnapshot s)
    {
        yield return new TallyKey(s.LetterId, State, s.State.ToString());
        if (s.State != SignatureState.Approved)
            yield break;
        yield return new TallyKey(s.LetterId, Counted, CountedKey(s.Kind, s.CountryCode));
        yield return new TallyKey(s.LetterId, Day, DayKey(s.ConfirmedAt ?? s.CreatedAt));
        yield return new TallyKey(s.LetterId, Source, SourceKey(s.Source, s.EmbedHost));
        yield return IsListed(s)
            ? new TallyKey(s.LetterId, Listed, s.CountryCode)
            : new TallyKey(s.LetterId, Unnamed, string.Empty);
    }

    public static string CountedKey(SignerKind kind, string countryCode) => $"{kind}:{countryCode}";

    public static (SignerKind Kind, string CountryCode) ParseCounted(string key)
    {
        var colon = key.IndexOf(':');
        return (Enum.Parse<SignerKind>(key[..colon]), key[(colon + 1)..]);
    }

    /// <summary>The source, with the partner website for an embedded form ("Embed:example.org"): the status page counts each.</summary>
    public static string SourceKey(SignatureSource source, string? embedHost) => embedHost is null ? source.ToString() : $"{source}:{embedHost}";

    public static (SignatureSource Source, string? EmbedHost) ParseSource(string key)
    {
        var colon = key.IndexOf(':');
        return colon < 0 ? (Enum.Parse<SignatureSource>(key), null) : (Enum.Parse<SignatureSource>(key[..colon]), key[(colon + 1)..]);
    }

    public static string DayKey(DateTime at) => at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly ParseDay(string key) => DateOnly.ParseExact(key, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// What a saved change moves: the counts (<see cref="AddDelta"/>) and, when the signature is
    /// counted before or after it, the letter's <see cref="ListChanges"/> stamp.
    /// </summary>
    public static void AddChange(IDictionary<TallyKey, int> deltas, TallySnapshot? before, TallySnapshot? after)
    {
        AddDelta(deltas, before, after);
        if (before is { State: SignatureState.Approved } || after is { State: SignatureState.Approved })
        {
            var stamp = new TallyKey((after ?? before)!.Value.LetterId, ListChanges, string.Empty);
            deltas[stamp] = deltas.TryGetValue(stamp, out var n) ? n + 1 : 1;
        }
    }

    /// <summary>The changes to the tallies when a signature goes from <paramref name="before"/> to <paramref name="after"/> (null: absent).</summary>
    public static void AddDelta(IDictionary<TallyKey, int> deltas, TallySnapshot? before, TallySnapshot? after)
    {
        if (before is { } old)
            foreach (var key in Of(old))
                deltas[key] = deltas.TryGetValue(key, out var n) ? n - 1 : -1;
        if (after is { } now)
            foreach (var key in Of(now))
                deltas[key] = deltas.TryGetValue(key, out var n) ? n + 1 : 1;
    }
}
