namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>
/// Erasing a signer's personal data asks first, at <c>/letters/{slug}/signatures/{id}/erase</c>: the
/// page names the signature and says what goes for good, and erases only when its own button is
/// pressed (no JavaScript). The signature's page links here; its old erase post only comes back here.
/// </summary>
[Authorize]
public class EraseConfirmation(IMediator mediator, IStringLocalizer<SharedResource> T) : PageModel
{
    public Details.Model Signature { get; private set; } = null!;

    public async Task OnGetAsync(string slug, int signatureId, CancellationToken cancellationToken) =>
        Signature = await mediator.Send(new Details.Query(slug, signatureId), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string slug, int signatureId, CancellationToken cancellationToken)
    {
        Signature = await mediator.Send(new Details.Query(slug, signatureId), cancellationToken);
        TempData["Notice"] = await mediator.Send(new Details.Erase(slug, signatureId), cancellationToken) == SignatureState.Erased
            ? T["The signer's personal data is erased and the signature removed."].Value
            : T["The signer's personal data is erased; the delivered letter keeps an anonymous count."].Value;
        return RedirectToPage("Details", new { slug, signatureId });
    }
}
