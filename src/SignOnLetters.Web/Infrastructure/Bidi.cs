namespace SignOnLetters.Web.Infrastructure;

/// <summary>Bidirectional text outside HTML, where <c>bdi</c> cannot be used: e-mail subjects, plain-text parts, SVG text.</summary>
public static class Bidi
{
    /// <summary>
    /// Wraps a value (a title, a name, a date, a number with an arrow) in Unicode's first-strong
    /// isolate (U+2068 … U+2069), the plain-text <c>bdi</c>: in an Arabic subject a Latin title keeps
    /// its words in order, the sentence's punctuation stays on the sentence's side, and an Arabic date
    /// ("4/11/2026" with its right-to-left marks) is not torn apart by a left-to-right line around it.
    /// </summary>
    public static string Isolate(string text) => $"\u2068{text}\u2069";
}
