using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web;
using UnRegion = SignOnLetters.Web.Documents.UnRegion;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Localisation;

/// <summary>The coordinators' pages (status, letters, signature table, review queue) in the reader's language.</summary>
[Collection(SqliteCollection.Name)]
public sealed class CoordinatingLocalisationTests(SqliteSlice app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_show_the_status_page_in_french_with_no_english_left()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var browser = await SignedInAsync(coordinator.Email!, "fr");

        var (response, page) = await browser.GetAsync($"/letters/{Slug}/manage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ouverte aux signatures", page.QuerySelector("span.status")!.TextContent);
        Assert.Equal(["Modifier", "Historique", "Statut et éditeurs", "Page publique"], page.QuerySelectorAll("nav.letter-nav a").Select(a => a.TextContent));
        var buttons = page.QuerySelectorAll("main button, main a.btn").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Clôturer maintenant", buttons);
        Assert.Contains("Enregistrer la date limite", buttons);
        Assert.Contains("Enregistrer les hôtes", buttons);
        var headings = page.QuerySelectorAll("main h2").Select(h => h.TextContent).ToList();
        Assert.Equal(["Statut", "PDF final", "Versions publiées", "Programmation", "Co-éditeurs", "Visibilité dans la liste", "Partager", "Signatures par provenance et intégration"], headings);
        // The letter's language named in French, and the month of the opening date too.
        Assert.Equal("anglais (PDF)", page.QuerySelector(".pdf-downloads a")!.TextContent);
        Assert.Contains("mars 2026", page.QuerySelector(".versions")!.TextContent);
        var main = page.QuerySelector("main")!.TextContent;
        foreach (var english in new[] { "Close now", "Status and editors", "Co-editors", "Final PDF", "Published versions", "Time zone", "Send invitation", "March" })
            Assert.DoesNotContain(english, main);
    }

    [SkippableFact]
    public async Task Should_lay_the_status_page_out_right_to_left_in_arabic_and_say_what_a_step_did()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var browser = await SignedInAsync(coordinator.Email!, "ar");

        var (_, question) = await browser.GetAsync($"/letters/{Slug}/close");
        Assert.Equal("rtl", question.DocumentElement.GetAttribute("dir"));
        Assert.Contains("إغلاق «" + Title + "»؟", question.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("You can reopen", question.Body!.TextContent);
        var closed = await browser.SubmitAsync(question, $"/letters/{Slug}/close", new Dictionary<string, string>(), "#confirm-close form");
        BrowserlessClient.AssertRedirect(closed);
        var (_, page) = await browser.GetAsync(closed.Headers.Location!.OriginalString);

        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Contains("أُغلقت الرسالة.", page.Body!.TextContent);
        Assert.Equal("مغلقة", page.QuerySelector("span.status")!.TextContent);
        Assert.Contains("إعادة الفتح للتوقيعات المتأخرة", page.QuerySelectorAll("main h3").Select(h => h.TextContent));
        Assert.DoesNotContain("The letter is closed.", page.Body!.TextContent);
    }

    [SkippableFact]
    public async Task Should_count_chart_and_list_signatures_in_russian()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        await App.InsertAsync(
            Approved(terms, Organisation("Médecins du Monde", "a@example.org"), 0),
            Approved(terms, Individual("Rui", "rui@example.org"), 60),
            Approved(terms, Individual("Wanjiru", "w@example.org") with { CountryCode = "KE" }, 24 * 60),
            terms.Sign(Individual("Not yet", "n@example.org").Details, SignatureSource.PublicForm, NewTokens(), Now(10)));
        var browser = await SignedInAsync(coordinator.Email!, "ru");

        var (response, page) = await browser.GetAsync($"/letters/{Slug}/signatures?state=Hacked");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Подписи", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["1 организация", "2 частных лица", "3 страны"], page.QuerySelectorAll("ul.status-counts li").Select(li => li.TextContent.Trim()));
        Assert.Equal("Неизвестное состояние «Hacked» пропущено.", page.QuerySelector("#filter-notices li")!.TextContent);
        Assert.Equal("Найдено 4 подписи.", page.QuerySelector("#matching")!.TextContent);
        Assert.Equal("Учтённые подписи по регионам", page.QuerySelector("#chart-regions-title")!.TextContent);
        var regionRows = page.QuerySelectorAll("th[scope=row]").Select(th => th.TextContent).ToList();
        Assert.Equal(["Европа", "Африка"], regionRows);
        var rows = page.QuerySelectorAll("#signature-table tbody tr").ToList();
        var waiting = rows.Single(r => r.TextContent.Contains("Not yet"));
        Assert.Contains("Ожидает подтверждения", waiting.TextContent);
        Assert.Contains("Частное лицо", waiting.TextContent);
        Assert.Contains("Кения", rows.Single(r => r.TextContent.Contains("Wanjiru")).TextContent);
        Assert.Equal(["Подписавший", "Тип", "Страна", "Эл. почта (скрыта)", "Состояние", "Видимость", "Подписано (UTC)"],
            page.QuerySelectorAll("#signature-table thead th").Select(th => th.TextContent.Trim()));
        var main = page.QuerySelector("main")!.TextContent;
        foreach (var english in new[] { "organisations", "individuals", "Waiting for confirmation", "Confirmed signatures over time", "By region", "Europe", "Unknown state", "Clear filters" })
            Assert.DoesNotContain(english, main);
    }

    [SkippableFact]
    public async Task Should_list_the_coordinators_letters_by_state_in_spanish()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await OpenLetterAsync(App, status: LetterStatus.Draft, slug: "a-draft");
        var browser = await SignedInAsync(coordinator.Email!, "es");

        var (_, page) = await browser.GetAsync("/letters");

        Assert.Equal("Sus cartas", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Abierta a firmas (1)", page.QuerySelector("#state-open")!.TextContent);
        Assert.Equal(["Carta", "Por hacer", "Firmas", "Próximamente", "Fecha límite", "Acciones"], page.QuerySelectorAll("#state-open ~ .table-wrap thead th").Select(th => th.TextContent).Take(6));
        Assert.Contains("Carta conjunta", page.QuerySelector("table.letters td")!.TextContent);
        Assert.Contains("Enmendar", page.QuerySelector("table.letters .quick-actions")!.TextContent);
        Assert.DoesNotContain("Open for signatures", page.Body!.TextContent);
    }

    /// <summary>Every state, kind, source and region the domain has gets a name of its own in every
    /// language, so a value added to an enum cannot reach a page as its C# name or as an English word.</summary>
    [Theory]
    [InlineData("fr", "Organisation", "Europe")]
    [InlineData("es", "Asia")]
    [InlineData("ru")]
    [InlineData("ar")]
    public void Should_name_every_state_kind_source_and_region_in_every_language(string language, params string[] sameAsInEnglish)
    {
        var T = App.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var english = Names(T);
            // A name that fell through to the enum's own name ("PendingConfirmation") is no English text.
            Assert.All(english, name => Assert.False(T[name].ResourceNotFound, $"No English text for '{name}'"));
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            var translated = Names(T);

            Assert.Equal(english.Count, translated.Count);
            var untranslated = english.Zip(translated).Where(pair => pair.First == pair.Second).Select(pair => pair.First);
            Assert.Equal(sameAsInEnglish, untranslated);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    /// <summary>The .resources a resx compiles to hold names case-insensitively: "erased" next to
    /// "Erased" silently loses one of them, and a page shows the English key. Every English text the
    /// resources hold must be found again by its own key.</summary>
    [Fact]
    public void Should_find_every_english_text_by_its_key()
    {
        var T = App.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "SignOnLetters.sln")))
            directory = directory.Parent;
        var resx = Path.Combine(directory.FullName, "src", "SignOnLetters.Web", "Resources", "SharedResource.en.resx");
        var english = System.Xml.Linq.XDocument.Load(resx).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var lost = english.Where(text => T[text.Key].ResourceNotFound || T[text.Key].Value != text.Value).Select(text => text.Key).ToList();
            Assert.True(lost.Count == 0, "Not found by their keys: " + string.Join(" | ", lost));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private static List<string> Names(IStringLocalizer T) =>
    [
        .. Enum.GetValues<LetterStatus>().Select(v => T.Of(v)),
        .. Enum.GetValues<LetterStatus>().Select(v => T.GroupOf(v)),
        .. Enum.GetValues<LetterKind>().Select(v => T.Of(v)),
        .. Enum.GetValues<SignatureState>().Select(v => T.Of(v)),
        .. Enum.GetValues<SignatureVisibility>().Select(v => T.Of(v)),
        .. Enum.GetValues<SignerKind>().Select(v => T.Of(v)),
        .. Enum.GetValues<SignatureSource>().Select(v => T.Of(v)),
        .. Enum.GetValues<MailingKind>().Select(v => T.Of(v)),
        .. Enum.GetValues<HoldReason>().Select(v => T.Of(v)),
        .. Enum.GetValues<UnRegion>().Select(v => T.Of((UnRegion?)v)),
        T.Of((UnRegion?)null),
    ];

    private Task<BrowserlessClient> SignedInAsync(string email, string language) => BrowserlessClient.SignedInAsync(App, email, language);

    private DateTime Now(int minutes) => App.Clock.GetUtcNow().UtcDateTime.AddMinutes(minutes);

    private Signature Approved(SigningTerms terms, Sign.Command command, int minutes)
    {
        var signature = terms.Sign(command.Details, SignatureSource.PublicForm, NewTokens(), Now(minutes));
        signature.Confirm(ModerationMode.Automatic, Now(minutes));
        return signature;
    }
}
