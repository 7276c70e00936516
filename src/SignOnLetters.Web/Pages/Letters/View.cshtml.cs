using Microsoft.AspNetCore.OutputCaching;
using SignOnLetters.Web.Infrastructure.Caching;
using SignOnLetters.Web.Infrastructure.Database;
using SignOnLetters.Web.Infrastructure.Markdown;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// The public letter at <c>/letters/{slug}</c> (a public URL contract): the text of the latest
/// published version in the chosen language, addressees, authors, the change note, the headline
/// count and the deadline. Drafts exist only for their editors (a preview); anyone else gets 404.
/// The JSON API answers from the same query.
/// </summary>
[OutputCache(PolicyName = PublicLetterPageCache.PolicyName)]
[ContentETag]
public class View(IMediator mediator, IPublicUrls urls, AppDbContext db) : PageModel
{
    public Model Letter { get; private set; } = null!;

    public string CanonicalUrl => urls.Absolute($"/letters/{Letter.Slug}");

    /// <summary>The sign form's context (who may sign, the organisations the visitor may sign for), when the letter is open.</summary>
    public Sign.Form? SignForm { get; private set; }

    /// <summary>The first page of the public signatory list, once the letter is published.</summary>
    public Signatories.Model? FirstSignatories { get; private set; }

    /// <param name="lang">The language version asked for by its link; without one, the version in the
    /// interface language the reader chose (cookie or browser), if the letter has it.</param>
    public async Task OnGetAsync(string slug, string? lang, CancellationToken cancellationToken)
    {
        lang ??= ReaderLanguage.ChosenBy(HttpContext);
        // The letter's, the sign form's and the list's statements on one connection (see OneConnection).
        await using var connection = await OneConnection.HoldAsync(db, cancellationToken);
        Letter = await mediator.Send(new Query(slug, lang), cancellationToken);
        if (Letter.IsPreview)
            return;
        if (Letter.Status == LetterStatus.Open)
            SignForm = await mediator.Send(new Sign.Query(slug, Language: Letter.Language), cancellationToken);
        FirstSignatories = await mediator.Send(new Signatories.Query(slug), cancellationToken);
    }

    public sealed record Query(string Slug, string? Language) : IQuery<Model>
    {
        /// <summary>
        /// False for the JSON APIs, which answer without the page's own parts: the updates sent to signers
        /// and how far a translation is behind are then neither read nor set (empty and null).
        /// </summary>
        public bool WithPageParts { get; init; } = true;
    }

    public sealed record Model(
        string Slug, LetterKind Kind, LetterStatus Status, bool IsPreview,
        string Language, string Title, string BodyHtml, string Description,
        IReadOnlyList<LanguageVersion> Languages, IReadOnlyList<Addressee> Addressees, IReadOnlyList<string> Authors,
        int VersionNumber, DateTime? VersionPublishedAt, string? ChangeNote,
        DateTime? DeadlineUtc, string? DeadlineTimeZone, int? SignatureGoal, SignatureCounts Counts, DateTime? DeliveredAt,
        IReadOnlyList<Update> Updates, string PrimaryLanguage = "", int? NotUpdatedSince = null, string? RecordHead = null)
    {
        public bool IsRightToLeft => LanguageCodes.IsRightToLeft(Language);
    }

    /// <param name="Body">The version's text as written (Markdown), for the API.</param>
    public sealed record LanguageVersion(string Code, string Name, string Title, string Body);

    public sealed record Addressee(string Name, string? Title, string? Institution);

    /// <summary>An update the coordinators sent to signers, published here too.</summary>
    public sealed record Update(string Title, DateTime SentAt, string BodyHtml);

    private sealed record Text(string LanguageCode, string Title, string Body);

