namespace SignOnLetters.Domain.Letters;

/// <summary>
/// Whether each language version keeps up with the main text (issue 17): a translation whose text
/// stayed the same while the main text changed is "not updated since" the last version in which it
/// did change. Worked out from the published versions themselves, so it is true for every version
/// ever published, including those from before this rule, and needs nothing stored beside them.
/// </summary>
public static class TranslationFreshness
{
    /// <summary>The languages of <paramref name="texts"/> (the main one first) that an amendment
    /// would leave as they are while the main text changes: publishing it needs an explicit choice.</summary>
    public static IReadOnlyList<string> LeftBehind(IReadOnlyList<LetterText> current, IReadOnlyList<LetterText> texts)
    {
        if (texts.Count < 2)
            return [];
        var main = texts[0];
        if (current.Any(t => t.SameAs(main)))
            return [];
        return texts.Skip(1)
            .Where(t => current.Any(c => c.SameAs(t)))
            .Select(t => t.LanguageCode)
            .ToList();
    }

    /// <summary>
    /// For the latest of <paramref name="versions"/>: each translation that is behind the main text
    /// (<paramref name="mainLanguage"/>), with the number of the last version in which it changed.
    /// Up-to-date translations and the main text are not listed.
    /// </summary>
    public static IReadOnlyDictionary<string, int> OutdatedTranslations(IEnumerable<PublishedTexts> versions, string mainLanguage)
    {
        var lastChange = new Dictionary<string, int>(StringComparer.Ordinal);
        IReadOnlyList<LetterText>? previous = null;
        IReadOnlyList<LetterText> latest = [];
        foreach (var version in versions.OrderBy(v => v.Number))
        {
            foreach (var text in version.Texts)
            {
                if (previous is null || !previous.Any(p => p.SameAs(text)))
                    lastChange[text.LanguageCode] = version.Number;
            }
            previous = latest = version.Texts;
        }
        if (!lastChange.TryGetValue(mainLanguage, out var mainChanged))
            return new Dictionary<string, int>();
        return latest
            .Where(t => t.LanguageCode != mainLanguage && lastChange[t.LanguageCode] < mainChanged)
            .ToDictionary(t => t.LanguageCode, t => lastChange[t.LanguageCode], StringComparer.Ordinal);
    }
}

/// <summary>A published version's number and texts, as <see cref="TranslationFreshness"/> reads them.</summary>
public sealed record PublishedTexts(int Number, IReadOnlyList<LetterText> Texts);
