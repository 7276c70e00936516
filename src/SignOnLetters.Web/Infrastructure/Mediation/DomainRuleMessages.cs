using Microsoft.Extensions.Localization;
using SignOnLetters.Domain;

namespace SignOnLetters.Web.Infrastructure.Mediation;

/// <summary>A broken domain rule in the reader's language: the entity's English text is the key.</summary>
public static class DomainRuleMessages
{
    public static string Describe(this IStringLocalizer<SharedResource> T, DomainRuleException rule) =>
        // Without arguments the text is used as is: it may contain braces typed by a person.
        rule.Arguments.Length == 0 ? T[rule.Template] : T[rule.Template, rule.Arguments];
}
