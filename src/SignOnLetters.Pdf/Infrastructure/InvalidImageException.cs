namespace SignOnLetters.Pdf.Infrastructure;

/// <summary>Bytes given as an image that are not a usable PNG or JPEG, or are too large to decode safely.</summary>
public sealed class InvalidImageException(string message) : ArgumentException(message);
