using System.Net;
using Microsoft.AspNetCore.Html;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// A translated sentence with markup in it ("You are signing {0} as {1}." with a link and bold names):
/// the keys stay free of HTML and translators can move the parts where their language puts them.
/// The sentence itself is encoded; the parts are markup the view built (with their values encoded).
/// </summary>
public static class HtmlSentence
{
    public static IHtmlContent WithHtml(this LocalizedString sentence, params IHtmlContent[] parts)
    {
        var rendered = parts.Select(part =>
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            part.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
            return (object)writer.ToString();
        }).ToArray();
        return new HtmlString(string.Format(CultureInfo.CurrentCulture, WebUtility.HtmlEncode(sentence.Value), rendered));
    }
}
