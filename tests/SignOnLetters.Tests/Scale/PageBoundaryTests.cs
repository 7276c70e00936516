using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SignOnLetters.Data;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using Index = SignOnLetters.Web.Pages.Signatures.Index;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Scale;

/// <summary>
/// Pages by number reached from their boundary (<see cref="PageBoundaries"/>, issue 20): the same
/// pages the "Next" links walk to, in the whole list and by country, never a row the list does not
/// show, even from a table built before a withdrawal; and no OFFSET for a deep page. The fixture
/// makes every page but the first and last "deep" (<c>Lists:PageBoundaries:FromDepth</c> = 1).
/// </summary>
public abstract class PageBoundaryTests(SliceFixture app) : SliceTest(app)
{
    private const int Signers = 720;
    private static readonly string[] Countries = ["PT", "KE", "BR", "FR", "AR"];

    /// <summary>Listed organisations and people, people counted but not named, and pending and withdrawn signatures
    /// (the last two only in the whole list's tail, so that the listed rows' ids interleave with them).</summary>
    private async Task<(HashSet<string> Listed, HashSet<string> NotListed)> SeedAsync()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var listed = new HashSet<string>();
        var notListed = new HashSet<string>();
        var rows = new List<object>();
        for (var i = 0; i < Signers; i++)
        {
            var country = Countries[i % Countries.Length];
            if (i % 7 == 0)
            {
                rows.Add(Approved(App, terms, Organisation($"Network {i:000}", $"o{i}@example.org") with { CountryCode = country }, i));
                listed.Add($"Network {i:000}");
                continue;
            }
            var name = $"Person {i:000}";
            var command = Individual(name, $"p{i}@example.org") with
            {
                CountryCode = country,
                Visibility = i % 11 == 0 ? SignatureVisibility.CountedNotNamed : SignatureVisibility.NameAndOrganisation,
            };
            if (i % 13 == 0)
            {
                // Pending: signed, never confirmed.
                rows.Add(terms.Sign(command.Details, SignatureSource.PublicForm, NewTokens(), App.Clock.GetUtcNow().UtcDateTime.AddMinutes(i)));
                notListed.Add(name);
                continue;
            }
            var signature = Approved(App, terms, command, i);
            if (i % 17 == 0)
                signature.Withdraw(SignatureActor.Signer, null, App.Clock.GetUtcNow().UtcDateTime.AddMinutes(i + 1));
            rows.Add(signature);
            (i % 11 == 0 || i % 17 == 0 ? notListed : listed).Add(name);
        }
        await App.InsertAsync(rows.ToArray());
        App.RunAs(null);
        return (listed, notListed);
    }

    private static string Shown(PublicSignatory line) => line.Kind == SignerKind.Organisation ? line.Organisation! : line.Name!;

    /// <summary>Every page of the list, from the first by its "Next" links.</summary>
    private async Task<List<Signatories.Model>> WalkAsync(string? country)
    {
        var pages = new List<Signatories.Model> { await App.SendAsync(new Signatories.Query(Slug, "1", Country: country)) };
        while (pages[^1].NextCursor is { } next)
            pages.Add(await App.SendAsync(new Signatories.Query(Slug, (pages[^1].Page + 1).ToString(), Country: country, After: next)));
        return pages;
    }

    /// <summary>Asks for a deep page, so that its table is built (in the background), and waits for it.</summary>
    private async Task BuildTableAsync(string? country)
    {
        await App.SendAsync(new Signatories.Query(Slug, "2", Country: country));
        await App.Factory.Services.GetRequiredService<PageBoundaries>().LastBuild;
    }

    private async Task<List<Signatories.Model>> ByNumberAsync(string? country, int pageCount)
    {
        var pages = new List<Signatories.Model>();
        for (var page = 1; page <= pageCount; page++)
            pages.Add(await App.SendAsync(new Signatories.Query(Slug, page.ToString(), Country: country)));
        return pages;
    }

    [SkippableFact]
    public async Task Should_show_every_page_by_its_number_exactly_as_the_next_links_reach_it_in_the_whole_list_and_by_country()
    {
        var (listed, notListed) = await SeedAsync();
        foreach (var country in new[] { null, "KE" })
        {
            var walked = await WalkAsync(country);
            Assert.True(walked.Count >= 3, $"{walked.Count} pages for {country}");
            Assert.Equal(walked[0].PageCount, walked.Count);
            App.Logs.Clear();
            await BuildTableAsync(country);
            var byNumber = await ByNumberAsync(country, walked.Count);
            for (var page = 0; page < walked.Count; page++)
                Assert.Equal(walked[page].Items, byNumber[page].Items);
            // The deep pages came from a table, built once for this list.
            Assert.Single(App.Logs.Lines, l => l.Contains("Page boundaries of signatories:") && l.Contains($":{country}: "));

            var shown = byNumber.SelectMany(p => p.Items).Select(Shown).ToList();
            Assert.Equal(shown.Count, shown.Distinct().Count());
            Assert.Equal(walked[0].Matching, shown.Count);
            Assert.DoesNotContain(shown, notListed.Contains);
            Assert.Equal(
                listed.Where(name => country is null || Countries[int.Parse(name[^3..]) % Countries.Length] == country).Order(),
                shown.Order());
        }
    }

    [SkippableFact]
    public async Task Should_reach_a_deep_page_by_its_number_by_a_seek_not_an_offset()
    {
        await SeedAsync();
        var first = await App.SendAsync(new Signatories.Query(Slug, 1));
        var middle = (first.PageCount + 1) / 2;
        await BuildTableAsync(null);
        App.Logs.Clear();
        var page = await App.SendAsync(new Signatories.Query(Slug, middle));
        Assert.Equal(50, page.Items.Count);
        var statements = App.Logs.Lines.Where(l => l.Contains("Executed DbCommand") && l.Contains("\"Signatures\"")).ToList();
        Assert.NotEmpty(statements);
        Assert.All(statements, sql => Assert.DoesNotContain("OFFSET", sql, StringComparison.OrdinalIgnoreCase));
        Assert.Single(statements, sql => sql.Contains("\"Kind\" = @") && sql.Contains("\"Id\" > @"));
    }

    [SkippableFact]
    public async Task Should_never_show_a_signatory_withdrawn_after_the_table_was_built_and_build_it_again_within_its_bound()
    {
        var (listed, _) = await SeedAsync();
        await BuildTableAsync(null);
        var before = await ByNumberAsync(null, (await App.SendAsync(new Signatories.Query(Slug, 1))).PageCount);
        // One on the second page and one on the fourth, withdrawn after the table was built.
        var withdrawn = new[] { Shown(before[1].Items[10]), Shown(before[3].Items[20]) };
        await App.ExecuteDbContextAsync(async db =>
        {
            foreach (var signature in await db.Signatures.Where(s => withdrawn.Contains(s.SignerName) || withdrawn.Contains(s.OrganisationName!)).ToListAsync())
                signature.Withdraw(SignatureActor.Signer, null, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        var walked = await WalkAsync(null);
        Assert.Equal(listed.Count - 2, walked.Sum(p => p.Items.Count));
        var stale = await ByNumberAsync(null, walked.Count);
        // At once, on every page: the table only says where a page starts; the rows are read through the list's rule.
        Assert.DoesNotContain(stale.SelectMany(p => p.Items).Select(Shown), withdrawn.Contains);

        App.Clock.Advance(App.Factory.Services.GetRequiredService<IOptions<PageBoundaryOptions>>().Value.RebuildAfter + TimeSpan.FromSeconds(1));
        await BuildTableAsync(null);
        var rebuilt = await ByNumberAsync(null, walked.Count);
        for (var page = 0; page < walked.Count; page++)
            Assert.Equal(walked[page].Items, rebuilt[page].Items);
    }

    /// <summary>
    /// The coordinators' table of every state, with a name shared by a fifth of the signers (a page
    /// boundary falls inside it) and organisations whose name was erased after their retention (no
    /// name to sort by: PostgreSQL puts them last, SQLite first), several signed in the same minute.
    /// </summary>
    private async Task SeedTableAsync()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var rows = new List<Signature>();
        for (var i = 0; i < Signers; i++)
        {
            var country = Countries[i % Countries.Length];
            var name = i % 5 == 0 ? "Shared Name" : $"Person {i:000}";
            var command = i % 3 == 0
                ? Organisation($"Network {i:000}", $"o{i}@example.org") with { CountryCode = country, Visibility = i % 9 == 0 ? SignatureVisibility.CountedNotNamed : SignatureVisibility.NameAndOrganisation }
                : Individual(name, $"p{i}@example.org") with { CountryCode = country };
            var signature = i % 13 == 0
                ? terms.Sign(command.Details, SignatureSource.PublicForm, NewTokens(), App.Clock.GetUtcNow().UtcDateTime.AddMinutes(i / 4))
                : Approved(App, terms, command, i / 4);
            if (i % 9 == 0 && signature.State == SignatureState.Approved)
                signature.AnonymiseAfterRetention(App.Clock.GetUtcNow().UtcDateTime.AddYears(2));
            if (i % 17 == 0 && signature.State == SignatureState.Approved)
                signature.Withdraw(SignatureActor.Signer, null, App.Clock.GetUtcNow().UtcDateTime.AddMinutes(i + 1));
            rows.Add(signature);
        }
        await App.InsertAsync(rows.ToArray<object>());
        App.RunAs(coordinator);
    }

    /// <summary>The table's ids in the database's own order (its collation, where it sorts a missing name), counted in one query.</summary>
    private Task<List<int>> TableOrderAsync(string sort, string? country) => App.ExecuteDbContextAsync(db =>
    {
        var letter = db.Signatures.Where(s => s.Letter.Slug == Slug && (country == null || s.CountryCode == country));
        return (sort switch
        {
            "Name" => letter.OrderBy(s => EF.Property<string>(s, SignatureSortKeys.Name)).ThenBy(s => s.Id),
            "Oldest" => letter.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id),
            "Country" => letter.OrderBy(s => s.CountryCode).ThenBy(s => s.Id),
            _ => letter.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id),
        }).Select(s => s.Id).ToListAsync();
    });

    [SkippableFact]
    public async Task Should_show_every_page_of_the_coordinators_table_by_its_number_from_its_boundaries_in_every_order()
    {
        await SeedTableAsync();
        var nameless = await App.ExecuteDbContextAsync(db => db.Signatures.CountAsync(s => EF.Property<string?>(s, SignatureSortKeys.Name) == null));
        Assert.InRange(nameless, 60, 100);
        foreach (var (sort, country) in new[] { ("Name", (string?)null), ("Name", "PT"), ("Newest", null), ("Oldest", null), ("Country", null), ("Newest", "KE") })
        {
            var expected = await TableOrderAsync(sort, country);
            var first = await App.SendAsync(new Index.Query(Slug, Sort: sort, Country: country));
            Assert.Equal(expected.Count, first.Matching);
            Assert.True(first.PageCount >= 3, $"{first.PageCount} pages");
            // A deep page by number asks for the table (built in the background; that request counts).
            App.Logs.Clear();
            await App.SendAsync(new Index.Query(Slug, Sort: sort, Country: country, Page: "2"));
            await App.Factory.Services.GetRequiredService<PageBoundaries>().LastBuild;
            Assert.Single(App.Logs.Lines, l => l.Contains($"Page boundaries of signatures:") && l.Contains($":{sort}:::{country}:: {expected.Count} rows"));

            App.Logs.Clear();
            var pages = new List<Index.Model>();
            for (var page = 1; page <= first.PageCount; page++)
                pages.Add(await App.SendAsync(new Index.Query(Slug, Sort: sort, Country: country, Page: page.ToString())));
            Assert.Equal(expected, pages.SelectMany(p => p.Rows).Select(r => r.Id));
            // No deep page counted past the rows before it.
            var statements = App.Logs.Lines.Where(l => l.Contains("Executed DbCommand") && l.Contains("OFFSET", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.Equal(2, statements.Count);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PageBoundaryTestsOnSqlite(SqliteSlice app) : PageBoundaryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PageBoundaryTestsOnPostgres(PostgresSlice app) : PageBoundaryTests(app);

/// <summary>The table's own rules, without a database: how often it is scanned, and that no request waits for a build.</summary>
public sealed class PageBoundaryTableTests
{
    private readonly TestClock _clock = new();
    private readonly PageBoundaryOptions _options = new() { RebuildAfter = TimeSpan.FromSeconds(30), MaxAge = TimeSpan.FromMinutes(10) };
    private int _scans;

    private PageBoundaries New() => new(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
        Options.Create(_options), _clock, NullLogger<PageBoundaries>.Instance);

    private async IAsyncEnumerable<int> Keys(int rows, Task? until = null)
    {
        _scans++;
        if (until is not null)
            await until;
        for (var key = 1; key <= rows; key++)
            yield return key * 10;
    }

    /// <summary>The start of <paramref name="page"/>, once the table a first ask starts building is built.</summary>
    private async Task<PageBoundaries.Start<int>?> BuiltStartAsync(PageBoundaries boundaries, string list, int rows, int page)
    {
        if (boundaries.StartOf(list, rows, page, 50, _ => Keys(rows)) is { } start)
            return start;
        await boundaries.LastBuild;
        return boundaries.StartOf(list, rows, page, 50, _ => Keys(rows));
    }

    [Fact]
    public async Task Should_start_each_page_after_the_last_key_of_the_page_before()
    {
        using var boundaries = New();
        // The first ask starts the build and counts; it does not wait.
        Assert.Null(boundaries.StartOf("list", 120, 2, 50, _ => Keys(120)));
        await boundaries.LastBuild;
        Assert.Equal(new PageBoundaries.Start<int>(500, true), boundaries.StartOf("list", 120, 2, 50, _ => Keys(120)));
        Assert.Equal(new PageBoundaries.Start<int>(1000, true), boundaries.StartOf("list", 120, 3, 50, _ => Keys(120)));
        // Beyond the table's pages (the list grew past it), or page 1: nothing to start after.
        Assert.Null(boundaries.StartOf("list", 120, 4, 50, _ => Keys(120)));
        Assert.Null(boundaries.StartOf("list", 120, 1, 50, _ => Keys(120)));
        Assert.Equal(1, _scans);
    }

    [Fact]
    public async Task Should_scan_a_busy_list_at_most_once_in_its_rebuild_interval_and_a_quiet_one_once_in_its_age()
    {
        using var boundaries = New();
        for (var request = 0; request < 20; request++)
        {
            // The list grows with every request: the table built at the first is used, marked as not exact.
            var start = await BuiltStartAsync(boundaries, "busy", 1000 + request, 3);
            Assert.Equal(request == 0, start!.Value.Exact);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(1, _scans);
        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.True((await BuiltStartAsync(boundaries, "busy", 2000, 3))!.Value.Exact);
        Assert.Equal(2, _scans);

        // Unchanged: the same table until it is MaxAge old.
        for (var minute = 0; minute < 9; minute++, _clock.Advance(TimeSpan.FromMinutes(1)))
            Assert.NotNull(boundaries.StartOf("busy", 2000, 3, 50, _ => Keys(2000)));
        Assert.Equal(2, _scans);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await BuiltStartAsync(boundaries, "busy", 2000, 3);
        Assert.Equal(3, _scans);
    }

    [Fact]
    public async Task Should_build_one_table_at_a_time_and_let_no_request_wait_for_it()
    {
        using var boundaries = New();
        var release = new TaskCompletionSource();
        Assert.Null(boundaries.StartOf("big", 1000, 3, 50, _ => Keys(1000, release.Task)));
        // While "big" is being built: nothing for it yet, and no second scan started for another list.
        Assert.Null(boundaries.StartOf("big", 1000, 3, 50, _ => Keys(1000)));
        Assert.Null(boundaries.StartOf("other", 1000, 3, 50, _ => Keys(1000)));
        release.SetResult();
        await boundaries.LastBuild;
        Assert.Equal(1, _scans);
        Assert.Equal(1000, boundaries.StartOf("big", 1000, 3, 50, _ => Keys(1000))!.Value.After);
        // Once it is built, the other list's table can be.
        Assert.Equal(500, (await BuiltStartAsync(boundaries, "other", 1000, 2))!.Value.After);
        Assert.Equal(2, _scans);
    }

    [Fact]
    public async Task Should_keep_no_more_tables_than_its_memory_limit_holds()
    {
        _options.MemoryLimitBytes = 10_000;
        using var boundaries = New();
        // Each table: 64 bytes and 4 for each of its 200 pages; 12 of them would need 10,368 bytes.
        for (var list = 0; list < 12; list++)
            await BuiltStartAsync(boundaries, $"list {list}", 10_000, 3);
        Assert.Equal(12, _scans);
        var kept = Enumerable.Range(0, 12).Count(list => boundaries.StartOf($"list {list}", 10_000, 3, 50, _ => Keys(10_000)) is not null);
        await boundaries.LastBuild;
        Assert.InRange(kept, 1, 11);
    }
}
