using System.Collections.Concurrent;

namespace SignOnLetters.Pdf.Text.Hyphenation;

/// <summary>
/// The hyphenation patterns shipped with the engine (the <c>Hyphenation</c> folder, copied beside
/// the assemblies like the fonts; sources and licences in its README.md and in the ADR on
/// hyphenation). A language without bundled patterns has none: its justified text is set ragged.
/// Each file is read once, on first use, and shared by every thread (lookups only).
/// </summary>
internal static class HyphenationPatterns
{
    public const string FolderName = "Hyphenation";

    /// <summary>Primary language subtag → file; a region picks a file only where it differs (en-GB).</summary>
    private static readonly Dictionary<string, string> Files = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "hyph_en_US.dic",
        ["en-GB"] = "hyph_en_GB.dic",
        ["en-AU"] = "hyph_en_GB.dic",
        ["en-IE"] = "hyph_en_GB.dic",
        ["en-NZ"] = "hyph_en_GB.dic",
        ["en-ZA"] = "hyph_en_GB.dic",
        ["en-IN"] = "hyph_en_GB.dic",
        ["fr"] = "hyph_fr.dic",
        ["es"] = "hyph_es_ES.dic",
        ["de"] = "hyph_de_DE.dic",
        ["it"] = "hyph_it_IT.dic",
        ["nl"] = "hyph_nl_NL.dic",
        ["ru"] = "hyph_ru_RU.dic",
    };

    private static readonly ConcurrentDictionary<string, Lazy<LiangHyphenator?>> Loaded = new(StringComparer.Ordinal);

    public static string? Folder => BundledFolder.Find(FolderName);

    /// <summary>The bundled file for a BCP 47 tag ("en-GB", "fr-CA", "de"), or null when the language has none.</summary>
    public static string? FileFor(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
            return null;
        var parts = language.Trim().Replace('_', '-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        // Language plus region first ("en-GB"), then the language alone; script subtags are skipped.
        var region = parts.Skip(1).FirstOrDefault(part => part.Length == 2 || part.Length == 3 && part.All(char.IsDigit));
        if (region is not null && Files.TryGetValue($"{parts[0]}-{region}", out var regional))
            return regional;
        return Files.GetValueOrDefault(parts[0]);
    }

    /// <summary>The language's hyphenator, or null when it has no patterns (or their file is missing).</summary>
    public static LiangHyphenator? For(string? language)
    {
        if (FileFor(language) is not { } file)
            return null;
        return Loaded.GetOrAdd(file, name => new Lazy<LiangHyphenator?>(() =>
        {
            if (Folder is not { } folder || !File.Exists(Path.Combine(folder, name)))
                return null;
            using var stream = File.OpenRead(Path.Combine(folder, name));
            return LiangHyphenator.Load(stream);
        })).Value;
    }
}
