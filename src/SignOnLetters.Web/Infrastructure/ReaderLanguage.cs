using Microsoft.AspNetCore.Localization;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// Which interface language a person reads, for what is written to them outside their own request
/// (e-mails composed while a coordinator sends an update, a confirmation sent again later).
/// </summary>
public static class ReaderLanguage
{
    /// <summary>The interface language the request asked for (query, cookie or Accept-Language), or
    /// null when it asked for none and got the default.</summary>
    public static string? ChosenBy(HttpContext? context) =>
        context?.Features.Get<IRequestCultureFeature>() is { Provider: not null } chosen
            ? chosen.RequestCulture.UICulture.TwoLetterISOLanguageName
            : null;

    /// <summary>The interface language to write to a signer in: the one they signed in, else the
    /// letter's ("fr-CA" → "fr"), else English.</summary>
    public static string For(string? signerLanguage, string? letterLanguage)
    {
        foreach (var candidate in new[] { signerLanguage, letterLanguage })
        {
            var language = candidate?.Split('-')[0].ToLowerInvariant();
            if (Localisation.IsSupported(language))
                return language!;
        }
        return Localisation.DefaultLanguage;
    }

    /// <summary>Makes <paramref name="language"/> the current culture (texts, dates, numbers) until disposed.</summary>
    public static IDisposable Use(string language) => new Scope(CultureInfo.GetCultureInfo(language));

    private sealed class Scope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public Scope(CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
