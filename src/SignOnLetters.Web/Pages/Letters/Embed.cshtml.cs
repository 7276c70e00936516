using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// <c>/letters/{slug}/embed?host=partner.example</c>: the count and the sign form, light enough for
/// an iframe on a partner's website, confirmed by e-mail as usual. Only hosts the coordinators
/// allowed may frame it: the page sends <c>frame-ancestors https://{host}</c> for the host named in
/// the link (every other page keeps <c>'none'</c>), so a page elsewhere that copies the snippet is
/// not rendered by the browser, and a host not on the list gets 404. Signatures record the host.
/// <para>
/// Posted without an antiforgery token: inside a third party's frame the browser withholds our
/// SameSite cookies, so a token could not be checked. The form is anonymous and every signature
/// still needs its e-mail confirmation, so a forged post gains nothing a direct one would not.
/// </para>
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class Embed(IMediator mediator) : PageModel
{
    [BindProperty]
    public Sign.Command Data { get; set; } = new();

    public Model Letter { get; private set; } = null!;

    /// <summary>What the signer is told after submitting; null shows the form.</summary>
    public Sign.Outcome? Submitted { get; private set; }

    public string Action => $"/letters/{Letter.Form.Slug}/embed?host={Uri.EscapeDataString(Letter.Host)}";

    /// <param name="signed">"true" after a submission, "held" after one held by the network limit (the frame gets no TempData cookie).</param>
    public async Task OnGetAsync(string slug, string? host, string? signed, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug, host, ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);
        SecurityHeaders.AllowFramingBy(Response, Letter.Host);
        Data = Letter.Form.Blank;
        Submitted = signed switch { "true" => Sign.Outcome.CheckYourInbox, "held" => Sign.Outcome.HeldByNetworkLimit, _ => null };
    }

    public async Task<IActionResult> OnPostAsync(string slug, string? host, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Query(slug, host, ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);
        SecurityHeaders.AllowFramingBy(Response, Letter.Host);
        Data = Data with { Slug = slug, OrganisationId = null, Source = SignatureSource.Embed, EmbedHost = Letter.Host };
        var outcome = await mediator.Send(Data.WithRequestFacts(HttpContext), cancellationToken);
        // No TempData: its cookie does not reach a third-party frame either.
        return Redirect($"{Action}&signed={(outcome == Sign.Outcome.HeldByNetworkLimit ? "held" : "true")}");
    }

    /// <param name="Language">The reader's language (in a frame, usually their browser's), which chooses the title shown.</param>
    public sealed record Query(string Slug, string? Host, string? Language = null) : IQuery<Model>;

    /// <param name="Form">The sign form for an anonymous signer (nobody signs for an organisation in one step from a frame).</param>
    public sealed record Model(string Host, string Title, SignatureCounts Counts, int? SignatureGoal, Sign.Form Form);

    public sealed class QueryHandler(AppDbContext db, IMediator mediator) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!LetterSlug.IsWellFormed(query.Slug) || !EmbedHosts.IsWellFormed(query.Host))
                throw new NotFoundException("The letter");
            var letter = await db.Letters.AsNoTracking()
                .Where(l => l.Slug == query.Slug && l.LatestVersionNumber > 0)
                .Select(l => new { l.Id, l.EmbedHosts, l.SignatureGoal })
                .SingleOrDefaultAsync(cancellationToken);
            if (letter is null || !EmbedHosts.Split(letter.EmbedHosts).Contains(query.Host, StringComparer.Ordinal))
                throw new NotFoundException("The letter");
            var form = await mediator.Send(new Sign.Query(query.Slug, Language: query.Language), cancellationToken);
            return new Model(query.Host!, form.Title, await SignatureCountQueries.ForLetterAsync(db, letter.Id, cancellationToken),
                letter.SignatureGoal, form with { Organisations = [], AccountName = null });
        }
    }
}
