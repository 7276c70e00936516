using System.Globalization;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;

namespace SignOnLetters.Web.Infrastructure.Validation;

/// <summary>
/// A validation failure a handler writes by hand (an address taken a moment ago, an unknown
/// co-author), which no validator's message formatter sees: its English template, the key of its
/// translations, and its arguments travel with it, and <see cref="Describe"/> writes it in the
/// reader's language, as a broken domain rule is.
/// </summary>
public static class LocalisedFailure
{
    public static ValidationFailure Of(string propertyName, string template, params object[] arguments) =>
        new(propertyName, arguments.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, arguments))
        {
            CustomState = new Message(template, arguments),
        };

    /// <summary>The failure's message in the reader's language (the validator's own text when it was not made by <see cref="Of"/>).</summary>
    public static string Describe(this IStringLocalizer T, ValidationFailure failure) => failure.CustomState switch
    {
        Message { Arguments.Length: 0 } message => T[message.Template],
        Message message => T[message.Template, message.Arguments],
        _ => failure.ErrorMessage,
    };

    private sealed record Message(string Template, object[] Arguments);
}
