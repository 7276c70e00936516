using FluentValidation.Results;

namespace SignOnLetters.Web.Infrastructure.Validation;

/// <summary>
/// A validation failure a handler writes by hand (an address taken a moment ago, an unknown
/// co-author, a bad line of a partner list), which no validator's message formatter sees: its
/// English template, the key of its translations, and its arguments travel with it, and
/// <see cref="Describe(IStringLocalizer, ValidationFailure)"/> writes it in the reader's language,
/// as a broken domain rule is. An argument may itself be a <see cref="Text"/> or a
/// <see cref="FieldProblem"/>, translated in turn ("Line {0}: {1}").
/// </summary>
public static class LocalisedFailure
{
    /// <summary>A translatable sentence: an English template (a key) and its arguments.</summary>
    public sealed record Text(string Template, params object[] Arguments)
    {
        public override string ToString() =>
            Arguments.Length == 0 ? Template : string.Format(CultureInfo.InvariantCulture, Template, Arguments);
    }

    public static ValidationFailure Of(string propertyName, string template, params object[] arguments) =>
        Of(propertyName, new Text(template, arguments));

    public static ValidationFailure Of(string propertyName, Text message) =>
        new(propertyName, message.ToString()) { CustomState = message };

    /// <summary>The failure's message in the reader's language (the validator's own text when it was not made by <see cref="Of(string, Text)"/>).</summary>
    public static string Describe(this IStringLocalizer T, ValidationFailure failure) =>
        failure.CustomState is Text message ? T.Describe(message) : failure.ErrorMessage;

    public static string Describe(this IStringLocalizer T, Text message) =>
        message.Arguments.Length == 0
            ? T[message.Template]
            : T[message.Template, message.Arguments.Select(argument => argument switch
            {
                Text text => T.Describe(text),
                FieldProblem problem => problem.Describe(T),
                _ => argument,
            }).ToArray()];
}

/// <summary>
/// Why a typed value is refused (<see cref="TextInputRules"/>), outside a validator: the validator's
/// own template ("{PropertyName} is too long: …", a key of the tables) with the field's name and lengths.
/// </summary>
public sealed record FieldProblem(string Template, string PropertyName, int TotalLength, int MaxLength)
{
    public string Describe(IStringLocalizer T) => Fill(T[Template].Value, T[PropertyName].Value, CultureInfo.CurrentCulture);

    public override string ToString() => Fill(Template, PropertyName, CultureInfo.InvariantCulture);

    private string Fill(string template, string propertyName, CultureInfo culture) => template
        .Replace("{PropertyName}", propertyName, StringComparison.Ordinal)
        .Replace("{TotalLength}", TotalLength.ToString("N0", culture), StringComparison.Ordinal)
        .Replace("{MaxLength}", MaxLength.ToString("N0", culture), StringComparison.Ordinal);
}
