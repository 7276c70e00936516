using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity.UI.Services;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Web.Infrastructure.Signing;

/// <summary>
/// The e-mails of signing. Every one goes to an address the signer typed or that already signed,
/// never to anyone else, and says nothing the reader of the signing page could not learn anyway.
/// </summary>
public sealed class SignatureEmails(IEmailSender email, IPublicUrls urls)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public Task SendConfirmationAsync(string to, string letterTitle, string confirmToken, string withdrawToken, DateTime now) =>
        email.SendEmailAsync(to, $"Please confirm your signature: {Subject(letterTitle)}",
            $"<p>Thank you for signing <strong>{Html.Encode(letterTitle)}</strong>.</p>" +
            $"<p><a href=\"{Link("confirm", confirmToken)}\">Confirm your signature</a></p>" +
            $"<p>Your signature is counted only after you confirm. The link works once, until {now + Signature.ConfirmationLifetime:d MMMM yyyy}.</p>" +
            WithdrawParagraph(withdrawToken) +
            "<p>If you did not sign, ignore this e-mail: nothing will be published.</p>");

    public Task SendRepresentativeReceiptAsync(string to, string letterTitle, string organisationName, bool awaitingReview, string withdrawToken) =>
        email.SendEmailAsync(to, $"Your organisation signed: {Subject(letterTitle)}",
            $"<p>You signed <strong>{Html.Encode(letterTitle)}</strong> for <strong>{Html.Encode(organisationName)}</strong>.</p>" +
            (awaitingReview ? "<p>The letter's coordinators review signatures before they appear.</p>" : string.Empty) +
            WithdrawParagraph(withdrawToken));

    /// <summary>Someone submitted this address again after it had confirmed: tell its owner, nobody else.</summary>
    public Task SendAlreadySignedAsync(string to, string letterTitle) =>
        email.SendEmailAsync(to, $"You have already signed: {Subject(letterTitle)}",
            $"<p>Someone (probably you) tried to sign <strong>{Html.Encode(letterTitle)}</strong> again with this address. " +
            "Your signature is already recorded, so nothing changed.</p>" +
            "<p>To withdraw it, use the link in the first e-mail we sent you.</p>");

    /// <summary>The organisation already has a signature that is not public: say so only to the mailbox that tried.</summary>
    public Task SendOrganisationNotRecordedAsync(string to, string letterTitle, string organisationName) =>
        email.SendEmailAsync(to, $"Your signature was not recorded: {Subject(letterTitle)}",
            $"<p>We could not record a signature of <strong>{Html.Encode(organisationName)}</strong> on " +
            $"<strong>{Html.Encode(letterTitle)}</strong>: the letter accepts one signature per organisation.</p>" +
            "<p>If you believe this is a mistake, write to the letter's coordinators.</p>");

    /// <summary>An invitation to a partner network, or a reminder of one, with its tracked link.</summary>
    public Task SendPartnerInvitationAsync(string to, string letterTitle, string organisationName, string? message, string slug, string token, bool reminder) =>
        email.SendEmailAsync(to, $"{(reminder ? "Reminder: you are invited to sign" : "You are invited to sign")}: {Subject(letterTitle)}",
            $"<p>{Html.Encode(organisationName)} is invited to sign <strong>{Html.Encode(letterTitle)}</strong>.</p>" +
            (message is null ? string.Empty : $"<blockquote><p>{Html.Encode(message)}</p></blockquote>") +
            $"<p><a href=\"{Html.Encode(urls.Absolute($"/letters/{slug}/invited/{token}"))}\">Read the letter and sign</a></p>" +
            (reminder ? "<p>This link replaces the one in our earlier e-mail.</p>" : string.Empty) +
            "<p>If your organisation does not wish to sign, the same page lets you say so, and we will not write again about this letter.</p>");

    private string WithdrawParagraph(string withdrawToken) =>
        $"<p>You can withdraw your signature at any time: <a href=\"{Link("withdraw", withdrawToken)}\">withdraw my signature</a>. Keep this e-mail.</p>";

    private string Link(string action, string token) => Html.Encode(urls.Absolute($"/signatures/{action}/{token}"));

    // Subjects are plain text; a title is capped so a long one cannot push the purpose out of view.
    private static string Subject(string title) => title.Length > 80 ? title[..77] + "..." : title;
}
