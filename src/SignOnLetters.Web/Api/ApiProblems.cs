namespace SignOnLetters.Web.Api;

/// <summary>
/// The one mapping of refusals to RFC 9457 problem details (application/problem+json) for the whole
/// JSON API, what the page filter does for pages; never an HTML error page or a stack trace. In the
/// Accept-Language asked for: partners often show these texts to their own signers as they come.
/// <list type="bullet">
/// <item>a command's input fails validation: 400 with <c>errors</c> keyed by the JSON body's (camel-cased) field names;</item>
/// <item>a rule of the domain refuses it (a closed letter): 400 too, with the rule's sentence as <c>detail</c>.
/// 400 and not 409: it is what partners' forms have received from <c>POST /api/letters/{slug}/signatures</c>
/// since the API was published, and what the design guide names for the API's refusals (issue 19);</item>
/// <item>not found: 404; known but not allowed: 403.</item>
/// </list>
/// </summary>
/// <param name="refusedTitle">The problem's title when a rule refuses (a key of the shared resource).</param>
/// <param name="notFoundDetail">What a 404 says (a key), or null for the exception's own words.</param>
public sealed class ApiProblems(string refusedTitle = "Not possible now", string? notFoundDetail = null) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (NotFoundException notFound)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: Localizer(context)["Not found"],
                detail: notFoundDetail is null ? notFound.Message : Localizer(context)[notFoundDetail]);
        }
        catch (ForbiddenException forbidden)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: forbidden.Message);
        }
        catch (ValidationException validation)
        {
            var T = Localizer(context);
            return Results.ValidationProblem(validation.Errors
                .GroupBy(e => JsonName(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => T.Describe(e)).ToArray()));
        }
        catch (DomainRuleException rule)
        {
            var T = Localizer(context);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: T[refusedTitle], detail: T.Describe(rule));
        }
    }

    private static IStringLocalizer<SharedResource> Localizer(EndpointFilterInvocationContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    /// <summary>A command's property as the JSON body names it (<c>SignerName</c> → <c>signerName</c>).</summary>
    private static string JsonName(string propertyName) =>
        string.IsNullOrEmpty(propertyName) ? string.Empty : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
