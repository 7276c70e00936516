using Microsoft.AspNetCore.WebUtilities;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// The public index of letters, on the home page (<c>/?q=words&amp;page=N</c>, a public URL contract)
/// and at <c>/letters</c>: letters open for signatures first, newest first, then closed and delivered
/// ones, most recently closed first. Drafts, archived letters and letters their coordinators unlisted
/// never appear (an unlisted letter stays reachable by its link).
/// <para>
/// The search matches every word typed, each in the title or text of any language version of the
/// published version, lower-cased on both sides like the signatory search (Unicode case folding on
/// every provider, see SqlitePragmaInterceptor). The query string is read as typed (<see cref="ListQueryInput"/>).
/// </para>
/// </summary>
public static class PublicLetters
{
    public const int PageSize = 20;

    /// <summary>More words than this narrow nothing a reader needs; the rest are ignored.</summary>
    public const int MaxWords = 8;

    /// <param name="Path">Where the list is shown ("/" or "/letters"), for its paging and search links.</param>
    /// <param name="Language">The reader's language: a letter with a version in it shows that version's title.</param>
    public sealed record Query(string Path, string? Search, string? Page, string? Language) : IQuery<Model>;

    public sealed record Model(string Path, string? Search, IReadOnlyList<string> Notices, int Matching, int Page, int PageCount, IReadOnlyList<Item> Letters)
    {
        public string Link(int page) => QueryHelpers.AddQueryString(Path,
            new Dictionary<string, string?>
            {
                ["q"] = Search,
                ["page"] = page == 1 ? null : page.ToString(CultureInfo.InvariantCulture),
            }.Where(v => v.Value is not null));
    }

    /// <param name="Language">The language of <paramref name="Title"/>, for its lang and dir attributes.</param>
    public sealed record Item(
        string Slug, string Title, string Language, LetterKind Kind, LetterStatus Status, string LeadOrganisation,
        DateTime? DeadlineUtc, string? DeadlineTimeZone, int? SignatureGoal, SignatureCounts Counts)
    {
        public bool IsRightToLeft => LanguageCodes.IsRightToLeft(Language);
    }

    public sealed class QueryHandler(AppDbContext db, IStringLocalizer<SharedResource> T) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var notices = new List<string>();
            var search = ListQueryInput.Search(query.Search, T, notices);
            var requestedPage = ListQueryInput.Page(query.Page, T, notices);

            var listed = db.Letters.AsNoTracking()
                .Where(l => !l.IsUnlisted && l.LatestVersionNumber > 0
                            && (l.Status == LetterStatus.Open || l.Status == LetterStatus.Closed || l.Status == LetterStatus.Delivered));
            foreach (var word in Words(search))
                listed = listed.Where(l => l.Versions.Any(v => v.Number == l.LatestVersionNumber
                    && v.Texts.Any(t => t.Title.ToLower().Contains(word) || t.Body.ToLower().Contains(word))));

            var total = await listed.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Min(requestedPage, pageCount);
            var letters = await listed
                .OrderBy(l => l.Status == LetterStatus.Open ? 0 : 1)
                .ThenByDescending(l => l.Status == LetterStatus.Open ? l.OpenedAt : l.ClosedAt)
                .ThenByDescending(l => l.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(l => new
                {
                    l.Id, l.Slug, l.Kind, l.Status, l.PrimaryLanguage, LeadOrganisation = l.LeadOrganisation.Name,
                    l.DeadlineUtc, l.DeadlineTimeZone, l.SignatureGoal,
                    Titles = l.Versions.Where(v => v.Number == l.LatestVersionNumber)
                        .SelectMany(v => v.Texts.Select(t => new { t.LanguageCode, t.Title })).ToList(),
                })
                .ToListAsync(cancellationToken);

            // The page's counts in one query of their tallies, by the same rule as every letter page.
            var groups = await SignatureCountQueries.GroupsAsync(db, letters.Select(l => l.Id).ToList(), cancellationToken);

            var items = letters.Select(l =>
            {
                var title = l.Titles.Count == 0 ? null : LetterLanguageVersions.ForReader(l.Titles, t => t.LanguageCode, query.Language, l.PrimaryLanguage);
                return new Item(l.Slug, title?.Title ?? l.Slug, title?.LanguageCode ?? l.PrimaryLanguage, l.Kind, l.Status, l.LeadOrganisation,
                    l.DeadlineUtc, l.DeadlineTimeZone, l.SignatureGoal, SignatureCounts.Of(groups[l.Id].ToList()));
            }).ToList();
            return new Model(query.Path, search, notices, total, page, pageCount, items);
        }

        /// <summary>The distinct words of the search, lower-cased (invariant, as the database side is).</summary>
        private static IEnumerable<string> Words(string? search) => search is null
            ? []
            : search.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) // any white space
                .Distinct(StringComparer.Ordinal).Take(MaxWords);
    }
}
