namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// The e-mails of signing. Every one goes to an address the signer typed or that already signed,
/// never to anyone else, and says nothing the reader of the signing page could not learn anyway.
/// Each is written in <c>language</c>: the signer's interface language, else the letter's
/// (<see cref="ReaderLanguage.For"/>).
/// </summary>
public sealed class SignatureEmails(IPublicUrls urls, IStringLocalizer<SharedResource> T)
{
    /// <summary>
    /// The "confirm your signature" e-mail, written for <see cref="ConfirmationMailer"/> to send. It is
    /// the only e-mail a submission brings, whether or not the address or the organisation signed
    /// before: what happened is settled when the link is followed, from the mailbox it proves.
    /// </summary>
    public EmailMessage Confirmation((string Language, string Title) letter, string to, string confirmToken, string withdrawToken, DateTime expiresAt)
    {
        var (language, letterTitle) = letter;
        using var _ = ReaderLanguage.Use(language);
        var until = Dates.Day(expiresAt);
        return new EmailMessage(to, T["Please confirm your signature: {0}", Subject(letterTitle)],
            Paragraph(T["Thank you for signing {0}."], Strong(letterTitle)) +
            $"<p><a href=\"{Link("confirm", confirmToken)}\">{Encode(T["Confirm your signature"])}</a></p>" +
            Paragraph(T["Your signature is counted only after you confirm. The link works once, until {0}."], EmailHtml.Encode(until)) +
            WithdrawParagraph(withdrawToken) +
            Paragraph(T["If you did not sign, ignore this e-mail: nothing will be published."]));
    }

    /// <summary>The receipt of a signed-in representative's signature, written for <see cref="ConfirmationMailer"/> to send.</summary>
    public EmailMessage RepresentativeReceipt((string Language, string Title) letter, string to, string organisationName, bool awaitingReview, string withdrawToken)
    {
        var (language, letterTitle) = letter;
        using var _ = ReaderLanguage.Use(language);
        return new EmailMessage(to, T["Your organisation signed: {0}", Subject(letterTitle)],
            Paragraph(T["You signed {0} for {1}."], Strong(letterTitle), Strong(organisationName)) +
            (awaitingReview ? Paragraph(T["The letter's coordinators review signatures before they appear."]) : string.Empty) +
            WithdrawParagraph(withdrawToken));
    }

    /// <summary>
    /// The receipt of the signatory record once a confirmed signature counts, for the outbox
    /// (<c>RecordReceipts</c>): it carries no link that works once, only the receipt and where to check it.
    /// </summary>
    public EmailMessage Counted((string Language, string Title) letter, string to, Domain.Record.RecordReceipt receipt)
    {
        var (language, letterTitle) = letter;
        using var _ = ReaderLanguage.Use(language);
        return new EmailMessage(to, T["Your signature is counted: {0}", Subject(letterTitle)],
            Paragraph(T["Thank you: your signature of {0} is confirmed and counted."], Strong(letterTitle)) +
            Paragraph(T["Your receipt: keep it to check at any time that your signature is in the letter's public record."]) +
            $"<p><code>{EmailHtml.Encode(receipt.ToString())}</code></p>" +
            EmailHtml.LinkParagraph(urls.Absolute($"/letters/{receipt.Slug}/verify"), T["Check a receipt or a record head"]) +
            Paragraph(T["To withdraw your signature, use the link in your confirmation e-mail."]));
    }

    /// <summary>
    /// The owner of an address that had already signed confirmed a second signature with it: sent only
    /// once the mailbox is proved by following the link, with a new link to withdraw the signature
    /// that stands (the first e-mail's link keeps working too).
    /// </summary>
    public EmailMessage AlreadySigned((string Language, string Title) letter, string to, string withdrawToken)
    {
        var (language, letterTitle) = letter;
        using var _ = ReaderLanguage.Use(language);
        return new EmailMessage(to, T["You have already signed: {0}", Subject(letterTitle)],
            Paragraph(T["You confirmed a second signature of {0} with this address. Your first signature stands, so nothing changed."], Strong(letterTitle)) +
            WithdrawParagraph(withdrawToken));
    }

    /// <summary>An invitation to a partner network, or a reminder of one, with its tracked link: in
    /// <paramref name="language"/> (the invitee's where known, else the letter's), naming who invites.
    /// <paramref name="stopRemindersUrl"/> is the one-click "no more reminders" link, in the text and in
    /// the List-Unsubscribe header, so a mail client's unsubscribe stops them.</summary>
    public EmailMessage PartnerInvitation(string language, string to, string letterTitle, Inviter inviter, string organisationName, string? message, string slug, string token, bool reminder,
        string stopRemindersUrl)
    {
        using var _ = ReaderLanguage.Use(language);
        return new EmailMessage(to, (reminder ? T["Reminder: you are invited to sign: {0}", Subject(letterTitle)] : T["You are invited to sign: {0}", Subject(letterTitle)]),
            (inviter.PersonName is { } person
                ? Paragraph(T["{0} of {1} invites {2} to sign {3}."], EmailHtml.Isolated(person), EmailHtml.Isolated(inviter.OrganisationName), EmailHtml.Isolated(organisationName), Strong(letterTitle))
                : Paragraph(T["{0} invites {1} to sign {2}."], EmailHtml.Isolated(inviter.OrganisationName), EmailHtml.Isolated(organisationName), Strong(letterTitle))) +
            (message is null ? string.Empty : $"<blockquote><p dir=\"auto\">{EmailHtml.Encode(message)}</p></blockquote>") +
            $"<p><a href=\"{EmailHtml.Encode(urls.Absolute($"/letters/{slug}/invited/{token}"))}\">{Encode(T["Read the letter and sign"])}</a></p>" +
            (reminder ? Paragraph(T["This link replaces the one in our earlier e-mail."]) : string.Empty) +
            Paragraph(T["If your organisation does not wish to sign, the same page lets you say so, and we will not write again about this letter."]) +
            Paragraph(T["To receive no reminders about this letter: {0}."],
                $"<a href=\"{EmailHtml.Encode(stopRemindersUrl)}\">{Encode(T["Stop the reminders"])}</a>"),
            ListUnsubscribeUrl: stopRemindersUrl);
    }

    /// <summary>Who sends a partner invitation: the letter's lead organisation and the coordinator, when they gave their name.</summary>
    public sealed record Inviter(string OrganisationName, string? PersonName);

    private string WithdrawParagraph(string withdrawToken) =>
        Paragraph(T["You can withdraw your signature at any time: {0}. Keep this e-mail."],
            $"<a href=\"{Link("withdraw", withdrawToken)}\">{Encode(T["Withdraw my signature"])}</a>");

    private static string Paragraph(LocalizedString sentence, params string[] htmlParts) => EmailHtml.Paragraph(sentence, htmlParts);

    private static string Strong(string text) => EmailHtml.Strong(text);

    private static string Encode(LocalizedString text) => EmailHtml.Encode(text.Value);

    private string Link(string action, string token) => EmailHtml.Encode(urls.Absolute($"/signatures/{action}/{token}"));

    // Subjects are plain text; a title is capped so a long one cannot push the purpose out of view,
    // and isolated so a Latin title in an Arabic subject (or the reverse) keeps its own direction.
    private static string Subject(string title) => Bidi.Isolate(title.Length > 80 ? title[..77] + "..." : title);
}
