using System.Net;
using System.Text;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Web.Documents;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Markdown;
using SkiaSharp;
using SeededDemoLetter = SignOnLetters.Web.Infrastructure.Seeding.DemoLetter;

namespace SignOnLetters.Benchmarks;

/// <summary>
/// The seeded demo letter (its English text, addressee and closing) with a large made-up list of
/// signatories, rendered by the app's own <see cref="LetterDocument"/>: what a coordinator's
/// download of the final PDF does, sorting and all.
/// </summary>
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

    private static readonly string[] CountryCodes = ["FR", "UA", "GR", "EG", "IL", "IN", "TH", "CN", "JP", "KR", "PE", "VN", "DK", "GH", "FI"];

    public DemoLetter(int signatoryCount, bool latinOnly)
    {
        var names = latinOnly ? LatinNames : MultilingualNames;
        var text = SeededDemoLetter.Texts.Single(candidate => candidate.LanguageCode == "en");
        var logo = DrawLogo();
        // A fifth organisations, the rest individuals: the shape of the demo letter's own list.
        var organisations = new List<OrganisationSignatory>();
        var individuals = new List<IndividualSignatory>();
        for (var i = 0; i < signatoryCount; i++)
        {
            var name = $"{names[i % names.Length]} {i + 1}";
            var country = CountryCodes[i % CountryCodes.Length];
            if (i % 5 == 0)
                organisations.Add(new OrganisationSignatory(name, country));
            else
                individuals.Add(new IndividualSignatory(name, country));
        }
        Model = new LetterDocumentModel
        {
            Title = text.Title,
            LanguageCode = "en",
            DateLine = new LetterDateLine(new DateOnly(2026, 11, 24), "Riverton"),
            LeadOrganisation = new LetterOrganisation("Demo Harm Reduction Network", "FR", logo),
            CoAuthors = [new LetterOrganisation("Riverton Drug Users Union", "FR"), new LetterOrganisation("Families for Safer Drug Policy", "BE")],
            Addressees = [new LetterAddressee(SeededDemoLetter.Addressee.Name, SeededDemoLetter.Addressee.Title, SeededDemoLetter.Addressee.Institution)],
            BodyMarkdown = text.Body,
            Version = new LetterVersionInfo(1),
            Signatories = new LetterSignatories(organisations, individuals, new SignOnLetters.Web.Pages.Letters.SignatureCounts(organisations.Count, individuals.Count, CountryCodes.Length)),
            Options = new LetterDocumentOptions { Columns = 3, CreationDate = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero) },
        };
    }

    public LetterDocumentModel Model { get; }

    public Document BuildPdf() => LetterDocument.Compose(Model);

    /// <summary>The same letter as a web page would print it, for Chromium: same text, same sorted list, same fonts.</summary>
    public string BuildHtml()
    {
        var texts = LetterDocumentTexts.English;
        var model = Model;
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{WebUtility.HtmlEncode(model.Title)}}</title>
            <style>
            @page { size: A4; margin: 20mm 17mm 16mm 17mm; }
            body { font-family: 'Noto Sans', sans-serif; font-size: 10.5pt; color: #1A202C; }
            header { display: flex; gap: 12px; border-bottom: 0.75pt solid #2B6CB0; padding-bottom: 6px; }
            header img { width: 44pt; height: 44pt; }
            .org { color: #2B6CB0; font-weight: bold; font-size: 13pt; }
            .with { color: #4A5568; font-size: 8.5pt; }
            h1 { font-size: 17pt; } h2 { font-size: 14pt; break-before: page; } h3 { font-size: 12pt; }
            .signatories { columns: 3; column-gap: 14pt; font-size: 8.5pt; }
            .signatories div { break-inside: avoid; } .country { color: #4A5568; }
            </style></head><body>
            <header><img alt="" src="data:image/png;base64,{{Convert.ToBase64String(model.LeadOrganisation.LogoPng!)}}"><div>
            <div class="org">{{WebUtility.HtmlEncode(model.LeadOrganisation.Name)}}</div>
            <div class="with">{{WebUtility.HtmlEncode(string.Join(" · ", model.CoAuthors.Select(author => author.Name)))}}</div></div></header>
            <p style="text-align:right">{{WebUtility.HtmlEncode(model.DateLine.Place)}}, {{model.DateLine.Date.ToString("d MMMM yyyy", texts.Culture)}}</p>
            """);
        foreach (var addressee in model.Addressees)
            html.Append("<p><b>").Append(texts.AddresseesLabel).Append("</b> ").Append(WebUtility.HtmlEncode($"{addressee.Name}, {addressee.Title}, {addressee.Institution}")).Append("</p>\n");
        html.Append("<h1>").Append(WebUtility.HtmlEncode(model.Title)).Append("</h1>\n");
        html.Append(LetterMarkdown.ToSafeHtml(model.BodyMarkdown));
        html.Append("<h2>").Append(texts.SignatoriesHeading).Append("</h2>\n<p><b>")
            .Append(WebUtility.HtmlEncode(texts.CountsLine(model.Signatories.Counts))).Append("</b></p>\n");
        using var arrangement = new SignatoryArrangement(model.LanguageCode, texts);
        AppendList(html, texts.OrganisationsHeading, arrangement.Arrange(model.Signatories.Organisations.Select(o => (o.Name, o.CountryCode, (string?)null, false, false)), SignatoryGrouping.None));
        AppendList(html, texts.IndividualsHeading, arrangement.Arrange(model.Signatories.Individuals.Select(i => (i.Name, i.CountryCode, (string?)i.Organisation, false, false)), SignatoryGrouping.None));
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void AppendList(StringBuilder html, string heading, IReadOnlyList<SignatoryGroup> groups)
    {
        html.Append("<h3>").Append(heading).Append("</h3>\n<section class=\"signatories\">\n");
        foreach (var signatory in groups.SelectMany(group => group.Signatories))
            html.Append("<div dir=\"auto\"><b>").Append(WebUtility.HtmlEncode(signatory.Name)).Append("</b><span class=\"country\"> — ")
                .Append(WebUtility.HtmlEncode(signatory.Country)).Append("</span></div>\n");
        html.Append("</section>\n");
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
