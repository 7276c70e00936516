using LinqKit;
using Microsoft.AspNetCore.WebUtilities;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// The public signatory list at <c>/letters/{slug}/signatories?q=words&amp;country=XX&amp;page=N</c> (also
/// <c>GET /api/letters/{slug}/signatories</c>): approved signatures only, as each signer chose to
/// appear. "Counted, not named" signers are only counted (the list ends with how many); "organisation
/// only" shows the organisation and country. E-mail addresses and networks are not even read by this query.
/// <para>
/// The search looks only at what the list shows: a name given with "organisation only" is never
/// matched, so searching for a person cannot reveal the organisation they signed for. The query
/// string is read as typed (<see cref="ListQueryInput"/>): nothing in it can make the page fail.
/// </para>
/// </summary>
public class Signatories(IMediator mediator) : PageModel
{
    public Model List { get; private set; } = null!;

    /// <remarks>"page" is also Razor Pages' own route value (see <see cref="ListQueryInput"/>): read from the query string only.</remarks>
    public async Task OnGetAsync(string slug, string? q, string? country, [FromQuery(Name = "page")] string? pageNumber,
        string? after, string? before, CancellationToken cancellationToken) =>
        List = await mediator.Send(new Query(slug, pageNumber, q, country, after, before), cancellationToken);

    /// <summary>The query string as typed.</summary>
    /// <param name="After">The "Next" link's position (<see cref="ListCursors"/>): the page starts after it.</param>
    /// <param name="Before">The "Previous" link's position: the page ends before it.</param>
    public sealed record Query(string Slug, string? Page = null, string? Search = null, string? Country = null,
        string? After = null, string? Before = null) : IQuery<Model>
    {
        /// <summary>A page of the whole list, by number (the letter page, the API).</summary>
        public Query(string slug, int page) : this(slug, page.ToString(CultureInfo.InvariantCulture)) { }
    }

    /// <summary>The search and country understood, and a notice for each value that was not.</summary>
    public sealed record Filters(string? Search, string? Country, IReadOnlyList<string> Notices)
    {
        public bool Any => Search is not null || Country is not null;
    }

    /// <param name="Matching">Listed signatories matching the filters, on all pages; with <paramref name="MoreMatch"/>,
    /// the search's count limit (<see cref="SignatureSearch.CountLimit"/>), which more match.</param>
    /// <param name="Unnamed">Counted signatories who asked not to be named, on the whole letter (never per search or country:
    /// that would tell where they are from).</param>
    /// <param name="Countries">The countries of listed signatories, for the filter.</param>
    /// <param name="NextCursor">Where the next page starts (its link seeks there), null on the last page.</param>
    /// <param name="PreviousCursor">Where the previous page ends, null on the first.</param>
    /// <param name="MoreMatch">A search matched more than its count limit: the pages hold its first matches only.</param>
    public sealed record Model(
        string Slug, SignatureCounts Counts, Filters Filters, int Matching, int Page, int PageCount, IReadOnlyList<PublicSignatory> Items,
        int Unnamed, IReadOnlyList<string> Countries, string? NextCursor = null, string? PreviousCursor = null, bool MoreMatch = false)
    {
        /// <summary>The list's address with its filters, at <paramref name="page"/>.</summary>
        public string Link(int page) => QueryHelpers.AddQueryString($"/letters/{Slug}/signatories",
            new Dictionary<string, string?>
            {
                ["q"] = Filters.Search,
                ["country"] = Filters.Country,
                ["page"] = page == 1 ? null : page.ToString(CultureInfo.InvariantCulture),
            }.Where(v => v.Value is not null));

        /// <summary>The pager's links: a deep neighbouring page's link carries this page's position, so it is a seek.</summary>
        public string PagerLink(int page)
        {
            if (!ListCursors.IsDeep(page, PageCount))
                return Link(page);
            var cursor = page == Page + 1 ? ("after", NextCursor) : page == Page - 1 ? ("before", PreviousCursor) : default;
            return cursor.Item2 is null ? Link(page) : QueryHelpers.AddQueryString(Link(page), cursor.Item1, cursor.Item2);
        }

        /// <summary>The end of the whole list (last page, no filter): where "and N more who asked not to be named" belongs.</summary>
        public bool IsEnd => Page == PageCount && !Filters.Any;
    }

    public sealed class QueryHandler(AppDbContext db, IStringLocalizer<SharedResource> T, ListCursors cursors, PageBoundaries boundaries)
        : IQueryHandler<Query, Model>
    {
        public const int PageSize = 50;

        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!LetterSlug.IsWellFormed(query.Slug))
                throw new NotFoundException("The letter");
            var letterId = await db.Letters.AsNoTracking()
                .Where(l => l.Slug == query.Slug && l.Status != LetterStatus.Draft)
                .Select(l => (int?)l.Id)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The letter");
            var notices = new List<string>();
            var filters = new Filters(
                ListQueryInput.Search(query.Search, T, notices),
                ListQueryInput.Country(query.Country, T, notices),
                notices);
            var requestedPage = ListQueryInput.Page(query.Page, T, notices);

