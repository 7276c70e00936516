namespace SignOnLetters.Web.Documents;

/// <summary>
/// The quotation marks of a language (CLDR's delimiters: quotationStart/End and the alternate pair
/// for quotes inside quotes), which the letter's straight quotes become in print. French and its
/// neighbours set « » with no-break spaces inside, so a mark never ends or starts a line alone.
/// A closing single quote is the language's inner closing mark only after an opening one in the
/// same run of text (<see cref="MarkdownBody.Spans"/> counts them); any other is the apostrophe ’
/// ("l'eau", "it's"), which SmartyPants cannot tell apart from a closing quote.
/// </summary>
internal sealed record QuoteMarks(string Open, string Close, string InnerOpen, string InnerClose)
{
    public static QuoteMarks English { get; } = new("\u201C", "\u201D", "\u2018", "\u2019");

    private static readonly QuoteMarks Guillemets = new("\u00AB", "\u00BB", "\u201C", "\u201D");
    private static readonly QuoteMarks FrenchGuillemets = new("\u00AB\u00A0", "\u00A0\u00BB", "\u00AB\u00A0", "\u00A0\u00BB");
    private static readonly QuoteMarks GermanLow = new("\u201E", "\u201C", "\u201A", "\u2018");

    public static QuoteMarks For(string? languageCode) => (languageCode ?? string.Empty).Split('-')[0].ToLowerInvariant() switch
    {
        "fr" => FrenchGuillemets,
        "de" or "cs" or "sk" or "sl" or "lt" or "is" => GermanLow,
        "ru" or "uk" or "be" => new("\u00AB", "\u00BB", "\u201E", "\u201C"),
        "pt" => string.Equals(languageCode, "pt-PT", StringComparison.OrdinalIgnoreCase) ? Guillemets : English,
        "es" or "it" or "ca" or "el" or "nb" or "no" or "fa" => Guillemets,
        "pl" or "hu" or "ro" or "hr" or "bg" => new("\u201E", "\u201D", "\u00AB", "\u00BB"),
        "nl" => new("\u2018", "\u2019", "\u201C", "\u201D"),
        "sv" or "fi" => new("\u201D", "\u201D", "\u2019", "\u2019"),
        "he" => new("\u201D", "\u201D", "\u2019", "\u2019"),
        // CLDR's Arabic marks, in logical order: the opening ” and the closing “ mirror in print.
        "ar" or "ur" => new("\u201D", "\u201C", "\u2019", "\u2018"),
        "ja" => new("\u300C", "\u300D", "\u300E", "\u300F"),
        "zh" => English,
        _ => English,
    };

    /// <summary>What a SmartyPants mark prints as in this language.</summary>
    public string Of(Markdig.Extensions.SmartyPants.SmartyPantType type) => type switch
    {
        Markdig.Extensions.SmartyPants.SmartyPantType.LeftDoubleQuote => Open,
        Markdig.Extensions.SmartyPants.SmartyPantType.RightDoubleQuote => Close,
        Markdig.Extensions.SmartyPants.SmartyPantType.LeftQuote => InnerOpen,
        Markdig.Extensions.SmartyPants.SmartyPantType.RightQuote => "\u2019",
        Markdig.Extensions.SmartyPants.SmartyPantType.LeftAngleQuote => Open == FrenchGuillemets.Open ? Open : "\u00AB",
        Markdig.Extensions.SmartyPants.SmartyPantType.RightAngleQuote => Close == FrenchGuillemets.Close ? Close : "\u00BB",
        Markdig.Extensions.SmartyPants.SmartyPantType.Ellipsis => "\u2026",
        Markdig.Extensions.SmartyPants.SmartyPantType.Dash2 => "\u2013",
        Markdig.Extensions.SmartyPants.SmartyPantType.Dash3 => "\u2014",
        Markdig.Extensions.SmartyPants.SmartyPantType.DoubleQuote => "\"",
        _ => "'",
    };
}
