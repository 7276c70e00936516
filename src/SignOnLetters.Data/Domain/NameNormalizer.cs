using System.Globalization;
using System.Text;

namespace SignOnLetters.Domain;

/// <summary>
/// Turns a name into the key used to detect duplicates: "Médecins du Monde", "MEDECINS DU MONDE" and
/// "Médecins-du-Monde" compare equal. Case is folded, diacritics and punctuation removed, white space
/// collapsed. Letters of every script are kept, so "Сеть ЛЖВ" stays distinct from "Set LZhV".
/// </summary>
public static class NameNormalizer
{
    public static string Normalize(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = true;
                continue;
            }
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.Format:
                case UnicodeCategory.Control:
                    continue;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.LetterNumber:
                case UnicodeCategory.OtherNumber:
                    if (pendingSpace && builder.Length > 0)
                        builder.Append(' ');
                    pendingSpace = false;
                    builder.Append(Rune.ToLowerInvariant(rune).ToString());
                    break;
                default:
                    // Punctuation, symbols and separators all count as a word gap.
                    pendingSpace = true;
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>Upper-case invariant e-mail, as Identity normalises it, for lookups and unique indexes.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();
}
