using SignOnLetters.Domain.Mailings;
using UnRegion = SignOnLetters.Web.Documents.UnRegion;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// The words the interface shows for the states and kinds of letters, signatures and mailings, in the
/// reader's language. One mapping for every page, so a state is never called one thing on the
/// status page and another in the signature table, and never shown as its C# name ("HeldForReview").
/// </summary>
public static class StatusNames
{
    public static string Of(this IStringLocalizer T, LetterStatus status) => status switch
    {
        LetterStatus.Draft => T["Draft"],
        LetterStatus.Open => T["Open for signatures"],
        LetterStatus.Closed => T["Closed"],
        LetterStatus.Delivered => T["Delivered"],
        LetterStatus.Archived => T["Archived"],
        _ => status.ToString(),
    };

    /// <summary>A queued message's or webhook delivery's state.</summary>
    public static string Of(this IStringLocalizer T, OutboxState state) => state switch
    {
        OutboxState.Pending => T["Waiting"],
        OutboxState.Sending => T["Sending"],
        OutboxState.Sent => T["Delivered"],
        OutboxState.Failed => T["Failed"],
        _ => state.ToString(),
    };

    /// <summary>The heading of a group of letters in one state on the coordinator's list.</summary>
    public static string GroupOf(this IStringLocalizer T, LetterStatus status) => status switch
    {
        LetterStatus.Draft => T["Drafts"],
        LetterStatus.Open => T["Open for signatures"],
        LetterStatus.Closed => T["Closed letters"],
        LetterStatus.Delivered => T["Delivered letters"],
        LetterStatus.Archived => T["Archived letters"],
        _ => status.ToString(),
    };

    public static string Of(this IStringLocalizer T, LetterKind kind) => kind switch
    {
        LetterKind.Petition => T["Petition"],
        _ => T["Sign-on letter"],
    };

    public static string Of(this IStringLocalizer T, SignatureState state) => state switch
    {
        SignatureState.PendingConfirmation => T["Waiting for confirmation"],
        SignatureState.HeldForReview => T["Waiting for review"],
        SignatureState.Approved => T["Approved"],
        SignatureState.Rejected => T["Rejected"],
        SignatureState.Withdrawn => T["Withdrawn"],
        SignatureState.Erased => T["Erased"],
        SignatureState.Expired => T["Expired"],
        SignatureState.Merged => T["Merged (duplicate)"],
        _ => state.ToString(),
    };

    public static string Of(this IStringLocalizer T, SignatureVisibility visibility) => visibility switch
    {
        SignatureVisibility.NameAndOrganisation => T["Name and organisation"],
        SignatureVisibility.OrganisationOnly => T["Organisation only"],
        _ => T["Counted, not named"],
    };

    public static string Of(this IStringLocalizer T, SignerKind kind) => kind switch
    {
        SignerKind.Organisation => T["Organisation"],
        _ => T["Individual"],
    };

    /// <summary>Where a signature came from; an embedded form names the host that framed it.</summary>
    public static string Of(this IStringLocalizer T, SignatureSource source, string? host = null) => source switch
    {
        SignatureSource.PublicForm => T["Public page"],
        SignatureSource.Representative => T["Representatives (signed in)"],
        SignatureSource.Api => T["Partners' forms (API)"],
        SignatureSource.Paper => T["Paper or e-mail, entered by a coordinator"],
        SignatureSource.Embed => host is null ? T["Embedded form"] : T["Embedded on {0}", host],
        SignatureSource.Invitation => T["Partner invitations"],
        SignatureSource.Imported => T["Imported from a file"],
        _ => source.ToString(),
    };

    public static string Of(this IStringLocalizer T, MailingKind kind) => kind switch
    {
        MailingKind.Delivery => T["Delivery"],
        MailingKind.AddresseeUpdate => T["Later edition"],
        MailingKind.AmendmentNotice => T["Amendment notice"],
        _ => T["Update to signers"],
    };

    public static string Of(this IStringLocalizer T, HoldReason reason) => reason switch
    {
        HoldReason.RateLimit => T["Many submissions from one network"],
        HoldReason.OrganisationAlreadySigned => T["Its organisation had already signed from another address"],
        HoldReason.HeldForOrganisation => T["Names a registered organisation, but is not verified: waits for its coordinators or yours"],
        _ => T["Manual moderation"],
    };

    /// <summary>A UN region (M49), or "Other" for a country in none of them.</summary>
    public static string Of(this IStringLocalizer T, UnRegion? region) => region switch
    {
        UnRegion.Africa => T["Africa"],
        UnRegion.LatinAmericaAndTheCaribbean => T["Latin America and the Caribbean"],
        UnRegion.NorthernAmerica => T["Northern America"],
        UnRegion.Asia => T["Asia"],
        UnRegion.Europe => T["Europe"],
        UnRegion.Oceania => T["Oceania"],
        _ => T["Other regions"],
    };
}
