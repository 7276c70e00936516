using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Web.Documents;

namespace SignOnLetters.Tests.Documents;

/// <summary>A signatory entry breaks only where a reader expects: never before its dash, never inside a country's name.</summary>
public sealed class SignatoryEntryBreakTests
{
    [Fact]
    public void Should_never_start_a_line_with_the_dash_nor_split_a_country_name()
    {
        string[] countries = ["KR", "US", "GB", "ZA", "CD", "BA", "CF"];
        var random = new Random(7);
        // Names of every length, so the dash and the country fall at every point of the column width.
        var individuals = Enumerable.Range(1, 400)
            .Select(i => new IndividualSignatory(string.Join(' ', Enumerable.Range(0, 1 + i % 5).Select(_ => new string('n', random.Next(2, 12)))) + $" {i}",
                countries[i % countries.Length]))
            .ToList();
        var model = SampleLetters.Letter(individuals: individuals, body: "A short letter.");

        var fragments = LetterDocument.Compose(model).Layout().Pages.SelectMany(page => page.Commands.OfType<GlyphRunCommand>()).ToList();

        // Where the signatory columns' lines start: the x at which many fragments begin.
        var lineStarts = fragments.GroupBy(glyphs => MathF.Round(glyphs.X, 1)).Where(group => group.Count() >= 20).Select(group => group.Key).ToHashSet();
        var countryNames = countries.Select(code => new System.Globalization.RegionInfo(code).EnglishName).ToList();
        static string Readable(string text) => text.Replace('\u00A0', ' ').Replace('\u2011', '-').Trim();
        // The country part of an entry: regular (not bold) text at the entry size, "— Country" or a piece of it.
        var countryParts = fragments
            .Where(glyphs => !glyphs.Fragment.Run.Style.Style.Bold && Math.Abs(glyphs.Fragment.Run.Style.Style.Size - 8.5f) < 0.01f)
            .Where(glyphs => countryNames.Any(name => ("— " + name).Contains(Readable(glyphs.Text), StringComparison.Ordinal)))
            .Select(glyphs => (Text: Readable(glyphs.Text), StartsLine: lineStarts.Contains(MathF.Round(glyphs.X, 1))))
            .ToList();
        Assert.Equal(individuals.Count, countryParts.Count(part => part.Text.StartsWith('—')));

        // A line may start with a whole country, never with the dash or with a piece of a country.
        var badStarts = countryParts.Where(part => part.StartsLine && !countryNames.Contains(part.Text)).Select(part => part.Text).ToList();
        Assert.True(badStarts.Count == 0, $"Lines start with a dash or a piece of a country: {string.Join(" | ", badStarts.Take(20))}");
        // After a name, the dash is followed by the whole country or by nothing (the country starts the next line).
        var badEnds = countryParts.Where(part => !part.StartsLine && part.Text != "—" && !countryNames.Any(name => part.Text == "— " + name)).Select(part => part.Text).ToList();
        Assert.True(badEnds.Count == 0, $"Countries split after the dash: {string.Join(" | ", badEnds.Take(20))}");
    }

    [Theory]
    [InlineData("ar", "مريم حداد، منسقة")]
    [InlineData("fa", "مريم حداد، منسقة")]
    [InlineData("he", "מרים חדד, רכזת")]
    [InlineData("en", "Maryam Haddad, Coordinator")]
    public void Should_join_a_signer_and_role_with_the_comma_of_the_letter_script(string language, string expected)
    {
        var (name, role) = language switch
        {
            "he" => ("מרים חדד", "רכזת"),
            "en" => ("Maryam Haddad", "Coordinator"),
            _ => ("مريم حداد", "منسقة"),
        };
        var model = SampleLetters.Letter(organisations: [new OrganisationSignatory("Organisation", "LB", new SignerLine(name, role))], language: language, body: "Text.");

        var text = string.Concat(LetterDocument.Compose(model).Layout().Pages.SelectMany(page => page.Commands.OfType<GlyphRunCommand>())
            .Where(glyphs => Math.Abs(glyphs.Fragment.Run.Style.Style.Size - 7.5f) < 0.01f)
            .Select(glyphs => glyphs.Fragment.Run.Paragraph.Text));

        Assert.Contains(expected, text);
    }
}
