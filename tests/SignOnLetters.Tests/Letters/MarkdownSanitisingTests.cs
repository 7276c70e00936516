using AngleSharp.Html.Parser;
using SignOnLetters.Web.Infrastructure.Markdown;

namespace SignOnLetters.Tests.Letters;

/// <summary>
/// Hostile Markdown, after the OWASP XSS filter evasion cheat sheet: whatever an editor types, the
/// rendered letter carries no script, no event handler, no frame, and no link that is not http(s)
/// or mailto. And the editor is told, rather than having text silently dropped.
/// </summary>
public class MarkdownSanitisingTests
{
    public static TheoryData<string> HostileMarkdown => new()
    {
        "<script>alert('XSS')</script>",
        "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</script>",
        "<iframe src=\"javascript:alert('XSS')\"></iframe>",
        "<IFRAME SRC=https://evil.example></IFRAME>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<body onload=alert('XSS')>",
        "<svg/onload=alert('XSS')>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<div style=\"background-image: url(javascript:alert('XSS'))\">x</div>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"data:image/svg+xml;base64,PHN2Zy9vbmxvYWQ9YWxlcnQoMSk+\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<details open ontoggle=alert(1)>",
        "<!--<script>-->alert(1)<!--</script>-->",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](java&#115;cript:alert(1))",
        "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[click](&#x6A;avascript:alert(1))",
        "[click](java%0Ascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](data:text/html,<script>alert(1)</script>)",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x](https://tracker.example/pixel.gif)",
        "[a](https://ok.example \"title\" onclick=alert(1))",
        "[a](https://ok.example\" onmouseover=\"alert(1))",
        "<a href=https://ok.example onmouseover=alert(1)>x</a>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\\<script>alert(1)\\</script>",
        "`<script>` is fine in code, but <script>alert(1)</script> is not",
    };

    [Theory]
    [MemberData(nameof(HostileMarkdown))]
    public void Should_render_hostile_markdown_without_anything_that_can_run(string markdown)
    {
        var html = LetterMarkdown.ToSafeHtml(markdown);
        var fragment = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;

        var allowedTags = new HashSet<string> { "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "em", "strong", "ul", "ol", "li", "blockquote", "a", "code", "pre" };
        foreach (var element in fragment.QuerySelectorAll("*"))
        {
            Assert.Contains(element.LocalName, allowedTags);
            foreach (var attribute in element.Attributes)
            {
                Assert.Contains(attribute.Name, new[] { "href", "rel" });
                if (attribute.Name == "href")
                    Assert.Matches("^(https?://|mailto:)", attribute.Value);
            }
        }
        Assert.DoesNotMatch("(?i)<(script|iframe|img|svg|object|embed|meta|style|math|body|details|div)", html);
    }

    [Theory]
    [MemberData(nameof(HostileMarkdown))]
    public void Should_tell_the_editor_when_markdown_carries_html_images_or_unsafe_links(string markdown)
    {
        Assert.Equal(ShowsMarkupAsText.Contains(markdown), LetterMarkdown.Problem(markdown) is null);
    }

    /// <summary>Samples Markdown turns into visible text (escaped markup, broken link syntax): harmless, so allowed.</summary>
    private static readonly HashSet<string> ShowsMarkupAsText =
    [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "[a](https://ok.example \"title\" onclick=alert(1))",
        "[a](https://ok.example\" onmouseover=\"alert(1))",
    ];

    [Fact]
    public void Should_render_the_allowed_markdown_with_safe_links()
    {
        var html = LetterMarkdown.ToSafeHtml("""
            ## Our demands

            We call on you to **fund** *harm reduction*:

            1. naloxone in every pharmacy
            2. drug checking

            > Nothing about us without us.

            Read [the report](https://example.org/report) or [write to us](mailto:info@example.org).
            """);

        Assert.Contains("<h2>Our demands</h2>", html);
        Assert.Contains("<strong>fund</strong>", html);
        Assert.Contains("<em>harm reduction</em>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("<blockquote>", html);
        Assert.Contains("<a href=\"https://example.org/report\" rel=\"nofollow noopener noreferrer\">the report</a>", html);
        Assert.Contains("href=\"mailto:info@example.org\"", html);
        Assert.Null(LetterMarkdown.Problem("Read [the report](https://example.org/report), <https://example.org> and 3 < 4."));
    }

    [Fact]
    public void Should_drop_relative_and_scheme_less_links_but_keep_their_text()
    {
        var html = LetterMarkdown.ToSafeHtml("[home](/letters/other) and [proto](//evil.example/x)");

        Assert.DoesNotContain("href", html);
        Assert.Contains("home", html);
        Assert.NotNull(LetterMarkdown.Problem("[home](/letters/other)"));
    }

    [Fact]
    public void Should_show_pipe_tables_and_footnotes_as_the_pdf_does_with_no_attribute_left()
    {
        var html = LetterMarkdown.ToSafeHtml("""
            Deaths rose in 2025.[^1]

            | City | Deaths |
            |:-----|-------:|
            | Riverton | 212 |
            | Київ | 97 |

            [^1]: City health department, annual report.
            """);

        var body = new HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
        var cells = body.QuerySelectorAll("table td").Select(cell => cell.TextContent).ToList();
        Assert.Equal(["Riverton", "212", "Київ", "97"], cells);
        Assert.Equal(["City", "Deaths"], body.QuerySelectorAll("table thead th").Select(cell => cell.TextContent));
        Assert.DoesNotContain("|", body.TextContent);
        Assert.Contains("City health department, annual report.", body.QuerySelector("ol li")?.TextContent);
        Assert.DoesNotContain("[^1]", body.TextContent);
        // The alignment styles, footnote ids and classes the extensions write are all dropped.
        Assert.Empty(body.QuerySelectorAll("[style], [id], [class]"));
    }
}
