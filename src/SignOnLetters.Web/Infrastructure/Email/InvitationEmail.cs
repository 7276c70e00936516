using System.Globalization;
using System.Text.Encodings.Web;

namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>The body every invitation e-mail shares: what the invitation is for, the single-use link, when it expires.</summary>
public static class InvitationEmail
{
    /// <param name="introductionHtml">Already encoded HTML saying who invites to what.</param>
    public static string Html(string introductionHtml, string link, DateTime expiresAt) =>
        introductionHtml +
        $"<p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Accept the invitation</a></p>" +
        $"<p>The link works once and expires on {expiresAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}. " +
        "If you did not expect this, you can ignore this e-mail.</p>";
}