            var counts = await SignatureCountQueries.ForLetterAsync(db, letterId, cancellationToken);
            // The countries offered are those of listed signatories only (a country where only unnamed
            // signers are would say where they are from); unfiltered, their sum is the length of the list.
            var listed = Listed(db, letterId);
            var byCountry = (await SignatureCountQueries.FacetAsync(db, letterId, SignatureFacets.Listed, cancellationToken))
                .Select(t => new { CountryCode = t.Key, t.Count }).ToList();
            var unnamed = (await SignatureCountQueries.FacetAsync(db, letterId, SignatureFacets.Unnamed, cancellationToken)).Sum(t => t.Count);
            var countries = byCountry.Select(g => g.CountryCode).ToList();

            var matching = Filtered(filters.Search is { } term ? SignatureSearch.MatchingShown(db, letterId, listed, term) : listed, filters);
            int total;
            var moreMatch = false;
            if (filters.Search is { } search)
            {
                if (await SignatureSearch.FirstShownMatchesAsync(db, letterId, search,
                        signatures => Filtered(signatures.Where(s => s.State == SignatureState.Approved).Where(PublicSignatory.IsListed), filters), cancellationToken) is { } first)
                {
                    // The first matches in signing order, at most the limit plus one, read from the index: counted,
                    // then paged by sorting those alone (walking the list's order for them probed every match: 140-180 ms).
                    moreMatch = first.Count > SignatureSearch.CountLimit;
                    var ids = first.Take(SignatureSearch.CountLimit).ToList();
                    total = ids.Count;
                    matching = db.Signatures.AsNoTracking().Where(s => ids.Contains(s.Id));
                }
                else
                {
                    // No index gives the matches in signing order (PostgreSQL, a term shorter than a trigram):
                    // counted up to the limit, then paged through the first in the list's order.
                    total = await matching.Take(SignatureSearch.CountLimit + 1).CountAsync(cancellationToken);
                    moreMatch = total > SignatureSearch.CountLimit;
                    if (moreMatch)
                        total = SignatureSearch.CountLimit;
                }
            }
            else if (filters.Any)
                total = await matching.CountAsync(cancellationToken);
            else
                total = byCountry.Sum(g => g.Count);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Min(requestedPage, pageCount);
            // A page by number starts from its boundary (PageBoundaries), one table per letter and country, built in a
            // scope of its own; a search counts.
            (string, Func<IServiceProvider, IAsyncEnumerable<LineKey>>)? boundaryList = filters.Search is null
                ? ($"{ListName}:{letterId}:{filters.Country}", services =>
                    Keys(Filtered(Listed(services.GetRequiredService<AppDbContext>(), letterId), filters).OrderBy(s => s.Kind).ThenBy(s => s.Id))
                        .AsStreamed())
                : null;
            var (items, next, previous) = await PageAsync(matching, query, page, pageCount, moreMatch ? null : total, boundaryList, cancellationToken);
            return new Model(query.Slug, counts, filters, total, page, pageCount, items, unnamed, countries, next, previous, moreMatch);
        }

        /// <summary>
        /// One page, organisations first, then individuals, each in signing order (ids are stable for
        /// paging), read through the (LetterId, State, Kind, Id) index. From a neighbour's link it
        /// seeks from that page's first or last line; from a page number alone it counts from the
        /// nearer end, so the last page costs what the first does, and deeper it seeks from the page's
        /// boundary (<see cref="PageBoundaries"/>). The page's keys are found first,
        /// then only its 50 lines are read (by <see cref="PublicSignatory.Shown"/>, in SQL). Returns
        /// the positions of this page's last and first lines for its own "Next" and "Previous" links.
        /// </summary>
        /// <param name="total">The matches, or null when only a lower bound is known (a search past
        /// <see cref="SignatureSearch.CountLimit"/>): then pages count from the start only, since the real end lies further.</param>
        /// <param name="boundaryList">The list's name for its page boundaries and the scan of its keys, or null when they are not kept (a search).</param>
        private async Task<(List<PublicSignatory> Items, string? Next, string? Previous)> PageAsync(
            IQueryable<Signature> matching, Query query, int page, int pageCount, int? total,
            (string Name, Func<IServiceProvider, IAsyncEnumerable<LineKey>> Scan)? boundaryList, CancellationToken cancellationToken)
        {
            List<LineKey>? rows = null;
            if (cursors.Read(ListName, query.After) is { } after && page > 1)
                rows = await SeekAsync(matching, after, forwards: true, cancellationToken);
            else if (cursors.Read(ListName, query.Before) is { } before && page < pageCount)
                rows = await SeekAsync(matching, before, forwards: false, cancellationToken);
            else if (boundaryList is { } list && total is { } all && boundaries.Applies(page, pageCount)
                     && boundaries.StartOf(list.Name, all, page, PageSize, list.Scan) is { } start)
            {
                rows = await SeekAsync(matching, (start.After.Kind, start.After.Id), forwards: true, cancellationToken);
                // A table from before a change (PageBoundaries.RebuildAfter) may end early: then count, as without one.
                if (!start.Holds(rows.Count, all, page, PageSize))
                    rows = null;
            }
            if (rows is not null)
                return await LinesAsync(rows, page, pageCount, cancellationToken);
            if (total is { } known && page > (pageCount + 1) / 2)
            {
                // Nearer the end: skip the lines after this page, counting backwards.
                var later = Math.Max(0, known - page * PageSize);
                var take = Math.Max(0, Math.Min(PageSize, known - (page - 1) * PageSize));
                rows = await Keys(matching.OrderByDescending(s => s.Kind).ThenByDescending(s => s.Id).Skip(later).Take(take))
                    .ToListAsync(cancellationToken);
                rows.Reverse();
            }
            else
            {
                rows = await Keys(matching.OrderBy(s => s.Kind).ThenBy(s => s.Id).Skip((page - 1) * PageSize).Take(PageSize))
                    .ToListAsync(cancellationToken);
            }
            return await LinesAsync(rows, page, pageCount, cancellationToken);
        }

        /// <summary>The page's lines for its keys, and the positions of its last and first lines for its own links.</summary>
        private async Task<(List<PublicSignatory> Items, string? Next, string? Previous)> LinesAsync(
            List<LineKey> rows, int page, int pageCount, CancellationToken cancellationToken)
        {
            var ids = rows.Select(r => r.Id).ToList();
            var items = ids.Count == 0
                ? []
                // By primary key, put in the keys' order here: the ids came from `matching`; with the
                // letter in this SQL too, SQLite walks the letter's list index for them (122 ms at
                // 1,000,000 signatures, 0.7 ms by key). State and the listing rule are checked again, so
                // a line withdrawn or hidden between the two reads stays out.
                : (await db.Signatures.AsNoTracking().AsExpandable()
                        .Where(s => ids.Contains(s.Id) && s.State == SignatureState.Approved).Where(PublicSignatory.IsListed)
                        .Select(s => new { s.Id, Line = PublicSignatory.Shown.Invoke(s) }).ToListAsync(cancellationToken))
                    .OrderBy(row => ids.IndexOf(row.Id)).Select(row => row.Line).ToList();
            var next = page < pageCount && rows.Count > 0 ? cursors.Create(ListName, rows[^1].Kind, rows[^1].Id) : null;
            var previous = page > 1 && rows.Count > 0 ? cursors.Create(ListName, rows[0].Kind, rows[0].Id) : null;
            return (items, next, previous);
        }

        private readonly record struct LineKey(int Kind, int Id);

        private static IQueryable<LineKey> Keys(IQueryable<Signature> window) => window.Select(s => new LineKey((int)s.Kind, s.Id));

        /// <summary>The letter's listed signatures: approved, and given a line by <see cref="PublicSignatory.IsListed"/>.</summary>
        private static IQueryable<Signature> Listed(AppDbContext db, int letterId) =>
            db.Signatures.AsNoTracking().Where(s => s.LetterId == letterId && s.State == SignatureState.Approved).Where(PublicSignatory.IsListed);

        /// <summary>
        /// The page that starts after <paramref name="position"/> (or ends before it, going backwards), in
        /// list order: the rest of the position's kind, then the next kind (<see cref="ListCursors.PageFromAsync"/>).
        /// </summary>
        private static async Task<List<LineKey>> SeekAsync(
            IQueryable<Signature> matching, (long SortKey, int Id) position, bool forwards, CancellationToken cancellationToken)
        {
            var (kind, id) = ((SignerKind)position.SortKey, position.Id);
            var rows = forwards
                ? await ListCursors.PageFromAsync(
                    Keys(matching.Where(s => s.Kind == kind && s.Id > id).OrderBy(s => s.Id)),
                    Keys(matching.Where(s => s.Kind > kind).OrderBy(s => s.Kind).ThenBy(s => s.Id)), PageSize, cancellationToken)
                : await ListCursors.PageFromAsync(
                    Keys(matching.Where(s => s.Kind == kind && s.Id < id).OrderByDescending(s => s.Id)),
                    Keys(matching.Where(s => s.Kind < kind).OrderByDescending(s => s.Kind).ThenByDescending(s => s.Id)), PageSize, cancellationToken);
            if (!forwards)
                rows.Reverse();
            return rows;
        }

        private const string ListName = "signatories";

        /// <summary>The filters other than the search (each caller finds the search's matches its own way:
        /// both match only what the list shows of each signatory, see the class remarks).</summary>
        private static IQueryable<Signature> Filtered(IQueryable<Signature> listed, Filters filters) =>
            filters.Country is { } country ? listed.Where(s => s.CountryCode == country) : listed;
    }
}
