namespace SignOnLetters.Domain;

/// <summary>
/// Thrown by an entity when an action breaks one of its rules (signing a closed letter, removing the
/// last coordinator). The web layer shows the message to the person as a form error.
/// </summary>
public sealed class DomainRuleException(string message) : Exception(message);
