namespace SignOnLetters.Domain.Letters;

/// <summary>
/// A published text: version 1 when the letter opened, N+1 for each amendment. Frozen for good;
/// every signature records the version it was given on.
/// </summary>
public class LetterVersion
{
    public int Id { get; private set; }
    public int LetterId { get; private set; }
    public Letter Letter { get; private set; } = null!;
    public int Number { get; private set; }
    public string PublishedByUserId { get; private set; } = null!;
    public DateTime PublishedAt { get; private set; }

    /// <summary>What changed from the previous version, shown publicly; null for version 1.</summary>
    public string? ChangeNote { get; private set; }

    public List<LetterText> Texts { get; } = [];

    private LetterVersion() { }

    internal LetterVersion(Letter letter, int number, string publishedByUserId, DateTime publishedAt, string? changeNote, IEnumerable<LetterText> texts)
    {
        Letter = letter;
        Number = number;
        PublishedByUserId = publishedByUserId;
        PublishedAt = publishedAt;
        ChangeNote = changeNote;
        Texts.AddRange(texts);
    }
}
