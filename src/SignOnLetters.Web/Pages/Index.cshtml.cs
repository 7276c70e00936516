using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages;

/// <summary>The home page: what the app does, and the public index of letters with its search (<c>/?q=words</c>).</summary>
public class Index(IMediator mediator) : PageModel
{
    public PublicLetters.Model Letters { get; private set; } = null!;

    /// <remarks>"page" is Razor Pages' own route value (see <see cref="ListQueryInput"/>): read from the query string only.</remarks>
    public async Task OnGetAsync(string? q, [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken) =>
        Letters = await mediator.Send(new PublicLetters.Query("/", q, pageNumber, ReaderLanguage.ChosenBy(HttpContext)), cancellationToken);
}
