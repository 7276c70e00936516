using Icu.Collation;

namespace SignOnLetters.Web.Documents;

/// <summary>One line of the signatory list, as printed.</summary>
/// <param name="Country">Null when the group heading already names it.</param>
/// <param name="Detail">The signer of an organisation, or an individual's organisation.</param>
/// <param name="CountryCode">ISO 3166 alpha-2, possibly empty: it chooses the letterforms of a Han name.</param>
/// <param name="Unverified">An organisation signature nobody verified: marked with a dagger and explained below the list.</param>
internal readonly record struct ListedSignatory(string Name, string? Country, string? Detail, bool SignedAfterDelivery, string CountryCode, bool Unverified = false);

/// <param name="Heading">Country or region; null when the list is not grouped.</param>
internal sealed record SignatoryGroup(string? Heading, IReadOnlyList<ListedSignatory> Signatories);

/// <summary>
/// Sorts with ICU collation for the letter's language (Swedish puts Å after Z, German does not) and
/// groups by country or region. Ties fall back to ordinal order so the output never depends on input order.
/// </summary>
internal sealed class SignatoryArrangement : IComparer<string?>, IDisposable
{
    private static readonly Lazy<bool> IcuReady = new(() =>
    {
        Icu.Wrapper.Init();
        return true;
    });

    private readonly Collator collator;
    private readonly LetterDocumentTexts texts;

    public SignatoryArrangement(string languageCode, LetterDocumentTexts texts)
    {
        _ = IcuReady.Value;
        // An unknown language falls back to the root collation (CLDR's default order of scripts).
        collator = Collator.Create(string.IsNullOrWhiteSpace(languageCode) ? "root" : languageCode, Collator.Fallback.FallbackAllowed);
        this.texts = texts;
    }

    public int Compare(string? x, string? y)
    {
        var byCollation = collator.Compare(x ?? string.Empty, y ?? string.Empty);
        return byCollation != 0 ? byCollation : string.CompareOrdinal(x, y);
    }

    public IReadOnlyList<SignatoryGroup> Arrange(IEnumerable<(string Name, string CountryCode, string? Detail, bool Late, bool Unverified)> signatories, SignatoryGrouping grouping) =>
        grouping switch
        {
            // Not copied into a list first: at 1,000,000 signatories that copy was 32 MB more at the sort.
            SignatoryGrouping.None => [new SignatoryGroup(null, Sorted(signatories, showCountry: true))],
            SignatoryGrouping.ByCountry => Grouped(signatories, s => Countries.IsKnown(s.CountryCode) ? CountryName(s.CountryCode) : null, showCountry: false),
            SignatoryGrouping.ByRegion => Grouped(signatories, s => UnRegions.Of(s.CountryCode) is { } region ? texts.RegionName(region) : null, showCountry: true),
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
        };

    private List<SignatoryGroup> Grouped(
        IEnumerable<(string Name, string CountryCode, string? Detail, bool Late, bool Unverified)> signatories,
        Func<(string Name, string CountryCode, string? Detail, bool Late, bool Unverified), string?> heading,
        bool showCountry)
    {
        var groups = signatories.GroupBy(heading).ToList();
        // Signatories without a known country or region come last, under "Other".
        return groups.Where(group => group.Key is not null).OrderBy(group => group.Key, this)
            .Concat(groups.Where(group => group.Key is null))
            .Select(group => new SignatoryGroup(group.Key ?? texts.OtherRegion, Sorted(group, showCountry)))
            .ToList();
    }

