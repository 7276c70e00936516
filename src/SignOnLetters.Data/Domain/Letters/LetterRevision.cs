namespace SignOnLetters.Domain.Letters;

/// <summary>One saved edit: the whole text as it stood after the save, with who saved it and when.</summary>
public class LetterRevision
{
    public int Id { get; private set; }
    public int LetterId { get; private set; }
    public Letter Letter { get; private set; } = null!;

    /// <summary>1, 2, 3... per letter.</summary>
    public int Number { get; private set; }

    public string AuthorUserId { get; private set; } = null!;
    public ApplicationUser Author { get; private set; } = null!;
    public DateTime CreatedAt { get; private set; }

    /// <summary>The addressees, one per line, as they stood (kept as text: revisions are read, diffed, never edited).</summary>
    public string Addressees { get; private set; } = null!;

    public List<LetterText> Texts { get; } = [];

    private LetterRevision() { }

    internal LetterRevision(Letter letter, int number, string authorUserId, DateTime createdAt, IEnumerable<LetterText> texts, string addressees)
    {
        Letter = letter;
        Number = number;
        AuthorUserId = authorUserId;
        CreatedAt = createdAt;
        Addressees = addressees;
        Texts.AddRange(texts);
    }
}
