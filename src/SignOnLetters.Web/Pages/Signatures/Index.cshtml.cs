using Microsoft.AspNetCore.WebUtilities;
using SignOnLetters.Web.Documents;
using SignOnLetters.Web.Infrastructure.Charts;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// The coordinators' signature table at <c>/letters/{slug}/signatures</c>: every signature of the
/// letter with its private fields, searched (name, organisation, e-mail), filtered (state, type,
/// country, visibility), sorted (date, name, country) and paged; above it the headline counts, the
/// confirmed signatures over time and their spread by country and UN region, drawn as SVG with the
/// numbers in tables too. The review queue stays at <c>/moderation</c>.
/// <para>
/// The query string is taken as typed (it is a link anyone can edit): values the page does not
/// know are ignored and named in a notice, an over-long search is cut, a page out of range shows the
/// nearest page. Nothing in it can make the page fail.
/// </para>
/// </summary>
[Authorize]
public class Index(IMediator mediator) : PageModel
{
    public Model Table { get; private set; } = null!;

    /// <remarks>"page" is also Razor Pages' own route value (the page's path): read it from the query string only.</remarks>
    public async Task OnGetAsync(string slug, string? q, string? state, string? type, string? country, string? visibility, string? sort,
        [FromQuery(Name = "page")] string? pageNumber, string? after, string? before, CancellationToken cancellationToken) =>
        Table = await mediator.Send(new Query(slug, q, state, type, country, visibility, sort, pageNumber, after, before), cancellationToken);

    /// <summary>The query string as typed; the handler reads it (see <see cref="Filters.Parse"/>).</summary>
    public sealed record Query(
        string Slug, string? Search = null, string? State = null, string? Type = null, string? Country = null, string? Visibility = null,
        string? Sort = null, string? Page = null, string? After = null, string? Before = null) : IQuery<Model>;

    public enum SortOrder
    {
        Newest,
        Oldest,
        Name,
        Country,
    }

