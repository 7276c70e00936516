using System.Text;

namespace SignOnLetters.Pdf.Text;

/// <summary>
/// Makes arbitrary user text safe to lay out: line separators become '\n' (a paragraph break),
/// tabs become spaces, other control characters and non-characters are dropped, and lone
/// surrogates become U+FFFD. Format characters (joiners, bidi marks) are kept: they carry meaning.
/// </summary>
internal static class TextSanitizer
{
    public static string Sanitize(string text)
    {
        if (!NeedsCleaning(text))
            return text;
        var cleaned = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if ((codePoint & 0xFFFE) != 0xFFFE)
                    cleaned.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            switch (c)
            {
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n' or '\r' or '\u2028' or '\u2029' or '\u0085' or '\v' or '\f':
                    cleaned.Append('\n');
                    break;
                case '\t':
                    cleaned.Append(' ');
                    break;
                case '\uFFFE' or '\uFFFF':
                    break;
                default:
                    if (char.IsSurrogate(c))
                        cleaned.Append('\uFFFD');
                    else if (!char.IsControl(c))
                        cleaned.Append(c);
                    break;
            }
        }
        return cleaned.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF')
                return true;
        return false;
    }
}
