using System.Linq.Expressions;

namespace SignOnLetters.Domain.Signatures;

/// <summary>
/// How one approved signature appears publicly: the one rule behind the public list, the JSON API
/// (which answers the list), the embed and the delivered PDF, so that they cannot disagree.
/// <list type="bullet">
/// <item>"Name and organisation": the person's name and role, and the organisation.</item>
/// <item>"Organisation only": the organisation, never the person's name or role. For an individual
/// this is the organisation they gave for identification, shown once, on their own line among the
/// individuals (never merged into an organisation's signature: the organisation itself did not
/// sign). An individual who chose it without naming an organisation has nothing to show and is
/// counted with those not named.</item>
/// <item>"Counted, not named": only counted.</item>
/// </list>
/// Why the organisation line appears for an individual: it is what they chose to be shown (they
/// could have chosen not to be named at all), and it never carries their name. The PDF used to
/// leave them out while the list showed them (issue 19); the list's reading is kept because it
/// follows the signer's choice, and the name is hidden by both.
/// </summary>
/// <param name="Name">The person's name; null unless they chose to be named.</param>
/// <param name="Organisation">The signing organisation, or an individual's organisation for identification.</param>
/// <param name="SignedAt">When it counted (confirmed, else created): the PDF marks signatures after delivery.</param>
public sealed record PublicSignatory(
    SignerKind Kind, string? Name, string? Role, string? Organisation, string CountryCode, OrganisationVerification Verification, DateTime SignedAt)
{
    /// <summary>Listed by a line of its own (among approved signatures; the others are counted only).</summary>
    public static readonly Expression<Func<Signature, bool>> IsListed = s =>
        s.Visibility == SignatureVisibility.NameAndOrganisation
        || (s.Visibility == SignatureVisibility.OrganisationOnly && s.OrganisationName != null);

    /// <summary>Counted but given no line: the opposite of <see cref="IsListed"/>.</summary>
    public static readonly Expression<Func<Signature, bool>> IsUnlisted =
        Expression.Lambda<Func<Signature, bool>>(Expression.Not(IsListed.Body), IsListed.Parameters);

    /// <summary>What of a listed signature is shown, as SQL.</summary>
    public static readonly Expression<Func<Signature, PublicSignatory>> Shown = s => new PublicSignatory(
        s.Kind,
        s.Visibility == SignatureVisibility.NameAndOrganisation ? s.SignerName : null,
        s.Visibility == SignatureVisibility.NameAndOrganisation ? s.Role : null,
        s.OrganisationName,
        s.CountryCode,
        s.Verification,
        s.ConfirmedAt ?? s.CreatedAt);

    /// <summary>An organisation signature nobody has verified: the list, the API and the PDF say so.</summary>
    public bool Unverified => OrganisationSignatureVerification.IsUnverified(Kind, Verification);

    /// <summary>What is shown first, in bold: the organisation that signs, or the person (else their organisation).</summary>
    public string Headline => (Kind == SignerKind.Organisation ? Organisation : Name ?? Organisation) ?? string.Empty;

    /// <summary>What follows the headline: the organisation's signer, or the person's organisation.</summary>
    public string? Second => Kind == SignerKind.Organisation ? Name : Name is null ? null : Organisation;
}
