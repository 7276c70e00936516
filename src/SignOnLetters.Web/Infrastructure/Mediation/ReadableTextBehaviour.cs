using System.Collections.Concurrent;
using System.Reflection;

namespace SignOnLetters.Web.Infrastructure.Mediation;

/// <summary>
/// Refuses, field by field, text that no person typed and that cannot be kept as sent: a null
/// character, which PostgreSQL cannot store and which cuts strings short in C libraries downstream
/// (mail, PDF), and U+FFFD, which is what the form reader makes of bytes that are not UTF-8 (the
/// JSON API refuses those bytes outright; a form must not quietly store the replacement) and what
/// <see cref="Security.RequestBodyLimits"/> makes of a form's <c>%00</c>.
/// Runs first, before authorization, on every command from every path (pages, API, tests), so the
/// answer is a field error and never a 404 or 500 from whatever would have choked on it later.
/// Queries are left alone (they come from addresses, not forms, and their slugs and tokens already
/// answer "not found" when malformed), and so are a command's identifiers, <c>Slug</c> and
/// <c>…Token</c>: they come from the address too, and their own format checks refuse these characters.
/// </summary>
public sealed class ReadableTextBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IQuery<TResponse> && ReadableText.Failures(message) is { } failures)
            throw new RequestValidationException(typeof(TMessage), failures);
        return next(message, cancellationToken);
    }
}

internal static class ReadableText
{
    public const string Unreadable = "This field contains characters that are not text (a null character, or bytes that are not UTF-8). Type it again, or copy it again from its source.";

    // The string properties of each request type (and lists of strings, such as addresses), found once.
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> TextProperties = new();

    public static List<FluentValidation.Results.ValidationFailure>? Failures(object message)
    {
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var property in TextProperties.GetOrAdd(message.GetType(), Find))
        {
            var problem = property.GetValue(message) switch
            {
                string text => Problem(text),
                IEnumerable<string> texts => texts.Select(Problem).FirstOrDefault(p => p is not null),
                _ => null,
            };
            if (problem is not null)
                (failures ??= []).Add(LocalisedFailure.Of(property.Name, problem));
        }
        return failures;
    }

    private static string? Problem(string? text) =>
        text is not null && text.AsSpan().IndexOfAny('\0', '\uFFFD') >= 0 ? Unreadable : null;

    private static PropertyInfo[] Find(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "Slug" && !p.Name.EndsWith("Token", StringComparison.Ordinal)
                && (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)))
            .ToArray();
}
