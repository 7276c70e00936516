using System.Linq.Expressions;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Web.Infrastructure.Security;

namespace SignOnLetters.Web.Pages.Signatures;

/// <summary>Finding a signature from the token in an e-mailed link (confirm or withdraw).</summary>
internal static class SignatureLinks
{
    public const string NotValid = "This link is not valid or has already been used. If you received several e-mails, use the latest one.";

    public static IQueryable<Signature> WithConfirmationToken(this IQueryable<Signature> signatures, string? token)
    {
        // Junk in a link costs no hashing of the database: it matches nothing.
        if (!SecureToken.LooksValid(token))
            return signatures.Where(_ => false);
        var hash = SecureToken.Hash(token!);
        return signatures.Where(s => s.ConfirmationTokenHash == hash);
    }

    public static IQueryable<Signature> WithWithdrawToken(this IQueryable<Signature> signatures, string? token)
    {
        if (!SecureToken.LooksValid(token))
            return signatures.Where(_ => false);
        var hash = SecureToken.Hash(token!);
        // The first e-mail's link or the latest later e-mail's: both work (Signature.LatestWithdrawTokenHash).
        return signatures.Where(s => s.WithdrawTokenHash == hash || s.LatestWithdrawTokenHash == hash);
    }

    /// <summary>What a link page shows: the letter as signed and how the signer appears; never the e-mail.</summary>
    public static readonly Expression<Func<Signature, LinkTarget>> ToTarget = s => new LinkTarget(
        s.Letter.Slug,
        s.LetterVersion.Texts.Where(t => t.LanguageCode == s.Letter.PrimaryLanguage).Select(t => t.Title).FirstOrDefault() ?? s.Letter.Slug,
        s.SignerName,
        s.Kind == SignerKind.Organisation ? s.OrganisationName : null,
        s.State,
        s.ConfirmationExpiresAt);
}

public sealed record LinkTarget(string Slug, string LetterTitle, string SignerName, string? OrganisationName, SignatureState State, DateTime? ConfirmationExpiresAt)
{
    public string Signer => OrganisationName is null ? SignerName : $"{SignerName} for {OrganisationName}";
}
