using System.Globalization;
using System.Text;

namespace SignOnLetters.Domain;

/// <summary>
/// Turns a name into the key used to detect duplicates: "Médecins du Monde", "MEDECINS DU MONDE" and
/// "Médecins-du-Monde" compare equal. Compatibility forms are folded (NFKD: full-width "Ｈａｒｍ" is
/// "Harm"), diacritics and punctuation removed, white space collapsed, and then the name is reduced to
/// its confusable skeleton (UTS #39) and case folded, so look-alikes from other scripts ("Hаrm" with a
/// Cyrillic а) compare equal too. Letters that look like no Latin letter are kept, so "Сеть ЛЖВ" stays
/// distinct from "Set LZhV". The key is for comparing only: it is never shown.
/// </summary>
public static class NameNormalizer
{
    public static string Normalize(string name)
    {
        // Skeletons are case-sensitive ("I" reads as "l", "i" does not; capital Н reads as H, small н
        // not as h), so: capitals first, which every case variant shares, for the look-alikes among
        // capitals; then small letters, for those among small letters ("rn" and "m").
        var capitals = UnicodeSecurity.Skeleton(Words(name).ToUpperInvariant()).ToLowerInvariant();
        var key = UnicodeSecurity.Skeleton(capitals).ToLowerInvariant();
        return key.Length <= KeyMaxLength ? key : Shortened(key);
    }

    /// <summary>The key columns' width: the longest name's, though a skeleton ("m" is "rn") or NFKD ("ﷺ") may be longer than its name.</summary>
    public const int KeyMaxLength = Organisation.NameMaxLength;

    /// <summary>A key too long for its column keeps its start, readable in the database, and a hash of the whole, so two long keys differ when they did.</summary>
    private static string Shortened(string key)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return string.Concat(key.AsSpan(0, KeyMaxLength - hash.Length - 1), "~", hash);
    }

    /// <summary>The name's letters and digits, words separated by single spaces, case kept.</summary>
    private static string Words(string name)
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
                    builder.Append(rune.ToString());
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
