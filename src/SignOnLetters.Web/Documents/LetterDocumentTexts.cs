using System.Globalization;
using Microsoft.Extensions.Localization;
using SignOnLetters.Web.Infrastructure;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// Every fixed text the letter document prints, in one place so localisation can replace them
/// (the letter's own text comes from its author). <see cref="English"/> is the default.
/// </summary>
public sealed record LetterDocumentTexts
{
    public static LetterDocumentTexts English { get; } = new();

    /// <summary>Formats dates and numbers.</summary>
    public CultureInfo Culture { get; init; } = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Language of country names (ICU/CLDR display names).</summary>
    public string CountryNameLanguage { get; init; } = "en";

    public string LetterSubject { get; init; } = "Sign-on letter";

    public string PetitionSubject { get; init; } = "Petition";

    public string AddresseesLabel { get; init; } = "To:";

    public string SignatoriesHeading { get; init; } = "Signatories";

    public string OrganisationsHeading { get; init; } = "Organisations";

    public string IndividualsHeading { get; init; } = "Individuals";

    public string IdentificationOnlyNote { get; init; } = "Organisations are named for identification only.";

    /// <summary>Heading for signatories whose country has no region in <see cref="UnRegions"/>.</summary>
    public string OtherRegion { get; init; } = "Other";

    /// <summary>The footer reads prefix, current page, separator, total pages: "Page 3 of 7".</summary>
    public string PageNumberPrefix { get; init; } = "Page ";

    public string PageNumberSeparator { get; init; } = " of ";

    public Func<LetterVersionInfo, CultureInfo, string> VersionLine { get; init; } = (version, culture) =>
        string.IsNullOrWhiteSpace(version.ChangeNote)
            ? string.Format(culture, "Version {0}", version.Number)
            : string.Format(culture, "Version {0}: {1}", version.Number, version.ChangeNote.Trim());

    /// <summary>"Signed by N organisations from M countries and K individuals", with singulars.</summary>
    public Func<SignatoryCounts, CultureInfo, string> CountsLine { get; init; } = EnglishCountsLine;

    public Func<DateOnly, CultureInfo, string> FormatDate { get; init; } = (date, culture) => date.ToString("d MMMM yyyy", culture);

    /// <summary>Follows a dagger (<see cref="LetterDocument.UnverifiedMark"/>) below the list.</summary>
    public string UnverifiedNote { get; init; } = "organisation signature not verified with the organisation";

    /// <summary>Follows an asterisk: "* signed after the letter was delivered on 1 March 2025".</summary>
    public Func<string, string> LateSignatureNote { get; init; } = deliveredOn => $"signed after the letter was delivered on {deliveredOn}";

    public Func<UnRegion, string> RegionName { get; init; } = region => region switch
    {
        UnRegion.Africa => "Africa",
        UnRegion.LatinAmericaAndTheCaribbean => "Latin America and the Caribbean",
        UnRegion.NorthernAmerica => "Northern America",
        UnRegion.Asia => "Asia",
        UnRegion.Europe => "Europe",
        UnRegion.Oceania => "Oceania",
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, null),
    };

    /// <summary>
    /// The texts in <paramref name="languageCode"/>, the letter version's language (the PDF is for its
    /// addressees, not for whoever downloads it); a language the interface does not speak gets English.
    /// </summary>
    public static LetterDocumentTexts For(IStringLocalizer<SharedResource> T, string languageCode)
    {
        var language = ReaderLanguage.For(null, languageCode);
        if (language == Localisation.DefaultLanguage)
            return English;
        using var _ = ReaderLanguage.Use(language);
        var page = T["Page {0} of {1}"].Value;
        var (first, second) = (page.IndexOf("{0}", StringComparison.Ordinal), page.IndexOf("{1}", StringComparison.Ordinal));
        var regions = Enum.GetValues<UnRegion>().ToDictionary(region => region, region => T[English.RegionName(region)].Value);
        var versionLine = T["Version {0}"].Value;
        var versionLineWithNote = T["Version {0}: {1}"].Value;
        var lateNote = T["signed after the letter was delivered on {0}"].Value;
        return new LetterDocumentTexts
        {
            Culture = CultureInfo.GetCultureInfo(language),
            CountryNameLanguage = language,
            LetterSubject = T["Sign-on letter"],
            PetitionSubject = T["Petition"],
            AddresseesLabel = T["To:"],
            SignatoriesHeading = T["Signatories"],
            OrganisationsHeading = T["Organisations"],
            IndividualsHeading = T["Individuals"],
            IdentificationOnlyNote = T["Organisations are named for identification only."],
            UnverifiedNote = T["organisation signature not verified with the organisation"],
            OtherRegion = T["Other"],
            // "Page {0} of {1}" gives the footer's prefix and separator, in the translator's order.
            PageNumberPrefix = first > 0 && second > first ? page[..first] : English.PageNumberPrefix,
            PageNumberSeparator = first > 0 && second > first ? page[(first + 3)..second] : English.PageNumberSeparator,
            VersionLine = (version, culture) => string.IsNullOrWhiteSpace(version.ChangeNote)
                ? string.Format(culture, versionLine, version.Number)
                : string.Format(culture, versionLineWithNote, version.Number, version.ChangeNote.Trim()),
            CountsLine = (counts, _) =>
            {
                // Plural forms follow the language's rules, so the line is built in its culture.
                using var scope = ReaderLanguage.Use(language);
                return CountsLineIn(T, counts);
            },
            LateSignatureNote = deliveredOn => string.Format(CultureInfo.GetCultureInfo(language), lateNote, deliveredOn),
            RegionName = region => regions[region],
        };
    }

    private static string CountsLineIn(IStringLocalizer<SharedResource> T, SignatoryCounts counts)
    {
        var organisations = T.Plural("{0} organisations", counts.Organisations);
        var countries = T.Plural("from {0} countries", counts.Countries);
        var individuals = T.Plural("{0} individuals", counts.Individuals);
        return (counts.Organisations, counts.Individuals) switch
        {
            (0, 0) => T["Not yet signed"],
            (_, 0) => T["Signed by {0} {1}", organisations, countries],
            (0, _) => T["Signed by {0} {1}", individuals, countries],
            _ => T["Signed by {0} {1} and {2}", organisations, countries, individuals],
        };
    }

    private static string EnglishCountsLine(SignatoryCounts counts, CultureInfo culture)
    {
        string Count(int number, string singular, string plural) =>
            number.ToString("N0", culture) + " " + (number == 1 ? singular : plural);

        var organisations = Count(counts.Organisations, "organisation", "organisations");
        var countries = Count(counts.Countries, "country", "countries");
        var individuals = Count(counts.Individuals, "individual", "individuals");
        return (counts.Organisations, counts.Individuals) switch
        {
            (0, 0) => "Not yet signed",
            (_, 0) => $"Signed by {organisations} from {countries}",
            (0, _) => $"Signed by {individuals} from {countries}",
            _ => $"Signed by {organisations} from {countries} and {individuals}",
        };
    }
}
