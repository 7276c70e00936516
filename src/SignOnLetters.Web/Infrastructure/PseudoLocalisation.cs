using System.Text;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// Pseudo-localisation, for finding layout that only fits English: with <c>Localisation:Pseudo=true</c>
/// every English interface text is shown accented, about 40% longer and bracketed
/// ("Sign this letter" → "[Ŝîĝñ ţĥîš ļéţţéŕ ·····]"), so clipped or overflowing text, and text that
/// never went through the localizer, are plain to see. Other languages keep their real translations,
/// so the same instance also shows how French or Arabic fit. Never meant for production.
/// </summary>
public static class PseudoLocalisation
{
    public const string SettingKey = "Localisation:Pseudo";

    /// <summary>Wraps the localizer factory, so views, page models, validators and e-mails all get pseudo texts.</summary>
    public static IServiceCollection AddPseudoLocalisation(this IServiceCollection services)
    {
        services.AddSingleton<ResourceManagerStringLocalizerFactory>();
        services.AddSingleton<IStringLocalizerFactory>(sp => new PseudoStringLocalizerFactory(sp.GetRequiredService<ResourceManagerStringLocalizerFactory>()));
        return services;
    }

    /// <summary>Real translators lengthen English by 30–40% on average, short texts by much more.</summary>
    private const double Expansion = 0.4;

    private static readonly Dictionary<char, char> Accented = new()
    {
        ['a'] = 'à', ['b'] = 'ƀ', ['c'] = 'ç', ['d'] = 'ð', ['e'] = 'é', ['f'] = 'ƒ', ['g'] = 'ĝ', ['h'] = 'ĥ', ['i'] = 'î',
        ['j'] = 'ĵ', ['k'] = 'ķ', ['l'] = 'ļ', ['m'] = 'ɱ', ['n'] = 'ñ', ['o'] = 'ö', ['p'] = 'þ', ['q'] = 'ǫ', ['r'] = 'ŕ',
        ['s'] = 'š', ['t'] = 'ţ', ['u'] = 'û', ['v'] = 'ṽ', ['w'] = 'ŵ', ['x'] = 'ẋ', ['y'] = 'ý', ['z'] = 'ž',
        ['A'] = 'Å', ['B'] = 'Ɓ', ['C'] = 'Ç', ['D'] = 'Ð', ['E'] = 'É', ['F'] = 'Ƒ', ['G'] = 'Ĝ', ['H'] = 'Ĥ', ['I'] = 'Î',
        ['J'] = 'Ĵ', ['K'] = 'Ķ', ['L'] = 'Ļ', ['M'] = 'Ṁ', ['N'] = 'Ñ', ['O'] = 'Ö', ['P'] = 'Þ', ['Q'] = 'Ǫ', ['R'] = 'Ŕ',
        ['S'] = 'Ŝ', ['T'] = 'Ţ', ['U'] = 'Û', ['V'] = 'Ṽ', ['W'] = 'Ŵ', ['X'] = 'Ẋ', ['Y'] = 'Ý', ['Z'] = 'Ž',
    };

    /// <summary>
    /// The pseudo form of a text. Format items ("{0}", "{1:N0}"), markup ("&lt;strong&gt;") and entities
    /// ("&amp;amp;") pass through unchanged, so formatting and HTML texts still work.
    /// </summary>
    public static string Transform(string text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        var result = new StringBuilder(text.Length * 2).Append('[');
        var visible = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var end = text[i] switch
            {
                '{' => FormatItemEnd(text, i),
                '<' => text.IndexOf('>', i),
                '&' => EntityEnd(text, i),
                _ => -1,
            };
            if (end > i)
            {
                result.Append(text, i, end - i + 1);
                i = end;
                continue;
            }
            result.Append(Accented.GetValueOrDefault(text[i], text[i]));
            visible++;
        }
        var padding = Math.Max(1, (int)Math.Ceiling(visible * Expansion) - 3);
        return result.Append(' ').Append('·', padding).Append(']').ToString();
    }

    /// <summary>"{0}", "{12:N0}", "{0,-5}"; "{{" is an escaped brace, not an item.</summary>
    private static int FormatItemEnd(string text, int start)
    {
        var end = text.IndexOf('}', start);
        if (end < 0 || start + 1 >= text.Length || !char.IsAsciiDigit(text[start + 1]))
            return -1;
        return end;
    }

    private static int EntityEnd(string text, int start)
    {
        var end = text.IndexOf(';', start);
        return end > start + 1 && end - start <= 10 && text.AsSpan(start + 1, end - start - 1).IndexOfAny(" <&") < 0 ? end : -1;
    }

    internal static bool Applies => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Localisation.DefaultLanguage;
}

internal sealed class PseudoStringLocalizerFactory(IStringLocalizerFactory inner) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new PseudoStringLocalizer(inner.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => new PseudoStringLocalizer(inner.Create(baseName, location));
}

internal sealed class PseudoStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    public LocalizedString this[string name] => Pseudo(inner[name]);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            if (!PseudoLocalisation.Applies)
                return inner[name, arguments];
            // The format is made pseudo, not the arguments: names and titles people typed stay as they are.
            var format = Pseudo(inner[name]);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures).Select(Pseudo);

    private static LocalizedString Pseudo(LocalizedString text) =>
        PseudoLocalisation.Applies
            ? new LocalizedString(text.Name, PseudoLocalisation.Transform(text.Value), text.ResourceNotFound, text.SearchedLocation)
            : text;
}
