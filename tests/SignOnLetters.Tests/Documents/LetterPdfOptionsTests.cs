using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Web.Documents;
using SkiaSharp;
using UglyToad.PdfPig;

namespace SignOnLetters.Tests.Documents;

/// <summary>What the coordinators' PDF options change in the document, and the Markdown it now prints (notes, tables, quotes).</summary>
public sealed class LetterPdfOptionsTests
{
    private static LetterDocumentOptions Options(Func<LetterDocumentOptions, LetterDocumentOptions>? change = null)
    {
        var options = new LetterDocumentOptions { CreationDate = SampleLetters.CreatedAt };
        return change is null ? options : change(options);
    }

    /// <summary>The logical text of every paragraph the layout drew, in order.</summary>
    private static List<string> Paragraphs(LetterDocumentModel model) =>
        LetterDocument.Compose(model).Layout().Pages
            .SelectMany(page => page.Commands.OfType<GlyphRunCommand>())
            .Select(glyphs => glyphs.Fragment.Run.Paragraph.Text)
            .Distinct()
            .ToList();

    private static string PdfPigText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(page => PdfText.Normalise(page.Text)));
    }

    [Fact]
    public void Should_print_on_us_letter_paper_when_chosen_and_on_a4_by_default()
    {
        var letter = LetterDocument.Generate(SampleLetters.Letter(options: Options(o => o with { PageSize = PageSizes.Letter })));
        var a4 = LetterDocument.Generate(SampleLetters.Letter());

        using (var document = PdfDocument.Open(letter))
            Assert.All(document.GetPages(), page => Assert.Equal((612d, 792d), (Math.Round(page.Width), Math.Round(page.Height))));
        using (var document = PdfDocument.Open(a4))
            Assert.All(document.GetPages(), page => Assert.Equal((595d, 842d), (Math.Round(page.Width), Math.Round(page.Height))));
    }

    [Fact]
    public void Should_head_each_country_once_when_grouped_by_country()
    {
        IndividualSignatory Person(string name, string country) => new(name, country);
        var model = SampleLetters.Letter(individuals: [Person("Ana Costa", "PT"), Person("Rui Lopes", "PT"), Person("Eva Berg", "SE")],
            options: Options(o => o with { Grouping = SignatoryGrouping.ByCountry }));

        var paragraphs = Paragraphs(model);

        Assert.Contains("Portugal", paragraphs);
        Assert.Contains("Sweden", paragraphs);
        // Under a country's heading the entries do not repeat the country.
        Assert.DoesNotContain(paragraphs, p => p.Contains("— Portugal", StringComparison.Ordinal));
        Assert.True(paragraphs.IndexOf("Portugal") < paragraphs.FindIndex(p => p.StartsWith("Ana Costa", StringComparison.Ordinal)));
    }

    [Fact]
    public void Should_print_the_count_of_individuals_instead_of_their_names_when_counted_only()
    {
        var counts = new SignOnLetters.Web.Pages.Letters.SignatureCounts(1, 254, 3);
        var model = SampleLetters.Letter(organisations: [new OrganisationSignatory("Friends of the Earth", "GB")], counts: counts,
            options: Options(o => o with { IndividualsCountedOnly = true }));

        var paragraphs = Paragraphs(model);

        Assert.Contains("Individuals", paragraphs);
        Assert.Contains("254 individuals", paragraphs);
        Assert.Contains("255 signatories from 3 countries: 1 organisation and 254 individuals", paragraphs);
        // Only the individuals are counted, not named: nobody else is said to have asked not to be named.
        Assert.DoesNotContain(paragraphs, p => p.Contains("asked not to be named", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_say_how_many_asked_not_to_be_named_as_the_public_list_does()
    {
        var counts = new SignOnLetters.Web.Pages.Letters.SignatureCounts(1, 14, 2);
        var model = SampleLetters.Letter(organisations: [new OrganisationSignatory("Friends of the Earth", "GB")],
            individuals: [new IndividualSignatory("Ana Costa", "PT")], counts: counts);

        Assert.Contains("and 13 more who asked not to be named", Paragraphs(model));
    }

    [Fact]
    public void Should_draw_a_logo_for_each_signing_organisation_on_the_logo_wall()
    {
        var wall = new[] { ("Red", SKColors.Red), ("Green", SKColors.Green), ("Blue", SKColors.Blue) }
            .Select(o => new LetterOrganisation(o.Item1 + " Network", "FR", SampleLetters.Logo(o.Item2))).ToList();
        var without = SampleLetters.Letter();
        var with = without with { LogoWall = wall };

        int Images(LetterDocumentModel model)
        {
            using var document = PdfDocument.Open(LetterDocument.Generate(model));
            return document.GetPages().Sum(page => page.GetImages().Count());
        }

        Assert.Equal(Images(without) + wall.Count, Images(with));
    }

    [Theory]
    [InlineData(true, "مريم حداد، منسقة")]
    [InlineData(false, "مريم حداد, منسقة")]
    public void Should_join_an_arabic_name_and_role_with_the_arabic_comma_unless_turned_off(bool arabicComma, string expected)
    {
        var model = SampleLetters.Letter(language: "ar", body: "نص الرسالة.",
            organisations: [new OrganisationSignatory("جمعية الهواء النظيف", "EG", new SignerLine("مريم حداد", "منسقة")),
                new OrganisationSignatory("Clean Air Lebanon", "LB", new SignerLine("John Smith", "Director"))],
            options: Options(o => o with { ArabicComma = arabicComma }));

        var paragraphs = Paragraphs(model);

        Assert.Contains(paragraphs, p => p.Contains(expected, StringComparison.Ordinal));
        // A Latin line in the same Arabic letter keeps the Latin comma.
        Assert.Contains(paragraphs, p => p.Contains("John Smith, Director", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, "Noto Sans CJK JP")]
    [InlineData(false, "Noto Sans CJK SC")]
    public void Should_choose_the_han_face_by_the_signers_country_or_by_the_letters_language(bool byCountry, string expectedFace)
    {
        const string Name = "山田太郎";
        var model = SampleLetters.Letter(individuals: [new IndividualSignatory(Name, "JP")], options: Options(o => o with { CjkFacesBySignerCountry = byCountry }));

        var faces = LetterDocument.Compose(model).Layout().Pages
            .SelectMany(page => page.Commands.OfType<GlyphRunCommand>())
            .Where(glyphs => glyphs.Text.Trim().Length > 0 && Name.Contains(glyphs.Text.Trim(), StringComparison.Ordinal))
            .Select(glyphs => glyphs.Fragment.Run.Face.FamilyName).Distinct().ToList();

        Assert.Equal([expectedFace], faces);
    }

    [Fact]
    public void Should_print_the_letterhead_address_and_reply_to_contact_cleaned_of_direction_controls()
    {
        var model = SampleLetters.Letter() with { Contact = new LetterheadContact("Rue de la Loi 1\n1000 Brussels", "office@friends-of-the-air.example") };

        var paragraphs = Paragraphs(model);

        Assert.Contains("Rue de la Loi 1", paragraphs);
        Assert.Contains("1000 Brussels", paragraphs);
        Assert.Contains("Reply to: office@friends-of-the-air.example", paragraphs);
    }

    [Fact]
    public void Should_number_link_addresses_and_footnotes_as_notes_after_the_closing()
    {
        const string Body = """
            Read [the report](https://example.org/report) and [the data](https://example.org/data).[^source]
            The report again: [here](https://example.org/report). Mail <mailto:office@example.org> or https://example.org/plain.

            [^source]: Published by the city in 2025.
            """;
        var paragraphs = Paragraphs(SampleLetters.Letter(body: Body));

        var text = paragraphs.Single(p => p.StartsWith("Read", StringComparison.Ordinal));
        Assert.Contains("the report\u00A0[1]", text);
        Assert.Contains("the data\u00A0[2]", text);
        Assert.Contains(".\u00A0[3]", text);
        Assert.Contains("here\u00A0[1]", text);
        // An address that is printed already needs no note.
        Assert.DoesNotContain("[4]", text);
        var notes = paragraphs.IndexOf("Notes");
        Assert.True(notes > paragraphs.IndexOf("Yours sincerely,") && notes < paragraphs.IndexOf("Signatories"), string.Join(" | ", paragraphs));
        Assert.Equal(["[1]", "https://example.org/report", "[2]", "https://example.org/data", "[3]", "Published by the city in 2025."],
            paragraphs.Skip(notes + 1).Take(6));
    }

    [Fact]
    public void Should_print_a_pipe_table_as_a_table_whose_cells_read_in_order()
    {
        const string Body = """
            | City | Deaths | Change |
            |------|-------:|:------:|
            | Riverton | 212 | +12 % |
            | Lakeside | 31 | −4 % |
            """;
        var pdf = LetterDocument.Generate(SampleLetters.Letter(body: Body));

        var text = PdfPigText(pdf);
        string[] cells = ["City", "Deaths", "Change", "Riverton", "212", "+12%", "Lakeside", "31", "−4%"];
        var positions = cells.Select(cell => text.IndexOf(PdfText.Normalise(cell), StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain("|", text);
    }

    [RequiresToolsFact("pdfinfo")]
    public void Should_tag_tables_as_tables_and_notes_as_notes()
    {
        const string Body = """
            See [the plan](https://example.org/plan).

            | City | Deaths |
            |------|-------:|
            | Riverton | 212 |
            """;
        using var directory = new TempDirectory();
        var (exitCode, structure, error) = ExternalTool.Run("pdfinfo", "-struct-text", directory.Write("letter.pdf", LetterDocument.Generate(SampleLetters.Letter(body: Body))));
        var roles = structure.Split('\n').Select(line => line.Trim().Split(' ')[0]).ToList();

        Assert.True(exitCode == 0, error);
        Assert.Contains("Table", roles);
        Assert.Equal(2, roles.Count(role => role == "TR"));
        Assert.Equal(2, roles.Count(role => role == "TH"));
        Assert.Equal(2, roles.Count(role => role == "TD"));
        Assert.Single(roles, role => role == "Note");
        Assert.Contains("\"https://example.org/plan\"", structure);
    }

    [Theory]
    [InlineData("en", "“clean air” and ‘fair’ — it’s…")]
    [InlineData("fr", "«\u00A0clean air\u00A0» and «\u00A0fair\u00A0» — it’s…")]
    [InlineData("de", "„clean air“ and ‚fair‘ — it’s…")]
    [InlineData("ru", "«clean air» and „fair“ — it’s…")]
    public void Should_set_quotes_and_dashes_in_the_letters_language(string language, string expected)
    {
        var model = SampleLetters.Letter(language: language, body: "\"clean air\" and 'fair' --- it's...");

        Assert.Equal(expected, Paragraphs(model).Single(p => p.Contains("clean air", StringComparison.Ordinal)));
    }

    [Fact]
    public void Should_give_each_heading_level_its_own_size()
    {
        var model = SampleLetters.Letter(body: "# One\n\n## Two\n\n### Three\n\n#### Four\n\nBody text.");

        var sizes = new[] { "One", "Two", "Three", "Four", "Body text." }.Select(text => LetterDocument.Compose(model).Layout().Pages
            .SelectMany(page => page.Commands.OfType<GlyphRunCommand>())
            .First(glyphs => glyphs.Fragment.Run.Paragraph.Text == text).Fragment.Run.Style.Style.Size).ToList();

        Assert.Equal(sizes.OrderDescending(), sizes);
        Assert.Equal(sizes.Count, sizes.Distinct().Count());
    }
}
