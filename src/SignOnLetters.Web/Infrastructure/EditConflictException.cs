namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// Someone else saved the same thing since this person loaded it. Nothing was stored; the page is
/// shown again with what the person typed, the message, and <see cref="Details"/> (what the other
/// person changed) so they can merge by hand instead of overwriting blindly.
/// </summary>
/// <remarks>The message is an English template (a resource key) with <see cref="Arguments"/>, rendered in
/// the reader's language by the page filter, like a <see cref="SignOnLetters.Domain.DomainRuleException"/>.</remarks>
public sealed class EditConflictException(string template, object[] arguments, object details)
    : Exception(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, arguments))
{
    public string Template { get; } = template;

    public object[] Arguments { get; } = arguments;

    /// <summary>The ViewData key under which the page filter hands <see cref="Details"/> to the page.</summary>
    public const string ViewDataKey = "EditConflict";

    public object Details { get; } = details;
}
