using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SignOnLetters.Web.Pages;

/// <summary>Errors and status codes, said plainly; no stack traces or request data ever shown.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Explanation { get; private set; } = "The error has been logged. Please try again in a moment.";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        (Title, Explanation) = status switch
        {
            404 => ("Page not found", "There is nothing at this address. The link may be mistyped, or what it pointed to was removed."),
            403 => ("Not allowed", "Your account may not do this. If you think it should, ask a coordinator of the organisation."),
            400 => ("Request not understood", "The form may have expired. Go back, reload the page and try again."),
            429 => ("Too many requests", "Please wait a minute and try again."),
            _ => (Title, Explanation),
        };
    }
}
