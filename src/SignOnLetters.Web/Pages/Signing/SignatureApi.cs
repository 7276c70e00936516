using SignOnLetters.Web.Api;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// The signing API for partners' own forms (public contracts: keep these routes):
/// <c>POST /api/letters/{slug}/signatures</c> sends the page's <see cref="Sign.Command"/>, with the
/// same validation and the same confirmation e-mail, and answers 202 <c>{"state":"pendingConfirmation"}</c>;
/// <c>GET /api/letters/{slug}/signatories?page=N</c> (optionally <c>&amp;q=words&amp;country=XX</c>) answers the public list.
/// <para>
/// No antiforgery: the API is not meant to carry cookies. A browser that sends the site's cookie
/// anyway gains nothing, because this endpoint always takes the anonymous, double opt-in path: it
/// never sets the representative's organisation and marks the command as coming from the API,
/// which the handler never treats as signed in.
/// </para>
/// </summary>
public static class SignatureApi
{
    public static IEndpointRouteBuilder MapSignatureApi(this IEndpointRouteBuilder app)
    {
        var letter = app.MapGroup("/api/letters/{slug}")
            .AddEndpointFilter(new ApiProblems(refusedTitle: "The letter does not accept this signature.", notFoundDetail: "No open letter has this address.")).DisableAntiforgery();
        letter.MapPost("/signatures", SignAsync);
        letter.MapGet("/signatories", ListAsync);
        return app;
    }

    /// <summary>The JSON body: the sign form's fields, with kind and visibility as strings.</summary>
    public sealed record SignatureRequest(
        string? Kind, string? OrganisationName, string? CountryCode, string? SignerName, string? Role, string? Email,
        string? Website, string? Visibility, bool Consent, bool KeepMeUpdated)
    {
        public Sign.Command ToCommand(string slug) => new()
        {
            Slug = slug,
            Kind = Parse<SignerKind>(Kind),
            OrganisationName = OrganisationName,
            CountryCode = CountryCode,
            SignerName = SignerName ?? string.Empty,
            Role = Role,
            Email = Email,
            Website = Website,
            Visibility = Visibility is null ? SignatureVisibility.NameAndOrganisation : Parse<SignatureVisibility>(Visibility),
            Consent = Consent,
            KeepMeUpdated = KeepMeUpdated,
            OrganisationId = null,
            Source = SignatureSource.Api,
        };

        // An unknown word becomes an out-of-range value, which the validator reports on its field.
        private static TEnum Parse<TEnum>(string? value) where TEnum : struct, Enum =>
            Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)
                ? parsed
                : (TEnum)(object)(-1);
    }

    private static async Task<IResult> SignAsync(string slug, HttpRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        // Read here rather than bound by the framework: a body that is not JSON then gets a
        // problem document like every other refusal, not the HTML error page.
        if (!request.HasJsonContentType())
            return Results.Problem("Send the signature as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        SignatureRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<SignatureRequest>(cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }
        if (body is null)
            return Results.Problem("The body is not a JSON object with the signature's fields.", statusCode: StatusCodes.Status400BadRequest);
        var outcome = await mediator.Send(body.ToCommand(slug).WithRequestFacts(request.HttpContext), cancellationToken);
        // The same answer whatever happened to the address or organisation (new, repeated): nothing to
        // probe. Only the network limit, which depends on the sender's network alone, is told apart.
        return Results.Json(new { state = outcome == Sign.Outcome.HeldByNetworkLimit ? "heldForReview" : "pendingConfirmation" },
            statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ListAsync(string slug, int? page, string? q, string? country, IMediator mediator, CancellationToken cancellationToken)
    {
        var list = await mediator.Send(new Signatories.Query(slug, (page ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture), q, country), cancellationToken);
        return Results.Ok(new
        {
            list.Slug,
            Counts = new { list.Counts.Organisations, list.Counts.Individuals, list.Counts.Countries, list.Counts.Total },
            list.Unnamed,
            Search = list.Filters.Search,
            Country = list.Filters.Country,
            list.Filters.Notices,
            list.Matching,
            // True when a search matched more than "matching" (its count limit): the pages hold its first matches only.
            list.MoreMatch,
            list.Page,
            list.PageCount,
            // "verified" on organisation entries only (issue 18 row 3); the other fields are unchanged.
            Signatories = list.Items.Select(s => s.Kind == SignerKind.Organisation
                ? (object)new { Kind = "organisation", s.Name, s.Role, s.Organisation, Country = s.CountryCode, CountryName = Countries.Name(s.CountryCode), Verified = !s.Unverified }
                : new { Kind = "individual", s.Name, s.Role, s.Organisation, Country = s.CountryCode, CountryName = Countries.Name(s.CountryCode) }),
        });
    }
}
