using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;
using SignOnLetters.Web;
using SignOnLetters.Web.Documents;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Letters;

/// <summary>
/// Issue 17, item 7: counts that add up, worded in one place for the page, the list, the home page,
/// the embed, the API and the PDF, with each language's plural rules.
/// </summary>
public abstract class CountWordingTests(SliceFixture app) : SliceTest(app)
{
    private string Headline(string language, SignatureCounts counts)
    {
        var T = App.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        using var _ = ReaderLanguage.Use(language);
        return SignatureCountWording.Headline(T, counts);
    }

    [SkippableTheory]
    [InlineData("en", 95, 254, 72, "349 signatories from 72 countries: 95 organisations and 254 individuals")]
    [InlineData("en", 1, 1, 1, "2 signatories from 1 country: 1 organisation and 1 individual")]
    [InlineData("fr", 95, 254, 72, "349 signataires de 72 pays : 95 organisations et 254 personnes")]
    // Russian: 349 → many, 72 → few (genitive after "из" either way), 95 → many, 254 → few.
    [InlineData("ru", 95, 254, 72, "349 подписантов из 72 стран: 95 организаций и 254 частных лица")]
    [InlineData("ru", 1, 20, 21, "21 подписант из 21 страны: 1 организация и 20 частных лиц")]
    [InlineData("ru", 0, 3, 2, "3 подписанта из 2 стран")]
    // Arabic: 349, 72, 95 and 254 all fall in "many" (n % 100 in 11..99); 2 is "two", 3 "few".
    [InlineData("ar", 95, 254, 72, "349 موقّعًا من 72 بلدًا: 95 منظمةً و254 فردًا")]
    [InlineData("ar", 2, 1, 1, "3 موقّعين من بلد واحد: منظمتان وفرد واحد")]
    [InlineData("ar", 0, 2, 2, "موقّعان من بلدين")]
    public void Should_word_the_headline_with_each_languages_plural_forms(string language, int organisations, int individuals, int countries, string expected) =>
        Assert.Equal(expected, Headline(language, new SignatureCounts(organisations, individuals, countries)));

    [SkippableTheory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("ar")]
    public void Should_never_mention_organisations_when_only_individuals_signed(string language)
    {
        var organisationWord = language switch { "ru" => "организац", "ar" => "منظم", _ => "organisation" };

        Assert.DoesNotContain(organisationWord, Headline(language, new SignatureCounts(0, 254, 72)));
        Assert.DoesNotContain("0", Headline(language, new SignatureCounts(0, 5, 1)).Replace("5", ""));
    }

    [SkippableFact]
    public async Task Should_show_an_individuals_only_petition_without_organisations_and_its_goal_as_a_bar()
    {
        var (letter, _, _) = await OpenLetterAsync(App, new LetterSettings(WhoMaySign.IndividualsOnly, ModerationMode.Automatic, false));
        await App.ExecuteDbContextAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Letters\" SET \"SignatureGoal\" = 8 WHERE \"Id\" = {0}", letter.Id));
        await SignAndConfirmAsync(App, Individual(name: "Rui Costa", email: "rui@example.org"));
        await SignAndConfirmAsync(App, Individual(name: "Ana Lima", email: "ana@example.org") with { CountryCode = "BR" });
        await SignAndConfirmAsync(App, Individual(name: "Hidden", email: "hidden@example.org") with { Visibility = Domain.Signatures.SignatureVisibility.CountedNotNamed });

        var (_, page) = await BrowserlessClient.For(App).GetAsync($"/letters/{Slug}");

        var headline = page.QuerySelector(".headline-count")!.TextContent.Trim();
        Assert.Matches(@"^3 signatories from \d countr(y|ies)$", headline);
        var progress = page.QuerySelector(".goal-progress progress")!;
        Assert.Equal(("8", "3"), (progress.GetAttribute("max"), progress.GetAttribute("value")));
        Assert.Equal("Goal: 8 signatures (37% reached)", page.QuerySelector(".goal-text")!.TextContent);
        // The sign form offers no "organisation only", and the list ends with the one who asked not to be named.
        Assert.Null(page.QuerySelector("#sign-vis-org"));
        Assert.Equal("and 1 more who asked not to be named", page.QuerySelector(".signatories-unnamed")!.TextContent.Trim());
        Assert.DoesNotContain("organisation", page.QuerySelector(".letter-counts")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Should_give_the_page_the_api_the_embed_and_the_pdf_the_same_headline()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        await App.ExecuteDbContextAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"Letters\" SET \"SignatureGoal\" = 10, \"EmbedHosts\" = 'partner.example' WHERE \"Id\" = {0}", letter.Id));
        await SignAndConfirmAsync(App, Organisation("Médecins du Monde", "ana@example.org"));
        await SignAndConfirmAsync(App, Individual(name: "Rui Costa", email: "rui@example.org") with { CountryCode = "PT" });
        var russian = BrowserlessClient.For(App);
        russian.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");

        var (_, page) = await russian.GetAsync($"/letters/{Slug}");
        var (_, embed) = await russian.GetAsync($"/letters/{Slug}/embed?host=partner.example");
        var api = await russian.Http.GetFromJsonAsync<JsonElement>($"/api/letters/{Slug}");

        var headline = page.QuerySelector(".headline-count")!.TextContent.Trim();
        Assert.Equal(Headline("ru", new SignatureCounts(1, 1, 2)), headline);
        Assert.Equal(headline, embed.QuerySelector(".headline-count")!.TextContent.Trim());
        Assert.Equal(headline, api.GetProperty("headline").GetString());
        Assert.Equal(2, api.GetProperty("counts").GetProperty("total").GetInt32()); // the existing fields stay
        Assert.Equal(10, api.GetProperty("goal").GetProperty("signatures").GetInt32());
        Assert.Equal(20, api.GetProperty("goal").GetProperty("percentReached").GetInt32());
        Assert.Equal(page.QuerySelector(".goal-text")!.TextContent, api.GetProperty("goal").GetProperty("text").GetString());
        // The PDF's line comes from the same place, in the document's language.
        var T = App.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        Assert.Equal(headline, LetterDocumentTexts.For(T, "ru").CountsLine(new SignatureCounts(1, 1, 2)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CountWordingTestsOnSqlite(SqliteSlice app) : CountWordingTests(app);
