namespace SignOnLetters.Pdf.Infrastructure;

/// <summary>Thrown when content cannot be laid out, e.g. an element taller than an empty page.</summary>
public sealed class LayoutException(string message) : Exception(message);
