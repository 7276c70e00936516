namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// The one rule for "the letter's version for this reader", used wherever a letter's title or text
/// is shown or written to someone (pages, the embed, every signer e-mail): the version in the
/// language asked for, else one of the same language ("fr" finds "fr-CA"), else the main version.
/// </summary>
public static class LetterLanguageVersions
{
    /// <param name="versions">The letter's language versions; never empty for a letter that has a text.</param>
    /// <param name="languageOf">A version's language code.</param>
    /// <param name="wanted">The reader's language (interface choice, a <c>?lang=</c> link, or the language a signer signed in); null for none.</param>
    /// <param name="primaryLanguage">The letter's main language, the fallback.</param>
    public static T ForReader<T>(IReadOnlyList<T> versions, Func<T, string> languageOf, string? wanted, string primaryLanguage) where T : class =>
        LanguageCodes.Closest(versions, languageOf, wanted)
        ?? versions.FirstOrDefault(v => languageOf(v) == primaryLanguage)
        ?? versions[0];
}

/// <summary>A language version's title.</summary>
public sealed record LetterTitle(string Language, string Title);
