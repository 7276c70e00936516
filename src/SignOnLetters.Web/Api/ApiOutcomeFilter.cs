using FluentValidation;
using SignOnLetters.Domain;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Mediation;
using Microsoft.Extensions.Localization;
using SignOnLetters.Web.Infrastructure.Validation;

namespace SignOnLetters.Web.Api;

/// <summary>
/// What the page filter does for pages, for the JSON API: refusals become ProblemDetails
/// (application/problem+json) with the right status, never an HTML error page or a stack trace.
/// </summary>
public sealed class ApiOutcomeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (NotFoundException notFound)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: notFound.Message);
        }
        catch (ForbiddenException forbidden)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: forbidden.Message);
        }
        catch (ValidationException validation)
        {
            var T = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return Results.ValidationProblem(validation.Errors
                .GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => T.Describe(e)).ToArray()));
        }
        catch (DomainRuleException rule)
        {
            var T = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: T["Not possible now"], detail: T.Describe(rule));
        }
    }
}
