using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;
using Index = SignOnLetters.Web.Pages.Signatures.Index;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Signatures;

/// <summary>The coordinators' signature table: search, filters, sorting, paging, counts and charts.</summary>
public abstract class SignatureTableTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_search_filter_sort_and_page_every_signature_with_its_private_fields()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var signatures = new List<Signature>();
        for (var i = 0; i < 55; i++)
            signatures.Add(Approved(terms, Individual($"Person {i:00}", $"person{i}@example.org") with { CountryCode = i % 2 == 0 ? "PT" : "KE" }, i));
        signatures.Add(Approved(terms, Organisation("Zeta Network", "zeta@example.org") with { Visibility = SignatureVisibility.OrganisationOnly }, 60));
        signatures.Add(Approved(terms, Organisation("Alpha Alliance", "alpha@alliance.example"), 61));
        var pending = terms.Sign(Individual("Waiting Person", "waiting@example.org").Details, SignatureSource.PublicForm, NewTokens(), Now(62));
        await App.InsertAsync([.. signatures, pending]);
        App.RunAs(coordinator);

        var all = await App.SendAsync(new Index.Query(Slug));
        Assert.Equal((58, 2, 50), (all.Matching, all.PageCount, all.Rows.Count));
        Assert.Equal("Waiting Person", all.Rows[0].SignerName);
        var second = await App.SendAsync(new Index.Query(Slug, Page: "2"));
        Assert.Equal(8, second.Rows.Count);
        Assert.Equal("/letters/end-the-war-on-drugs/signatures?page=2", all.Link(page: 2));

        Assert.Equal("alpha@alliance.example", Assert.Single((await App.SendAsync(new Index.Query(Slug, Search: "ALLIANCE.EXAMPLE"))).Rows).Email);
        Assert.Equal("Zeta Network", Assert.Single((await App.SendAsync(new Index.Query(Slug, Search: "zeta"))).Rows).OrganisationName);
        Assert.Equal(10, (await App.SendAsync(new Index.Query(Slug, Search: "person 1"))).Matching);
        Assert.Equal(2, (await App.SendAsync(new Index.Query(Slug, Type: "organisation"))).Matching);
        Assert.Equal("waiting@example.org", Assert.Single((await App.SendAsync(new Index.Query(Slug, State: "PendingConfirmation"))).Rows).Email);
        Assert.Equal(27, (await App.SendAsync(new Index.Query(Slug, Country: "ke", State: "approved"))).Matching);
        Assert.Single((await App.SendAsync(new Index.Query(Slug, Visibility: "OrganisationOnly"))).Rows);

        var byName = await App.SendAsync(new Index.Query(Slug, Sort: "name", Type: "Organisation"));
        Assert.Equal(["Alpha Alliance", "Zeta Network"], byName.Rows.Select(r => r.OrganisationName));
        Assert.Contains("sort=Name", byName.Link(page: 1));
        var byCountry = await App.SendAsync(new Index.Query(Slug, Sort: "country"));
        Assert.Equal("FR", byCountry.Rows[0].CountryCode);
        var oldest = await App.SendAsync(new Index.Query(Slug, Sort: "Oldest"));
        Assert.Equal("Person 00", oldest.Rows[0].SignerName);
    }

    [SkippableFact]
    public async Task Should_find_names_in_every_script_by_any_part_of_them_and_follow_changes_to_a_name()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        await App.InsertAsync(
        [
            Approved(terms, Individual("Ольга Смирнова", "olga@example.org"), 1),
            Approved(terms, Individual("فاطمة الخطيب", "fatima@example.org"), 2),
            Approved(terms, Individual("山田美咲子", "yamada@example.org"), 3),
            Approved(terms, Individual("김지훈", "jihun@example.org"), 4),
            Approved(terms, Organisation("Réseau \"Zéro\" 100% (test_1)", "reseau@example.org"), 5),
            Approved(terms, Individual("Amadou Traoré", "amadou@mail.example"), 6),
        ]);
        App.RunAs(coordinator);
        async Task<string[]> Found(string search) =>
            (await App.SendAsync(new Index.Query(Slug, Search: search))).Rows.Select(r => r.Email!).Order().ToArray();

        // Cyrillic in the other case, a middle part of an Arabic name, of a Japanese one, a whole two-letter Korean given name.
        Assert.Equal(["olga@example.org"], await Found("СМИРНОВ"));
        Assert.Equal(["olga@example.org"], await Found("ольга"));
        Assert.Equal(["fatima@example.org"], await Found("لخطي"));
        Assert.Equal(["yamada@example.org"], await Found("田美咲"));
        Assert.Equal(["yamada@example.org"], await Found("美咲"));
        Assert.Equal(["jihun@example.org"], await Found("지훈"));
        Assert.Equal(["amadou@mail.example"], await Found("MAIL.EXAMPLE"));
        Assert.Equal(["amadou@mail.example"], await Found("traoré"));
        // Search syntax is text: quotes, wildcards and operators find themselves or nothing, never an error.
        Assert.Equal(["reseau@example.org"], await Found("\"Zéro\""));
        Assert.Equal(["reseau@example.org"], await Found("100%"));
        Assert.Equal(["reseau@example.org"], await Found("test_1"));
        foreach (var hostile in new[] { "a*", "x OR y", "NEAR(a b)", "olga\" OR \"", "\\", "' --" })
            Assert.Empty(await Found(hostile));

        // A name changed in place (erasure, anonymisation) is found by its new text only.
        await App.ExecuteDbContextAsync(db => db.Signatures.Where(s => s.Email == "olga@example.org")
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SignerName, "Erased Signer")));
        Assert.Empty(await Found("Смирнова"));
        Assert.Equal(["olga@example.org"], await Found("erased sig"));
    }

    /// <summary>
    /// The search finds exactly the signatures whose name, organisation or e-mail contains the term, case ignored
    /// (checked against the stored rows themselves), whichever way the provider finds them (SQLite's FTS5 table,
    /// PostgreSQL's lower-cased column, the plain read of a term shorter than a trigram), in the table's order with
    /// ties of signing time broken by id, page after page by the "Next" links' positions.
    /// </summary>
    [SkippableFact]
    public async Task Should_find_exactly_the_rows_holding_the_term_and_page_through_them_by_the_links()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var signatures = new List<Signature>();
        for (var i = 0; i < 120; i++)
            signatures.Add(Approved(terms, (i % 4) switch
            {
                0 => Individual($"Ольга Смирнова {i}", $"o{i}@example.org"),
                1 => Organisation($"Réseau Смирнова {i}", $"r{i}@example.org"),
                2 => Individual($"Fatima حداد {i}", $"smirnova{i}@mail.example"),
                _ => Individual($"José García {i}", $"g{i}@example.org"),
            }, i / 3)); // three signed in each minute: ties of signing time
        signatures.Add(Approved(terms, Individual("100% _x_ back\\slash O'Brien \u200Fعربي\u200F", "hostile@example.org"), 50));
        signatures.Add(Approved(terms, Individual("Rare Person", "rare@example.org"), 51));
        await App.InsertAsync(signatures.ToArray<object>());
        App.RunAs(coordinator);
        var stored = await App.ExecuteDbContextAsync(db => db.Signatures.Where(s => s.LetterId == letter.Id)
            .Select(s => new { s.Id, s.SignerName, s.OrganisationName, s.Email, s.CreatedAt }).ToListAsync());

        string[] searches = ["СМИРНОВА", "smirnova", "حداد", "garcía", "GARCÍA 1", "réseau смирнова 1", "rare pers", "nobody here",
            "100%", "_x_", "\\slash", "O'Brien", "\u200Fعربي", "%", "_", "'", "\\", new string('Ж', 1000), new string('%', 1000)];
        foreach (var search in searches)
        {
            // As the page reads it: trimmed, cut to its first 200 characters.
            var term = search.Trim()[..Math.Min(search.Trim().Length, Index.Filters.SearchMaxLength)].ToLowerInvariant();
            var expected = stored
                .Where(s => new[] { s.SignerName, s.OrganisationName, s.Email }.Any(v => v is not null && v.ToLowerInvariant().Contains(term, StringComparison.Ordinal)))
                .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Select(s => s.Id).ToList();
            var page = await App.SendAsync(new Index.Query(Slug, Search: search));
            Assert.Equal(expected.Count, page.Matching);
            Assert.False(page.MoreMatch);
            var found = page.Rows.Select(r => r.Id).ToList();
            for (var number = 2; number <= page.PageCount; number++)
            {
                page = await App.SendAsync(new Index.Query(Slug, Search: search, Page: number.ToString(CultureInfo.InvariantCulture), After: page.NextCursor));
                found.AddRange(page.Rows.Select(r => r.Id));
            }
            Assert.True(expected.SequenceEqual(found), $"\"{search[..Math.Min(search.Length, 20)]}\": expected {expected.Count} rows, found {found.Count}, or in another order");
            var oldest = new List<int>();
            for (var number = 1; number <= page.PageCount; number++)
                oldest.AddRange((await App.SendAsync(new Index.Query(Slug, Search: search, Sort: "Oldest", Page: number.ToString(CultureInfo.InvariantCulture)))).Rows.Select(r => r.Id));
            Assert.Equal(Enumerable.Reverse(expected), oldest);
        }
    }

    [SkippableFact]
    public async Task Should_count_and_chart_counted_signatures_per_day_country_and_region()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        await App.InsertAsync(
            Approved(terms, Organisation("Médecins du Monde", "a@example.org"), 0),
            Approved(terms, Individual("Rui", "rui@example.org"), 24 * 60),
            Approved(terms, Individual("Wanjiru", "w@example.org") with { CountryCode = "KE" }, 3 * 24 * 60),
            terms.Sign(Individual("Not yet", "n@example.org").Details, SignatureSource.PublicForm, NewTokens(), Now(10)));
        App.RunAs(coordinator);

        var table = await App.SendAsync(new Index.Query(Slug));

        Assert.Equal(new SignatureCounts(1, 2, 3), table.Counts);
        Assert.Equal([1, 2, 2, 3], table.Timeline.Select(p => p.Value));
        // The chart speaks the one date style of the reader's language.
        Assert.Equal(Dates.Day(new DateOnly(2026, 3, 1)), table.Timeline[0].Label);
        Assert.Equal([("Europe", 2), ("Africa", 1)], table.ByRegion.Select(p => (p.Label, p.Value)));
        Assert.Equal(3, table.ByCountry.Count);
        Assert.Contains((SignatureState.PendingConfirmation, 1), table.States);
    }

    public static TheoryData<string?, string?, string?, string?, string?, string?, string?, string> HostileQueries() => new()
    {
        { new string('x', 100_000), null, null, null, null, null, null, "cut to its first 200" },
        { "<script>alert(1)</script>", null, null, null, null, null, null, "" },
        { "%_'\"; DROP TABLE \"Signatures\"; --", null, null, null, null, null, null, "" },
        { null, "Hacked", null, null, null, null, null, "Unknown state" },
        { null, "99", null, null, null, null, null, "Unknown state" },
        { null, "-1", null, null, null, null, null, "Unknown state" },
        { null, null, "robot", null, null, null, null, "Unknown type" },
        { null, null, null, "XX", null, null, null, "Unknown country" },
        { null, null, null, "<b>FR</b>", null, null, null, "Unknown country" },
        { null, null, null, null, "Everyone", null, null, "Unknown visibility" },
        { null, null, null, null, null, "Email", null, "Unknown sort order" },
        { null, null, null, null, null, null, "-5", "showing the first page" },
        { null, null, null, null, null, null, "abc", "showing the first page" },
        { null, null, null, null, null, null, "99999999999999999999", "showing the first page" },
        { null, null, null, null, null, null, "4000", "" },
        { null, null, null, null, null, null, "0", "showing the first page" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileQueries))]
    public async Task Should_ignore_and_name_query_values_it_does_not_know(
        string? search, string? state, string? type, string? country, string? visibility, string? sort, string? page, string notice)
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        await App.InsertAsync(Approved(await TermsAsync(App, letter), Individual(), 0));
        App.RunAs(coordinator);

        var table = await App.SendAsync(new Index.Query(Slug, search, state, type, country, visibility, sort, page));

        Assert.Equal(1, table.Page);
        if (notice.Length == 0)
            Assert.Empty(table.Filters.Notices);
        else
            Assert.Contains(table.Filters.Notices, n => n.Contains(notice, StringComparison.Ordinal));
        Assert.All(table.Filters.Notices, n => Assert.True(n.Length < 200));
        Assert.Equal(search is null ? 1 : 0, table.Matching);
    }

    [SkippableFact]
    public async Task Should_render_the_page_with_accessible_charts_and_encoded_input()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        await App.InsertAsync(Approved(await TermsAsync(App, letter), Organisation("<img src=x onerror=alert(1)>", "x@example.org"), 0));
        var browser = await SignedInAsync(coordinator.Email!);

        var (response, page) = await browser.GetAsync($"/letters/{Slug}/signatures?q=%3Cscript%3Ealert(1)%3C/script%3E&state=%3Cb%3E&page=-3&sort=Name&country=fr");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("Unknown state", page.QuerySelector("#filter-notices")!.TextContent);
        var chart = page.QuerySelector("svg#chart-timeline, svg[aria-labelledby^='chart-timeline']")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.NotNull(chart.QuerySelector("title"));
        Assert.NotNull(chart.QuerySelector("desc"));
        Assert.NotNull(page.QuerySelector("details table"));
        Assert.Equal("FR", page.QuerySelector("#country option[selected]")!.GetAttribute("value"));

        var (all, allPage) = await browser.GetAsync($"/letters/{Slug}/signatures");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Contains("x@example.org", allPage.QuerySelector("#signature-table")!.TextContent);
        // "page" is also Razor Pages' route value: a plain visit must not read it as a page number.
        Assert.Null(allPage.QuerySelector("#filter-notices"));
    }

    [SkippableFact]
    public async Task Should_hide_the_table_from_everyone_but_the_lead_coordinators()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        await App.InsertAsync(Approved(await TermsAsync(App, letter), Individual(), 0));
        App.RunAs(null);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Index.Query(Slug)));
        await App.RunAsNewUserAsync("stranger@example.org");
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Index.Query(Slug)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Index.Query("../etc/passwd")));
    }

    private DateTime Now(int minutes) => App.Clock.GetUtcNow().UtcDateTime.AddMinutes(minutes);

    private Signature Approved(SigningTerms terms, Sign.Command command, int minutes) => SigningScenario.Approved(App, terms, command, minutes);

    private async Task<BrowserlessClient> SignedInAsync(string email)
    {
        App.RunAs(null);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(email);
        return browser;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignatureTableTestsOnSqlite(SqliteSlice app) : SignatureTableTests(app);

[Collection(PostgresCollection.Name)]
public sealed class SignatureTableTestsOnPostgres(PostgresSlice app) : SignatureTableTests(app);
