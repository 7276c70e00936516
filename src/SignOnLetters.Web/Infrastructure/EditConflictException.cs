namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// Someone else saved the same thing since this person loaded it. Nothing was stored; the page is
/// shown again with what the person typed, the message, and <see cref="Details"/> (what the other
/// person changed) so they can merge by hand instead of overwriting blindly.
/// </summary>
public sealed class EditConflictException(string message, object details) : Exception(message)
{
    /// <summary>The ViewData key under which the page filter hands <see cref="Details"/> to the page.</summary>
    public const string ViewDataKey = "EditConflict";

    public object Details { get; } = details;
}