    /// <summary>The filters understood, and a notice for each value that was not.</summary>
    public sealed record Filters(
        string? Search, SignatureState? State, SignerKind? Type, string? Country, SignatureVisibility? Visibility, SortOrder Sort, int Page,
        IReadOnlyList<string> Notices)
    {
        public const int SearchMaxLength = ListQueryInput.SearchMaxLength;

        public static Filters Parse(Query query, IStringLocalizer T)
        {
            var notices = new List<string>();
            var search = ListQueryInput.Search(query.Search, T, notices);
            var country = ListQueryInput.Country(query.Country, T, notices);
            var page = ListQueryInput.Page(query.Page, T, notices);
            return new Filters(
                search,
                Named<SignatureState>(query.State, value => T["Unknown state \"{0}\" ignored.", value], notices),
                Named<SignerKind>(query.Type, value => T["Unknown type \"{0}\" ignored.", value], notices),
                country,
                Named<SignatureVisibility>(query.Visibility, value => T["Unknown visibility \"{0}\" ignored.", value], notices),
                Named<SortOrder>(query.Sort, value => T["Unknown sort order \"{0}\" ignored.", value], notices) ?? SortOrder.Newest,
                page,
                notices);
        }

        /// <summary>An enum value by its name only (not by number: "99" is no state), case-insensitive.</summary>
        private static TValue? Named<TValue>(string? value, Func<string, string> unknown, List<string> notices) where TValue : struct, Enum
        {
            if (string.IsNullOrWhiteSpace(value))
                return null;
            var name = Enum.GetNames<TValue>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                notices.Add(unknown(ListQueryInput.Echo(value)));
                return null;
            }
            return Enum.Parse<TValue>(name);
        }
    }

    public sealed record Model(
        string Slug, Filters Filters, SignatureCounts Counts, IReadOnlyList<(SignatureState State, int Count)> States,
        IReadOnlyList<ChartPoint> Timeline, IReadOnlyList<ChartPoint> ByCountry, IReadOnlyList<ChartPoint> ByRegion,
        int Matching, int Page, int PageCount, IReadOnlyList<Row> Rows, string? NextCursor = null, string? PreviousCursor = null,
        bool MoreMatch = false)
    {
        /// <summary>The "Next" link: for a deep page, a seek from this page's last row where the sort allows (see <see cref="ListCursors"/>).</summary>
        public string NextLink => NextCursor is null || !ListCursors.IsDeep(Page + 1, PageCount)
            ? Link(page: Page + 1)
            : QueryHelpers.AddQueryString(Link(page: Page + 1), "after", NextCursor);

        /// <summary>The "Previous" link: a seek back from this page's first row (deep pages only, as <see cref="NextLink"/>).</summary>
        public string PreviousLink => PreviousCursor is null || !ListCursors.IsDeep(Page - 1, PageCount)
            ? Link(page: Page - 1)
            : QueryHelpers.AddQueryString(Link(page: Page - 1), "before", PreviousCursor);

        /// <summary>This page's address with the current filters, changing the given ones.</summary>
        public string Link(int? page = null, SortOrder? sort = null)
        {
            var values = new Dictionary<string, string?>
            {
                ["q"] = Filters.Search,
                ["state"] = Filters.State?.ToString(),
                ["type"] = Filters.Type?.ToString(),
                ["country"] = Filters.Country,
                ["visibility"] = Filters.Visibility?.ToString(),
                ["sort"] = (sort ?? Filters.Sort) == SortOrder.Newest ? null : (sort ?? Filters.Sort).ToString(),
                ["page"] = (page ?? Page) == 1 ? null : (page ?? Page).ToString(CultureInfo.InvariantCulture),
            };
            return QueryHelpers.AddQueryString($"/letters/{Slug}/signatures", values.Where(v => v.Value is not null));
        }
    }

    public sealed record Row(
        int Id, SignerKind Kind, string? OrganisationName, string SignerName, string? Role, string CountryCode, string? Email,
        SignatureState State, SignatureVisibility Visibility, SignatureSource Source, DateTime CreatedAt, DateTime? ConfirmedAt, DateTime? ErasedAt)
    {
        public string Display => Kind == SignerKind.Organisation
            ? (SignerName.Length == 0 ? OrganisationName ?? "—" : $"{OrganisationName}: {SignerName}")
            : SignerName.Length == 0 ? "—" : OrganisationName is null ? SignerName : $"{SignerName} ({OrganisationName})";
    }

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> T, ListCursors cursors, PageBoundaries boundaries)
        : IQueryHandler<Query, Model>
    {
        public const int PageSize = 50;

        /// <summary>Countries drawn as bars; the rest are summed in one bar (the table lists them all).</summary>
        public const int CountryBars = 15;

        /// <summary>A search counts its matches up to this many (<see cref="SignatureSearch.CountLimit"/>, the public list's too).</summary>
        public const int SearchCountLimit = SignatureSearch.CountLimit;

        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var letterId = await db.RequireLeadCoordinatorAsync(query.Slug, user, cancellationToken);
            var filters = Filters.Parse(query, T);

            var groups = await SignatureCountQueries.GroupsAsync(db, letterId, cancellationToken);
            var states = (await SignatureCountQueries.FacetAsync(db, letterId, SignatureFacets.State, cancellationToken))
                .Select(t => (State: Enum.Parse<SignatureState>(t.Key), t.Count)).ToList();
            var perDay = (await SignatureCountQueries.FacetAsync(db, letterId, SignatureFacets.Day, cancellationToken))
                .ToDictionary(t => SignatureFacets.ParseDay(t.Key), t => t.Count);

            var letter = db.Signatures.AsNoTracking().Where(s => s.LetterId == letterId);
            var matching = Filtered(filters.Search is { } term ? SignatureSearch.Matching(db, letterId, letter, term) : letter, filters);
            int total;
            var moreMatch = false;
            if (filters.Search is { } search)
            {
                if (await SignatureSearch.FirstMatchesAsync(db, letterId, search, signatures => Filtered(signatures, filters), cancellationToken) is { } first)
                {
                    // The first matches in signing order, at most the limit plus one, read from the index: counted,
                    // then paged by sorting those alone (walking the table's order for them probed every match: 140-180 ms).
                    moreMatch = first.Count > SearchCountLimit;
                    var ids = first.Take(SearchCountLimit).ToList();
                    total = ids.Count;
                    matching = db.Signatures.AsNoTracking().Where(s => ids.Contains(s.Id));
                }
                else
                {
                    // No index gives the matches in signing order (PostgreSQL, a term shorter than a trigram):
                    // counted up to the limit, then paged through the first in the table's order.
                    total = await matching.Take(SearchCountLimit + 1).CountAsync(cancellationToken);
                    moreMatch = total > SearchCountLimit;
                    if (moreMatch)
                        total = SearchCountLimit;
                }
            }
            // Without a search or a filter other than the state, the tallies know how many match.
            else if (filters is { Type: null, Country: null, Visibility: null })
                total = states.Where(s => filters.State is null || s.State == filters.State).Sum(s => s.Count);
            else
                total = await matching.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Min(filters.Page, pageCount);
            // One table of page boundaries per letter, order and filters, scanned in a scope of its own; a search counts.
            (string, Func<IServiceProvider, IAsyncEnumerable<SignatureTableOrder.Position>>)? boundaryList = filters.Search is null
                ? ($"signatures:{letterId}:{filters.Sort}:{filters.State}:{filters.Type}:{filters.Country}:{filters.Visibility}", services =>
                    SignatureTableOrder.Positions(
                        Filtered(services.GetRequiredService<AppDbContext>().Signatures.AsNoTracking().Where(s => s.LetterId == letterId), filters),
                        filters.Sort))
                : null;
            var (rows, next, previous) = await PageAsync(matching, filters.Sort, query, page, pageCount, moreMatch ? null : total, boundaryList, cancellationToken);

            return new Model(query.Slug, filters, SignatureCounts.Of(groups),
                states.OrderBy(s => s.State).ToList(),
                Timeline(perDay), ByCountry(groups), ByRegion(groups, T), total, page, pageCount, rows, next, previous, moreMatch);
        }

        /// <summary>The filters other than the search (each caller finds the search's matches its own way).</summary>
        private static IQueryable<Signature> Filtered(IQueryable<Signature> signatures, Filters filters)
        {
            if (filters.State is { } state)
                signatures = signatures.Where(s => s.State == state);
            if (filters.Type is { } kind)
                signatures = signatures.Where(s => s.Kind == kind);
            if (filters.Country is { } country)
                signatures = signatures.Where(s => s.CountryCode == country);
            if (filters.Visibility is { } visibility)
                signatures = signatures.Where(s => s.Visibility == visibility);
            return signatures;
        }

        /// <summary>
        /// One page of the table. Sorted by date or by country, the neighbours' links seek from this
        /// page's first or last row (<see cref="SignatureTableOrder"/>); in every order, a deep page by
        /// its number seeks from its boundary (<see cref="PageBoundaries"/>, one table per letter, order
        /// and filters; not for a search, whose pages are few) once that table is built, and otherwise
        /// counts from the nearer end, so the first, the last and the next page all cost alike. The name
        /// order's key is text, which the links' positions do not carry: its links are page numbers.
        /// </summary>
        /// <param name="total">The matches, or null when only a lower bound is known (a search past
        /// <see cref="SearchCountLimit"/>): then pages count from the start only.</param>
        /// <param name="boundaryList">The list's name for its page boundaries and the scan of its rows' places, or null (a search).</param>
        private async Task<(List<Row> Rows, string? Next, string? Previous)> PageAsync(
            IQueryable<Signature> matching, SortOrder sort, Query query, int page, int pageCount, int? total,
            (string Name, Func<IServiceProvider, IAsyncEnumerable<SignatureTableOrder.Position>> Scan)? boundaryList, CancellationToken cancellationToken)
        {
            var list = $"signatures:{sort}";
            var seekable = sort != SortOrder.Name;
            var nullsSortLast = db.Database.IsNpgsql();
            Task<List<int>> From(SignatureTableOrder.Position position, bool forwards) =>
                ListCursors.PageFromAsync(PageSize, cancellationToken, SignatureTableOrder.After(matching, sort, position, forwards, nullsSortLast));
            // The page's ids first, from the index alone (a page number counts past index entries, not
            // rows; PostgreSQL can answer it by an index-only scan), then only its 50 rows.
            List<int>? ids = null;
            if (seekable && cursors.Read(list, query.After) is { } after && page > 1)
                ids = await From(new(after.SortKey, null, after.Id), forwards: true);
            else if (seekable && cursors.Read(list, query.Before) is { } before && page < pageCount)
            {
                ids = await From(new(before.SortKey, null, before.Id), forwards: false);
                ids.Reverse();
            }
            else if (boundaryList is { } boundaryOf && total is { } all && boundaries.Applies(page, pageCount)
                     && boundaries.StartOf(boundaryOf.Name, all, page, PageSize, boundaryOf.Scan, SignatureTableOrder.Position.HeapBytes) is { } start)
            {
                ids = await From(start.After, forwards: true);
                // A table from before a change (PageBoundaries.RebuildAfter) may end early: then count, as without one.
                if (!start.Holds(ids.Count, all, page, PageSize))
                    ids = null;
            }
            if (ids is null && total is { } known && page > (pageCount + 1) / 2)
            {
                var later = Math.Max(0, known - page * PageSize);
                var take = Math.Max(0, Math.Min(PageSize, known - (page - 1) * PageSize));
                ids = await SignatureTableOrder.Sorted(matching, sort, backwards: true).Skip(later).Take(take).Select(s => s.Id).ToListAsync(cancellationToken);
                ids.Reverse();
            }
            ids ??= await SignatureTableOrder.Sorted(matching, sort).Skip((page - 1) * PageSize).Take(PageSize).Select(s => s.Id).ToListAsync(cancellationToken);
            var byId = ids.Count == 0
                ? []
                : await db.Signatures.AsNoTracking().Where(s => ids.Contains(s.Id))
                    .Select(s => new Row(s.Id, s.Kind, s.OrganisationName, s.SignerName, s.Role, s.CountryCode, s.Email, s.State, s.Visibility,
                        s.Source, s.CreatedAt, s.ConfirmedAt, s.ErasedAt))
                    .ToDictionaryAsync(r => r.Id, cancellationToken);
            // By id alone (a search is not run twice); a row deleted between the two reads is left out.
            var rows = ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
            if (!seekable || rows.Count == 0)
                return (rows, null, null);
            return (rows,
                page < pageCount ? cursors.Create(list, SignatureTableOrder.SortKey(rows[^1], sort), rows[^1].Id) : null,
                page > 1 ? cursors.Create(list, SignatureTableOrder.SortKey(rows[0], sort), rows[0].Id) : null);
        }

        /// <summary>Counted signatures so far at the end of each day from the first to the last, gaps included.</summary>
        /// <param name="perDay">Approved signatures per day they counted from (the "day" tallies).</param>
        internal static List<ChartPoint> Timeline(IReadOnlyDictionary<DateOnly, int> perDay)
        {
            if (perDay.Count == 0)
                return [];
            var (first, last) = (perDay.Keys.Min(), perDay.Keys.Max());
            var points = new List<ChartPoint>();
            var total = 0;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                total += perDay.GetValueOrDefault(day);
                // The reader's short date ("01/03/2026" in French): the label is shown, on the chart, its table and its summary.
                points.Add(new ChartPoint(Dates.Day(day), total));
            }
            return points;
        }

        private static List<ChartPoint> ByCountry(IEnumerable<CountedGroup> groups) =>
            groups.GroupBy(g => g.CountryCode)
                .Select(g => new ChartPoint(Countries.Name(g.Key), g.Sum(c => c.Count)))
                .OrderByDescending(p => p.Value).ThenBy(p => p.Label, StringComparer.CurrentCulture)
                .ToList();

        private static List<ChartPoint> ByRegion(IEnumerable<CountedGroup> groups, IStringLocalizer T) =>
            groups.GroupBy(g => T.Of(UnRegions.Of(g.CountryCode)))
                .Select(g => new ChartPoint(g.Key, g.Sum(c => c.Count)))
                .OrderByDescending(p => p.Value).ThenBy(p => p.Label, StringComparer.CurrentCulture)
                .ToList();
    }

    /// <summary>
    /// The largest countries, drawn as bars; the others are named in a line under the chart (one
    /// summed bar would dwarf the rest) and all are in the table.
    /// </summary>
    public static IReadOnlyList<ChartPoint> TopCountries(IReadOnlyList<ChartPoint> byCountry) =>
        byCountry.Take(QueryHandler.CountryBars).ToList();
}
