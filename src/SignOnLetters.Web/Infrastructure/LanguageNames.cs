namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// A letter's language named in the reader's language ("French" to an English reader, "francés" to a
/// Spanish one), for coordinators' pages. From ICU's CLDR data, as country names are (see <see cref="Countries"/>).
/// </summary>
public static class LanguageNames
{
    public static string Of(string code)
    {
        _ = Countries.IcuReady.Value;
        var reader = CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? name : "en";
        var display = new Icu.Locale(code).GetDisplayName(new Icu.Locale(reader));
        return string.IsNullOrWhiteSpace(display) ? SignOnLetters.Domain.Letters.LanguageCodes.DisplayName(code) : display;
    }
}
