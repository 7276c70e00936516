using System.Net;
using System.Text;
using SignOnLetters.Pdf.Fluent;
using SkiaSharp;

namespace SignOnLetters.Benchmarks;

/// <summary>The demo letter: letterhead, about a page of text, then the signatories in columns.</summary>
internal sealed class DemoLetter
{
    private static readonly string[] MultilingualNames =
    [
        "Zoë Ångström-Łukasiewicz", "François Dupré-Müller", "Ольга Петровна Смирнова", "Γιώργος Παπαδόπουλος",
        "محمد عبد الرحمن", "דוד בן גוריון", "राजेश कुमार शर्मा", "สมชาย ใจดี", "王小明", "山田太郎", "김민준",
        "Ana Peña 🌍", "Nguyễn Thị Minh Khai", "Søren Kierkegaard", "Kwame Mensah", "Aino Virtanen",
    ];

    private static readonly string[] LatinNames =
    [
        "Zoë Ångström-Łukasiewicz", "François Dupré-Müller", "Søren Kierkegaard", "Nguyễn Thị Minh Khai",
        "Kwame Mensah", "Aino Virtanen", "José María Núñez", "Małgorzata Wiśniewska", "Jürgen Groß", "Ioana Popescu",
    ];

    private static readonly string[] Countries = ["France", "Ukraine", "Greece", "Egypt", "Israel", "India", "Thailand", "China", "Japan", "Korea", "Peru", "Viet Nam", "Denmark", "Ghana", "Finland"];

    private const string Title = "Joint letter: clean air is a right, not a privilege";

    private static readonly string[] Paragraphs =
    [
        "We, the undersigned organisations and individuals from across the region, write to urge you to adopt binding limits on air pollution that match the guidelines of the World Health Organization, and to fund the plans that will meet them.",
        "Every year, polluted air shortens hundreds of thousands of lives. It harms children before they are born, it worsens asthma and heart disease, and it falls hardest on those who live beside busy roads and industrial sites — people who did least to cause it.",
        "The technologies to clean our air are known and affordable: zero-emission public transport, cleaner heating, enforced limits on industrial emissions and farm ammonia. Cities that have acted have seen hospital admissions fall within months.",
        "We therefore ask you to: first, write the WHO guideline values into law with a firm date; second, require every city above those values to publish a plan and report on it each year; third, give citizens the right to go to court when limits are breached.",
        "We stand ready to work with you. The people who signed this letter represent communities, clinics, schools, trade unions and faith groups; they are waiting for your answer, and so are the generations who will breathe the air we leave them.",
    ];

    public DemoLetter(int signatoryCount, bool latinOnly)
    {
        var names = latinOnly ? LatinNames : MultilingualNames;
        Signatories = Enumerable.Range(0, signatoryCount)
            .Select(i => (Name: $"{names[i % names.Length]} {i + 1}", Country: Countries[i % Countries.Length]))
            .ToList();
        Logo = DrawLogo();
    }

    public List<(string Name, string Country)> Signatories { get; }

    public byte[] Logo { get; }

