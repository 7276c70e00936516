using System.Globalization;
using Microsoft.Extensions.Localization;

namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// The body every invitation e-mail shares: what the invitation is for, the single-use link, when it
/// expires. Written in the current UI language: the inviting coordinator's, whose request sends it.
/// </summary>
public static class InvitationEmail
{
    /// <param name="introductionHtml">Already encoded HTML saying who invites to what.</param>
    public static string Html(IStringLocalizer T, string introductionHtml, string link, DateTime expiresAt) =>
        introductionHtml +
        EmailHtml.LinkParagraph(link, T["Accept the invitation"]) +
        EmailHtml.Paragraph(T["The link works once and expires on {0}. If you did not expect this, you can ignore this e-mail."],
            EmailHtml.Encode(Dates.Day(expiresAt)));
}
