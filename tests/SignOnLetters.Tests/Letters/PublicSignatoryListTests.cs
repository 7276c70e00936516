using System.Net;
using AngleSharp.Html.Dom;
using SignOnLetters.Data;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Letters;

/// <summary>
/// The public signatory list at /letters/{slug}/signatories as a visitor without JavaScript meets
/// it: every page reached by its own links, search and country filter, hostile query strings.
/// </summary>
public abstract class PublicSignatoryListTests(SliceFixture app) : SliceTest(app)
{
    private const string ListPath = $"/letters/{Slug}/signatories";

    /// <summary>What one seeded signer must look like on the public list.</summary>
    private sealed record Seeded(Sign.Command Command, string? Shown, IReadOnlyList<string> Hidden);

    [SkippableFact]
    public async Task Should_show_every_public_signatory_exactly_once_when_walking_a_thousand_by_the_next_links()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var seeded = Enumerable.Range(0, 1000).Select(Signer).ToList();
        await App.InsertAsync(seeded.Select((s, i) => Approved(terms, s.Command, i)).ToArray<object>());
        var browser = BrowserlessClient.For(App);

        var shown = new List<string>();
        var pageTexts = new List<string>();
        var visited = new HashSet<string>();
        IHtmlDocument? lastPage = null;
        string? url = ListPath;
        while (url is not null)
        {
            Assert.True(visited.Add(url), $"The \"Next\" link leads back to {url}, already visited.");
            Assert.True(visited.Count <= 20, "More pages than 667 names need.");
            var (response, page) = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"Page {visited.Count} of 14", page.QuerySelector("nav.pager")!.TextContent);
            shown.AddRange(page.QuerySelectorAll("ul.signatories > li > strong").Select(s => s.TextContent.Trim()));
            pageTexts.Add(page.QuerySelector("main")!.TextContent);
            url = page.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");
            lastPage = page;
        }

        Assert.Equal(14, visited.Count);
        var expected = seeded.Where(s => s.Shown is not null).Select(s => s.Shown!).ToList();
        Assert.Equal(667, expected.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        var everything = string.Join('\n', pageTexts);
        var leaked = seeded.SelectMany(s => s.Hidden).Where(everything.Contains).ToList();
        Assert.True(leaked.Count == 0, "Shown though hidden: " + string.Join(", ", leaked.Take(10)));
        // The end of the list accounts for the rest; no other page says so.
        Assert.Contains("and 333 more who asked not to be named", pageTexts[^1]);
        Assert.All(pageTexts.SkipLast(1), text => Assert.DoesNotContain("asked not to be named", text));
        Assert.Equal($"{ListPath}?page=13", lastPage!.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));
    }

    /// <summary>
    /// Signer <paramref name="i"/> of the thousand: a quarter organisations, the rest people (some
    /// naming their organisation), in the three visibilities in turn, in several scripts. Numbers are
    /// four digits so that no name is part of another.
    /// </summary>
    private static Seeded Signer(int i)
    {
        var visibility = (i % 3) switch
        {
            0 => SignatureVisibility.NameAndOrganisation,
            1 => SignatureVisibility.OrganisationOnly,
            _ => SignatureVisibility.CountedNotNamed,
        };
        var script = (i / 7 % 3) switch { 0 => "Latin", 1 => "Кириллица", _ => "عربي" };
        var email = $"signer{i:0000}@example.org";
        if (i % 4 == 0)
        {
            var organisation = $"{script} Network {i:0000}";
            var person = $"{script} Representative {i:0000}";
            var command = Organisation(organisation, email) with { SignerName = person, Role = $"Chair {i:0000}", CountryCode = i % 8 == 0 ? "KE" : "RU", Visibility = visibility };
            return visibility switch
            {
                SignatureVisibility.NameAndOrganisation => new(command, organisation, []),
                SignatureVisibility.OrganisationOnly => new(command, organisation, [person, $"Chair {i:0000}"]),
                _ => new(command, null, [organisation, person, $"Chair {i:0000}"]),
            };
        }
        var name = $"{script} Person {i:0000}";
        // An individual shown "organisation only" is shown by the organisation given for identification.
        var employer = visibility == SignatureVisibility.OrganisationOnly || i % 2 == 0 ? $"{script} Employer {i:0000}" : null;
        var individual = Individual(name, email) with { OrganisationName = employer, CountryCode = i % 5 == 0 ? "AR" : "PT", Visibility = visibility };
        return visibility switch
        {
            SignatureVisibility.NameAndOrganisation => new(individual, name, []),
            SignatureVisibility.OrganisationOnly => new(individual, employer, [name]),
            _ => new(individual, null, employer is null ? [name] : [name, employer]),
        };
    }

    [SkippableFact]
    public async Task Should_find_signatories_by_name_or_organisation_in_any_script_and_case_but_only_by_what_is_shown()
    {
        await SeedSmallListAsync();

        Assert.Equal(["Сеть ЛЖВ"], await ShownAsync("?q=мария"));
        Assert.Equal(["Сеть ЛЖВ"], await ShownAsync("?q=%D0%A1%D0%95%D0%A2%D0%AC"));   // "СЕТЬ"
        Assert.Equal(["Médecins du Monde"], await ShownAsync("?q=M%C3%89DECINS"));
        Assert.Equal(["Rui Costa"], await ShownAsync("?q=porto"));
        Assert.Equal(["Visible Employer"], await ShownAsync("?q=employer"));
        // Names given with "organisation only", and everything of "counted, not named", are not searched.
        foreach (var hidden in new[] { "Secret", "Hidden", "Private" })
        {
            var (_, page) = await GetAsync($"?q={hidden}");
            Assert.Empty(page.QuerySelectorAll("ul.signatories li"));
            Assert.Equal("No signatory matches this search. Show all signatories", Squash(page.QuerySelector("#matching")!.TextContent));
        }
        // SQL wildcards are letters like any other.
        Assert.Equal(["Harm Reduction 100%_Network"], await ShownAsync("?q=%25"));
        Assert.Equal(["Harm Reduction 100%_Network"], await ShownAsync("?q=_"));
        Assert.Equal(["Harm Reduction 100%_Network"], await ShownAsync("?q=0%25_N"));
        Assert.Empty(await ShownAsync("?q=Rui_Costa"));
    }

    [SkippableFact]
    public async Task Should_answer_a_hidden_signers_name_or_any_address_exactly_as_a_name_that_never_signed()
    {
        await SeedSmallListAsync();
        // The page as the search left it, the term itself set aside (it is echoed in the search box).
        async Task<string> AnswerAsync(string term)
        {
            var (response, page) = await GetAsync("?q=" + Uri.EscapeDataString(term));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return page.QuerySelector("main")!.InnerHtml.Replace(term, "TERM", StringComparison.Ordinal);
        }
        var never = await AnswerAsync("Nobody Signed");
        Assert.Contains("No signatory matches this search.", never);
        // Names behind "organisation only" and "counted, not named", and every e-mail address, shown signer's or not.
        foreach (var term in new[] { "Secret Representative", "Private Name", "Hidden Person", "hidden@example.org", "secret@example", "rui@example.org", "example.org" })
            Assert.Equal(never, await AnswerAsync(term));

        // Nor by its time: a hidden name found in the index costs one row more to reject (medians, interleaved).
        var hidden = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 31; i++)
            foreach (var (term, times) in new[] { ("Secret Representative", hidden), ("Nobody Signed Here", unknown) })
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var model = await App.SendAsync(new Signatories.Query(Slug, Search: term));
                times.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(0, model.Matching);
            }
        var ratio = hidden.Order().ElementAt(15) / unknown.Order().ElementAt(15);
        Assert.InRange(ratio, 0.5, 2.0);
    }

    [SkippableFact]
    public async Task Should_filter_by_country_and_keep_search_and_country_on_every_page_link()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var signatures = Enumerable.Range(0, 72).Select(i => Approved(terms, Individual($"Youth Worker {i:00}", $"youth{i}@example.org") with
        {
            CountryCode = i % 6 == 0 ? "PT" : "KE",
            OrganisationName = "Youth Network",
        }, i)).ToList();
        signatures.Add(Approved(terms, Individual("Ama Mensah", "ama@example.org") with { CountryCode = "KE" }, 70));
        await App.InsertAsync(signatures.ToArray<object>());

        var (_, first) = await GetAsync("?q=youth&country=ke");
        Assert.Equal("60 signatures match.", first.QuerySelector("#matching")!.TextContent.Trim());
        Assert.Equal("KE", first.QuerySelector("#country option[selected]")!.GetAttribute("value"));
        Assert.Equal("youth", first.QuerySelector("#q")!.GetAttribute("value"));
        // The filter offers the countries of the list, no others.
        Assert.Equal(new[] { "", "KE", "PT" }, first.QuerySelectorAll("#country option").Select(o => o.GetAttribute("value") ?? "?").Order().ToArray());
        var next = first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal($"{ListPath}?q=youth&country=KE&page=2", next);
        Assert.Null(first.QuerySelector("nav.pager a[rel=prev]"));

        var (_, second) = await BrowserlessClient.For(App).GetAsync(next);
        Assert.Contains("Page 2 of 2", second.QuerySelector("nav.pager")!.TextContent);
        Assert.Equal(Enumerable.Range(0, 72).Where(i => i % 6 != 0).Skip(50).Select(i => $"Youth Worker {i:00}"),
            second.QuerySelectorAll("ul.signatories > li > strong").Select(s => s.TextContent.Trim()));
        Assert.Equal($"{ListPath}?q=youth&country=KE", second.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));

        Assert.Equal(12, (await ShownAsync("?country=PT")).Count);
        Assert.Empty(await ShownAsync("?q=ama&country=PT"));
    }

    [SkippableTheory]
    [InlineData("?q=%00", "Control characters were removed from the search.")]
    [InlineData("?q=Rui%00Costa", "Control characters were removed from the search.")]
    [InlineData("?q=%01%1B%7F", "Control characters were removed from the search.")]
    [InlineData("?country=ZZ", "Unknown country \"ZZ\" ignored.")]
    [InlineData("?country=%3Cscript%3Ealert(1)%3C/script%3E", "Unknown country \"<script>alert(1)</script>\" ignored.")]
    [InlineData("?country=%00%00", "Unknown country \"\uFFFD\uFFFD\" ignored.")]
    [InlineData("?page=abc", "Page \"abc\" does not exist; showing the first page.")]
    [InlineData("?page=-1", "Page \"-1\" does not exist; showing the first page.")]
    [InlineData("?page=0", "Page \"0\" does not exist; showing the first page.")]
    [InlineData("?page=99999999999999999999", "Page \"99999999999999999999\" does not exist; showing the first page.")]
    public async Task Should_answer_a_hostile_query_string_with_a_notice_and_the_list(string query, string notice)
    {
        await SeedSmallListAsync();
        var (response, page) = await GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(notice, page.QuerySelector("#filter-notices")!.TextContent.Trim());
        Assert.NotEmpty(page.QuerySelectorAll("ul.signatories li"));
        Assert.Null(page.QuerySelector("script"));
    }

    [SkippableFact]
    public async Task Should_cut_a_very_long_search_and_still_answer()
    {
        await SeedSmallListAsync();
        var (response, page) = await GetAsync("?q=" + new string('a', 5000) + "&country=" + new string('B', 5000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notices = page.QuerySelectorAll("#filter-notices li").Select(li => li.TextContent).ToList();
        Assert.Contains($"The search was cut to its first {ListQueryInput.SearchMaxLength} characters.", notices);
        Assert.Contains(notices, n => n.StartsWith("Unknown country \"BBBB") && n.EndsWith("…\" ignored.") && n.Length < 80);
        Assert.Equal(new string('a', ListQueryInput.SearchMaxLength), page.QuerySelector("#q")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector(".no-match"));
        // A search of control characters only is no search.
        Assert.Equal(5, (await ShownAsync("?q=%00%0A%09")).Count);
        // The API reads the same query string.
        var api = await BrowserlessClient.For(App).Http.GetAsync($"/api/letters/{Slug}/signatories?q=%25%00&country=xx");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains("Harm Reduction 100%_Network", await api.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Should_read_search_syntax_and_direction_controls_as_text_and_never_fail()
    {
        await SeedSmallListAsync();
        // FTS5 operators, quotes and wildcards find themselves or nothing; the organisation's own "%_" is found as text.
        foreach (var hostile in new[] { "\"", "\"\"", "*", "a*", "NEAR(a b)", "x OR y", "Rui\" OR \"Secret", "Secret NOT Rui", "{SignerName}: Secret", "SignerName : Secret", "^Rui", "' --", "\\" })
        {
            var (response, page) = await GetAsync("?q=" + Uri.EscapeDataString(hostile));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(page.QuerySelector(".no-match"));
        }
        Assert.Equal(["Harm Reduction 100%_Network"], await ShownAsync("?q=" + Uri.EscapeDataString("0%_n")));
        // A short term is no FTS5 query at all: "OR" is the letters o and r, shown by two organisations' names.
        Assert.Equal(["Harm Reduction 100%_Network", "Rui Costa"], await ShownAsync("?q=OR"));
        // Right-to-left and other direction controls: kept in the term (they are text), the page still answers.
        foreach (var controls in new[] { "\u202ERui", "\u200FРуи\u200E", "\u2067Costa\u2069", "\u061C\u202B\u202C" })
        {
            var (response, page) = await GetAsync("?q=" + Uri.EscapeDataString(controls));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(page.QuerySelector("#matching"));
        }
        // The longest search the box allows, through the index.
        var (longResponse, longPage) = await GetAsync("?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("\"Рui* NEAR(", 60))));
        Assert.Equal(HttpStatusCode.OK, longResponse.StatusCode);
        Assert.NotNull(longPage.QuerySelector(".no-match"));
    }

    [SkippableFact]
    public async Task Should_count_a_common_search_up_to_its_limit_and_page_through_its_first_matches_in_the_lists_order()
    {
        const int limit = SignatureSearch.CountLimit;
        var (letter, _, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        // Individuals named "Common …" in signing order, an organisation whose name matches (listed first) signing
        // among them and one signing after the first 1,000 matches, and matches the list must not count: hidden
        // names, an "organisation only" person's name, e-mail addresses.
        var signatures = Enumerable.Range(0, limit + 10)
            .Select(i => Approved(terms, Individual($"Common Name {i:0000}", $"c{i}@example.org"), i)).ToList();
        signatures.Insert(5, Approved(terms, Organisation("Common Ground Network", "net@example.org"), 5));
        // "Organisation only" people whose names match, among the first: found by name in the index, never counted,
        // so the first matches are read in more than one round (SignatureSearch.FirstShownMatchesAsync).
        signatures.InsertRange(10, Enumerable.Range(0, 3).Select(i => Approved(terms, Individual($"Private Common {i}", $"pc{i}@example.org") with
        {
            OrganisationName = "Silent Employer", Visibility = SignatureVisibility.OrganisationOnly,
        }, 10)));
        signatures.Add(Approved(terms, Organisation("Late Common Alliance", "late@example.org"), limit + 20));
        signatures.Add(Approved(terms, Individual("Hidden Common", "h@example.org") with { Visibility = SignatureVisibility.CountedNotNamed }, limit + 21));
        signatures.Add(Approved(terms, Individual("Private Common", "p@example.org") with
        {
            OrganisationName = "Quiet Employer", Visibility = SignatureVisibility.OrganisationOnly,
        }, limit + 22));
        signatures.Add(Approved(terms, Individual("Rare Person", "common.rare@example.org"), limit + 23));
        await App.InsertAsync(signatures.ToArray<object>());

        var common = await App.SendAsync(new Signatories.Query(Slug, Search: "COMMON"));
        Assert.True(common.MoreMatch);
        Assert.Equal(limit, common.Matching);
        Assert.Equal(limit / Signatories.QueryHandler.PageSize, common.PageCount);
        // The pages hold the first 1,000 matches signed, in the list's order: the organisation that signed among
        // them first; the one that signed after them is on no page (the list's order alone would put it second).
        Assert.Equal(new[] { "Common Ground Network" }.Concat(Enumerable.Range(0, 49).Select(i => $"Common Name {i:0000}")),
            common.Items.Select(p => p.Headline));
        // The last page offered holds the limit's last matches in the list's order, counted from the start (the real end lies further).
        var last = await App.SendAsync(new Signatories.Query(Slug, Search: "common", Page: "999"));
        Assert.Equal(common.PageCount, last.Page);
        Assert.True(last.MoreMatch);
        Assert.Equal(Enumerable.Range(limit - 50, 50).Select(i => $"Common Name {i - 1:0000}"), last.Items.Select(p => p.Headline));
        var fromLink = await App.SendAsync(new Signatories.Query(Slug, Search: "common", Page: "2", After: common.NextCursor));
        Assert.Equal((await App.SendAsync(new Signatories.Query(Slug, Search: "common", Page: "2"))).Items, fromLink.Items);

        // Few matches are counted exactly, by what the list shows only.
        var few = await App.SendAsync(new Signatories.Query(Slug, Search: "name 100"));
        Assert.False(few.MoreMatch);
        Assert.Equal(10, few.Matching);
        Assert.Equal(Enumerable.Range(1000, 10).Select(i => $"Common Name {i:0000}"), few.Items.Select(p => p.Headline));
        foreach (var notShown in new[] { "Hidden Common", "Private Common", "common.rare", "c5@example" })
        {
            var model = await App.SendAsync(new Signatories.Query(Slug, Search: notShown));
            Assert.Equal((0, false), (model.Matching, model.MoreMatch));
        }
        Assert.Equal(["Quiet Employer"], (await App.SendAsync(new Signatories.Query(Slug, Search: "quiet emp"))).Items.Select(p => p.Headline));

        var (_, page) = await GetAsync("?q=common");
        Assert.Equal("More than 1,000 signatures match. The pages show the first 1,000; narrow the search to see the others.",
            page.QuerySelector("#matching")!.TextContent.Trim());
        Assert.Contains("Page 1 of 20", page.QuerySelector("nav.pager")!.TextContent);
        var (_, rare) = await GetAsync("?q=rare+pers");
        Assert.Equal("1 signature matches.", rare.QuerySelector("#matching")!.TextContent.Trim());
        var api = await BrowserlessClient.For(App).Http.GetAsync($"/api/letters/{Slug}/signatories?q=common");
        var json = System.Text.Json.JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((1000, true, 20), (json.GetProperty("matching").GetInt32(), json.GetProperty("moreMatch").GetBoolean(), json.GetProperty("pageCount").GetInt32()));
    }

    [SkippableFact]
    public async Task Should_say_how_many_asked_not_to_be_named_in_the_readers_language()
    {
        await SeedSmallListAsync();
        var (_, english) = await GetAsync("");
        Assert.Equal("and 1 more who asked not to be named", english.QuerySelector(".signatories-unnamed")!.TextContent.Trim());
        // Signed from the public form, naming no registered organisation: nobody verified it (issue 18 row 3).
        Assert.Equal("Médecins du Monde, Ana Silva, Director (France) (unverified)", Squash(english.QuerySelector("ul.signatories li")!.TextContent));
        // Never per search or country: that would tell something about them.
        var (_, searched) = await GetAsync("?country=PT");
        Assert.Null(searched.QuerySelector(".signatories-unnamed"));

        var browser = BrowserlessClient.For(App);
        foreach (var (language, expected, noMatch) in new[]
        {
            ("fr", "et 1 autre signataire qui a demandé à ne pas être nommé", "Aucun signataire ne correspond à cette recherche."),
            ("es", "y 1 firmante más que pidió no ser nombrado", "Ningún firmante coincide con esta búsqueda."),
            ("ru", "и ещё 1 подписант, попросивший не называть его", "Никто из подписавших не соответствует этому запросу."),
            ("ar", "وموقّع واحد آخر طلب عدم ذكر اسمه", "لا يوجد موقّع يطابق هذا البحث."),
        })
        {
            browser.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
            browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            var (_, page) = await browser.GetAsync(ListPath);
            Assert.Equal(expected, page.QuerySelector(".signatories-unnamed")!.TextContent.Trim());
            // Arabic writes its own comma; names keep their direction inside it (bdi).
            Assert.StartsWith(language == "ar" ? "Médecins du Monde، Ana Silva، Director (" : "Médecins du Monde, Ana Silva, Director (",
                Squash(page.QuerySelector("ul.signatories li")!.TextContent));
            Assert.Equal(3, page.QuerySelectorAll("ul.signatories li:first-child bdi").Length);
            var (_, none) = await browser.GetAsync($"{ListPath}?q=zzzz");
            Assert.StartsWith(noMatch, none.QuerySelector("#matching")!.TextContent.Trim());
        }
        // The letter page's list is the whole list here (one page), so it ends the same way.
        var (_, letterPage) = await GetAsync("", $"/letters/{Slug}");
        Assert.Equal("and 1 more who asked not to be named", letterPage.QuerySelector(".signatories-unnamed")!.TextContent.Trim());
    }

    [SkippableFact]
    public async Task Should_say_there_is_no_name_to_show_when_every_signatory_asked_not_to_be_named()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        await App.InsertAsync(Approved(terms, Individual() with { Visibility = SignatureVisibility.CountedNotNamed }, 0));
        var (_, page) = await GetAsync("");
        Assert.Contains("No names to show: every signatory so far asked not to be named.", page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Rui", page.QuerySelector("main")!.TextContent);
    }

    [SkippableFact]
    public async Task Should_page_the_coordinators_signature_table_by_its_next_link()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        await App.InsertAsync(Enumerable.Range(0, 55).Select(i => Approved(terms, Individual($"Person {i:00}", $"person{i}@example.org"), i)).ToArray<object>());
        var browser = await BrowserlessClient.SignedInAsync(App, coordinator.Email!, "en");

        var (_, first) = await browser.GetAsync($"/letters/{Slug}/signatures?sort=Oldest");
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var (response, second) = await browser.GetAsync(next);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = second.QuerySelector("#signature-table")!.TextContent;
        Assert.Contains("Person 50", rows);
        Assert.DoesNotContain("Person 49", rows);
        Assert.Null(second.QuerySelector("#filter-notices"));
    }

    /// <summary>Six signers in two scripts, five of them listed (the sixth counted, not named).</summary>
    private async Task SeedSmallListAsync()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        await App.InsertAsync(
            Approved(terms, Organisation("Médecins du Monde", "ana@example.org"), 0),
            Approved(terms, Organisation("Сеть ЛЖВ", "maria@example.org") with { SignerName = "Мария Иванова", CountryCode = "RU" }, 1),
            Approved(terms, Organisation("Harm Reduction 100%_Network", "secret@example.org") with
            {
                SignerName = "Secret Representative", CountryCode = "KE", Visibility = SignatureVisibility.OrganisationOnly,
            }, 2),
            Approved(terms, Individual("Rui Costa", "rui@example.org") with { OrganisationName = "Universidade do Porto" }, 3),
            Approved(terms, Individual("Hidden Person", "hidden@example.org") with
            {
                OrganisationName = "Hidden Employer", Visibility = SignatureVisibility.CountedNotNamed,
            }, 4),
            Approved(terms, Individual("Private Name", "private@example.org") with
            {
                OrganisationName = "Visible Employer", CountryCode = "BR", Visibility = SignatureVisibility.OrganisationOnly,
            }, 5));
    }

    private Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(string query, string path = ListPath) =>
        BrowserlessClient.For(App).GetAsync(path + query);

    private async Task<List<string>> ShownAsync(string query)
    {
        var (response, page) = await GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page.QuerySelectorAll("ul.signatories > li > strong").Select(s => s.TextContent.Trim()).ToList();
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private Signature Approved(SigningTerms terms, Sign.Command command, int minutes) => SigningScenario.Approved(App, terms, command, minutes);
}

[Collection(SqliteCollection.Name)]
public sealed class PublicSignatoryListTestsOnSqlite(SqliteSlice app) : PublicSignatoryListTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PublicSignatoryListTestsOnPostgres(PostgresSlice app) : PublicSignatoryListTests(app);
