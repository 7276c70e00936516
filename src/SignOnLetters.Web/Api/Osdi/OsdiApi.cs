using LinqKit;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Api.Osdi;

/// <summary>
/// Read-only OSDI v1 endpoints for petitions and signatures (issue 23; docs/api/osdi.md), for the
/// partner systems an organisation gives an API key to. A key sees the published letters its
/// organisation leads or co-authors (accepted), and of their signatures exactly the public list.
/// Every request without a live key is refused with 401 before any letter is looked up, so the
/// answer never says whether a letter exists; a letter outside the key's scope is "not found",
/// the same as one that does not exist.
/// </summary>
public static class OsdiApi
{
    public const int MaxPerPage = 100;
    public const int DefaultPerPage = 25;

    /// <summary>Far past any real list; larger numbers are refused rather than counted past.</summary>
    public const int MaxPage = 100_000;

    public const string ContentType = "application/hal+json";

    private const string OrganisationItem = "osdi.organisation";

    public static IEndpointRouteBuilder MapOsdiApi(this IEndpointRouteBuilder app)
    {
        var osdi = app.MapGroup(OsdiLinks.Root)
            .AddEndpointFilter(new ApiProblems(notFoundDetail: "No petition of your organisation has this identifier."))
            .AddEndpointFilter(RequireKeyAsync)
            .DisableAntiforgery();
        osdi.MapGet("", EntryPoint);
        osdi.MapGet("/petitions", PetitionsAsync);
        osdi.MapGet("/petitions/{id}", PetitionAsync);
        osdi.MapGet("/petitions/{id}/signatures", SignaturesAsync);
        osdi.MapGet("/petitions/{id}/signatures/{signatureId}", SignatureAsync);
        return app;
    }

