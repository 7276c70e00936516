namespace SignOnLetters.Pdf.Fluent;

/// <summary>A generated PDF and what it could not draw.</summary>
/// <param name="MissingScripts">
/// Scripts (Unicode blocks) with characters that no available font has: they are drawn as boxes,
/// and the document is produced all the same. Empty when every character had a font.
/// </param>
public sealed record GeneratedPdf(byte[] Bytes, IReadOnlyList<MissingScript> MissingScripts);

/// <summary>A script that lacked a font, with the characters that were drawn as boxes (a few at most).</summary>
public sealed record MissingScript(string Name, string Characters);
