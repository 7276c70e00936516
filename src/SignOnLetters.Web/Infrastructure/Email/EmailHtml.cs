using System.Text.Encodings.Web;

namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// Translated sentences as e-mail HTML: the sentence is encoded, its parts are markup built here from
/// encoded values, so keys stay free of HTML and translators can move the parts where their language puts them.
/// </summary>
public static partial class EmailHtml
{
    // Letters are written in every script: keep their characters as they are (smaller, readable source), encode only markup.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>A translated sentence as a paragraph, <paramref name="htmlParts"/> in its places.</summary>
    public static string Paragraph(LocalizedString sentence, params string[] htmlParts) =>
        $"<p>{string.Format(CultureInfo.CurrentCulture, Html.Encode(sentence.Value), htmlParts)}</p>";

    /// <summary>A title or name in bold, isolated (<c>bdi</c>) so its direction cannot reorder the sentence around it.</summary>
    public static string Strong(string text) => $"<strong><bdi>{Html.Encode(text)}</bdi></strong>";

    /// <summary>A name, number or other value inside a translated sentence, isolated like <see cref="Strong"/> but not bold.</summary>
    public static string Isolated(string text) => $"<bdi>{Html.Encode(text)}</bdi>";

    public static string Encode(string text) => Html.Encode(text);

    /// <summary>Plain text of several lines, encoded line by line with <c>&lt;br&gt;</c> between (the encoder writes a line break as <c>&amp;#xA;</c>).</summary>
    public static string Lines(string text) => string.Join("<br>", text.ReplaceLineEndings("\n").Split('\n').Select(Html.Encode));

    /// <summary>
    /// Someone's own plain text (a coordinator's cover message) as it was typed: a blank line starts a
    /// new paragraph, a single line break stays a line break, every character is encoded. The plain-text
    /// part made from it (<see cref="MailKitEmailSender.ToPlainText"/>) gives back the same paragraphs.
    /// </summary>
    public static string PlainTextParagraphs(string text) =>
        string.Concat(ParagraphBreak().Split(text.ReplaceLineEndings("\n").Trim('\n'))
            .Where(paragraph => !string.IsNullOrWhiteSpace(paragraph))
            .Select(paragraph => $"<p>{Lines(string.Join('\n', paragraph.Split('\n').Select(line => line.TrimEnd())))}</p>"));

    /// <summary>
    /// An e-mail's HTML in one language: <c>lang</c> for screen readers and hyphenation, and
    /// <c>dir="rtl"</c> for Arabic, Hebrew, Persian and Urdu, so the whole message reads right to left.
    /// </summary>
    public static string InLanguage(string language, string html) =>
        $"<div lang=\"{Html.Encode(language)}\" dir=\"{(IsRightToLeft(language) ? "rtl" : "ltr")}\">{html}</div>";

    private static bool IsRightToLeft(string language) =>
        SignOnLetters.Domain.Letters.LanguageCodes.Normalize(language) is { } known && SignOnLetters.Domain.Letters.LanguageCodes.IsRightToLeft(known);

    [System.Text.RegularExpressions.GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial System.Text.RegularExpressions.Regex ParagraphBreak();

    /// <summary>A paragraph holding one link, its text translated.</summary>
    public static string LinkParagraph(string url, LocalizedString text) =>
        $"<p><a href=\"{Html.Encode(url)}\">{Html.Encode(text.Value)}</a></p>";
}