    /// <summary>
    /// The letter's own fields the page shows, with its latest version's date and change note and its
    /// record's head (the last entry's; null before the first); the texts are read apart.
    /// </summary>
    private sealed record LetterRow(
        int Id, string Slug, LetterKind Kind, LetterStatus Status, int LeadOrganisationId, string PrimaryLanguage, int LatestVersionNumber,
        DateTime? DeadlineUtc, string? DeadlineTimeZone, int? SignatureGoal, DateTime? DeliveredAt,
        string LeadOrganisation, List<string> CoAuthors, List<Addressee> Addressees,
        DateTime? VersionPublishedAt, string? ChangeNote, string? LastRecordHead);

    private sealed record UpdateRow(string Subject, DateTime CreatedAt, string Message);

    /// <summary>
    /// The page's statements as EF compiled queries: a cache miss sends them all, and a LINQ query
    /// otherwise pays on every request for building its expression tree, extracting its parameters
    /// and hashing the tree to find its cached SQL (profiled in docs/benchmarks.md, "The public page
    /// on a cache miss"). The letter's own statement no longer reads its working texts, which only a
    /// preview shows (a published letter shows its latest version's). It reads the latest version's
    /// date and change note and the record's head as scalar subqueries: each was a statement of its
    /// own, and on PostgreSQL every statement is a round trip to another process on the same cores
    /// (docs/benchmarks.md, "The letter page and API on PostgreSQL"). The texts stay apart: as a third
    /// collection beside the co-authors and addressees they would be read once per pair of those.
    /// </summary>
    private static class Queries
    {
        public static readonly CompiledPerModel<Func<AppDbContext, string, CancellationToken, Task<LetterRow?>>> LetterBySlug = new(() =>
            EF.CompileAsyncQuery((AppDbContext db, string slug, CancellationToken _) => db.Letters.AsNoTracking()
                .Where(l => l.Slug == slug)
                .Select(l => new LetterRow(
                    l.Id, l.Slug, l.Kind, l.Status, l.LeadOrganisationId, l.PrimaryLanguage, l.LatestVersionNumber,
                    l.DeadlineUtc, l.DeadlineTimeZone, l.SignatureGoal, l.DeliveredAt,
                    l.LeadOrganisation.Name,
                    l.CoAuthors.Where(c => c.AcceptedAt != null).OrderBy(c => c.Position).Select(c => c.Organisation.Name).ToList(),
                    l.Addressees.OrderBy(a => a.Position).Select(a => new Addressee(a.Name, a.Title, a.Institution)).ToList(),
                    l.Versions.Where(v => v.Number == l.LatestVersionNumber).Select(v => (DateTime?)v.PublishedAt).FirstOrDefault(),
                    l.Versions.Where(v => v.Number == l.LatestVersionNumber).Select(v => v.ChangeNote).FirstOrDefault(),
                    db.RecordEntries.Where(e => e.LetterId == l.Id).OrderByDescending(e => e.Sequence).Select(e => e.Head).FirstOrDefault()))
                .SingleOrDefault()));

        /// <summary>The texts being edited: what a preview (a letter never published) shows.</summary>
        public static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<Text>>> WorkingTexts = new(() =>
            EF.CompileAsyncQuery((AppDbContext db, int letterId) => db.Letters.AsNoTracking()
                .Where(l => l.Id == letterId)
                .SelectMany(l => l.Texts)
                .Select(t => new Text(t.LanguageCode, t.Title, t.Body))));

        /// <summary>The texts of a published version: what the public sees.</summary>
        public static readonly CompiledPerModel<Func<AppDbContext, int, int, IAsyncEnumerable<Text>>> VersionTexts = new(() =>
            EF.CompileAsyncQuery((AppDbContext db, int letterId, int number) => db.LetterVersions.AsNoTracking()
                .Where(v => v.LetterId == letterId && v.Number == number)
                .SelectMany(v => v.Texts)
                .Select(t => new Text(t.LanguageCode, t.Title, t.Body))));

