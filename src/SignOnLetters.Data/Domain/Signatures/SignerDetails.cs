namespace SignOnLetters.Domain.Signatures;

/// <summary>What a signer gives on the form (or a partner's form through the API).</summary>
public sealed record SignerDetails(
    SignerKind Kind,
    string? OrganisationName,
    string CountryCode,
    string SignerName,
    string? Role,
    string? Website,
    string? Email,
    SignatureVisibility Visibility,
    bool KeepMeUpdated);
