using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Web.Documents;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Tests.Documents;

public sealed class SignatoryListTests
{
    [Theory]
    [InlineData(12, 5, 40, "52 signatories from 5 countries: 12 organisations and 40 individuals")]
    [InlineData(1, 1, 1, "2 signatories from 1 country: 1 organisation and 1 individual")]
    [InlineData(2, 1, 0, "2 organisations from 1 country")]
    [InlineData(0, 3, 1, "1 signatory from 3 countries")]
    [InlineData(2_000, 120, 15_300, "17,300 signatories from 120 countries: 2,000 organisations and 15,300 individuals")]
    [InlineData(0, 0, 0, "Not yet signed")]
    public void Should_word_the_counts_line_as_the_letter_page_does(int organisations, int countries, int individuals, string expected)
    {
        var texts = LetterDocumentTexts.English;

        Assert.Equal(expected, texts.CountsLine(new SignatureCounts(organisations, individuals, countries)));
    }

    [Fact]
    public void Should_count_signatories_who_are_counted_but_not_named_without_listing_them()
    {
        var model = SampleLetters.Letter(
            organisations: [new OrganisationSignatory("Clinic Alpha", "FR")],
            individuals: [new IndividualSignatory("Ada Lovelace", "GB")],
            counts: new SignatureCounts(Organisations: 3, Individuals: 7, Countries: 4));

        var text = PdfText.Normalise(PdfText.WithPdfPig(LetterDocument.Generate(model)));

        Assert.Contains(PdfText.Normalise("10 signatories from 4 countries: 3 organisations and 7 individuals"), text);
        Assert.Equal(1, LetterDocumentReadBackTests.CountOccurrences(text, "ClinicAlpha"));
        Assert.Equal(1, LetterDocumentReadBackTests.CountOccurrences(text, "AdaLovelace"));
    }

