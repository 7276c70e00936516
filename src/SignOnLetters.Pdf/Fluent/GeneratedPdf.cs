namespace SignOnLetters.Pdf.Fluent;

/// <summary>A generated PDF and what it could not draw.</summary>
/// <param name="MissingScripts">
/// Scripts (Unicode blocks) with characters that no available font has: each is drawn as the
/// replacement character (a question mark in a diamond), and the document is produced all the same. Empty when every character had a font.
/// </param>
public sealed record GeneratedPdf(byte[] Bytes, IReadOnlyList<MissingScript> MissingScripts);

/// <summary>A script that lacked a font, with up to eight of its characters that stood in for, separated by spaces.</summary>
public sealed record MissingScript(string Name, string Characters);