    private static async ValueTask<object?> RequireKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // Keyed answers are for the key's holder only: never kept by a browser or a proxy.
        http.Response.Headers.CacheControl = "no-store";
        var presented = http.Request.Headers[OsdiApiKeys.Header];
        if (!http.RequestServices.GetRequiredService<OsdiRateLimiter>().TryAcquire(presented.Count == 1 ? presented[0] : null))
        {
            var T = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            http.Response.Headers.RetryAfter = ((int)OsdiRateLimiter.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: T["Too many requests"],
                detail: T["Too many requests with this API key. Wait a minute, then continue."]);
        }
        var organisationId = presented.Count == 1
            ? await OsdiApiKeys.OrganisationOfAsync(http.RequestServices.GetRequiredService<AppDbContext>(), presented[0],
                http.RequestServices.GetRequiredService<TimeProvider>(), http.RequestAborted)
            : null;
        if (organisationId is null)
        {
            var T = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: T["Not signed in"],
                detail: T["Send a valid API key in the OSDI-API-Token header."]);
        }
        http.Items[OrganisationItem] = organisationId.Value;
        return await next(context);
    }

    private static int OrganisationOf(HttpContext http) => (int)http.Items[OrganisationItem]!;

    private static OsdiLinks Links(HttpContext http)
    {
        var urls = http.RequestServices.GetRequiredService<IPublicUrls>();
        return new OsdiLinks(urls.Absolute);
    }

    private static IResult Hal(object document) => Results.Json(document, contentType: ContentType);

    private static IResult EntryPoint(HttpContext http)
    {
        var links = Links(http);
        return Hal(new EntryPointDocument("Petitions and signatures of your organisation's letters, read-only.", "SignOnLetters", "SignOnLetters", "1.0",
            MaxPerPage, new EntryPointLinks(new Link(links.EntryPoint), new Link(links.Petitions, "The collection of petitions"), OsdiLinks.Curies)));
    }

    private static async Task<IResult> PetitionsAsync(HttpContext http, IMediator mediator, IStringLocalizer<SharedResource> T, CancellationToken cancellationToken)
    {
        if (Paging.Read(http.Request.Query, T) is not { } paging)
            return Paging.Refusal(http.Request.Query, T);
        var links = Links(http);
        var page = await mediator.Send(new PetitionsQuery(OrganisationOf(http), paging, links), cancellationToken);
        return Hal(Collection(page, "osdi:petitions", paging, (p, n) => links.PetitionsPage(p, n), links.Petitions, d => d.Links.Self));
    }

    private static async Task<IResult> PetitionAsync(string id, HttpContext http, IMediator mediator, CancellationToken cancellationToken)
    {
        if (!LetterSlug.IsWellFormed(id))
            return MalformedId(http);
        return Hal(await mediator.Send(new PetitionQuery(OrganisationOf(http), id, Links(http)), cancellationToken));
    }

    private static async Task<IResult> SignaturesAsync(string id, HttpContext http, IMediator mediator, IStringLocalizer<SharedResource> T, CancellationToken cancellationToken)
    {
        if (!LetterSlug.IsWellFormed(id))
            return MalformedId(http);
        if (Paging.Read(http.Request.Query, T) is not { } paging)
            return Paging.Refusal(http.Request.Query, T);
        var links = Links(http);
        var page = await mediator.Send(new SignaturesQuery(OrganisationOf(http), id, paging, links), cancellationToken);
        return Hal(Collection(page, "osdi:signatures", paging, (p, n) => links.SignaturesPage(id, p, n), links.Signatures(id), d => d.Links.Self));
    }

    private static async Task<IResult> SignatureAsync(string id, string signatureId, HttpContext http, IMediator mediator, CancellationToken cancellationToken)
    {
        if (!LetterSlug.IsWellFormed(id) || !Paging.TryNumber(signatureId, int.MaxValue, out var sequence))
            return MalformedId(http);
        return Hal(await mediator.Send(new SignatureQuery(OrganisationOf(http), id, sequence, Links(http)), cancellationToken));
    }

    private static IResult MalformedId(HttpContext http)
    {
        var T = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: T["Not possible now"],
            detail: T["This is not an identifier of a petition or a signature."]);
    }

    private static CollectionDocument<T> Collection<T>(Page<T> page, string rel, Paging paging, Func<int, int, string> pageLink, string self,
        Func<T, Link> itemLink)
    {
        var totalPages = Math.Max(1, (page.Total + paging.PerPage - 1) / paging.PerPage);
        var links = new Dictionary<string, object>
        {
            ["self"] = new Link(paging.Explicit ? pageLink(paging.Page, paging.PerPage) + After(paging.After) : self),
        };
        if (paging.Page < totalPages)
            links["next"] = new Link(pageLink(paging.Page + 1, paging.PerPage) + After(page.NextAfter));
        if (paging.Page > 1)
            links["prev"] = new Link(pageLink(Math.Min(paging.Page - 1, totalPages), paging.PerPage));
        links[rel] = page.Items.Select(itemLink).ToList();
        links["curies"] = OsdiLinks.Curies;
        return new CollectionDocument<T>(totalPages, paging.PerPage, paging.Page, page.Total, links,
            new Dictionary<string, IReadOnlyList<T>> { [rel] = page.Items });
    }

    private static string After(int? after) => after is { } value ? "&after=" + value.ToString(CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>
    /// <c>page</c> (from 1) and <c>per_page</c> (1 to <see cref="MaxPerPage"/>), plain decimal digits
    /// only; and <c>after</c>, the cursor a collection's <c>next</c> link carries where it can seek (the
    /// last item's key on this page), so a client walking a million signatures page by page reads
    /// each page at the cost of the first rather than skipping all before it.
    /// </summary>
    public sealed record Paging(int Page, int PerPage, bool Explicit, int? After = null)
    {
        public int Skip => (Page - 1) * PerPage;

        public static Paging? Read(IQueryCollection query, IStringLocalizer T) =>
            Errors(query, T).Count > 0
                ? null
                : new Paging(Value(query, "page") ?? 1, Value(query, "per_page") ?? DefaultPerPage,
                    query.ContainsKey("page") || query.ContainsKey("per_page") || query.ContainsKey("after"), Value(query, "after"));

        public static IResult Refusal(IQueryCollection query, IStringLocalizer T) => Results.ValidationProblem(Errors(query, T));

        private static Dictionary<string, string[]> Errors(IQueryCollection query, IStringLocalizer T)
        {
            var errors = new Dictionary<string, string[]>();
            if (!Valid(query, "page", MaxPage))
                errors["page"] = [T["The page must be a whole number from 1 to {0}.", MaxPage.ToString("N0", CultureInfo.CurrentCulture)]];
            if (!Valid(query, "per_page", MaxPerPage))
                errors["per_page"] = [T["per_page must be a whole number from 1 to {0}.", MaxPerPage]];
            if (!Valid(query, "after", int.MaxValue))
                errors["after"] = [T["after must be a whole number, as the next link gives it."]];
            return errors;
        }

        private static bool Valid(IQueryCollection query, string name, int max) =>
            !query.TryGetValue(name, out var values) || (values.Count == 1 && TryNumber(values[0], max, out _));

        private static int? Value(IQueryCollection query, string name) =>
            query.TryGetValue(name, out var values) && TryNumber(values[0], int.MaxValue, out var n) ? n : null;

        /// <summary>1 to <paramref name="max"/> in ASCII digits, no sign, no spaces, no leading zero.</summary>
        public static bool TryNumber(string? text, int max, out int value)
        {
            value = 0;
            return text is { Length: > 0 and <= 10 } && text[0] != '0' && text.All(char.IsAsciiDigit)
                   && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max;
        }
    }

    /// <param name="NextAfter">The cursor of the next page (<see cref="Paging.After"/>), where the collection can seek.</param>
    public sealed record Page<T>(int Total, IReadOnlyList<T> Items, int? NextAfter = null);

    /// <summary>The letters a key's organisation may read: published, and led or co-authored (accepted) by it.</summary>
    private static IQueryable<Letter> InScope(AppDbContext db, int organisationId) =>
        db.Letters.AsNoTracking().Where(l => l.LatestVersionNumber > 0
            && (l.LeadOrganisationId == organisationId || l.CoAuthors.Any(c => c.OrganisationId == organisationId && c.AcceptedAt != null)));

    private static async Task<int> LetterInScopeAsync(AppDbContext db, int organisationId, string slug, CancellationToken cancellationToken) =>
        await InScope(db, organisationId).Where(l => l.Slug == slug).Select(l => (int?)l.Id).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("The petition");

    public sealed record PetitionsQuery(int OrganisationId, Paging Paging, OsdiLinks Links) : IQuery<Page<PetitionDocument>>;

    public sealed record PetitionQuery(int OrganisationId, string Slug, OsdiLinks Links) : IQuery<PetitionDocument>;

    public sealed record SignaturesQuery(int OrganisationId, string Slug, Paging Paging, OsdiLinks Links) : IQuery<Page<SignatureDocument>>;

    public sealed record SignatureQuery(int OrganisationId, string Slug, int Sequence, OsdiLinks Links) : IQuery<SignatureDocument>;

    public sealed class PetitionHandlers(AppDbContext db, IMediator mediator)
        : IQueryHandler<PetitionsQuery, Page<PetitionDocument>>, IQueryHandler<PetitionQuery, PetitionDocument>
    {
        public async ValueTask<Page<PetitionDocument>> Handle(PetitionsQuery query, CancellationToken cancellationToken)
        {
            var letters = InScope(db, query.OrganisationId);
            var total = await letters.CountAsync(cancellationToken);
            var slugs = await letters.OrderBy(l => l.Id).Skip(query.Paging.Skip).Take(query.Paging.PerPage).Select(l => l.Slug).ToListAsync(cancellationToken);
            var items = new List<PetitionDocument>(slugs.Count);
            foreach (var slug in slugs)
                items.Add(await DocumentAsync(slug, query.Links, cancellationToken));
            return new Page<PetitionDocument>(total, items);
        }

        public async ValueTask<PetitionDocument> Handle(PetitionQuery query, CancellationToken cancellationToken)
        {
            await LetterInScopeAsync(db, query.OrganisationId, query.Slug, cancellationToken);
            return await DocumentAsync(query.Slug, query.Links, cancellationToken);
        }

        /// <summary>The letter as its public page and <c>GET /api/letters/{slug}</c> show it (the same query), in OSDI's words.</summary>
        private async Task<PetitionDocument> DocumentAsync(string slug, OsdiLinks links, CancellationToken cancellationToken)
        {
            var letter = await mediator.Send(new View.Query(slug, null) { WithPageParts = false }, cancellationToken);
            var dates = await db.Letters.AsNoTracking().Where(l => l.Slug == slug)
                .Select(l => new { Created = l.OpenedAt ?? l.CreatedAt, l.UpdatedAt }).SingleAsync(cancellationToken);
            var text = letter.Languages.First(l => l.Code == letter.Language);
            return new PetitionDocument(
                [OsdiDocuments.PetitionIdentifier(slug)], OsdiDocuments.OriginSystem, dates.Created, dates.UpdatedAt,
                letter.Title, letter.Description, text.Body,
                letter.Addressees.Select(a => new TargetDocument(a.Name, a.Title, a.Institution)).ToList(),
                letter.Counts.Total, links.Browser(slug), letter.Status.ToString().ToLowerInvariant(), letter.Language,
                new PetitionLinks(new Link(links.Petition(slug)), new Link(links.Signatures(slug))));
        }
    }

    public sealed class SignatureHandlers(AppDbContext db)
        : IQueryHandler<SignaturesQuery, Page<SignatureDocument>>, IQueryHandler<SignatureQuery, SignatureDocument>
    {
        private sealed record Row(int Sequence, string At, string Modified, PublicSignatory Shown);

        /// <summary>A listed signature with the record entry where it entered the list.</summary>
        private sealed class Entered
        {
            public required Signature Signature { get; init; }
            public required int Sequence { get; init; }
            public required string At { get; init; }
        }

        /// <summary>
        /// The public list of the letter (approved and listed: <see cref="PublicSignatory"/>'s rule), each
        /// with the record entry where it entered the list (its public identifier and day).
        /// </summary>
        private IQueryable<Entered> Listed(int letterId) =>
            from s in db.Signatures.AsNoTracking().Where(s => s.LetterId == letterId && s.State == SignatureState.Approved).Where(PublicSignatory.IsListed)
            join e in db.RecordEntries.AsNoTracking().Where(e => e.LetterId == letterId && e.Of == null) on s.Id equals e.SignatureId
            select new Entered { Signature = s, Sequence = e.Sequence, At = e.At };

        /// <summary>Only what the list shows is read (<see cref="PublicSignatory.Shown"/>, in SQL), and the day of the signature's latest entry.</summary>
        private IQueryable<Row> Shown(IQueryable<Entered> entered) =>
            entered.AsExpandable().Select(x => new Row(x.Sequence, x.At,
                db.RecordEntries.Where(r => r.SignatureId == x.Signature.Id).Max(r => r.At)!, PublicSignatory.Shown.Invoke(x.Signature)));

        public async ValueTask<Page<SignatureDocument>> Handle(SignaturesQuery query, CancellationToken cancellationToken)
        {
            var letterId = await LetterInScopeAsync(db, query.OrganisationId, query.Slug, cancellationToken);
            var listed = Listed(letterId);
            // The length of the public list from the tallies (as the list itself counts it), not by counting its rows.
            var total = (await SignatureCountQueries.FacetAsync(db, letterId, SignatureFacets.Listed, cancellationToken)).Sum(t => t.Count);
            // A next link's cursor seeks in the record's (LetterId, Sequence) order; a page number alone skips.
            var page = query.Paging.After is { } after
                ? listed.Where(x => x.Sequence > after).OrderBy(x => x.Sequence)
                : listed.OrderBy(x => x.Sequence).Skip(query.Paging.Skip);
            var rows = (await Shown(page.Take(query.Paging.PerPage)).ToListAsync(cancellationToken)).OrderBy(r => r.Sequence).ToList();
            return new Page<SignatureDocument>(total, rows.Select(r => Document(query.Slug, r, query.Links)).ToList(), rows.LastOrDefault()?.Sequence);
        }

        public async ValueTask<SignatureDocument> Handle(SignatureQuery query, CancellationToken cancellationToken)
        {
            var letterId = await LetterInScopeAsync(db, query.OrganisationId, query.Slug, cancellationToken);
            var row = await Shown(Listed(letterId).Where(x => x.Sequence == query.Sequence)).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("The signature");
            return Document(query.Slug, row, query.Links);
        }

        private static SignatureDocument Document(string slug, Row row, OsdiLinks links) =>
            OsdiSignatures.Document(slug, row.Sequence, OsdiDocuments.Day(row.At), OsdiDocuments.Day(row.Modified), row.Shown, links);
    }
}

/// <summary>One signature as an OSDI document, for the API and the webhooks alike.</summary>
public static class OsdiSignatures
{
    /// <param name="shown">What the public list shows; null for a signature counted without a line (a webhook's event about it names no one).</param>
    public static SignatureDocument Document(string slug, int sequence, DateTime created, DateTime modified, PublicSignatory? shown, OsdiLinks links) =>
        new([OsdiDocuments.SignatureIdentifier(slug, sequence)], OsdiDocuments.OriginSystem, created, modified,
            shown is null ? null : SignatoryDocument.Of(shown),
            new SignatureLinks(new Link(links.Signature(slug, sequence)), new Link(links.Petition(slug))));
}
