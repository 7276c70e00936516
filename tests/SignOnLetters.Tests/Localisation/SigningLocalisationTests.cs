using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using AngleSharp.Html.Parser;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Letters;
using SignOnLetters.Tests.Signatures;
using SignOnLetters.Tests.Documents;
using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Web;
using SignOnLetters.Web.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Localisation;

/// <summary>What a signer reads (the letter page, the sign form, its error messages and e-mails) in their language.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SigningLocalisationTests(SqliteSlice app) : SliceTest(app)
{
    private static readonly HtmlParser Parser = new();

    /// <summary>An open letter with an English and a French version.</summary>
    private async Task OpenBilingualLetterAsync()
    {
        var (letter, coordinator, _) = await SigningScenario.OpenLetterAsync(App, status: LetterStatus.Draft);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.ExecuteDbContextAsync(async db =>
        {
            var draft = await db.Letters.Include(l => l.Texts).Include(l => l.Addressees).Include(l => l.Revisions).SingleAsync(l => l.Id == letter.Id);
            draft.EditDraft(LetterRuleTests.ReadyDraft(null,
                new LetterText("en", SigningScenario.Title, "Dear Minister, we write to you."),
                new LetterText("fr", "Mettre fin à la guerre contre les drogues", "Madame la Ministre, nous vous écrivons.")), coordinator.Id, now);
            draft.Open(coordinator.Id, now);
            await db.SaveChangesAsync();
        });
    }

    private BrowserlessClient ReaderIn(string language)
    {
        var browser = BrowserlessClient.For(App);
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return browser;
    }

    [SkippableFact]
    public async Task Should_show_the_letter_page_and_sign_form_in_french_with_the_french_version()
    {
        await OpenBilingualLetterAsync();

        var (_, page) = await ReaderIn("fr").GetAsync($"/letters/{SigningScenario.Slug}");

        Assert.Equal("Mettre fin à la guerre contre les drogues", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("fr", page.QuerySelector("article.letter")!.GetAttribute("lang"));
        Assert.Contains("Ouverte aux signatures", page.QuerySelector(".letter-kind")!.TextContent);
        Assert.Equal("Pas encore signée", page.QuerySelector(".headline-count strong")!.TextContent);
        Assert.Equal("Votre nom", page.QuerySelector("label[for=Data_SignerName]")!.TextContent.Trim());
        Assert.Equal("Signer", page.QuerySelector("#sign button[type=submit]")!.TextContent.Trim());
        var text = page.Body!.TextContent;
        foreach (var english in new[] { "Open for signatures", "Signed by", "Your name", "How your signature appears", "I agree that my signature", "Authors" })
            Assert.DoesNotContain(english, text);
    }

    [SkippableFact]
    public async Task Should_keep_the_primary_version_for_a_reader_who_chose_no_language()
    {
        await OpenBilingualLetterAsync();

        var (_, page) = await BrowserlessClient.For(App).GetAsync($"/letters/{SigningScenario.Slug}");

        Assert.Equal(SigningScenario.Title, page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Not yet signed", page.QuerySelector(".headline-count strong")!.TextContent);
    }

    [SkippableFact]
    public async Task Should_count_signatories_with_russian_and_arabic_plural_forms()
    {
        await SigningScenario.OpenLetterAsync(App);
        foreach (var (organisation, email) in new[] { ("Médecins du Monde", "a@example.org"), ("Harm Reduction International", "b@example.org") })
        {
            await App.SendAsync(SigningScenario.Organisation(organisation, email));
            var link = EmailBox.LinkContaining(App.Emails.LatestTo(email), "/signatures/confirm/");
            await App.SendAsync(new SignOnLetters.Web.Pages.Signing.Confirm.Command(link[(link.LastIndexOf('/') + 1)..]));
        }

        var (_, russian) = await ReaderIn("ru").GetAsync($"/letters/{SigningScenario.Slug}/signatories");
        var (_, arabic) = await ReaderIn("ar").GetAsync($"/letters/{SigningScenario.Slug}/signatories");

        Assert.Equal("2 организации из 1 страны", russian.QuerySelector(".headline-count strong")!.TextContent);
        Assert.Equal("Подписавшие", russian.QuerySelector("h1")!.TextContent);
        Assert.Equal("منظمتان من بلد واحد", arabic.QuerySelector(".headline-count strong")!.TextContent);
        Assert.Equal("rtl", arabic.DocumentElement.GetAttribute("dir"));
    }

    [SkippableFact]
    public async Task Should_explain_what_is_wrong_with_the_form_in_russian_and_keep_what_was_typed()
    {
        await SigningScenario.OpenLetterAsync(App);
        var browser = ReaderIn("ru");

        var response = await browser.SubmitFormAsync($"/letters/{SigningScenario.Slug}/sign", new Dictionary<string, string>
        {
            ["Data.Kind"] = "Individual",
            ["Data.SignerName"] = "Анна\u202EКарен",
            ["Data.CountryCode"] = "",
            ["Data.Email"] = "anna@example.org",
            ["Data.Visibility"] = "NameAndOrganisation",
        }, "#sign form");
        var page = Parser.ParseDocument(await response.Content.ReadAsStringAsync());

        var errors = string.Join("\n", page.QuerySelectorAll(".field-validation-error, #form-errors li").Select(e => e.TextContent));
        Assert.Contains("Ваше имя: содержит скрытые символы смены направления текста.", errors);
        Assert.Contains("Выберите страну из списка.", errors);
        Assert.Contains("Пожалуйста, согласитесь с тем, как мы храним и показываем вашу подпись.", errors);
        Assert.DoesNotContain("Please", errors);
        Assert.Equal("anna@example.org", page.QuerySelector("#Data_Email")!.GetAttribute("value"));
    }

    [SkippableFact]
    public async Task Should_refuse_a_closed_letter_in_spanish()
    {
        await SigningScenario.OpenLetterAsync(App, status: LetterStatus.Closed);
        var http = App.Factory.CreateClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var response = await http.PostAsJsonAsync($"/api/letters/{SigningScenario.Slug}/signatures", SigningScenario.Json(SigningScenario.Organisation()));

        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("Esta carta está cerrada: ya no recoge firmas.", problem.GetProperty("detail").GetString());
        Assert.Equal("La carta no acepta esta firma.", problem.GetProperty("title").GetString());
    }

    [SkippableFact]
    public async Task Should_write_to_a_signer_in_the_language_they_signed_in_even_when_the_link_is_asked_for_again_in_another()
    {
        await SigningScenario.OpenLetterAsync(App);

        var signed = await ReaderIn("ru").SubmitFormAsync($"/letters/{SigningScenario.Slug}/sign", new Dictionary<string, string>
        {
            ["Data.Kind"] = "Individual",
            ["Data.SignerName"] = "Анна Каренина",
            ["Data.CountryCode"] = "RU",
            ["Data.Email"] = "anna@example.org",
            ["Data.Visibility"] = "NameAndOrganisation",
            ["Data.Consent"] = "true",
        }, "#sign form");
        BrowserlessClient.AssertRedirect(signed);
        var confirmation = App.Emails.LatestTo("anna@example.org");

        Assert.Equal($"Подтвердите подпись: \u2068{SigningScenario.Title}\u2069", confirmation.Subject);
        Assert.Contains($"Спасибо, что подписали <strong><bdi>{SigningScenario.Title}</bdi></strong>.", confirmation.HtmlBody);
        Assert.Contains(">Подтвердите подпись</a>", confirmation.HtmlBody);
        Assert.Contains(">Отозвать мою подпись</a>", confirmation.HtmlBody);
        Assert.DoesNotContain("Thank you", confirmation.HtmlBody);

        // Asked again, later, from a browser that sends no language: the signer still gets Russian.
        App.Clock.Advance(SignOnLetters.Domain.Signatures.Signature.ConfirmationResendInterval);
        var resent = await BrowserlessClient.For(App).SubmitFormAsync($"/letters/{SigningScenario.Slug}/sign/resend",
            new Dictionary<string, string> { ["Data.Email"] = "anna@example.org" });
        BrowserlessClient.AssertRedirect(resent);
        Assert.Equal(2, App.Emails.To("anna@example.org").Count);
        Assert.StartsWith("Подтвердите подпись:", App.Emails.LatestTo("anna@example.org").Subject);
    }

    [SkippableFact]
    public async Task Should_write_to_an_api_signer_who_chose_no_language_in_the_letters_language()
    {
        var (letter, _, _) = await SigningScenario.OpenLetterAsync(App);
        await App.ExecuteDbContextAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"Letters\" SET \"PrimaryLanguage\" = 'es' WHERE \"Id\" = {0}", letter.Id));

        await App.Factory.CreateClient().PostAsJsonAsync($"/api/letters/{SigningScenario.Slug}/signatures",
            SigningScenario.Json(SigningScenario.Organisation(email: "lucia@example.org")));

        Assert.StartsWith("Confirme su firma:", App.Emails.LatestTo("lucia@example.org").Subject);
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_print_the_pdfs_fixed_texts_in_the_letters_language_with_its_plural_forms()
    {
        var T = App.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        LetterDocumentModel Letter(string language) => SampleLetters.Letter(
            organisations: [new OrganisationSignatory("Clinique Alpha", "FR"), new OrganisationSignatory("Clinique Bêta", "SN")],
            individuals: [new IndividualSignatory("Ada Lovelace", "GB", "Analytical Society")],
            language: language);

        var french = LetterDocumentReadBackTests.ReadInReadingOrder(LetterDocument.Generate(Letter("fr"), LetterDocumentTexts.For(T, "fr")));
        var arabic = LetterDocumentReadBackTests.ReadInReadingOrder(LetterDocument.Generate(Letter("ar"), LetterDocumentTexts.For(T, "ar")));

        foreach (var expected in new[] { "3 signataires de 3 pays : 2 organisations et 1 personne", "Signataires", "Personnes", "Version 2 : Added the third demand", "Clinique Alpha — France", "1 mars 2025" })
            Assert.Contains(PdfText.Normalise(expected), french);
        foreach (var english in new[] { "Signed by", "Signatories", "Individuals", "Page 1 of", "identification only" })
            Assert.DoesNotContain(PdfText.Normalise(english), french);
        // pdftotext gives Arabic in logical order but moves numbers and splits some marks and
        // ligatures (shadda, lam-alef), so the Arabic texts are checked by their plain words.
        foreach (var expected in new[] { "منظمتان", "بلدان", "وفرد واحد", "المنظمات للتعريف فقط" })
            Assert.Contains(PdfText.Normalise(expected), arabic);
        Assert.DoesNotContain(PdfText.Normalise("Signed by"), arabic);
    }

    /// <summary>Validation messages are translated where FluentValidation formats them, by their English
    /// template and field name: a template or WithName without a resource would reach readers in English.</summary>
    [Fact]
    public void Should_have_a_resource_for_every_validation_template_and_field_name()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SignOnLetters.sln")))
            root = Path.GetDirectoryName(root)!;
        var web = Path.Combine(root, "src", "SignOnLetters.Web");
        var english = System.Xml.Linq.XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var literal = new System.Text.RegularExpressions.Regex(@"\.(?:WithMessage|WithName)\(""((?:[^""\\]|\\.)*)""\)");
        var keys = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => literal.Matches(File.ReadAllText(f)).Select(m => System.Text.RegularExpressions.Regex.Unescape(m.Groups[1].Value)))
            .Distinct().ToList();
        var missing = keys.Where(key => !english.Contains(key)).ToList();

        Assert.Contains("Please agree to how we keep and show your signature.", keys);
        Assert.Contains("Your name", keys);
        Assert.True(missing.Count == 0, "No resource for:\n" + string.Join("\n", missing));
    }
}
