using Microsoft.AspNetCore.Mvc.Filters;

namespace SignOnLetters.Web.Pages.Organisations;

/// <summary>
/// A page about one organisation (<c>/organisations/{id}/…</c>). An action it refuses re-renders the
/// page with the reason, and the page then needs its data again: loaded here, once for all of them.
/// </summary>
public abstract class OrganisationPage<TModel>(IMediator mediator) : PageModel where TModel : class
{
    protected IMediator Mediator { get; } = mediator;

    public TModel Data { get; protected set; } = null!;

    /// <summary>The query that loads this page for an organisation.</summary>
    protected abstract IQuery<TModel> Load(int organisationId);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && Data is null && RouteData.Values["id"] is string id && int.TryParse(id, out var organisationId))
            Data = await Mediator.Send(Load(organisationId), HttpContext.RequestAborted);
    }
}
