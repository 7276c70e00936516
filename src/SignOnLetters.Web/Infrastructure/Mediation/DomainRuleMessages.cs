namespace SignOnLetters.Web.Infrastructure.Mediation;

/// <summary>A broken domain rule in the reader's language: the entity's English text is the key.
/// Arguments that are words (a language, a signature's state) are named in the reader's language
/// too; numbers and dates are formatted in the reader's culture by the localizer.</summary>
public static class DomainRuleMessages
{
    public static string Describe(this IStringLocalizer<SharedResource> T, DomainRuleException rule) =>
        // Without arguments the text is used as is: it may contain braces typed by a person.
        rule.Arguments.Length == 0 ? T[rule.Template] : T[rule.Template, rule.Arguments.Select(a => Argument(T, a)).ToArray()];

    private static object Argument(IStringLocalizer<SharedResource> T, object argument) => argument switch
    {
        LanguageName language => LanguageNames.Of(language.Code),
        SignatureState state => T.Of(state),
        _ => argument,
    };
}
