using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using System.Linq.Expressions;
using SignOnLetters.Web.Pages.Letters;

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
        s.LetterVersion.Texts.Select(t => new LetterTitle(t.LanguageCode, t.Title)).ToList(),
        s.Letter.PrimaryLanguage,
        s.SignerName,
        s.Kind == SignerKind.Organisation ? s.OrganisationName : null,
        s.State,
        s.ConfirmationExpiresAt);
}

/// <param name="Titles">The title of each language version of the version signed; the page shows the reader's (<see cref="TitleFor"/>).</param>
public sealed record LinkTarget(
    string Slug, IReadOnlyList<LetterTitle> Titles, string PrimaryLanguage, string SignerName, string? OrganisationName,
    SignatureState State, DateTime? ConfirmationExpiresAt)
{
    /// <summary>The title a reader of <paramref name="language"/> reads (<see cref="LetterLanguageVersions"/>).</summary>
    public string TitleFor(string? language) =>
        Titles.Count == 0 ? Slug : LetterLanguageVersions.ForReader(Titles, t => t.Language, language, PrimaryLanguage).Title;
}

/// <summary>The parts of a link page's sentence ("You are signing {0} as {1}."), each isolated (<c>bdi</c>) so a
/// title or a name in another script keeps its own direction inside a right-to-left sentence, and back.</summary>
public static class LinkTargetHtml
{
    /// <summary>The letter's title in the reader's language, linked to the letter in that language.</summary>
    public static IHtmlContent Letter(LinkTarget target, string? readerLanguage) =>
        new HtmlString($"<a href=\"/letters/{Enc(target.Slug)}\"><strong><bdi>{Enc(target.TitleFor(readerLanguage))}</bdi></strong></a>");

    /// <summary>"Мария Иванова от имени Ассоциации": the glue words are the reader's language too.</summary>
    public static IHtmlContent Signer(LinkTarget target, IStringLocalizer<SharedResource> T)
    {
        var name = new HtmlString($"<bdi>{Enc(target.SignerName)}</bdi>");
        var signer = target.OrganisationName is { } organisation
            ? T["{0} for {1}"].WithHtml(name, new HtmlString($"<bdi>{Enc(organisation)}</bdi>"))
            : name;
        return new HtmlContentBuilder().AppendHtml("<strong>").AppendHtml(signer).AppendHtml("</strong>");
    }

    // Titles and names are in every script: keep their characters as they are, encode only markup (as the pages do).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Enc(string text) => Encoder.Encode(text);
}
