using System.Globalization;

namespace SignOnLetters.Domain;

/// <summary>
/// Thrown by an entity when an action breaks one of its rules (signing a closed letter, removing the
/// last coordinator). The web layer shows the message to the person as a form error, in their
/// language: the English <see cref="Template"/> is the key of its translation, and names go in
/// <see cref="Arguments"/> ("{0} has already signed this letter.") so the sentence can be translated.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string message) : base(message)
    {
        Template = message;
        Arguments = [];
    }

    public DomainRuleException(string template, params object[] arguments)
        : base(string.Format(CultureInfo.InvariantCulture, template, arguments))
    {
        Template = template;
        Arguments = arguments;
    }

    /// <summary>The English text, with "{0}" where <see cref="Arguments"/> go when there are any.</summary>
    public string Template { get; }

    public object[] Arguments { get; }
}
