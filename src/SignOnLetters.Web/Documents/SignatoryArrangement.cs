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

    public IReadOnlyList<SignatoryGroup> Arrange(IEnumerable<(string Name, string CountryCode, string? Detail, bool Late, bool Unverified)> signatories, SignatoryGrouping grouping)
    {
        var list = signatories.ToList();
        return grouping switch
        {
            SignatoryGrouping.None => [new SignatoryGroup(null, Sorted(list, showCountry: true))],
            SignatoryGrouping.ByCountry => Grouped(list, s => Countries.IsKnown(s.CountryCode) ? CountryName(s.CountryCode) : null, showCountry: false),
            SignatoryGrouping.ByRegion => Grouped(list, s => UnRegions.Of(s.CountryCode) is { } region ? texts.RegionName(region) : null, showCountry: true),
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
        };
    }

    private List<SignatoryGroup> Grouped(
        List<(string Name, string CountryCode, string? Detail, bool Late, bool Unverified)> signatories,
        Func<(string Name, string CountryCode, string? Detail, bool Late, bool Unverified), string?> heading,
        bool showCountry)
    {
        var groups = signatories.GroupBy(heading).ToList();
        // Signatories without a known country or region come last, under "Other".
        return groups.Where(group => group.Key is not null).OrderBy(group => group.Key, this)
            .Concat(groups.Where(group => group.Key is null))
            .Select(group => new SignatoryGroup(group.Key ?? texts.OtherRegion, Sorted(group.ToList(), showCountry)))
            .ToList();
    }

    /// <summary>
    /// In the order of <see cref="Compare"/>, by each name's ICU sort key made once: comparing two
    /// keys' bytes gives what comparing the two strings does, without calling into ICU (and copying
    /// both strings to it) for each of a long list's n log n comparisons. The entries' indexes are
    /// sorted, not the entries: sorting (entry, key) pairs held a second copy of a long list in the
    /// sort's buffers (100 MB more at 1,000,000 signatories, the render's peak while it composes).
    /// Ties end on the input order, as a stable sort's do.
    /// </summary>
    private List<ListedSignatory> Sorted(List<(string Name, string CountryCode, string? Detail, bool Late, bool Unverified)> signatories, bool showCountry)
    {
        var listed = new ListedSignatory[signatories.Count];
        var keys = new byte[listed.Length][];
        for (var i = 0; i < listed.Length; i++)
        {
            var s = signatories[i];
            listed[i] = new ListedSignatory(s.Name.Trim(), showCountry ? CountryName(s.CountryCode) : null, s.Detail, s.Late, s.CountryCode, s.Unverified);
            keys[i] = collator.GetSortKey(listed[i].Name).KeyData;
        }
        var order = new int[listed.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            var byKey = keys[x].AsSpan().SequenceCompareTo(keys[y]);
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
        var sorted = new List<ListedSignatory>(listed.Length);
        foreach (var i in order)
            sorted.Add(listed[i]);
        return sorted;
    }

    /// <summary>Null for a missing or unknown code, so no bare code or empty dash is printed.</summary>
    private string? CountryName(string code) => Countries.IsKnown(code) ? Countries.Name(code, texts.CountryNameLanguage) : null;

    public void Dispose() => collator.Dispose();
}
