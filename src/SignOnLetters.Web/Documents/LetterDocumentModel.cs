namespace SignOnLetters.Web.Documents;

/// <summary>
/// Everything the final signed letter shows, and nothing else: a handler projects a letter version
/// and its signatures into this, so the document does not depend on the database. Signers' e-mail
/// addresses have no place here on purpose; hidden signers appear only in <see cref="LetterSignatories.Counts"/>.
/// </summary>
public sealed record LetterDocumentModel
{
    public required string Title { get; init; }

    public LetterKind Kind { get; init; } = LetterKind.Letter;

    /// <summary>BCP 47 language of the text ("en", "sv", "ar"): chooses the collation and the writing direction.</summary>
    public required string LanguageCode { get; init; }

    public required LetterDateLine DateLine { get; init; }

    public required LetterOrganisation LeadOrganisation { get; init; }

    /// <summary>The lead organisation's address and reply-to contact, printed under the letterhead; both optional.</summary>
    public LetterheadContact Contact { get; init; } = LetterheadContact.None;

    public IReadOnlyList<LetterOrganisation> CoAuthors { get; init; } = [];

    public IReadOnlyList<LetterAddressee> Addressees { get; init; } = [];

    /// <summary>CommonMark; raw HTML in it is ignored.</summary>
    public required string BodyMarkdown { get; init; }

    /// <summary>"Yours sincerely," and the like; plain text.</summary>
    public string? Closing { get; init; }

    public required LetterVersionInfo Version { get; init; }

    /// <summary>Set once the letter has been delivered; later editions mark signatures that came after.</summary>
    public LetterEdition? Edition { get; init; }

    public required LetterSignatories Signatories { get; init; }

    /// <summary>Logos of signing organisations, drawn as a wall after the counts; empty for none.</summary>
    public IReadOnlyList<LetterOrganisation> LogoWall { get; init; } = [];

    /// <summary>Set for a delivered edition: the last page's footer says how to check the file, and the file is sealed (ADR 0016).</summary>
    public LetterSeal? Seal { get; init; }

    public required LetterDocumentOptions Options { get; init; }
}

public enum LetterKind
{
    Letter,
    Petition,
}

/// <summary>"Brussels, 1 March 2025"; the place is optional.</summary>
public sealed record LetterDateLine(DateOnly Date, string? Place = null);

/// <param name="CountryCode">ISO 3166-1 alpha-2.</param>
/// <param name="LogoPng">PNG (or JPEG) bytes, already validated when uploaded.</param>
public sealed record LetterOrganisation(string Name, string CountryCode, byte[]? LogoPng = null);

/// <param name="Address">Lines separated by "\n", already cleaned (<see cref="Domain.Letters.LetterPdfSettings"/>).</param>
public sealed record LetterheadContact(string? Address, string? ReplyTo)
{
    public static LetterheadContact None { get; } = new(null, null);
}

public sealed record LetterAddressee(string Name, string? Title = null, string? Institution = null);

public sealed record LetterVersionInfo(int Number, string? ChangeNote = null);

public sealed record LetterEdition(DateTimeOffset DeliveredAt);

/// <param name="EditionNumber">The delivery this file belongs to (1 for the first).</param>
/// <param name="VerifyUrl">The absolute address of <c>/letters/{slug}/verify</c>, printed and drawn as a QR code.</param>
/// <param name="RecordHead">The signatory record's head (SHA-256 hex) when the letter has one; printed as "Record: …".</param>
/// <param name="Seal">Seals the written file with the instance's key.</param>
public sealed record LetterSeal(int EditionNumber, string VerifyUrl, string? RecordHead, SignOnLetters.Pdf.Fluent.IPdfSeal Seal);

/// <summary>
/// The named signatories, and the counts that also include those who chose to be counted but not
/// named (so the counts are never smaller than the lists).
/// </summary>
public sealed record LetterSignatories(
    IReadOnlyList<OrganisationSignatory> Organisations,
    IReadOnlyList<IndividualSignatory> Individuals,
    Pages.Letters.SignatureCounts Counts);

/// <param name="Signer">Who signed for the organisation, only when the signer chose to be named.</param>
/// <param name="Unverified">Nobody verified that the organisation itself signed (<see cref="Domain.Signatures.OrganisationSignatureVerification"/>).</param>
public sealed record OrganisationSignatory(string Name, string CountryCode, SignerLine? Signer = null, bool SignedAfterDelivery = false, bool Unverified = false);

public sealed record SignerLine(string Name, string? Role = null);

/// <param name="Organisation">Shown "for identification only".</param>
public sealed record IndividualSignatory(string Name, string CountryCode, string? Organisation = null, bool SignedAfterDelivery = false);


public enum SignatoryGrouping
{
    None,
    ByCountry,
    ByRegion,
}

public sealed record LetterDocumentOptions
{
    /// <summary>2 or 3.</summary>
    public int Columns { get; init; } = 2;

    public SignatoryGrouping Grouping { get; init; } = SignatoryGrouping.None;

    public SignOnLetters.Pdf.Fluent.PageSize PageSize { get; init; } = SignOnLetters.Pdf.Fluent.PageSizes.A4;

    /// <summary>Individuals appear as their count only: the list of their names is left out.</summary>
    public bool IndividualsCountedOnly { get; init; }

    /// <summary>A Han name takes its signer's country's letterforms (Japanese, Traditional, Korean); off, the letter's language decides.</summary>
    public bool CjkFacesBySignerCountry { get; init; } = true;

    /// <summary>Arabic-script lines join name and role with the Arabic comma "، "; off, with ", ".</summary>
    public bool ArabicComma { get; init; } = true;

    /// <summary>Written into the PDF's metadata; passed in so the same letter gives the same bytes.</summary>
    public required DateTimeOffset CreationDate { get; init; }
}
