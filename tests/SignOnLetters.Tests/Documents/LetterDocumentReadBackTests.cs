using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Web.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;

namespace SignOnLetters.Tests.Documents;

public sealed class LetterDocumentReadBackTests
{
    private static readonly LetterDocumentModel MultilingualModel = SampleLetters.Multilingual();
    private static readonly byte[] MultilingualLetter = LetterDocument.Generate(MultilingualModel);

    private static IEnumerable<string> AllNames(LetterDocumentModel model) =>
        model.Signatories.Organisations.Select(o => o.Name).Concat(model.Signatories.Individuals.Select(i => i.Name));

    [Fact]
    public void Should_read_back_every_signatory_name_in_every_script_with_PdfPig()
    {
        var missing = PdfText.NamesMissingFromPdfPig(MultilingualLetter, AllNames(MultilingualModel));

        Assert.True(missing.Count == 0, $"PdfPig did not find: {string.Join(" | ", missing)}\nText: {PdfText.WithPdfPig(MultilingualLetter)}");
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_read_back_every_signatory_name_in_logical_order_with_pdftotext()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", MultilingualLetter);

        var missing = PdfText.NamesMissingFromPdftotext(path, AllNames(MultilingualModel));

        Assert.True(missing.Count == 0, $"pdftotext did not find: {string.Join(" | ", missing)}\nText: {PdfText.WithPdftotext(path)}");
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_read_back_a_hyphenated_right_to_left_organisation_under_an_individual_in_logical_order()
    {
        const string organisation = "ארגון אל-על לצמצום נזקים";
        var pdf = LetterDocument.Generate(SampleLetters.Letter(individuals: [new IndividualSignatory("Noa Levi", "IL", organisation)]));
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", pdf);

        var missing = PdfText.NamesMissingFromPdftotext(path, [organisation]);

        Assert.True(missing.Count == 0, $"pdftotext did not find: {organisation}\nText: {PdfText.WithPdftotext(path)}");
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_print_letterhead_date_addressees_title_body_closing_and_page_numbers()
    {
        using var directory = new TempDirectory();
        var text = PdfText.Normalise(PdfText.WithPdftotext(directory.Write("letter.pdf", MultilingualLetter)));

        Assert.Contains(PdfText.Normalise("Friends of the Air"), text);
        Assert.Contains(PdfText.Normalise("Coalition for Clean Cities · Doctors for Clean Air"), text);
        Assert.Contains(PdfText.Normalise("Brussels, 1 March 2025"), text);
        Assert.Contains(PdfText.Normalise("Teresa Ribera, Executive Vice-President, European Commission"), text);
        Assert.Contains(PdfText.Normalise("Clean air is a right, not a privilege"), text);
        Assert.Contains(PdfText.Normalise("Version 2: Added the third demand"), text);
        Assert.Contains(PdfText.Normalise("adopt binding limits on air pollution"), text);
        Assert.Contains(PdfText.Normalise("Yours sincerely,"), text);
        Assert.Contains(PdfText.Normalise("Page 1 of "), text);
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_show_the_signer_of_an_organisation_only_when_the_model_names_one()
    {
        var pdf = LetterDocument.Generate(SampleLetters.Letter(organisations:
        [
            new OrganisationSignatory("Clinic Alpha", "FR", new SignerLine("Marie Curie", "Director")),
            new OrganisationSignatory("Clinic Beta", "FR"),
        ]));
        var text = ReadInReadingOrder(pdf);

        Assert.Contains(PdfText.Normalise("Clinic Alpha — France"), text);
        Assert.Contains(PdfText.Normalise("Marie Curie, Director"), text);
        Assert.Contains(PdfText.Normalise("Clinic Beta — France"), text);
        Assert.Equal(1, CountOccurrences(text, PdfText.Normalise("Director")));
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_note_that_individuals_organisations_are_for_identification_only()
    {
        var pdf = LetterDocument.Generate(SampleLetters.Letter(individuals:
        [
            new IndividualSignatory("Ada Lovelace", "GB", "Analytical Society"),
            new IndividualSignatory("Alan Turing", "GB"),
        ]));
        var text = ReadInReadingOrder(pdf);

        Assert.Contains(PdfText.Normalise("Organisations are named for identification only."), text);
        Assert.Contains(PdfText.Normalise("Ada Lovelace — United Kingdom"), text);
        Assert.Contains(PdfText.Normalise("Analytical Society"), text);
        Assert.True(text.IndexOf(PdfText.Normalise("Individuals"), StringComparison.Ordinal) < text.IndexOf("AdaLovelace", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_put_organisations_before_individuals_under_their_own_bookmarks()
    {
        using var document = PdfDocument.Open(MultilingualLetter);

        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var roots = bookmarks.Roots.Cast<DocumentBookmarkNode>().ToList();
        var signatories = Assert.Single(roots, root => root.Title == "Signatories");
        Assert.Equal(["Organisations", "Individuals"], signatories.Children.Select(child => child.Title));
    }

    [Fact]
    public void Should_contain_no_property_that_could_carry_an_email_address()
    {
        var seen = new HashSet<Type>();
        var properties = new List<string>();
        void Walk(Type type)
        {
            if (!seen.Add(type) || type.Namespace != typeof(LetterDocumentModel).Namespace)
                return;
            foreach (var property in type.GetProperties())
            {
                properties.Add($"{type.Name}.{property.Name}");
                var propertyType = property.PropertyType;
                Walk(propertyType.IsGenericType ? propertyType.GetGenericArguments()[0] : propertyType);
            }
        }
        Walk(typeof(LetterDocumentModel));

        Assert.Contains("IndividualSignatory.Name", properties);
        Assert.Contains("SignerLine.Role", properties);
        Assert.DoesNotContain(properties, property => property.Contains("mail", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// pdftotext in its default mode, which follows the columns. PdfPig's page text is in drawing
    /// order, and the engine draws each style's runs together, so "name — country" is not adjacent there.
    /// </summary>
    internal static string ReadInReadingOrder(byte[] pdf)
    {
        using var directory = new TempDirectory();
        return PdfText.Normalise(PdfText.WithPdftotext(directory.Write("letter.pdf", pdf)));
    }

    internal static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
