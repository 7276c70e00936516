namespace SignOnLetters.Domain.Letters;

/// <summary>
/// "Start from this letter": what a new draft takes from an earlier letter, written once. It takes the
/// text in every language (the new title replacing the old in the new letter's language), the
/// addressees, who may sign and how signatures are moderated, the goal, and the co-authoring
/// organisations, who are asked again, since agreeing to one letter is not agreeing to the next.
/// It leaves the signatures, the deadline (a date that has passed or will), the history, the versions
/// and the embedding and listing choices, which belong to a letter's own campaign.
/// </summary>
public static class LetterTemplate
{
    /// <param name="source">The earlier letter, loaded with its texts, addressees and co-authors.</param>
    /// <param name="first">The new letter's language and title (its body is taken from the source when it has that language).</param>
    /// <param name="leadOrganisationId">The new letter's lead, never its own co-author.</param>
    /// <param name="coAuthorsTheEditorCoordinates">Co-authors the person starting the draft coordinates: they agree at once.</param>
    public static LetterDraft DraftFrom(Letter source, LetterText first, int leadOrganisationId, IReadOnlySet<int> coAuthorsTheEditorCoordinates)
    {
        var body = source.Texts.FirstOrDefault(t => t.LanguageCode == first.LanguageCode)?.Body ?? first.Body;
        var texts = new List<LetterText> { new(first.LanguageCode, first.Title, body) };
        texts.AddRange(source.Texts
            .Where(t => t.LanguageCode != first.LanguageCode)
            .OrderBy(t => t.LanguageCode == source.PrimaryLanguage ? 0 : 1).ThenBy(t => t.LanguageCode, StringComparer.Ordinal)
            .Select(t => t.Copy()));
        return new LetterDraft(
            texts,
            source.Addressees.OrderBy(a => a.Position).Select((a, i) => new LetterAddressee(i + 1, a.Name, a.Title, a.Institution)).ToList(),
            source.CoAuthors.Select(c => c.OrganisationId).Where(id => id != leadOrganisationId).Distinct().ToList(),
            coAuthorsTheEditorCoordinates,
            new LetterSettings(source.WhoMaySign, source.Moderation, source.IndividualsMustGiveOrganisation),
            Deadline: null,
            source.SignatureGoal);
    }
}