    [Fact]
    public void Should_refuse_counts_smaller_than_the_named_lists()
    {
        var model = SampleLetters.Letter(
            individuals: [new IndividualSignatory("Ada Lovelace", "GB"), new IndividualSignatory("Alan Turing", "GB")],
            counts: new SignatureCounts(Organisations: 0, Individuals: 1, Countries: 1));

        Assert.Throws<ArgumentException>(() => LetterDocument.Compose(model));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Should_refuse_column_counts_other_than_two_or_three(int columns)
    {
        var model = SampleLetters.Letter(options: new LetterDocumentOptions { Columns = columns, CreationDate = SampleLetters.CreatedAt });

        Assert.Throws<ArgumentOutOfRangeException>(() => LetterDocument.Compose(model));
    }

    [Theory]
    [InlineData("sv", new[] { "Anna", "Olof", "Zlatan", "Åsa", "Örjan" })]
    [InlineData("de", new[] { "Anna", "Åsa", "Olof", "Örjan", "Zlatan" })]
    [InlineData("en", new[] { "Anna", "Åsa", "Olof", "Örjan", "Zlatan" })]
    public void Should_sort_names_with_the_collation_of_the_letters_language(string language, string[] expected)
    {
        using var arrangement = new SignatoryArrangement(language, LetterDocumentTexts.English);

        var groups = arrangement.Arrange(
            new[] { "Örjan", "Zlatan", "Åsa", "Olof", "Anna" }.Select(name => (name, "SE", (string?)null, false, false)),
            SignatoryGrouping.None);

        Assert.Equal(expected, Assert.Single(groups).Signatories.Select(signatory => signatory.Name));
    }

    [Fact]
    public void Should_sort_names_in_different_scripts_by_script_then_within_each_script()
    {
        using var arrangement = new SignatoryArrangement("en", LetterDocumentTexts.English);

        var names = Assert.Single(arrangement.Arrange(
            new[] { "Борис", "Zoë", "Алла", "Émile", "Ωμέγα", "Άλφα", "Bob" }.Select(name => (name, "FR", (string?)null, false, false)),
            SignatoryGrouping.None)).Signatories.Select(signatory => signatory.Name);

        // CLDR's root order: Latin, then Greek, then Cyrillic; accents sort with their base letter.
        Assert.Equal(["Bob", "Émile", "Zoë", "Άλφα", "Ωμέγα", "Алла", "Борис"], names);
    }

    [Fact]
    public void Should_print_names_in_the_collation_order_of_a_Swedish_letter()
    {
        var model = SampleLetters.Letter(
            individuals: new[] { "Örjan Berg", "Zlatan Lind", "Åsa Ek", "Anna Holm" }.Select(name => new IndividualSignatory(name, "SE")).ToList(),
            language: "sv");

        var text = PdfText.Normalise(PdfText.WithPdfPig(LetterDocument.Generate(model)));

        var positions = new[] { "AnnaHolm", "ZlatanLind", "ÅsaEk", "ÖrjanBerg" }.Select(name => text.IndexOf(name, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Should_group_signatories_under_country_headings_sorted_by_country_name()
    {
        using var arrangement = new SignatoryArrangement("en", LetterDocumentTexts.English);

        var groups = arrangement.Arrange(
            new[] { ("Zed", "FR"), ("Ann", "DE"), ("Bea", "FR"), ("Cy", "AQ"), ("Dee", "") }
                .Select(s => (s.Item1, s.Item2, (string?)null, false, false)),
            SignatoryGrouping.ByCountry);

        Assert.Equal(["Antarctica", "France", "Germany", "Other"], groups.Select(group => group.Heading));
        Assert.Equal(["Bea", "Zed"], groups[1].Signatories.Select(signatory => signatory.Name));
        // The heading names the country, so the entries do not repeat it.
        Assert.All(groups[1].Signatories, signatory => Assert.Null(signatory.Country));
    }

    [Fact]
    public void Should_group_signatories_by_UN_region_and_keep_their_country()
    {
        using var arrangement = new SignatoryArrangement("en", LetterDocumentTexts.English);

        var groups = arrangement.Arrange(
            new[] { ("Kwame", "GH"), ("Ana", "PE"), ("Sam", "US"), ("Lin", "CN"), ("Olga", "UA"), ("Mere", "NZ"), ("Penguin", "AQ") }
                .Select(s => (s.Item1, s.Item2, (string?)null, false, false)),
            SignatoryGrouping.ByRegion);

        Assert.Equal(["Africa", "Asia", "Europe", "Latin America and the Caribbean", "Northern America", "Oceania", "Other"], groups.Select(group => group.Heading));
        Assert.Equal("Ghana", groups[0].Signatories.Single().Country);
    }

    [Fact]
    public void Should_map_every_known_country_except_Antarctica_to_a_region()
    {
        var unmapped = SignOnLetters.Web.Infrastructure.Countries.Codes
            .Where(code => UnRegions.Of(code) is null)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["AQ"], unmapped);
    }

    [Fact]
    public void Should_print_country_headings_before_their_signatories()
    {
        var model = SampleLetters.Letter(
            individuals: [new IndividualSignatory("Zed Moreau", "FR"), new IndividualSignatory("Ann Vogel", "DE"), new IndividualSignatory("Bea Martin", "FR")],
            options: new LetterDocumentOptions { Grouping = SignatoryGrouping.ByCountry, CreationDate = SampleLetters.CreatedAt });

        var text = ReadColumnByColumn(LetterDocument.Generate(model));

        var signatories = text[text.IndexOf("Individuals", StringComparison.Ordinal)..];
        var order = new[] { "France", "BeaMartin", "ZedMoreau", "Germany", "AnnVogel" }.Select(part => signatories.IndexOf(part, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void Should_mark_signatures_after_delivery_with_an_asterisk_and_a_note_in_a_later_edition()
    {
        var model = SampleLetters.Letter(
            organisations: [new OrganisationSignatory("Clinic Alpha", "FR"), new OrganisationSignatory("Clinic Late", "FR", SignedAfterDelivery: true)],
            individuals: [new IndividualSignatory("Ada Lovelace", "GB", SignedAfterDelivery: true)])
            with { Edition = new LetterEdition(new DateTimeOffset(2025, 3, 14, 10, 0, 0, TimeSpan.Zero)) };

        var text = PdfText.Normalise(PdfText.WithPdfPig(LetterDocument.Generate(model)));

        Assert.Contains("ClinicLate*", text);
        Assert.Contains("AdaLovelace*", text);
        Assert.DoesNotContain("ClinicAlpha*", text);
        Assert.Contains(PdfText.Normalise("* signed after the letter was delivered on 14 March 2025"), text);
    }

    [Fact]
    public void Should_not_mark_anything_before_the_letter_is_delivered()
    {
        var model = SampleLetters.Letter(organisations: [new OrganisationSignatory("Clinic Late", "FR", SignedAfterDelivery: true)]);

        var text = PdfText.Normalise(PdfText.WithPdfPig(LetterDocument.Generate(model)));

        Assert.Contains("ClinicLate", text);
        Assert.DoesNotContain("*", text);
    }

    [Fact]
    public void Should_paginate_two_thousand_signatories_without_losing_or_repeating_one()
    {
        var individuals = Enumerable.Range(1, 2_000)
            .Select(i => new IndividualSignatory($"{SampleDocuments.MultilingualNames[i % 4 + 1]} N{i:D4}X", i % 2 == 0 ? "FR" : "UA"))
            .ToList();
        var pdf = LetterDocument.Generate(SampleLetters.Letter(individuals: individuals,
            options: new LetterDocumentOptions { Columns = 3, CreationDate = SampleLetters.CreatedAt }));

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var numbers = document.GetPages()
            .SelectMany(page => System.Text.RegularExpressions.Regex.Matches(page.Text, @"N(\d{4})X").Select(match => int.Parse(match.Groups[1].Value)))
            .ToList();

        Assert.True(document.NumberOfPages > 10, $"Only {document.NumberOfPages} pages.");
        Assert.Equal(Enumerable.Range(1, 2_000), numbers.Order());
    }

    /// <summary>
    /// The first page's words, left half of the page top to bottom, then the right half: the reading
    /// order of a two-column list, which text extractors interleave when the columns are short.
    /// </summary>
    private static string ReadColumnByColumn(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var page = document.GetPage(1);
        var words = page.GetWords()
            .OrderBy(word => word.BoundingBox.Left < page.Width / 2 ? 0 : 1)
            .ThenByDescending(word => Math.Round(word.BoundingBox.Bottom))
            .ThenBy(word => word.BoundingBox.Left);
        return PdfText.Normalise(string.Join(' ', words.Select(word => word.Text)));
    }
}
