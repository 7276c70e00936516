using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Domain.Record;

/// <summary>
/// How one counted signature appears on the public list, as the signatory record states it: for a
/// listed signature, exactly what <see cref="PublicSignatory"/> shows (name and role only when the
/// signer chose to be named); for a signature counted without a line of its own, only its kind.
/// Null (see <see cref="Of"/>) when the signature is not counted.
/// </summary>
public sealed record RecordSubject(SignerKind Kind, bool Listed, string? Name, string? Role, string? Organisation, string? Country, bool Unverified)
{
    /// <summary>The same rule as <see cref="PublicSignatory.IsListed"/> and <see cref="PublicSignatory.Shown"/>, on values rather than SQL.</summary>
    public static RecordSubject? Of(SignatureState state, SignerKind kind, SignatureVisibility visibility, string? signerName, string? role,
        string? organisation, string? country, OrganisationVerification verification)
    {
        if (state != SignatureState.Approved)
            return null;
        var named = visibility == SignatureVisibility.NameAndOrganisation;
        if (!named && !(visibility == SignatureVisibility.OrganisationOnly && organisation is not null))
            return new RecordSubject(kind, false, null, null, null, null, false);
        return new RecordSubject(kind, true, named ? signerName : null, named ? role : null, organisation, country,
            OrganisationSignatureVerification.IsUnverified(kind, verification));
    }

    public static RecordSubject? Of(Signature s) =>
        Of(s.State, s.Kind, s.Visibility, s.SignerName, s.Role, s.OrganisationName, s.CountryCode, s.Verification);
}