    public Document BuildPdf() => Document.Create(document => document.Page(page =>
    {
        page.Size(PageSizes.A4);
        page.Margin(56, 48, 56, 48);
        page.DefaultTextStyle(new TextStyle { FontSize = 10.5f, Color = "#1A202C" });
        page.Header().PaddingBottom(10).Column(header =>
        {
            header.Item().Row(row =>
            {
                row.Spacing(12);
                row.ConstantItem(40).Image(Logo).Width(40);
                row.RelativeItem().Column(names =>
                {
                    names.Item().Text("Friends of the Air").Bold().FontSize(13).FontColor("#2B6CB0");
                    names.Item().Text("with Coalition for Clean Cities · Doctors for Clean Air · Parents for Future").FontSize(8.5f).FontColor("#4A5568");
                });
            });
            header.Item().PaddingTop(6).LineHorizontal(0.75f, "#2B6CB0");
        });
        page.Content().Column(column =>
        {
            column.Spacing(8);
            column.Item().AlignRight().Text("Brussels, 1 March 2025").FontSize(9.5f);
            column.Item().Text(text =>
            {
                text.Span("To: ").Bold();
                text.Span("the Members of the European Parliament and the Ministers of Environment");
            });
            column.Item().Bookmark("Letter").PaddingTop(4).Text(Title).FontSize(17).Bold();
            column.Item().Text(text =>
            {
                text.Justify();
                text.ParagraphSpacing(7);
                text.Span(string.Join('\n', Paragraphs));
            });
            column.Item().Text("Yours sincerely,").Italic();
            column.Item().PageBreak();
            column.Item().Bookmark("Signatories").Text($"Signed by {Signatories.Count:N0} organisations and individuals from {Countries.Length} countries").FontSize(13).Bold();
            column.Item().MultiColumn(3, spacing: 14).Column(names =>
            {
                names.Spacing(1.5f);
                // ShowEntire keeps a name that wraps onto two lines in one column.
                foreach (var (name, country) in Signatories)
                    names.Item().ShowEntire().Text(text =>
                    {
                        text.DefaultTextStyle(new TextStyle { FontSize = 8.5f });
                        text.Span(name).Bold();
                        text.Span(" — " + country).FontColor("#4A5568");
                    });
            });
        });
        page.Footer().AlignCenter().Text(text =>
        {
            text.DefaultTextStyle(new TextStyle { FontSize = 8, Color = "#718096" });
            text.Span("Page ");
            text.CurrentPageNumber();
            text.Span(" of ");
            text.TotalPages();
        });
    })).WithMetadata(new DocumentMetadata
    {
        Title = Title,
        Author = "Friends of the Air",
        Subject = "Sign-on letter",
        CreationDate = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero),
    });

    /// <summary>The same letter as the web page would print it, for Chromium.</summary>
    public string BuildHtml()
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html><html><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(Title)}}</title>
            <style>
            @page { size: A4; margin: 17mm 20mm; }
            body { font-family: 'Noto Sans', sans-serif; font-size: 10.5pt; color: #1A202C; }
            header { display: flex; gap: 12px; border-bottom: 0.75pt solid #2B6CB0; padding-bottom: 6px; }
            header img { width: 40pt; }
            .org { color: #2B6CB0; font-weight: bold; font-size: 13pt; }
            .with { color: #4A5568; font-size: 8.5pt; }
            h1 { font-size: 17pt; } p { text-align: justify; }
            .signatories { columns: 3; column-gap: 14pt; font-size: 8.5pt; break-before: page; }
            .signatories div { break-inside: avoid; } .country { color: #4A5568; }
            </style></head><body>
            <header><img src="data:image/png;base64,{{Convert.ToBase64String(Logo)}}"><div><div class="org">Friends of the Air</div>
            <div class="with">with Coalition for Clean Cities · Doctors for Clean Air · Parents for Future</div></div></header>
            <p style="text-align:right">Brussels, 1 March 2025</p>
            <p><b>To: </b>the Members of the European Parliament and the Ministers of Environment</p>
            <h1>{{WebUtility.HtmlEncode(Title)}}</h1>
            """);
        foreach (var paragraph in Paragraphs)
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
        html.Append("<p><i>Yours sincerely,</i></p>\n<section class=\"signatories\">");
        html.Append($"<h2>Signed by {Signatories.Count:N0} organisations and individuals from {Countries.Length} countries</h2>\n");
        foreach (var (name, country) in Signatories)
            html.Append("<div dir=\"auto\"><b>").Append(WebUtility.HtmlEncode(name)).Append("</b><span class=\"country\"> — ")
                .Append(WebUtility.HtmlEncode(country)).Append("</span></div>\n");
        html.Append("</section></body></html>");
        return html.ToString();
    }

    private static byte[] DrawLogo()
    {
        using var surface = SKSurface.Create(new SKImageInfo(120, 120));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        using var fill = new SKPaint { Color = new SKColor(0x2B, 0x6C, 0xB0), IsAntialias = true };
        canvas.DrawCircle(60, 60, 56, fill);
        using var leaf = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawOval(new SKRect(34, 40, 86, 80), leaf);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
