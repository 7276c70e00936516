using SignOnLetters.Web.Infrastructure.Markdown;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// The published versions of a letter, for everyone (signers above all: an amendment changes the text
/// they put their name to): <c>/letters/{slug}/versions</c> lists them with their change notes, and
/// <c>/letters/{slug}/versions/{number}</c> shows one in the reader's language with what changed from
/// the version before. Editors' unpublished revisions stay on the history page.
/// </summary>
public class Versions(IMediator mediator) : PageModel
{
    public Model Data { get; private set; } = null!;

    /// <param name="number">The version to show; the latest without one. An unknown number is 404.</param>
    /// <param name="lang">The language version asked for by its link; without one, the reader's.</param>
    public async Task OnGetAsync(string slug, int? number, string? lang, CancellationToken cancellationToken) =>
        Data = await mediator.Send(new Query(slug, number, lang ?? ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);

    public sealed record Query(string Slug, int? Number, string? Language) : IQuery<Model>;

    /// <param name="NotUpdatedSince">For a translation behind the main text in this version: the last version that updated it.</param>
    public sealed record Model(
        string Slug, string PrimaryLanguage, IReadOnlyList<Summary> All, Summary Shown, int LatestNumber,
        string Language, string Title, string BodyHtml, IReadOnlyList<View.LanguageVersion> Languages,
        int? NotUpdatedSince, IReadOnlyList<DiffSection> Changes)
    {
        public bool IsRightToLeft => LanguageCodes.IsRightToLeft(Language);
    }

    public sealed record Summary(int Number, DateTime PublishedAt, string? ChangeNote);

    public sealed class QueryHandler(AppDbContext db, RenderedMarkdown rendered) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!LetterSlug.IsWellFormed(query.Slug))
                throw new NotFoundException("The letter");
            // Published letters only: a draft has no versions, and its text is for its editors.
            var letter = await db.Letters.AsNoTracking()
                .Where(l => l.Slug == query.Slug && l.LatestVersionNumber > 0)
                .Select(l => new { l.Id, l.Slug, l.PrimaryLanguage, l.LatestVersionNumber })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The letter");
            var all = await db.LetterVersions.AsNoTracking()
                .Where(v => v.LetterId == letter.Id)
                .OrderByDescending(v => v.Number)
                .Select(v => new Summary(v.Number, v.PublishedAt, v.ChangeNote))
                .ToListAsync(cancellationToken);
            var number = query.Number ?? letter.LatestVersionNumber;
            var shown = all.FirstOrDefault(v => v.Number == number) ?? throw new NotFoundException("The version");
            var texts = (await db.LetterVersions.AsNoTracking()
                    .Where(v => v.LetterId == letter.Id && v.Number == number)
                    .SelectMany(v => v.Texts.Select(t => new { t.LanguageCode, t.Title, t.Body }))
                    .ToListAsync(cancellationToken))
                .OrderBy(t => t.LanguageCode == letter.PrimaryLanguage ? 0 : 1).ThenBy(t => t.LanguageCode, StringComparer.Ordinal)
                .ToList();
            var text = LetterLanguageVersions.ForReader(texts, t => t.LanguageCode, query.Language, letter.PrimaryLanguage);
            var outdated = await LetterRevisions.OutdatedTranslationsAsync(db, letter.Id, number, letter.PrimaryLanguage, cancellationToken);
            var changes = number > 1
                ? await LetterRevisions.CompareVersionsAsync(db, letter.Id, number - 1, number, cancellationToken)
                : [];
            return new Model(letter.Slug, letter.PrimaryLanguage, all, shown, letter.LatestVersionNumber,
                text.LanguageCode, text.Title, rendered.Of(text.Body).Html,
                texts.Select(t => new View.LanguageVersion(t.LanguageCode, LanguageCodes.NativeName(t.LanguageCode), t.Title, t.Body)).ToList(),
                outdated.TryGetValue(text.LanguageCode, out var since) ? since : null, changes);
        }
    }
}
