using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Data;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;
using Index = SignOnLetters.Web.Pages.Signatures.Index;

namespace SignOnLetters.Tests.Scale;

/// <summary>
/// Lists that seek (issue 20): the "Next" and "Previous" links carry a position and show exactly
/// the pages a page number shows, a forged position changes nothing, and on SQLite no list query
/// reads the letter's signatures by a scan or sorts them.
/// </summary>
public abstract class ListPagingTests(SliceFixture app) : SliceTest(app)
{
    internal const int Signers = 130;
    internal const int PageSize = Signatories.QueryHandler.PageSize;

    internal static async Task<Domain.Letters.Letter> SeedAsync(SliceFixture App)
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var countries = new[] { "PT", "KE", "BR", "FR", "AR" };
        var signatures = Enumerable.Range(0, Signers).Select(i => i % 7 == 0
                ? Approved(App, terms, Organisation($"Network {i:000}", $"o{i}@example.org") with { CountryCode = countries[i % 5] }, i / 3)
                : Approved(App, terms, Individual($"Person {i:000}", $"p{i}@example.org") with
                {
                    CountryCode = countries[i % 5],
                    Visibility = i % 11 == 0 ? SignatureVisibility.CountedNotNamed : SignatureVisibility.NameAndOrganisation,
                }, i / 3))
            .ToArray<object>();
        await App.InsertAsync(signatures);
        App.RunAs(coordinator);
        return letter;
    }

    [SkippableFact]
    public async Task Should_show_by_the_public_lists_next_and_previous_links_exactly_the_pages_their_numbers_show()
    {
        await SeedAsync(App);
        App.RunAs(null);
        var byNumber = new List<Signatories.Model>();
        var first = await App.SendAsync(new Signatories.Query(Slug, 1));
        for (var page = 1; page <= first.PageCount; page++)
            byNumber.Add(await App.SendAsync(new Signatories.Query(Slug, page)));
        Assert.True(first.PageCount >= 3);
        Assert.Equal(byNumber.Sum(p => p.Items.Count), first.Matching);

        var current = first;
        while (current.NextCursor is { } next)
        {
            var following = await App.SendAsync(new Signatories.Query(Slug, (current.Page + 1).ToString(), After: next));
            Assert.Equal(byNumber[following.Page - 1].Items, following.Items);
            current = following;
        }
        Assert.Equal(first.PageCount, current.Page);
        while (current.PreviousCursor is { } previous)
        {
            var preceding = await App.SendAsync(new Signatories.Query(Slug, (current.Page - 1).ToString(), Before: previous));
            Assert.Equal(byNumber[preceding.Page - 1].Items, preceding.Items);
            current = preceding;
        }
        Assert.Equal(1, current.Page);
        // Pages near either end are linked by number (the addresses people share); deeper ones by position.
        Assert.Equal($"/letters/{Slug}/signatories?page=2", first.PagerLink(2));
        var deep = first with { Page = 40, PageCount = 100, NextCursor = "next", PreviousCursor = "previous" };
        Assert.Equal($"/letters/{Slug}/signatories?page=41&after=next", deep.PagerLink(41));
        Assert.Equal($"/letters/{Slug}/signatories?page=39&before=previous", deep.PagerLink(39));
        Assert.Equal($"/letters/{Slug}/signatories?page=99", (deep with { Page = 98 }).PagerLink(99));
        // A forged or foreign position is no position: the page number is used.
        var forged = await App.SendAsync(new Signatories.Query(Slug, "2", After: "CfDJ8forged" + new string('x', 80)));
        Assert.Equal(byNumber[1].Items, forged.Items);
    }

    [SkippableFact]
    public async Task Should_show_by_the_tables_next_and_previous_links_exactly_the_pages_their_numbers_show_in_every_seekable_order()
    {
        await SeedAsync(App);
        foreach (var (sort, state) in new[] { ("Newest", (string?)null), ("Oldest", null), ("Country", null), ("Newest", "Approved") })
        {
            var first = await App.SendAsync(new Index.Query(Slug, Sort: sort, State: state));
            Assert.Equal(Signers, first.Matching);
            var byNumber = new List<IReadOnlyList<Index.Row>>();
            for (var page = 1; page <= first.PageCount; page++)
                byNumber.Add((await App.SendAsync(new Index.Query(Slug, Sort: sort, State: state, Page: page.ToString()))).Rows);
            Assert.Equal(Signers, byNumber.SelectMany(r => r).Select(r => r.Id).Distinct().Count());

            var current = first;
            while (current.NextCursor is { } next)
            {
                var following = await App.SendAsync(new Index.Query(Slug, Sort: sort, State: state, Page: (current.Page + 1).ToString(), After: next));
                Assert.Equal(byNumber[following.Page - 1].Select(r => r.Id), following.Rows.Select(r => r.Id));
                current = following;
            }
            Assert.Equal(first.PageCount, current.Page);
            while (current.PreviousCursor is { } previous)
            {
                var preceding = await App.SendAsync(new Index.Query(Slug, Sort: sort, State: state, Page: (current.Page - 1).ToString(), Before: previous));
                Assert.Equal(byNumber[preceding.Page - 1].Select(r => r.Id), preceding.Rows.Select(r => r.Id));
                current = preceding;
            }
            // A position taken in one order means nothing in another.
            var otherOrder = await App.SendAsync(new Index.Query(Slug, Sort: sort == "Country" ? "Newest" : "Country", Page: "2", After: first.NextCursor));
            Assert.Equal(2, otherOrder.Page);
        }
    }

    [SkippableFact]
    public async Task Should_page_by_name_from_either_end_in_the_order_of_the_name_each_row_shows()
    {
        await SeedAsync(App);
        var first = await App.SendAsync(new Index.Query(Slug, Sort: "Name"));
        var rows = new List<Index.Row>();
        // The second half's pages are counted from the end of the name index: they must meet the first half's exactly.
        for (var page = 1; page <= first.PageCount; page++)
            rows.AddRange((await App.SendAsync(new Index.Query(Slug, Sort: "Name", Page: page.ToString()))).Rows);
        Assert.Equal(Signers, rows.Select(r => r.Id).Distinct().Count());
        static string Shown(Index.Row row) => row.Kind == SignerKind.Organisation ? row.OrganisationName! : row.SignerName;
        Assert.Equal(
            rows.OrderBy(Shown, StringComparer.Ordinal).ThenBy(r => r.Id).Select(r => r.Id),
            rows.Select(r => r.Id));
    }

    [SkippableFact]
    public async Task Should_count_a_common_search_up_to_its_limit_and_page_through_its_first_matches_in_order()
    {
        const int limit = Index.QueryHandler.SearchCountLimit;
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        await App.InsertAsync(Enumerable.Range(0, limit + 10)
            .Select(i => Approved(App, terms, Individual($"Common Name {i:0000}", $"c{i}@example.org"), i)).ToArray<object>());
        await App.InsertAsync(Approved(App, terms, Individual("Rare Person", "rare@example.org"), limit + 20));
        App.RunAs(coordinator);

        var common = await App.SendAsync(new Index.Query(Slug, Search: "COMMON", Sort: "Oldest"));
        Assert.True(common.MoreMatch);
        Assert.Equal(limit, common.Matching);
        Assert.Equal(limit / Index.QueryHandler.PageSize, common.PageCount);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"Common Name {i:0000}"), common.Rows.Select(r => r.SignerName));
        // The last page offered holds the limit's last matches in the order, counted from the start (the real end lies further).
        foreach (var sort in new[] { "Oldest", "Name" })
        {
            var last = await App.SendAsync(new Index.Query(Slug, Search: "common", Sort: sort, Page: "999"));
            Assert.Equal(common.PageCount, last.Page);
            Assert.Equal(Enumerable.Range(limit - 50, 50).Select(i => $"Common Name {i:0000}"), last.Rows.Select(r => r.SignerName));
        }
        // Newest first among the first 1,000 signed: from the 1,000th down (the ten signed after them are on no page).
        var newest = await App.SendAsync(new Index.Query(Slug, Search: "common", Page: "2"));
        var newestShown = limit - 1;
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"Common Name {newestShown - 50 - i:0000}"), newest.Rows.Select(r => r.SignerName));

        // Few matches are counted exactly, and filters still apply to them.
        var rare = await App.SendAsync(new Index.Query(Slug, Search: "rare pers"));
        Assert.False(rare.MoreMatch);
        Assert.Equal("rare@example.org", Assert.Single(rare.Rows).Email);
        Assert.Equal(0, (await App.SendAsync(new Index.Query(Slug, Search: "rare pers", State: "Withdrawn"))).Matching);
        Assert.Equal(10, (await App.SendAsync(new Index.Query(Slug, Search: "name 100"))).Matching);

        var browser = await BrowserlessClient.SignedInAsync(App, coordinator.Email!, "en");
        var (_, page) = await browser.GetAsync($"/letters/{Slug}/signatures?q=common");
        Assert.Contains("More than 1,000 signatures match", page.QuerySelector("#matching")!.TextContent);
    }

    [SkippableTheory]
    [InlineData("%00")]
    [InlineData("CfDJ8%2F%2B%3D%3D")]
    [InlineData("%E2%80%AEabc")]
    [InlineData("'%20OR%201=1--")]
    public async Task Should_answer_a_hostile_position_with_the_numbered_page(string hostile)
    {
        var letter = await SeedAsync(App);
        var tooLong = new string('A', 5000);
        var browser = BrowserlessClient.For(App);
        foreach (var path in new[] { $"/letters/{Slug}/signatories?page=2&after={hostile}", $"/letters/{Slug}/signatories?page=2&before={hostile}&after={tooLong}" })
        {
            var (response, page) = await browser.GetAsync(path);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Page 2 of", page.QuerySelector("nav.pager")!.TextContent);
        }
        Assert.NotNull(letter);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ListPagingTestsOnSqlite(SqliteSlice app) : ListPagingTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ListPagingTestsOnPostgres(PostgresSlice app) : ListPagingTests(app);

/// <summary>SQLite's EXPLAIN QUERY PLAN of every list query: seeks in an index, never a scan of the letter's signatures or a sort of them.</summary>
[Collection(SqliteCollection.Name)]
public sealed class ListQueryPlanTestsOnSqlite(SqliteSlice app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_read_no_list_by_a_scan_of_the_letters_signatures_on_sqlite()
    {
        await ListPagingTests.SeedAsync(App);
        App.Logs.Clear();
        var table = await App.SendAsync(new Index.Query(Slug));
        await App.SendAsync(new Index.Query(Slug, Page: "3", After: table.NextCursor));
        await App.SendAsync(new Index.Query(Slug, Page: table.PageCount.ToString()));
        await App.SendAsync(new Index.Query(Slug, Sort: "Country"));
        await App.SendAsync(new Index.Query(Slug, State: "Approved", Sort: "Oldest", Page: "2"));
        // The country filter in the default order, and a search through the FTS5 index.
        await App.SendAsync(new Index.Query(Slug, Country: "KE"));
        await App.SendAsync(new Index.Query(Slug, Search: "person 01"));
        await App.SendAsync(new Index.Query(Slug, Search: "person 01", Sort: "Name", Page: "2"));
        // Sorted by name, from either end: the name index (the old order by an expression sorted the letter's rows).
        await App.SendAsync(new Index.Query(Slug, Sort: "Name"));
        await App.SendAsync(new Index.Query(Slug, Sort: "Name", Page: table.PageCount.ToString()));
        // The table filtered by a state in date order (the "charts" view of the scale benchmark).
        await App.SendAsync(new Index.Query(Slug, State: "Withdrawn"));
        await App.SendAsync(new Index.Query(Slug, State: "Approved", Page: "2"));
        App.RunAs(null);
        var list = await App.SendAsync(new Signatories.Query(Slug, 1));
        var second = await App.SendAsync(new Signatories.Query(Slug, "2", After: list.NextCursor));
        await App.SendAsync(new Signatories.Query(Slug, "1", Before: second.PreviousCursor));
        await App.SendAsync(new Signatories.Query(Slug, list.PageCount));
        await App.SendAsync(new Signatories.Query(Slug, "1", Country: "KE"));
        // A deep page by number (in tests every page but the ends) seeks from its boundary, after one scan of the
        // covering index builds the table (PageBoundaries); the public search reads the FTS5 index.
        await App.SendAsync(new Signatories.Query(Slug, "2"));
        await App.Factory.Services.GetRequiredService<PageBoundaries>().LastBuild;
        await App.SendAsync(new Signatories.Query(Slug, "1", Search: "person 01"));
        await App.SendAsync(new Signatories.Query(Slug, "2", Search: "person"));

        var plans = await ExplainLoggedAsync(App, "\"Signatures\"");
        Assert.True(plans.Count >= 6, $"{plans.Count} statements seen");
        Assert.Contains(plans, p => p.Plan.Contains("SignatureSearch VIRTUAL TABLE"));
        // Both searches, the coordinators' and the public one, read their first matches (at most the count
        // limit plus one) in signing order from the FTS5 index: the index leads a CROSS JOIN, each row is
        // looked up by key, and FTS5's rowid order is the ORDER BY, so the LIMIT stops the scan (no sort).
        // Before, a search past the limit found its page by walking the letter's list index and probing
        // every match (140-180 ms at 1,000,000), and the public count walked the letter's rows.
        var firstMatches = plans.Where(p => p.Sql.Contains("\"SignatureSearch\" MATCH") && p.Sql.Contains("CROSS JOIN") && p.Sql.Contains("ORDER BY")).ToList();
        Assert.True(firstMatches.Count >= 2, $"{firstMatches.Count} reads of the first matches: " + string.Join(" / ", plans.Select(p => p.Sql)));
        Assert.All(firstMatches, p =>
        {
            Assert.Matches(@"^SCAN SignatureSearch VIRTUAL TABLE INDEX \d+:\S+ \| SEARCH s\d* USING INTEGER PRIMARY KEY \(rowid=\?\)$", p.Plan);
            Assert.Contains("CROSS JOIN", p.Sql);
        });
        // No statement walks a letter's index for the matches of a search (an IN of every match).
        Assert.DoesNotContain(plans, p => p.Sql.Contains("\"SignatureSearch\" MATCH") && p.Plan.Contains("(LetterId=?"));
        // A search's page sorts those first matches alone, read by key (a list of ids, no MATCH).
        var searchPages = plans.Where(p => Regex.IsMatch(p.Sql, "\"s\"\\.\"Id\" IN \\(") && p.Sql.Contains("OFFSET")).ToList();
        Assert.True(searchPages.Count >= 3, $"{searchPages.Count} pages of a search");
        Assert.All(searchPages, p => Assert.Contains("SEARCH s USING INTEGER PRIMARY KEY", p.Plan));
        // Every search reads only the letter's own matches (issue 20): FTS5 takes the letter's rowid
        // range with the MATCH (its plan's index string has the MATCH, M, and both bounds, > and <),
        // instead of every letter's matches filtered afterwards. (The public search's test of which matches
        // are the organisation's reads the index alone: the statement names no other table.)
        var searches = await ExplainLoggedAsync(App, "\"SignatureSearch\" MATCH");
        Assert.True(searches.Count >= 3, $"{searches.Count} searches seen");
        Assert.All(searches, p =>
        {
            var ftsScans = Regex.Matches(p.Plan, @"SignatureSearch VIRTUAL TABLE INDEX \d+:(\S*)").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(ftsScans);
            Assert.All(ftsScans, index => Assert.True(index.Contains('M') && index.Contains('>') && index.Contains('<'), $"{index} in {p.Plan} for {p.Sql}"));
        });
        var byName = plans.Where(p => p.Sql.Contains("ORDER BY \"s\".\"NameOrder\"") && !p.Sql.Contains("\"SignatureSearch\"") && !searchPages.Contains(p)).ToList();
        Assert.True(byName.Count >= 2, $"{byName.Count} statements sorted by name");
        // Through (LetterId, NameOrder, Id): with the person's name in it too, a typed page skipped entries half as wide again.
        Assert.All(byName, p => Assert.Contains($"{SignatureSortKeys.IndexName} (LetterId=?)", p.Plan));
        // The public search looks in the shown columns of the FTS5 index only (never the e-mail column).
        Assert.Contains(plans, p => p.Sql.Contains("\"SignatureSearch\"") && p.Sql.Contains("\"Visibility\" = 0") && p.Plan.Contains("SignatureSearch VIRTUAL TABLE"));
        // The public list's keys, by number, from the index alone: an OFFSET skips index entries, not rows.
        var publicKeys = plans.Where(p => p.Sql.Contains("OFFSET") && p.Sql.StartsWith("SELECT CAST(\"s\".\"Kind\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(publicKeys);
        Assert.All(publicKeys, p => Assert.Contains(
            Regex.IsMatch(p.Sql, "\"s\"\\.\"Id\" IN \\(") ? "SEARCH s USING INTEGER PRIMARY KEY"
            : p.Sql.Contains("\"CountryCode\" =") ? "INDEX IX_Signatures_LetterId_CountryCode_Kind_Id (LetterId=? AND CountryCode=?)"
            : "COVERING INDEX IX_Signatures_PublicList", p.Plan));
        // The list's Next and Previous links seek from their position: the rest of its kind by id, then
        // the next kind. (One condition "Kind > k OR (Kind = k AND Id > i)" sought only the letter and
        // walked its index: 61 ms for a middle page at 1,000,000.)
        var seeks = plans.Where(p => p.Sql.StartsWith("SELECT CAST(\"s\".\"Kind\"", StringComparison.Ordinal)
            && !p.Sql.Contains("OFFSET") && !p.Sql.Contains("\"SignatureSearch\"") && p.Sql.Contains("LIMIT")).ToList();
        Assert.True(seeks.Count >= 3, $"{seeks.Count} seeks: " + string.Join(" / ", seeks.Select(p => p.Sql)));
        Assert.All(seeks, p => Assert.Matches(
            @"COVERING INDEX IX_Signatures_PublicList \(LetterId=\? AND (Kind=\? AND Id[<>]\?|Kind[<>]\?)\)", p.Plan));
        // The page boundaries' one scan: the letter's list in its order, from the covering index alone.
        var boundaryScan = Assert.Single(plans, p => p.Sql.StartsWith("SELECT CAST(\"s\".\"Kind\"", StringComparison.Ordinal) && !p.Sql.Contains("LIMIT"));
        Assert.Equal("SEARCH s USING COVERING INDEX IX_Signatures_PublicList (LetterId=?)", boundaryScan.Plan);
        // The table filtered by state, in date order, seeks in (LetterId, State, CreatedAt, Id).
        var byState = plans.Where(p => Regex.IsMatch(p.Sql, "\"State\" = [@\\d]") && p.Sql.Contains("ORDER BY \"s\".\"CreatedAt\" DESC")).ToList();
        Assert.NotEmpty(byState);
        Assert.All(byState, p => Assert.Contains("IX_Signatures_LetterId_State_CreatedAt_Id", p.Plan));
        // A page's lines, once its keys are known, are read by primary key: with the letter in that
        // statement too, SQLite walked the letter's list index for the 50 ids (122 ms at 1,000,000).
        var byKeys = plans.Where(p => Regex.IsMatch(p.Sql, "\"s\"\\.\"Id\" IN \\(@")).ToList();
        Assert.True(byKeys.Count >= 2, $"{byKeys.Count} statements read rows by their keys");
        Assert.All(byKeys, p => Assert.Contains("SEARCH s USING INTEGER PRIMARY KEY", p.Plan));
        Assert.All(plans, p =>
        {
            // A scan of a co-routine (a capped count's rows, "SELECT COUNT(*) FROM (… LIMIT 1001)") reads its output, not the table.
            var coroutines = Regex.Matches(p.Plan, @"CO-ROUTINE (\w+)").Select(m => m.Groups[1].Value).ToHashSet();
            foreach (var scan in Regex.Matches(p.Plan, @"(?:^|\| )SCAN (s|s0|s1|Signatures)\b").Select(m => m.Groups[1].Value))
                Assert.True(coroutines.Contains(scan), $"SCAN {scan} in {p.Plan} for {p.Sql}");
            // A search's first matches come from the index and are then put in order: a sort of those ids, not of the letter.
            if (!p.Sql.Contains("\"SignatureSearch\"") && !searchPages.Contains(p))
                Assert.DoesNotContain("TEMP B-TREE", p.Plan);
        });

        // A deep page by number, its table built above: a seek from its boundary in the covering index, never an OFFSET
        // (which counted past ~500,000 entries for the middle of 1,000,000: 132 ms).
        App.Logs.Clear();
        Assert.Equal(ListPagingTests.PageSize, (await App.SendAsync(new Signatories.Query(Slug, "2"))).Items.Count);
        var deepByNumber = await ExplainLoggedAsync(App, "\"Signatures\"");
        Assert.DoesNotContain(deepByNumber, p => p.Sql.Contains("OFFSET"));
        Assert.Contains(deepByNumber, p => Regex.IsMatch(p.Plan,
            @"COVERING INDEX IX_Signatures_PublicList \(LetterId=\? AND Kind=\? AND Id>\?\)"));
    }

    /// <summary>
    /// SQLite's query plan of each distinct statement the app has logged since <c>App.Logs.Clear()</c>
    /// that names <paramref name="table"/> (its parameters set to 1: the plan, not the answer, is wanted).
    /// </summary>
    internal static async Task<List<(string Sql, string Plan)>> ExplainLoggedAsync(SliceFixture app, string table)
    {
        var statements = app.Logs.Lines
            .Where(l => l.Contains("Executed DbCommand") && l.Contains(table))
            .Select(l => l[(l.IndexOf('\n') + 1)..].Trim())
            .Distinct()
            .ToList();
        return await app.ExecuteDbContextAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var found = new List<(string Sql, string Plan)>();
            foreach (var sql in statements)
            {
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var name in Regex.Matches(sql, @"@[A-Za-z_][A-Za-z0-9_]*").Select(m => m.Value).Distinct())
                {
                    var parameter = explain.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = 1;
                    explain.Parameters.Add(parameter);
                }
                await using var reader = await explain.ExecuteReaderAsync();
                var lines = new List<string>();
                while (await reader.ReadAsync())
                    lines.Add(reader.GetString(3));
                found.Add((sql, string.Join(" | ", lines)));
            }
            return found;
        });
    }
}

