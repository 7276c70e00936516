namespace SignOnLetters.Web.Areas.Identity.Pages.Account;

/// <summary>
/// "Check your inbox" after registering. Identity's page looked the address up and answered 404 for
/// one without an account, which told anyone who opened <c>?email=…</c> which addresses have
/// accounts; this one names no address and looks nothing up.
/// </summary>
[AllowAnonymous]
public class RegisterConfirmation : PageModel
{
    public void OnGet()
    {
    }
}
