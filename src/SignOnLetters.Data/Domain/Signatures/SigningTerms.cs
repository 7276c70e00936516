using SignOnLetters.Domain.Letters;

namespace SignOnLetters.Domain.Signatures;

/// <summary>
/// What a letter accepts from signers, read from the letter with its latest published version.
/// Signing handlers load just these few columns instead of the letter with every text it owns; the
/// rules stay in the domain either way (<see cref="LetterSigning.SigningTerms"/> builds them from a
/// <see cref="Letter"/>).
/// </summary>
public sealed record SigningTerms(
    int LetterId,
    LetterStatus Status,
    WhoMaySign WhoMaySign,
    ModerationMode Moderation,
    bool IndividualsMustGiveOrganisation,
    int LetterVersionId)
{
    /// <summary>A signature from the public form or the API, waiting for its e-mail confirmation.</summary>
    public Signature Sign(SignerDetails details, SignatureSource source, ConfirmationTokens tokens, DateTime now)
    {
        var signature = Create(details, source, now);
        if (signature.Email is null)
            throw new DomainRuleException("An e-mail address is needed to confirm the signature.");
        signature.AwaitConfirmation(tokens, now);
        return signature;
    }

    /// <summary>
    /// A submission over the rate limit: kept for a coordinator to look at, with no e-mail sent and
    /// nothing said to the submitter (who sees the usual "check your inbox").
    /// </summary>
    public Signature SignHeld(SignerDetails details, SignatureSource source, HoldReason reason, string withdrawTokenHash, DateTime now)
    {
        var signature = Create(details, source, now);
        signature.HoldUnconfirmed(reason, withdrawTokenHash, now);
        return signature;
    }

    /// <summary>
    /// A signed-in representative signs for their organisation in one step: the account's e-mail is
    /// already confirmed, so the signature is approved at once (or queued under manual moderation).
    /// </summary>
    /// <param name="membership">The signer's membership of the organisation (with its organisation loaded): the proof that they may sign for it, checked once by whoever found it.</param>
    public Signature SignAsRepresentative(SignerDetails details, OrganisationMembership membership, string withdrawTokenHash, DateTime now)
    {
        var (organisation, userId) = (membership.Organisation, membership.UserId);
        var signature = Create(details with { Kind = SignerKind.Organisation, OrganisationName = organisation.Name, CountryCode = organisation.CountryCode },
            SignatureSource.Representative, now);
        signature.ConfirmOnBehalfOf(userId, organisation.Id, Moderation, withdrawTokenHash, now);
        return signature;
    }

    /// <summary>
    /// A paper or e-mailed signature a coordinator of the letter enters: the coordinator vouches for
    /// the signer's consent, so no confirmation e-mail is sent and it is counted at once. The same
    /// letter terms and duplicate claims apply as to any signature.
    /// </summary>
    public Signature SignOnPaper(SignerDetails details, string coordinatorUserId, DateTime now)
    {
        var signature = Create(details, SignatureSource.Paper, now);
        signature.RecordPaperSignature(coordinatorUserId, now);
        return signature;
    }

    /// <summary>
    /// A row of an imported file: the same letter terms and duplicate claims as any signature,
    /// approved at once on the authority of the coordinator who imported it (or, when
    /// <paramref name="coordinatorUserId"/> is null, of the administrator on the command line).
    /// </summary>
    public Signature SignImported(SignerDetails details, string? coordinatorUserId, string fileName, DateTime? signedAt, DateTime now)
    {
        var signature = Create(details, SignatureSource.Imported, now);
        signature.RecordImport(coordinatorUserId, fileName, signedAt ?? now, now);
        return signature;
    }

    private Signature Create(SignerDetails details, SignatureSource source, DateTime now)
    {
        EnsureOpen();
        switch (details.Kind)
        {
            case SignerKind.Organisation when WhoMaySign == WhoMaySign.IndividualsOnly:
                throw new DomainRuleException("This letter is signed by individuals only. Sign as an individual; you may name your organisation for identification.");
            case SignerKind.Individual when WhoMaySign == WhoMaySign.OrganisationsOnly:
                throw new DomainRuleException("This letter is signed by organisations only.");
            case SignerKind.Organisation when string.IsNullOrWhiteSpace(details.OrganisationName):
                throw new DomainRuleException("Give the name of the organisation that signs.");
            case SignerKind.Individual when IndividualsMustGiveOrganisation && string.IsNullOrWhiteSpace(details.OrganisationName):
                throw new DomainRuleException("This letter asks individual signers to give an organisation (for identification only).");
            case not (SignerKind.Organisation or SignerKind.Individual):
                throw new DomainRuleException("Sign as an organisation or as an individual.");
        }
        if (details.Visibility == SignatureVisibility.OrganisationOnly && string.IsNullOrWhiteSpace(details.OrganisationName))
            throw new DomainRuleException("\"Organisation only\" needs an organisation name. Choose another way to appear.");
        return Signature.Create(this, details, source, now);
    }

    /// <summary>Refuses, with the letter's own reason, when the letter does not collect signatures now.</summary>
    public void EnsureOpen()
    {
        switch (Status)
        {
            case LetterStatus.Open:
                return;
            case LetterStatus.Draft:
                throw new DomainRuleException("This letter is not open for signatures yet.");
            case LetterStatus.Closed:
                throw new DomainRuleException("This letter is closed: it no longer collects signatures.");
            case LetterStatus.Delivered:
                throw new DomainRuleException("This letter has been delivered: it no longer collects signatures.");
            default:
                throw new DomainRuleException("This letter is archived: it no longer collects signatures.");
        }
    }
}

public static class LetterSigning
{
    /// <summary>The letter's signing terms on its latest published version (0 when never opened).</summary>
    public static SigningTerms SigningTerms(this Letter letter, int latestVersionId) =>
        new(letter.Id, letter.Status, letter.WhoMaySign, letter.Moderation, letter.IndividualsMustGiveOrganisation, latestVersionId);
}
