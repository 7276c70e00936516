using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// The interface languages. The signer's choice is remembered in a cookie; without one the browser's
/// Accept-Language decides; English is the fallback. Arabic proves right-to-left end to end.
/// </summary>
public static class Localisation
{
    public static readonly string[] Languages = ["en", "fr", "es", "ru", "ar"];
    public const string DefaultLanguage = "en";

    public static IServiceCollection AddAppLocalisation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        if (configuration.GetValue<bool>(PseudoLocalisation.SettingKey))
            services.AddPseudoLocalisation();
        // Razor would write every character outside Basic Latin as an entity ("&#x441;"): Cyrillic or
        // Arabic pages would weigh several times more on the slow connections many signers have.
        // Markup-significant characters are still encoded.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(DefaultLanguage);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // "fr-CA" in Accept-Language falls back to "fr".
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = CookieName },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public const string CookieName = "sol.lang";

    public static bool IsSupported(string? language) => language is not null && Languages.Contains(language, StringComparer.OrdinalIgnoreCase);

    public static bool IsRightToLeft(CultureInfo culture) => culture.TextInfo.IsRightToLeft;

    // Languages written in Arabic script, which separate with the Arabic comma; Hebrew, also
    // right to left, uses the Latin one.
    private static readonly HashSet<string> ArabicScriptLanguages = new(StringComparer.OrdinalIgnoreCase) { "ar", "fa", "ur", "ps", "ckb", "sd", "ug" };

    /// <summary>The comma and space that join parts of a name or a list in this language: "، " in Arabic script, else ", ".</summary>
    public static string ListComma(CultureInfo culture) =>
        ArabicScriptLanguages.Contains(culture.TwoLetterISOLanguageName) || ArabicScriptLanguages.Contains(culture.Name.Split('-')[0]) ? "، " : ", ";

    /// <summary>The language's own name ("Français", "Русский", "العربية") for the switcher.</summary>
    public static string NativeName(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        return culture.TextInfo.ToTitleCase(culture.NativeName);
    }
}
