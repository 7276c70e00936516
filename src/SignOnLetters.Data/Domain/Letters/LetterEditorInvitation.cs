namespace SignOnLetters.Domain.Letters;

/// <summary>
/// An e-mailed invitation to co-edit one letter. As with organisation invitations only the token's
/// SHA-256 hash is stored; it expires and works once.
/// </summary>
public class LetterEditorInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public int Id { get; private set; }
    public int LetterId { get; private set; }
    public Letter Letter { get; private set; } = null!;
    public string Email { get; private set; } = null!;
    public string NormalizedEmail { get; private set; } = null!;
    public string TokenHash { get; private set; } = null!;
    public string InvitedByUserId { get; private set; } = null!;
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public string? AcceptedByUserId { get; private set; }

    private LetterEditorInvitation() { }

    public static LetterEditorInvitation Create(Letter letter, string email, string tokenHash, string invitedByUserId, DateTime now) => new()
    {
        Letter = letter,
        LetterId = letter.Id,
        Email = email.Trim(),
        NormalizedEmail = NameNormalizer.NormalizeEmail(email),
        TokenHash = tokenHash,
        InvitedByUserId = invitedByUserId,
        CreatedAt = now,
        ExpiresAt = now + Lifetime,
    };

    /// <summary>Why the link cannot be used now, or null when it can.</summary>
    public string? Problem(DateTime now) =>
        AcceptedAt is not null ? "This invitation has already been used."
        : now >= ExpiresAt ? "This invitation has expired. Ask the letter's coordinator for a new one."
        : Letter.Status == LetterStatus.Archived ? "This letter has been archived."
        : null;

    public LetterEditor Accept(string userId, DateTime now)
    {
        if (Problem(now) is { } problem)
            throw new DomainRuleException(problem);
        AcceptedAt = now;
        AcceptedByUserId = userId;
        return Letter.AddEditor(userId, now);
    }
}
