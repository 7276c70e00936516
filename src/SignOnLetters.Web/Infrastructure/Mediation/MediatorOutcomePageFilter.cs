using System.Reflection;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SignOnLetters.Web.Infrastructure.Mediation;

/// <summary>
/// Turns what a handler refused into what a person sees: validation failures and broken domain rules
/// become form errors on the re-rendered page (nothing was stored, nothing typed is lost); "not
/// found" and "forbidden" become 404 and 403. Page methods therefore stay one or two lines.
/// </summary>
public sealed class MediatorOutcomePageFilter(IStringLocalizer<SharedResource> T) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled)
            return;

        switch (executed.Exception)
        {
            case ValidationException validation:
                foreach (var failure in validation.Errors)
                    context.ModelState.AddModelError(FieldKey(context.HandlerInstance, failure.PropertyName, validation), T.Describe(failure));
                executed.Result = RerenderPage(context);
                break;
            case DomainRuleException rule:
                context.ModelState.AddModelError(string.Empty, T.Describe(rule));
                executed.Result = RerenderPage(context);
                break;
            case EditConflictException conflict when context.HandlerInstance is PageModel conflictPage:
                context.ModelState.AddModelError(string.Empty, T[conflict.Template, conflict.Arguments]);
                conflictPage.ViewData[EditConflictException.ViewDataKey] = conflict.Details;
                executed.Result = conflictPage.Page();
                break;
            case Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException:
                context.ModelState.AddModelError(string.Empty, T["Someone else changed this at the same moment. Reload the page to see their change, then try again."]);
                executed.Result = RerenderPage(context);
                break;
            case Security.TwoFactorRequiredException twoFactor when context.HandlerInstance is PageModel twoFactorPage:
                // Identity's two-factor page shows this message above its "Add authenticator app" button.
                twoFactorPage.TempData["StatusMessage"] = twoFactor.Message;
                executed.Result = new LocalRedirectResult(Security.TwoFactorRequiredException.SetUpPage);
                break;
            case NotFoundException:
                executed.Result = new NotFoundResult();
                break;
            case ForbiddenException:
                // A plain 403 (shown by the error page), not ForbidResult: with cookie authentication
                // that would be a 302 to an access-denied page, and refusals must read as refusals.
                executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                break;
            default:
                return;
        }
        executed.ExceptionHandled = true;
    }

    private static IActionResult RerenderPage(PageHandlerExecutingContext context) =>
        context.HandlerInstance is PageModel page ? page.Page() : new BadRequestResult();

    /// <summary>
    /// Form fields are named after the bound property ("Data.Name"), validators after the command
    /// ("Name"): prefix with the name of the page property that holds a request of the failing type.
    /// </summary>
    private static string FieldKey(object handler, string propertyName, ValidationException validation)
    {
        if (string.IsNullOrEmpty(propertyName) || validation is not RequestValidationException { RequestType: var requestType })
            return propertyName;
        var bound = handler.GetType()
            .GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .FirstOrDefault(p => p.PropertyType == requestType && p.GetCustomAttribute<BindPropertyAttribute>() is not null);
        return bound is null ? propertyName : $"{bound.Name}.{propertyName}";
    }
}