    /// <summary>
    /// In the order of <see cref="Compare"/>, by each name's ICU sort key made once: comparing two
    /// keys' bytes gives what comparing the two strings does, without calling into ICU (and copying
    /// both strings to it) for each of a long list's n log n comparisons. The keys are kept end to
    /// end in a few large blocks (<see cref="SortKeys"/>), not as an array each (whose header and
    /// reference cost more than the key itself: 50 MB at 1,000,000 signatories instead of 25); the
    /// entries' indexes are sorted and the entries then put in that order where they are, not
    /// copied into a second list. Ties end on the input order, as a stable sort's do.
    /// </summary>
    private ListedSignatory[] Sorted(IEnumerable<(string Name, string CountryCode, string? Detail, bool Late, bool Unverified)> signatories, bool showCountry)
    {
        var listed = signatories
            .Select(s => new ListedSignatory(s.Name.Trim(), showCountry ? CountryName(s.CountryCode) : null, s.Detail, s.Late, s.CountryCode, s.Unverified))
            .ToArray();
        var order = new int[listed.Length];
        using (var keys = new SortKeys(collator, listed.Length))
        {
            for (var i = 0; i < listed.Length; i++)
            {
                keys.Add(listed[i].Name);
                order[i] = i;
            }
            Array.Sort(order, (x, y) =>
            {
                var byKey = keys.Compare(x, y);
                if (byKey != 0)
                    return byKey;
                var byName = string.CompareOrdinal(listed[x].Name, listed[y].Name);
                if (byName != 0)
                    return byName;
                var byCountry = string.CompareOrdinal(listed[x].Country, listed[y].Country);
                if (byCountry != 0)
                    return byCountry;
                var byDetail = string.CompareOrdinal(listed[x].Detail, listed[y].Detail);
                return byDetail != 0 ? byDetail : x.CompareTo(y);
            });
        }
        InPlace(listed, order);
        return listed;
    }

    /// <summary>
    /// Puts <paramref name="items"/> in the order <paramref name="order"/> gives (position p gets the
    /// item that was at order[p]) by following each cycle of the permutation; order is spent (each
    /// index visited is marked by its complement).
    /// </summary>
    internal static void InPlace<T>(T[] items, int[] order)
    {
        for (var start = 0; start < order.Length; start++)
        {
            if (order[start] < 0)
                continue;
            var first = items[start];
            var at = start;
            while (true)
            {
                var from = order[at];
                order[at] = ~from;
                if (from == start)
                {
                    items[at] = first;
                    break;
                }
                items[at] = items[from];
                at = from;
            }
        }
    }

    /// <summary>Null for a missing or unknown code, so no bare code or empty dash is printed.</summary>
    private string? CountryName(string code) => Countries.IsKnown(code) ? Countries.Name(code, texts.CountryNameLanguage) : null;

    public void Dispose() => collator.Dispose();
}

/// <summary>
/// ICU sort keys of a list's names, end to end in blocks of 1 MB (a key never spans two), found by
/// their start: one small array per key cost its header and reference, more than the key itself.
/// Comparing two keys' bytes orders their names as the collator does.
/// </summary>
internal sealed class SortKeys : IDisposable
{
    private const int BlockSize = 1 << 20;
    private readonly Collator collator;
    private readonly List<byte[]> blocks = [];
    private readonly long[] starts;
    private readonly int[] lengths;
    private int count;
    private int used = BlockSize;

    public SortKeys(Collator collator, int capacity)
    {
        this.collator = collator;
        starts = new long[capacity];
        lengths = new int[capacity];
    }

    /// <summary>The next name's key (its index is the count of keys before it).</summary>
    public void Add(string name)
    {
        var key = collator.GetSortKey(name).KeyData;
        if (used + key.Length > BlockSize)
        {
            blocks.Add(new byte[Math.Max(BlockSize, key.Length)]);
            used = 0;
        }
        key.CopyTo(blocks[^1], used);
        starts[count] = ((long)(blocks.Count - 1) << 32) | (uint)used;
        lengths[count] = key.Length;
        used += key.Length;
        count++;
    }

    public int Compare(int x, int y) => Key(x).SequenceCompareTo(Key(y));

    private ReadOnlySpan<byte> Key(int index)
    {
        var start = starts[index];
        return blocks[(int)(start >> 32)].AsSpan((int)(uint)start, lengths[index]);
    }

    public void Dispose() => blocks.Clear();
}
