using System.Collections.Frozen;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// ISO 3166-1 alpha-2 countries and territories with their names, from the ICU data .NET ships on
/// every platform (not a hand-typed list), sorted for the reader's language.
/// </summary>
public static class Countries
{
    // Codes ICU knows that are not countries: the EU and Eurozone, the UN, "unknown" and outlying
    // groupings, CS (Serbia and Montenegro, withdrawn from ISO 3166-1 in 2006) and IV (.NET's
    // invariant culture). XK (Kosovo) is user-assigned in ISO 3166 but used by the EU and banks; kept.
    private static readonly FrozenSet<string> NotCountries = FrozenSet.Create("EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "CS", "IV");

    private static readonly Lazy<FrozenSet<string>> AllCodes = new(() =>
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var first = 'A'; first <= 'Z'; first++)
        {
            for (var second = 'A'; second <= 'Z'; second++)
            {
                var code = $"{first}{second}";
                if (NotCountries.Contains(code))
                    continue;
                try
                {
                    var region = new RegionInfo(code);
                    // ICU answers some three-letter or numeric aliases with another code: keep the canonical one.
                    if (region.TwoLetterISORegionName == code && region.EnglishName != code)
                        codes.Add(code);
                }
                catch (ArgumentException)
                {
                    // Not a region ICU knows.
                }
            }
        }
        return codes.ToFrozenSet(StringComparer.Ordinal);
    });

    public static IReadOnlyCollection<string> Codes => AllCodes.Value;

    public static bool IsKnown(string? code) => code is { Length: 2 } && AllCodes.Value.Contains(code.ToUpperInvariant());

    // .NET's RegionInfo.DisplayName gives the native name ("ไทย") on Linux whatever the UI language;
    // ICU's own display names (CLDR) are asked directly instead.
    internal static readonly Lazy<bool> IcuReady = new(() =>
    {
        Icu.Wrapper.Init();
        return true;
    });

    /// <summary>The country's name in the current UI language (English under the invariant culture).</summary>
    public static string Name(string code) =>
        Name(code, CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? name : "en");

    /// <summary>The country's name in the given language (a BCP 47 tag such as "en" or "sv").</summary>
    public static string Name(string code, string language)
    {
        if (!IsKnown(code))
            return code;
        var key = (code.ToUpperInvariant(), language);
        if (Names.TryGetValue(key, out var name))
            return name;
        name = LookUpName(key.Item1, language);
        // Bounded, should a caller ever pass languages it did not check.
        if (Names.Count < 20_000)
            Names.TryAdd(key, name);
        return name;
    }

    // ICU builds two locales per lookup; a public page names a country for every signatory, and a
    // sign form lists all of them. Names never change while the app runs: at most 5 languages × ~250.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Code, string Language), string> Names = new();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<(string Code, string Name)>> SortedByLanguage = new();

    private static string LookUpName(string code, string language)
    {
        _ = IcuReady.Value;
        var display = new Icu.Locale("und", code.ToUpperInvariant()).GetDisplayCountry(new Icu.Locale(language));
        return string.IsNullOrWhiteSpace(display) ? new RegionInfo(code.ToUpperInvariant()).EnglishName : display;
    }

    /// <summary>All countries as (code, name) sorted by name with the current culture's collation.</summary>
    public static IReadOnlyList<(string Code, string Name)> Sorted() =>
        SortedByLanguage.GetOrAdd(CultureInfo.CurrentUICulture.Name, static _ =>
        {
            var culture = CultureInfo.CurrentUICulture;
            return AllCodes.Value
                .Select(code => (Code: code, Name: Name(code)))
                .OrderBy(c => c.Name, StringComparer.Create(culture, ignoreCase: true))
                .ToList();
        });
}
