using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Web.Documents;
using SkiaSharp;

namespace SignOnLetters.Tests.Documents;

/// <summary>Letter models as a handler would project them, for the document tests.</summary>
internal static class SampleLetters
{
    public static readonly DateTimeOffset CreatedAt = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The country of each of <see cref="SampleDocuments.MultilingualNames"/>, in the same order.</summary>
    private static readonly string[] CountryCodes = ["SE", "FR", "RU", "GR", "EG", "IL", "IN", "TH", "CN", "JP", "KR", "PE", "DK", "VN", "VN"];

    /// <summary>Organisation names in as many scripts, with the country each works in.</summary>
    public static readonly (string Name, string CountryCode)[] MultilingualOrganisations =
    [
        ("Association Santé-Environnement Île-de-France", "FR"),
        ("Общество чистого воздуха", "UA"),
        ("Ένωση Πολιτών για Καθαρό Αέρα", "GR"),
        ("جمعية الهواء النظيف", "EG"),
        ("עמותת אוויר נקי", "IL"),
        // A hyphen between two right-to-left words, on a left-to-right page (the demo's Israeli network).
        ("ארגון אל-על לצמצום נזקים", "IL"),
        ("स्वच्छ वायु संघ", "IN"),
        ("มูลนิธิอากาศสะอาด", "TH"),
        ("清洁空气协会", "CN"),
        ("きれいな空気の会", "JP"),
        ("깨끗한 공기 연합", "KR"),
        ("Red Aire Limpio 🌱", "PE"),
        ("Miljøforeningen Ålborg", "DK"),
        ("Trung tâm Không khí Sạch", "VN"),
    ];

    public const string Body = """
        We, the undersigned organisations and individuals, write to urge you to adopt **binding limits** on air
        pollution that match the guidelines of the [World Health Organization](https://www.who.int/health-topics/air-pollution),
        and to *fund the plans* that will meet them.

        ## What we ask

        1. Write the guideline values into law with a firm date.
        2. Require every city above those values to publish a plan:
           - with yearly reports,
           - and public hearings.
        3. Give citizens the right to go to court.

        > Clean air is a right, not a privilege.

        ---

        ## Who we are

        The people who signed represent communities, clinics, schools and trade unions.
        """;

    /// <summary>Organisations and individuals named in every script the product supports, as organisations and as individuals.</summary>
    public static LetterDocumentModel Multilingual(LetterDocumentOptions? options = null) => Letter(
        organisations: MultilingualOrganisations.Select((organisation, i) =>
            new OrganisationSignatory(organisation.Name, organisation.CountryCode, i % 3 == 0 ? new SignerLine($"Signer {i}", "Director") : null)).ToList(),
        individuals: SampleDocuments.MultilingualNames.Select((name, i) => new IndividualSignatory(name, CountryCodes[i], i % 4 == 0 ? $"Union {i}" : null)).ToList(),
        options: options);

    public static LetterDocumentModel Letter(
        IReadOnlyList<OrganisationSignatory>? organisations = null,
        IReadOnlyList<IndividualSignatory>? individuals = null,
        SignOnLetters.Web.Pages.Letters.SignatureCounts? counts = null,
        LetterDocumentOptions? options = null,
        string language = "en",
        string body = Body)
    {
        organisations ??= [];
        individuals ??= [];
        var countries = organisations.Select(o => o.CountryCode).Concat(individuals.Select(i => i.CountryCode)).Distinct().Count();
        return new LetterDocumentModel
        {
            Title = "Clean air is a right, not a privilege",
            LanguageCode = language,
            DateLine = new LetterDateLine(new DateOnly(2025, 3, 1), "Brussels"),
            LeadOrganisation = new LetterOrganisation("Friends of the Air", "BE", Logo(new SKColor(0x2B, 0x6C, 0xB0))),
            CoAuthors =
            [
                new LetterOrganisation("Coalition for Clean Cities", "FR", Logo(new SKColor(0x38, 0xA1, 0x69))),
                new LetterOrganisation("Doctors for Clean Air", "DE"),
            ],
            Addressees =
            [
                new LetterAddressee("Members of the European Parliament"),
                new LetterAddressee("Teresa Ribera", "Executive Vice-President", "European Commission"),
            ],
            BodyMarkdown = body,
            Closing = "Yours sincerely,",
            Version = new LetterVersionInfo(2, "Added the third demand"),
            Signatories = new LetterSignatories(organisations, individuals, counts ?? new SignOnLetters.Web.Pages.Letters.SignatureCounts(organisations.Count, individuals.Count, countries)),
            Options = options ?? new LetterDocumentOptions { CreationDate = CreatedAt },
        };
    }

    /// <summary>A round logo drawn in memory, so tests need no image files.</summary>
    public static byte[] Logo(SKColor colour)
    {
        using var surface = SKSurface.Create(new SKImageInfo(96, 96));
        surface.Canvas.Clear(SKColors.Transparent);
        using var fill = new SKPaint { Color = colour, IsAntialias = true };
        surface.Canvas.DrawCircle(48, 48, 44, fill);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
