using System.Globalization;
using System.Text;

namespace SignOnLetters.Domain.Letters;

/// <summary>
/// The letter in one language: its title and Markdown body. The same shape is kept three times: as
/// the working copy on the letter, frozen in each revision, and frozen in each published version.
/// </summary>
public class LetterText
{
    public const int TitleMaxLength = 300;
    public const int BodyMaxBytes = 200 * 1024;

    /// <summary>A .NET culture name ("en", "fr", "pt-BR"), as <see cref="LanguageCodes.Normalize"/> returns it.</summary>
    public string LanguageCode { get; private set; } = null!;

    public string Title { get; private set; } = null!;
    public string Body { get; private set; } = null!;

    private LetterText() { }

    public LetterText(string languageCode, string title, string body)
    {
        LanguageCode = LanguageCodes.Normalize(languageCode)
            ?? throw new DomainRuleException("'{0}' is not a language code we know (for example en, fr, es, ru, pt-BR).", languageCode);
        Change(title, body);
    }

    internal void Change(string title, string body)
    {
        title = title.Trim();
        // Line endings from browsers differ (CRLF); one form keeps revisions and diffs honest.
        body = body.Replace("\r\n", "\n").Trim();
        if (title.Length == 0)
            throw new DomainRuleException("The {0} version needs a title.", new LanguageName(LanguageCode));
        if (title.Length > TitleMaxLength)
            throw new DomainRuleException("The title may have at most {0} characters.", TitleMaxLength);
        if (Encoding.UTF8.GetByteCount(body) > BodyMaxBytes)
            throw new DomainRuleException("The text may be at most {0} KB.", BodyMaxBytes / 1024);
        Title = title;
        Body = body;
    }

    public LetterText Copy() => new() { LanguageCode = LanguageCode, Title = Title, Body = Body };

    public bool SameAs(LetterText other) => LanguageCode == other.LanguageCode && Title == other.Title && Body == other.Body;
}

/// <summary>Language codes are checked against the cultures .NET knows (ICU data), never free text.</summary>
public static class LanguageCodes
{
    /// <summary>The culture's canonical name ("pt-BR" for "PT-br"), or null for an unknown or invariant code.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 20)
            return null;
        try
        {
            var culture = CultureInfo.GetCultureInfo(code.Trim(), predefinedOnly: true);
            return culture.Name.Length == 0 ? null : culture.Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>"French", for coordinators' messages.</summary>
    public static string DisplayName(string code) => CultureInfo.GetCultureInfo(code).EnglishName;

    /// <summary>"français", for readers choosing a version.</summary>
    public static string NativeName(string code)
    {
        var culture = CultureInfo.GetCultureInfo(code);
        return culture.TextInfo.ToTitleCase(culture.NativeName);
    }

    public static bool IsRightToLeft(string code) => CultureInfo.GetCultureInfo(code).TextInfo.IsRightToLeft;

    /// <summary>
    /// The version a reader who asked for <paramref name="wanted"/> gets: that language, else the same
    /// language of another region ("fr" finds "fr-CA"), else null (the caller falls back to the letter's main language).
    /// </summary>
    public static T? Closest<T>(IReadOnlyCollection<T> versions, Func<T, string> languageOf, string? wanted) where T : class
    {
        wanted = Normalize(wanted);
        if (wanted is null)
            return null;
        return versions.FirstOrDefault(v => languageOf(v) == wanted)
               ?? versions.FirstOrDefault(v => languageOf(v).Split('-')[0] == wanted.Split('-')[0]);
    }
}

/// <summary>A language named in a domain rule's message ("The {0} version needs a title."): English
/// in the exception's own text; the web layer names it in the reader's language.</summary>
public sealed record LanguageName(string Code)
{
    public override string ToString() => LanguageCodes.DisplayName(Code);
}