        public static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<UpdateRow>>> Updates = new(() =>
            EF.CompileAsyncQuery((AppDbContext db, int letterId) => db.Mailings.AsNoTracking()
                .Where(m => m.LetterId == letterId && m.Kind == Domain.Mailings.MailingKind.SignerUpdate)
                .OrderByDescending(m => m.CreatedAt)
                .Select(m => new UpdateRow(m.Subject, m.CreatedAt, m.Message))));
    }

    public sealed class QueryHandler(AppDbContext db, ICurrentUser user, RenderedMarkdown rendered) : IQueryHandler<Query, Model>
    {
        private const int DescriptionLength = 200;

        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!LetterSlug.IsWellFormed(query.Slug))
                throw new NotFoundException("The letter");
            // One connection for all the statements: each would otherwise take one from the pool and
            // return it, and PostgreSQL's pool resets a returned connection with statements of its own.
            await using var connection = await OneConnection.HoldAsync(db, cancellationToken);
            var letter = await Queries.LetterBySlug.For(db)(db, query.Slug, cancellationToken)
                ?? throw new NotFoundException("The letter");

            // Published once (open, closed, delivered, or archived after that): public. Otherwise a preview for editors only.
            var isPublished = letter.LatestVersionNumber > 0;
            if (!isPublished && await db.RoleInAsync(letter.Id, letter.LeadOrganisationId, user, cancellationToken) == LetterRole.None)
                throw new NotFoundException("The letter");

            var texts = (await (isPublished
                    ? Queries.VersionTexts.For(db)(db, letter.Id, letter.LatestVersionNumber)
                    : Queries.WorkingTexts.For(db)(db, letter.Id)).ToListAsync(cancellationToken))
                .OrderBy(t => t.LanguageCode == letter.PrimaryLanguage ? 0 : 1).ThenBy(t => t.LanguageCode, StringComparer.Ordinal)
                .ToList();
            var text = LetterLanguageVersions.ForReader(texts, t => t.LanguageCode, query.Language, letter.PrimaryLanguage);
            // Rendered once per text, whatever the request (a slow text cannot be replayed per request).
            var body = rendered.Of(text.Body);
            var plain = body.PlainText;

            return new Model(
                letter.Slug, letter.Kind, letter.Status, !isPublished,
                text.LanguageCode, text.Title, body.Html,
                plain.Length > DescriptionLength ? plain[..DescriptionLength].TrimEnd() + "…" : plain,
                texts.Select(t => new LanguageVersion(t.LanguageCode, LanguageCodes.NativeName(t.LanguageCode), t.Title, t.Body)).ToList(),
                letter.Addressees, [letter.LeadOrganisation, .. letter.CoAuthors],
                letter.LatestVersionNumber, letter.VersionPublishedAt, letter.ChangeNote,
                letter.DeadlineUtc, letter.DeadlineTimeZone, letter.SignatureGoal,
                await SignatureCountQueries.ForLetterAsync(db, letter.Id, cancellationToken),
                letter.DeliveredAt,
                query.WithPageParts ? await UpdatesAsync(letter.Id, cancellationToken) : [],
                letter.PrimaryLanguage,
                query.WithPageParts && isPublished && text.LanguageCode != letter.PrimaryLanguage
                    && (await LetterRevisions.OutdatedTranslationsAsync(db, letter.Id, letter.LatestVersionNumber, letter.PrimaryLanguage, cancellationToken))
                        .TryGetValue(text.LanguageCode, out var since)
                    ? since
                    : null,
                // The signatory record is public once the letter is (docs/decisions/0015-signatory-record.md).
                isPublished ? Record.PublicRecord.Head(letter.LastRecordHead) : null);
        }

        private async Task<IReadOnlyList<Update>> UpdatesAsync(int letterId, CancellationToken cancellationToken)
        {
            var updates = await Queries.Updates.For(db)(db, letterId).ToListAsync(cancellationToken);
            return updates.Select(u => new Update(u.Subject, u.CreatedAt, rendered.Of(u.Message).Html)).ToList();
        }
    }
}
