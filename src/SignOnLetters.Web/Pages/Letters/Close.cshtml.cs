namespace SignOnLetters.Web.Pages.Letters;

/// <summary>
/// "Close now" asks first, at <c>/letters/{slug}/close</c>: the page says what closing does (no more
/// signatures from this moment, the deadline no longer applies, reopening is possible) and closes
/// only when its own button is pressed. No JavaScript: the status page links here instead of posting.
/// </summary>
public class CloseConfirmation(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public Manage.Model Letter { get; private set; } = null!;

    public async Task OnGetAsync(string slug, CancellationToken cancellationToken) =>
        Letter = await mediator.Send(new Manage.Query(slug), cancellationToken);

    /// <param name="changeCount">The letter's change count when this page was shown: a letter changed meanwhile is not closed unseen.</param>
    public async Task<IActionResult> OnPostAsync(string slug, int changeCount, CancellationToken cancellationToken)
    {
        Letter = await mediator.Send(new Manage.Query(slug), cancellationToken);
        await mediator.Send(new Manage.ChangeStatus(slug, Manage.LetterStep.Close, changeCount), cancellationToken);
        TempData["Notice"] = T["The letter is closed."].Value;
        return RedirectToPage("Manage", new { slug });
    }
}
