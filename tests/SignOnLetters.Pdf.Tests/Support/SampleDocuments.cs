using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Tests.Support;

internal static class SampleDocuments
{
    /// <summary>Names in many scripts, as signatories write them.</summary>
    public static readonly string[] MultilingualNames =
    [
        "Zoë Ångström-Łukasiewicz",
        "François Dupré-Müller",
        "Ольга Петровна Смирнова",
        "Γιώργος Παπαδόπουλος",
        "محمد عبد الرحمن",
        "דוד בן גוריון",
        "राजेश कुमार शर्मा",
        "สมชาย ใจดี",
        "王小明",
        "山田太郎",
        "김민준",
        "Ana Peña 🌍",
        "Søren Kierkegaard 😀",
        "Nguyễn Thị Minh Khai",
        "Đặng Thái Sơn",
    ];

    public static readonly DocumentMetadata Metadata = new()
    {
        Title = "Joint letter on clean air",
        Author = "Friends of the Air",
        Subject = "Sign-on letter",
        Keywords = "air, letter",
        CreationDate = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
        ModifiedDate = new DateTimeOffset(2025, 3, 2, 12, 0, 0, TimeSpan.Zero),
    };

    public static Document Letter(IReadOnlyList<string> signatories, int columns = 3) => Document.Create(document => document.Page(page =>
    {
        page.Size(PageSizes.A4);
        page.Margin(50);
        page.DefaultTextStyle(new TextStyle { FontSize = 10.5f });
        page.Header().PaddingBottom(12).Column(header =>
        {
            header.Item().Text("Friends of the Air · Coalition for Clean Cities").FontSize(9).FontColor("#555555");
            header.Item().PaddingTop(4).LineHorizontal(0.75f, "#2B6CB0");
        });
        page.Content().Column(column =>
        {
            column.Spacing(8);
            column.Item().Bookmark("Letter").Text("Joint letter on clean air").FontSize(20).Bold();
            column.Item().Text(text =>
            {
                text.Justify();
                text.ParagraphSpacing(6);
                text.Span("To the Members of Parliament,\n");
                text.Span("We, the undersigned organisations and individuals, call on you to ");
                text.Span("act now").Bold();
                text.Span(" on air quality. Every year, polluted air shortens lives in our cities; ");
                text.Span("the evidence").Italic();
                text.Span(" is summarised by the ");
                text.Hyperlink("World Health Organization", "https://www.who.int/health-topics/air-pollution").FontColor("#2B6CB0");
                text.Span(". We ask for binding limits aligned with its guidelines, a plan to meet them, and public reporting of progress.");
            });
            column.Item().Bookmark("Signatories").PaddingTop(6).Text($"Signed by {signatories.Count} signatories").FontSize(14).Bold();
            column.Item().MultiColumn(columns).Column(names =>
            {
                names.Spacing(2);
                foreach (var name in signatories)
                    names.Item().Text(name);
            });
        });
        page.Footer().AlignCenter().Text(text =>
        {
            text.DefaultTextStyle(new TextStyle { FontSize = 8, Color = "#777777" });
            text.Span("Page ");
            text.CurrentPageNumber();
            text.Span(" of ");
            text.TotalPages();
        });
    })).WithMetadata(Metadata);
}
