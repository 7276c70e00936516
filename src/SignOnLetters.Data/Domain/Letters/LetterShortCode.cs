using System.Security.Cryptography;

namespace SignOnLetters.Domain.Letters;

/// <summary>
/// The code of a letter's short link <c>/l/{code}</c>, for posters, slides and QR codes: eight
/// characters of Crockford's base 32 (40 random bits), given once when the letter is created and never
/// changed, because printed posters outlive any key. Random rather than derived from the id, so codes
/// do not count letters or lead from one to the next; 2^40 codes against a few thousand letters make a
/// guessed code reach an unlisted letter about once in a hundred million tries.
/// </summary>
public static class LetterShortCode
{
    public const int Length = 8;

    /// <summary>Digits and lower-case letters without i, l, o and u, which read as 1, 1, 0 and v (or a word).</summary>
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>
    /// The code as stored, from what a reader typed off a poster: any case, hyphens and spaces ignored,
    /// O read as 0 and I or L as 1 (Crockford's rules); null when it cannot be a code.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 4 * Length)
            return null;
        Span<char> code = stackalloc char[Length];
        var length = 0;
        foreach (var c in typed)
        {
            if (c is '-' or ' ')
                continue;
            var read = char.ToLowerInvariant(c) switch
            {
                'o' => '0',
                'i' or 'l' => '1',
                var other => other,
            };
            if (length == Length || !Alphabet.Contains(read))
                return null;
            code[length++] = read;
        }
        return length == Length ? new string(code) : null;
    }
}
