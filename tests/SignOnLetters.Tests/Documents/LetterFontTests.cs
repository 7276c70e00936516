using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Web.Documents;

namespace SignOnLetters.Tests.Documents;

/// <summary>
/// Han names print in their own country's letterforms: a Japanese organisation from Japan in the
/// Japanese face, a Taiwanese one in the Traditional Chinese face, whatever the letter's language.
/// </summary>
public sealed class LetterFontTests
{
    [Theory]
    [InlineData("JP", "Noto Sans CJK JP")]
    [InlineData("TW", "Noto Sans CJK TC")]
    [InlineData("HK", "Noto Sans CJK TC")]
    [InlineData("MO", "Noto Sans CJK TC")]
    [InlineData("KR", "Noto Sans CJK KR")]
    [InlineData("CN", "Noto Sans CJK SC")]
    [InlineData("FR", "Noto Sans CJK SC")]
    public void Should_print_a_han_name_in_the_letterforms_of_the_signatorys_country(string country, string expectedFace)
    {
        const string Name = "王芳";
        var model = SampleLetters.Letter(individuals: [new IndividualSignatory(Name, country)]);

        var faces = FacesOf(model, Name);

        Assert.Equal([expectedFace], faces);
    }

    [Fact]
    public void Should_print_kana_as_japanese_even_from_another_country()
    {
        const string Name = "日本ハームリダクション協会";
        var model = SampleLetters.Letter(organisations: [new OrganisationSignatory(Name, "US")]);

        Assert.Equal(["Noto Sans CJK JP"], FacesOf(model, Name));
    }

    [Fact]
    public void Should_set_a_japanese_letters_own_text_in_the_japanese_face()
    {
        var model = SampleLetters.Letter(language: "ja", body: "私たちは市の保健当局に求めます。");

        Assert.Equal(["Noto Sans CJK JP"], FacesOf(model, "私たちは市の保健当局に求めます。"));
    }

    private static List<string> FacesOf(LetterDocumentModel model, string text) =>
        LetterDocument.Compose(model).Layout().Pages
            .SelectMany(page => page.Commands.OfType<GlyphRunCommand>())
            .Where(glyph => text.Contains(glyph.Text.Trim(), StringComparison.Ordinal) && glyph.Text.Trim().Length > 0
                && glyph.Text.Any(c => c > 0x2E80))
            .Select(glyph => glyph.Fragment.Run.Face.FamilyName)
            .Distinct()
            .ToList();
}
