using Microsoft.AspNetCore.Localization;

namespace SignOnLetters.Web.Pages.Language;

/// <summary>
/// The language switcher's target: remembers the choice in a cookie for a year and goes back to the
/// page the person was on (only ever a local address, so the link cannot send them elsewhere).
/// <para>
/// No antiforgery token: a forged post can at worst change a visitor's interface language, and a
/// token in the switcher, which is on every page, would make every page personal and uncacheable.
/// </para>
/// </summary>
[IgnoreAntiforgeryToken]
public class Choose : PageModel
{
    public IActionResult OnPost(string? language, string? returnUrl)
    {
        if (Localisation.IsSupported(language))
        {
            Response.Cookies.Append(Localisation.CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language!.ToLowerInvariant())),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
