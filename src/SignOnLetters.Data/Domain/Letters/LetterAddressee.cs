namespace SignOnLetters.Domain.Letters;

/// <summary>Someone the letter is addressed to, e.g. "Dr Jane Doe, Head of Public Health, City of X".</summary>
public class LetterAddressee
{
    public const int NameMaxLength = 200;
    public const int TitleMaxLength = 200;
    public const int InstitutionMaxLength = 300;

    public int Position { get; private set; }
    public string Name { get; private set; } = null!;
    public string? Title { get; private set; }
    public string? Institution { get; private set; }

    private LetterAddressee() { }

    public LetterAddressee(int position, string name, string? title, string? institution)
    {
        Position = position;
        Name = name.Trim();
        Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim();
        Institution = string.IsNullOrWhiteSpace(institution) ? null : institution.Trim();
        if (Name.Length == 0)
            throw new DomainRuleException("Every addressee needs a name.");
    }

    /// <summary>One line: "Name, Title, Institution".</summary>
    public override string ToString() => string.Join(", ", new[] { Name, Title, Institution }.Where(p => p is not null));
}
