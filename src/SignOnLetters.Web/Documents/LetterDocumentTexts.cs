using Microsoft.Extensions.Logging.Abstractions;
using SignOnLetters.Web.Pages.Letters;

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

    /// <summary>The headline count, worded where every page words it (<see cref="SignatureCountWording"/>).</summary>
    public Func<SignatureCounts, string> CountsLine { get; init; } = counts => HeadlineIn(BuiltInResources.Value, Localisation.DefaultLanguage, counts);

    /// <summary>"and 13 more who asked not to be named", worded as under the public list.</summary>
    public Func<int, string> UnnamedLine { get; init; } = count => In(BuiltInResources.Value, Localisation.DefaultLanguage, T => T.Plural("and {0} more who asked not to be named", count));

    /// <summary>"254 individuals": all the list says of individuals when the coordinators chose to count them only.</summary>
    public Func<int, string> IndividualsCountLine { get; init; } = count => In(BuiltInResources.Value, Localisation.DefaultLanguage, T => T.Plural("{0} individuals", count));

    /// <summary>Heads the numbered link addresses and footnotes after the letter.</summary>
    public string NotesHeading { get; init; } = "Notes";

    /// <summary>Precedes the letterhead's reply-to contact.</summary>
    public string ReplyToLabel { get; init; } = "Reply to:";

    public Func<DateOnly, CultureInfo, string> FormatDate { get; init; } = (date, culture) => SignOnLetters.Web.Infrastructure.Dates.Day(date, culture);

    /// <summary>Follows a dagger (<see cref="LetterDocument.UnverifiedMark"/>) below the list.</summary>
    public string UnverifiedNote { get; init; } = "organisation signature not verified with the organisation";

    /// <summary>Follows an asterisk: "* signed after the letter was delivered on 1 March 2025".</summary>
    public Func<string, string> LateSignatureNote { get; init; } = deliveredOn => $"signed after the letter was delivered on {deliveredOn}";

    /// <summary>The sealed edition's number, on the last page's footer (ADR 0016).</summary>
    public Func<int, string> EditionLine { get; init; } = number => $"Edition {number}";

    /// <summary>Where to check that the file is authentic.</summary>
    public Func<string, string> CheckAt { get; init; } = url => $"Check this letter at {url}";

    /// <summary>The signatory record's head.</summary>
    public Func<string, string> RecordLine { get; init; } = head => $"Record: {head}";

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
            return English with
            {
                CountsLine = counts => HeadlineIn(T, language, counts),
                UnnamedLine = count => In(T, language, T => T.Plural("and {0} more who asked not to be named", count)),
                IndividualsCountLine = count => In(T, language, T => T.Plural("{0} individuals", count)),
            };
        using var _ = ReaderLanguage.Use(language);
        var page = T["Page {0} of {1}"].Value;
        var (first, second) = (page.IndexOf("{0}", StringComparison.Ordinal), page.IndexOf("{1}", StringComparison.Ordinal));
        var regions = Enum.GetValues<UnRegion>().ToDictionary(region => region, region => T[English.RegionName(region)].Value);
        var versionLine = T["Version {0}"].Value;
        var versionLineWithNote = T["Version {0}: {1}"].Value;
        var lateNote = T["signed after the letter was delivered on {0}"].Value;
        var (editionLine, checkAt, recordLine) = (T["Edition {0}"].Value, T["Check this letter at {0}"].Value, T["Record: {0}"].Value);
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
            CountsLine = counts => HeadlineIn(T, language, counts),
            UnnamedLine = count => In(T, language, T => T.Plural("and {0} more who asked not to be named", count)),
            IndividualsCountLine = count => In(T, language, T => T.Plural("{0} individuals", count)),
            ReplyToLabel = T["Reply to:"],
            NotesHeading = T["Notes"],
            LateSignatureNote = deliveredOn => string.Format(CultureInfo.GetCultureInfo(language), lateNote, deliveredOn),
            RegionName = region => regions[region],
            EditionLine = number => string.Format(CultureInfo.GetCultureInfo(language), editionLine, number),
            CheckAt = url => string.Format(CultureInfo.InvariantCulture, checkAt, url),
            RecordLine = head => string.Format(CultureInfo.InvariantCulture, recordLine, head),
        };
    }

    /// <summary>Plural forms follow the language's rules, so the line is built in the document's language, not the reader's.</summary>
    private static string HeadlineIn(IStringLocalizer<SharedResource> T, string language, SignatureCounts counts) =>
        In(T, language, T => SignatureCountWording.Headline(T, counts));

    /// <summary>A text worded in the document's language (plural rules included), whoever downloads it.</summary>
    private static string In(IStringLocalizer<SharedResource> T, string language, Func<IStringLocalizer<SharedResource>, string> word)
    {
        using var _ = ReaderLanguage.Use(language);
        return word(T);
    }

    /// <summary>The app's own resources, for a document composed without the app's services (the English default).</summary>
    private static readonly Lazy<IStringLocalizer<SharedResource>> BuiltInResources = new(() => new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)));
}
