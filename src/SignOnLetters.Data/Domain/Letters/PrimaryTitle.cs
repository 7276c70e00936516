using System.Linq.Expressions;

namespace SignOnLetters.Domain.Letters;

/// <summary>
/// The letter's title in its primary language, written once: coordinators' pages, notices and
/// e-mails name a letter by it (readers get their own language through
/// <c>LetterLanguageVersions.ForReader</c> instead). A letter without text yet is named by its slug.
/// </summary>
public static class PrimaryTitle
{
    /// <summary>As SQL, inside a projection: <c>PrimaryTitle.Of.Invoke(l)</c> on a query made
    /// <c>AsExpandable()</c> (LinqKit inlines it, since EF Core cannot call an expression).</summary>
    public static readonly Expression<Func<Letter, string?>> Of =
        l => l.Texts.Where(t => t.LanguageCode == l.PrimaryLanguage).Select(t => t.Title).FirstOrDefault();

    /// <summary>In memory, on a letter loaded with its texts.</summary>
    public static string In(Letter letter) =>
        letter.Texts.FirstOrDefault(t => t.LanguageCode == letter.PrimaryLanguage)?.Title ?? letter.Slug;
}
