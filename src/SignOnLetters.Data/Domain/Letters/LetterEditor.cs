namespace SignOnLetters.Domain.Letters;

/// <summary>Someone invited to edit this one letter (the lead organisation's coordinators edit without this).</summary>
public class LetterEditor
{
    public int LetterId { get; private set; }
    public string UserId { get; private set; } = null!;
    public ApplicationUser User { get; private set; } = null!;
    public DateTime AddedAt { get; private set; }

    private LetterEditor() { }

    internal LetterEditor(Letter letter, string userId, DateTime addedAt)
    {
        LetterId = letter.Id;
        UserId = userId;
        AddedAt = addedAt;
    }
}
