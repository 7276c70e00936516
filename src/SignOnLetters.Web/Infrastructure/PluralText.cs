namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// Texts that depend on a count ("1 signature", "2 signatures"; Russian has three forms, Arabic six).
/// Each form is its own resource, "key|category", with the CLDR plural categories (one, two, few,
/// many, zero, other); a language only carries the categories its rules use. The rules below are
/// CLDR's cardinal rules for whole numbers in the interface languages; counts here are never fractional.
/// </summary>
public static class PluralText
{
    public static readonly string[] Categories = ["zero", "one", "two", "few", "many", "other"];

    /// <summary>The form of <paramref name="key"/> for <paramref name="count"/> in the current UI
    /// language, with "{0}" replaced by the count written in that language's digits and grouping.</summary>
    public static string Plural(this IStringLocalizer localizer, string key, long count, params object[] more)
    {
        var culture = CultureInfo.CurrentUICulture;
        var category = Category(culture.TwoLetterISOLanguageName, count);
        var text = localizer[$"{key}|{category}"];
        if (text.ResourceNotFound)
            text = localizer[$"{key}|other"];
        var format = text.ResourceNotFound ? key : text.Value;
        object[] arguments = [count.ToString("N0", CultureInfo.CurrentCulture), .. more];
        return string.Format(CultureInfo.CurrentCulture, format, arguments);
    }

    /// <summary>The categories a language's rules can produce, so a test can check every one is translated.</summary>
    public static IReadOnlyList<string> CategoriesUsedBy(string language) => language switch
    {
        "ru" => ["one", "few", "many"],
        "ar" => ["zero", "one", "two", "few", "many", "other"],
        "fr" or "es" => ["one", "many", "other"],
        _ => ["one", "other"],
    };

    public static string Category(string language, long count)
    {
        var n = Math.Abs(count);
        switch (language)
        {
            case "ru":
                // one: 1, 21, 101…; few: 2–4, 22–24…; many: 0, 5–20, 25–30…
                if (n % 10 == 1 && n % 100 != 11) return "one";
                if (n % 10 is >= 2 and <= 4 && n % 100 is < 12 or > 14) return "few";
                return "many";
            case "ar":
                if (n == 0) return "zero";
                if (n == 1) return "one";
                if (n == 2) return "two";
                if (n % 100 is >= 3 and <= 10) return "few";
                if (n % 100 is >= 11 and <= 99) return "many";
                return "other";
            case "fr":
                // French counts 0 and 1 as singular; round millions take "de" ("1 000 000 de signatures").
                if (n is 0 or 1) return "one";
                if (n % 1_000_000 == 0) return "many";
                return "other";
            case "es":
                if (n == 1) return "one";
                if (n != 0 && n % 1_000_000 == 0) return "many";
                return "other";
            default:
                return n == 1 ? "one" : "other";
        }
    }
}
