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

/// <summary>An organisation named as co-author (distinct from organisations that merely sign).</summary>
public class LetterCoAuthor
{
    public int LetterId { get; private set; }
    public int OrganisationId { get; private set; }
    public Organisation Organisation { get; private set; } = null!;
    public int Position { get; internal set; }

    /// <summary>Who named the organisation (null for co-authors from before invitations, and restored ones).</summary>
    public string? InvitedByUserId { get; private set; }
    public DateTime InvitedAt { get; private set; }

    /// <summary>
    /// Set when one of the organisation's own coordinators accepted: only then is the organisation
    /// shown as an author anywhere public (page, PDF, deliveries). Naming it is only an invitation.
    /// </summary>
    public DateTime? AcceptedAt { get; private set; }
    public string? AcceptedByUserId { get; private set; }

    public bool IsAccepted => AcceptedAt is not null;

    private LetterCoAuthor() { }

    internal LetterCoAuthor(Letter letter, int organisationId, int position, string? invitedByUserId, DateTime invitedAt)
    {
        LetterId = letter.Id;
        OrganisationId = organisationId;
        Position = position;
        InvitedByUserId = invitedByUserId;
        InvitedAt = invitedAt;
    }

    internal void Accept(string userId, DateTime now)
    {
        if (IsAccepted)
            throw new DomainRuleException("This invitation was already accepted.");
        AcceptedAt = now;
        AcceptedByUserId = userId;
    }
}

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
