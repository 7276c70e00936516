namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// What every invitation e-mail to an account (joining an organisation, co-editing a letter) shares:
/// what the invitation is for, the single-use link, when it expires. Written in the current UI
/// language: the inviting coordinator's, whose request queues it (<see cref="EmailKind.SingleUseLink"/>).
/// </summary>
public static class InvitationEmail
{
    /// <param name="introductionHtml">Already encoded HTML saying who invites to what.</param>
    public static EmailMessage Message(IStringLocalizer T, string to, string subject, string introductionHtml, string link, DateTime expiresAt) =>
        new(to, subject, introductionHtml +
        EmailHtml.LinkParagraph(link, T["Accept the invitation"]) +
        EmailHtml.Paragraph(T["The link works once and expires on {0}. If you did not expect this, you can ignore this e-mail."],
            EmailHtml.Encode(Dates.Day(expiresAt))));
}