/// <summary>
/// PostgreSQL's plans of the coordinators' table's seeks: the "Next" and "Previous" links' position
/// must be a range of the index, not a filter over the letter's entries. The condition "date
/// before, or same date and id before" was a filter (205 ms for the middle of 200,000 rows, 0.3 ms
/// as a seek). The tables here are small, so sequential scans are switched off for the EXPLAIN:
/// what is left is what the indexes can do with the statement.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ListQueryPlanTestsOnPostgres(PostgresSlice app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_seek_the_coordinators_table_from_its_links_position_on_postgres()
    {
        await ListPagingTests.SeedAsync(App);
        var table = await App.SendAsync(new Index.Query(Slug));
        App.Logs.Clear();
        var third = await App.SendAsync(new Index.Query(Slug, Page: "3", After: table.NextCursor));
        await App.SendAsync(new Index.Query(Slug, Page: "2", Before: third.PreviousCursor));
        await App.SendAsync(new Index.Query(Slug, Sort: "Oldest", Page: "2", After: (await App.SendAsync(new Index.Query(Slug, Sort: "Oldest"))).NextCursor));

        var seeks = App.Logs.Lines
            .Where(l => l.Contains("Executed DbCommand") && l.Contains("\"Signatures\""))
            .Select(l => l[(l.IndexOf('\n') + 1)..].Trim())
            .Where(sql => Regex.IsMatch(sql, "\"CreatedAt\" [<>] @") && Regex.IsMatch(sql, "ORDER BY \"?s\"?\\.\"CreatedAt\""))
            .Distinct()
            .ToList();
        Assert.True(seeks.Count >= 2, $"{seeks.Count} seeks seen");
        var plans = await App.ExecuteDbContextAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var found = new List<(string Sql, string Plan)>();
            foreach (var sql in seeks)
                found.Add((sql, await ExplainAsync(connection, sql)));
            return found;
        });
        Assert.All(plans, p =>
        {
            Assert.Matches("Index Cond: .*\"CreatedAt\" [<>] ", p.Plan);
            Assert.DoesNotMatch("Filter: .*\"CreatedAt\"", p.Plan);
            Assert.DoesNotContain("Sort", p.Plan);
        });
    }

    [SkippableFact]
    public async Task Should_read_a_searchs_first_matches_by_id_and_page_them_by_key_on_postgres()
    {
        await ListPagingTests.SeedAsync(App);
        App.Logs.Clear();
        await App.SendAsync(new Index.Query(Slug, Search: "person 01"));
        await App.SendAsync(new Index.Query(Slug, Search: "person", Sort: "Name", Page: "2"));
        App.RunAs(null);
        await App.SendAsync(new Signatories.Query(Slug, "1", Search: "person 01"));
        await App.SendAsync(new Signatories.Query(Slug, "2", Search: "person"));

        var statements = App.Logs.Lines
            .Where(l => l.Contains("Executed DbCommand") && l.Contains("\"Signatures\""))
            .Select(l => l[(l.IndexOf('\n') + 1)..].Trim())
            .Distinct()
            .ToList();
        // The search runs once per request, for its first matches by id (at most the limit plus one): the
        // count and the pages are read from those. Before, a capped count and then the page, each with the search.
        // The public list's by ILIKE, the coordinators' by their lower-cased column (SignatureSearch.SearchTextColumn).
        var searches = statements.Where(sql => sql.Contains("ILIKE") || sql.Contains($"\"{SignatureSearch.SearchTextColumn}\" LIKE", StringComparison.Ordinal)).ToList();
        Assert.True(searches.Count >= 2, $"{searches.Count} searches: " + string.Join(" / ", statements));
        Assert.All(searches, sql => Assert.Matches(@"ORDER BY s\.""Id""\s+LIMIT @", sql));
        // A search's page sorts those ids alone, read by key, instead of walking the letter's order testing the search.
        var pages = statements.Where(sql => sql.Contains("OFFSET") && !sql.Contains("ILIKE") && Regex.IsMatch(sql, @"s\.""Id"" (= ANY|IN) \(")).ToList();
        Assert.True(pages.Count >= 3, $"{pages.Count} pages of a search: " + string.Join(" / ", statements));
        var plans = await App.ExecuteDbContextAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var found = new List<string>();
            foreach (var sql in pages)
                found.Add(await ExplainAsync(connection, sql));
            return found;
        });
        Assert.All(plans, plan => Assert.Contains("PK_Signatures", plan));
    }

    /// <summary>
    /// The coordinators' search on PostgreSQL tests each row once, by a plain <c>LIKE</c> of the stored lower-cased
    /// column (<see cref="SignatureSearch.SearchTextColumn"/>), read through that column's own indexes: its trigram
    /// index (a rare term's bitmap, one index, no OR of three) and, in id order, the (letter, id) index that holds
    /// it (a common term's first matches, tested in the index). The statement it replaces tested three
    /// <c>ILIKE</c>s a row, each lower-casing the value again, and walked the primary key reading every row (at
    /// 1,000,000: 69-106 ms warm for a common name; docs/benchmarks.md). Each way of reading is checked with the
    /// other ways switched off, so the test holds whatever the few rows here make the planner prefer.
    /// </summary>
    [SkippableFact]
    public async Task Should_test_the_coordinators_search_on_its_lower_cased_column_through_its_own_indexes_on_postgres()
    {
        await ListPagingTests.SeedAsync(App);
        App.Logs.Clear();
        await App.SendAsync(new Index.Query(Slug, Search: "person 01"));
        await App.SendAsync(new Index.Query(Slug, Search: "PERSON", Sort: "Oldest"));

        var searches = App.Logs.Lines
            .Where(l => l.Contains("Executed DbCommand") && l.Contains("\"Signatures\""))
            .Select(l => l[(l.IndexOf('\n') + 1)..].Trim())
            .Where(sql => sql.Contains("LIMIT") && sql.Contains($"\"{SignatureSearch.SearchTextColumn}\"", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        Assert.NotEmpty(searches);
        Assert.All(searches, sql => Assert.DoesNotContain("ILIKE", sql));
        var plans = await App.ExecuteDbContextAsync(async db =>
        {
            var letterId = await db.Letters.Where(l => l.Slug == Slug).Select(l => l.Id).SingleAsync();
            // As autovacuum leaves a table: its visibility map set, so that an index-only scan is costed as one.
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) \"Signatures\"");
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var letter = new Dictionary<string, string> { ["LetterId"] = letterId.ToString(CultureInfo.InvariantCulture) };
            var found = new List<(string InOrder, string Bitmap)>();
            foreach (var logged in searches)
            {
                // The term as a value (the placeholder ExplainAsync gives a text parameter has no wildcard to search by):
                // a common one read in id order, a rare one (one row of the 130) by its trigrams.
                string Searching(string term) => Regex.Replace(logged, @"CAST\(@\w+ AS text\)", $"'%{term}%'");
                found.Add((await ExplainAsync(connection, Searching("Person 0"), letter, "enable_bitmapscan"),
                    await ExplainAsync(connection, Searching("Person 011"), letter, "enable_indexscan", "enable_indexonlyscan")));
            }
            return found;
        });
        Assert.All(plans, p =>
        {
            Assert.True(p.InOrder.Contains($"using \"{SignatureSearch.SearchOrderIndex}\"", StringComparison.Ordinal), p.InOrder);
            // Which bitmap serves a rare term turns on cost here (130 rows: the letter's own entries, 3 pages, win);
            // at 1,000,000 it is the column's trigram index (docs/benchmarks.md), whose definition is checked below.
            Assert.Contains("Bitmap Index Scan", p.Bitmap);
            foreach (var plan in new[] { p.InOrder, p.Bitmap })
            {
                Assert.True(!plan.Contains("PK_Signatures") && !plan.Contains("BitmapOr") && !plan.Contains("~~*"), plan);
                Assert.True(plan.Contains($"\"{SignatureSearch.SearchTextColumn}\" ~~ ", StringComparison.Ordinal), plan);
            }
        });
    }

    /// <summary>
    /// The search's statement is prepared (the connection strings' auto-prepare), and PostgreSQL would plan it once
    /// for any term after five executions when that looks no dearer: at 1,000,000 such a generic plan walked the
    /// whole letter for one e-mail address (605 ms). Every execution must be planned with its term.
    /// </summary>
    [SkippableFact]
    public async Task Should_plan_the_coordinators_search_with_its_term_every_time_on_postgres()
    {
        await ListPagingTests.SeedAsync(App);

        var plans = await App.ExecuteDbContextAsync(async db =>
        {
            var letterId = await db.Letters.Where(l => l.Slug == Slug).Select(l => l.Id).SingleAsync();
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) \"Signatures\"");
            await db.Database.OpenConnectionAsync();
            try
            {
                foreach (var term in Enumerable.Repeat("person 0", 9).Concat(Enumerable.Repeat("person 011", 3)))
                    Assert.NotNull(await SignatureSearch.FirstMatchesAsync(db, letterId, term, q => q, CancellationToken.None));
                return await db.Database.SqlQueryRaw<PreparedPlans>(
                    "SELECT generic_plans AS \"Generic\", custom_plans AS \"Custom\", current_setting('plan_cache_mode') AS \"Mode\" " +
                    $"FROM pg_prepared_statements WHERE statement LIKE '%\"{SignatureSearch.SearchTextColumn}\" LIKE%'").ToListAsync();
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        var prepared = Assert.Single(plans);
        Assert.Equal(0, prepared.Generic);
        Assert.True(prepared.Custom >= 10, $"{prepared.Custom} executions planned with their term");
        Assert.Equal("auto", prepared.Mode);
    }

    private sealed class PreparedPlans
    {
        public long Generic { get; set; }
        public long Custom { get; set; }
        public string Mode { get; set; } = "";
    }

    /// <summary>The trigram index a rare term's bitmap is read from: the letter, then the lower-cased column by its trigrams.</summary>
    [SkippableFact]
    public async Task Should_index_the_coordinators_search_column_by_letter_and_trigrams_on_postgres()
    {
        var definition = await App.ExecuteDbContextAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT pg_get_indexdef('\"IX_Signatures_LetterId_SearchText_Trigram\"'::regclass) AS \"Value\"").SingleAsync());
        Assert.Contains($"USING gin (\"LetterId\", \"{SignatureSearch.SearchTextColumn}\" gin_trgm_ops)", definition);
    }

    /// <summary>
    /// The public list's seeks (its Next and Previous links, and a deep page by number from its boundary) are a
    /// range of the list's approved-only index: every column of the index before the one the position bounds is
    /// fixed by an equality. The index used to hold the state as a column as well as in its filter; PostgreSQL
    /// drops the query's <c>"State" = 2</c> as implied by the filter, so that column was left open and each seek
    /// started at the letter's first entry and stepped through every entry before the position (the middle of
    /// 1,000,000: 5,297 buffers, 592 ms; docs/benchmarks.md, "The public list's seek on PostgreSQL").
    /// </summary>
    [SkippableFact]
    public async Task Should_seek_the_public_lists_position_as_a_range_of_its_index_on_postgres()
    {
        await ListPagingTests.SeedAsync(App);
        App.RunAs(null);
        var first = await App.SendAsync(new Signatories.Query(Slug, 1));
        App.Logs.Clear();
        var second = await App.SendAsync(new Signatories.Query(Slug, "2", After: first.NextCursor));
        await App.SendAsync(new Signatories.Query(Slug, "3", After: second.NextCursor));
        await App.SendAsync(new Signatories.Query(Slug, "1", Before: second.PreviousCursor));
        await App.SendAsync(new Signatories.Query(Slug, "2"));
        await App.Factory.Services.GetRequiredService<PageBoundaries>().LastBuild;
        await App.SendAsync(new Signatories.Query(Slug, "2"));

        var seeks = App.Logs.Lines
            .Where(l => l.Contains("Executed DbCommand") && l.Contains("\"Signatures\""))
            .Select(l => l[(l.IndexOf('\n') + 1)..].Trim())
            .Where(sql => sql.Contains("LIMIT") && !sql.Contains("OFFSET") && Regex.IsMatch(sql, @"s\.""(Id|Kind)"" [<>] @"))
            .Distinct()
            .ToList();
        // Forwards and backwards, within the position's kind and into the next one.
        Assert.True(seeks.Count >= 4, $"{seeks.Count} seeks: " + string.Join(" / ", seeks));
        var fixedByFilter = new List<string>();
        var plans = await App.ExecuteDbContextAsync(async db =>
        {
            // The plan of this letter's seeks on statistics of what is in the table now (in the full run the table
            // holds other tests' letters and may not have been analysed).
            var letterId = await db.Letters.Where(l => l.Slug == Slug).Select(l => l.Id).SingleAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"Signatures\"");
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = """
                    SELECT c.relname, a.attname, pg_get_expr(i.indpred, i.indrelid)
                    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                    WHERE i.indrelid = '"Signatures"'::regclass AND i.indpred IS NOT NULL
                    """;
                await using var reader = await read.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    if (Regex.IsMatch(reader.GetString(2), $@"""{Regex.Escape(reader.GetString(1))}"" = "))
                        fixedByFilter.Add($"{reader.GetString(0)}.{reader.GetString(1)} (filter {reader.GetString(2)})");
            }
            var found = new List<(string Sql, string Plan, List<string> IndexColumns)>();
            foreach (var sql in seeks)
            {
                var plan = await ExplainAsync(connection, sql, new() { ["LetterId"] = letterId.ToString(CultureInfo.InvariantCulture) });
                var index = Regex.Match(plan, @"Index (?:Only )?Scan (?:Backward )?using ""?(\w+)""? on ""Signatures""").Groups[1].Value;
                found.Add((sql, plan, await IndexColumnsAsync(connection, index)));
            }
            return found;
        });
        // Planner-independent, the rule itself: no filtered index on the table has a column its own filter fixes.
        Assert.Empty(fixedByFilter);
        // On a test's few hundred rows the planner may walk the primary key instead (its choice turns on a few per
        // cent of cost here); where it takes the list's index, the seek must be a range of it.
        Assert.All(plans, p => Assert.DoesNotContain("Sort", p.Plan));
        Assert.All(plans.Where(p => p.Plan.Contains("using \"IX_Signatures_PublicList\"", StringComparison.Ordinal)), p =>
        {
            var condition = Regex.Match(p.Plan, @"Index Cond: ([^|]*)").Groups[1].Value;
            var bounded = p.IndexColumns.FindIndex(column => Regex.IsMatch(condition, $@"""{column}"" [<>] "));
            Assert.True(bounded > 0, $"no range in {condition}: {p.Plan} for {p.Sql}");
            foreach (var column in p.IndexColumns.Take(bounded))
                Assert.True(condition.Contains($"\"{column}\" = ", StringComparison.Ordinal),
                    $"{column} is open before the position's column {p.IndexColumns[bounded]} ({string.Join(", ", p.IndexColumns)}): {p.Plan} for {p.Sql}");
        });
    }

    /// <summary>The columns of <paramref name="index"/>, in order.</summary>
    private static async Task<List<string>> IndexColumnsAsync(System.Data.Common.DbConnection connection, string index)
    {
        await using var read = connection.CreateCommand();
        read.CommandText = """
            SELECT a.attname FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE c.relname = @index ORDER BY k.position
            """;
        var parameter = read.CreateParameter();
        parameter.ParameterName = "index";
        parameter.Value = index;
        read.Parameters.Add(parameter);
        var columns = new List<string>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            columns.Add(reader.GetString(0));
        return columns;
    }

    /// <summary>The statement's plan with its parameters given placeholder values of their inferred types, sequential scans off.</summary>
    /// <param name="columnValues">Values for the parameters compared with these columns (<c>"Column" = @p</c>); the others get a value of their type.</param>
    /// <param name="off">Planner settings switched off as well for this plan (e.g. <c>enable_bitmapscan</c>).</param>
    private static async Task<string> ExplainAsync(System.Data.Common.DbConnection connection, string sql, Dictionary<string, string>? columnValues = null,
        params string[] off)
    {
        var names = Regex.Matches(sql, @"@[A-Za-z_][A-Za-z0-9_]*").Select(m => m.Value).Distinct().ToList();
        var given = names.Select(name => columnValues?.FirstOrDefault(c => Regex.IsMatch(sql, $@"""{c.Key}"" = {name}\b")).Value).ToList();
        var numbered = Regex.Replace(sql, @"@[A-Za-z_][A-Za-z0-9_]*", m => "$" + (names.IndexOf(m.Value) + 1));
        foreach (var setting in off.Prepend("enable_seqscan"))
            await Execute($"SET {setting} = off");
        // Only this check's own statement: the driver's automatically prepared ones on this pooled connection
        // (DatabaseProviderSetup.PostgresDefaults) must outlive it, or its next use of one fails.
        await using (var left = connection.CreateCommand())
        {
            left.CommandText = "SELECT count(*)::int FROM pg_prepared_statements WHERE name = 'plan_check'";
            if ((int)(await left.ExecuteScalarAsync())! > 0)
                await Execute("DEALLOCATE plan_check");
        }
        await Execute($"PREPARE plan_check AS {numbered}");
        var types = new List<string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT unnest(parameter_types)::text FROM pg_prepared_statements WHERE name = 'plan_check'";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                types.Add(reader.GetString(0));
        }
        var values = types.Select((t, i) => t switch
        {
            _ when i < given.Count && given[i] is { } value => value,
            _ when t.EndsWith("[]", StringComparison.Ordinal) => "'{1}'",
            _ when t.StartsWith("timestamp", StringComparison.Ordinal) => "'2026-03-01T00:00:00Z'",
            "boolean" => "true",
            "text" or "character varying" or "character" => "'KE'",
            _ => "1",
        });
        await using var explain = connection.CreateCommand();
        explain.CommandText = $"EXPLAIN EXECUTE plan_check({string.Join(", ", values)})";
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                lines.Add(reader.GetString(0).Trim());
        await Execute("DEALLOCATE plan_check");
        foreach (var setting in off.Prepend("enable_seqscan"))
            await Execute($"RESET {setting}");
        return string.Join(" | ", lines);

        async Task Execute(string statement)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
    }
}
