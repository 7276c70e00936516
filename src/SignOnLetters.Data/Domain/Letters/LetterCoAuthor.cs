namespace SignOnLetters.Domain.Letters;

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
