namespace SignOnLetters.Web.Pages;

/// <summary>Errors and status codes, said plainly; no stack traces or request data ever shown.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel(IStringLocalizer<SharedResource> t) : PageModel
{
    public string Title { get; private set; } = t["Something went wrong"];
    public string Explanation { get; private set; } = t["The error has been logged. Please try again in a moment."];

    // After an exception the status comes from the exception handler (500, or 503 for a database
    // outage), not from the query string.
    public void OnGet(int? status) => Describe(status ?? Response.StatusCode);

    public void OnPost(int? status) => Describe(status ?? Response.StatusCode);

    private void Describe(int? status)
    {
        (Title, Explanation) = status switch
        {
            404 => (t["Page not found"], t["There is nothing at this address. The link may be mistyped, or what it pointed to was removed."]),
            403 => (t["Not allowed"], t["Your account may not do this. If you think it should, ask a coordinator of the organisation."]),
            400 => (t["Request not understood"], t["The form may have expired. Go back, reload the page and try again."]),
            413 => (t["Too large"], t["What you sent is larger than we accept. Please send a smaller file."]),
            429 => (t["Too many requests"], t["Please wait a minute and try again."]),
            503 => Unavailable(),
            _ => (Title, Explanation),
        };
    }

    private (string, string) Unavailable()
    {
        Response.Headers.RetryAfter = Infrastructure.Database.DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (t["Temporarily unavailable"], t["Our database is not answering. Nothing you sent was half-saved: please try again in a minute."]);
    }
}
