using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Tests.Support;

/// <summary>
/// One-page letters in four writing systems, for the page-image tests: a letterhead, a title, a
/// justified body (hyphenated English, ragged Arabic, Japanese and Thai justified between
/// characters) and a signatory list of names and countries.
/// </summary>
internal static class PageImageLetters
{
    public sealed record Letter(string Name, string Language, string Organisation, string Title, string Greeting,
        string[] Paragraphs, string SignatoriesHeading, (string Name, string Country)[] Signatories);

    public static readonly Letter Latin = new("latin", "en", "Friends of the Air · Coalition for Clean Cities",
        "Joint letter on clean air", "To the Members of Parliament,",
        [
            "We, the undersigned organisations and individuals, call on you to act now on air quality. Every year, polluted air shortens lives in our cities and villages; the evidence, summarised by the World Health Organization, is overwhelming and internationally recognised.",
            "We ask for binding limits aligned with the Organization's guidelines, a comprehensive plan to meet them by a stated date, and independent, transparent reporting of progress to parliament and the public, so that every citizen can know the quality of the air they breathe.",
            "Clean air is a right for everyone, and it cannot be postponed. We respectfully request that you make this commitment a priority of the forthcoming legislative session.",
        ],
        "Signatories",
        [
            ("Zoë Ångström-Łukasiewicz", "Sweden"), ("François Dupré-Müller", "France"), ("Ana Peña", "Spain"),
            ("Søren Kierkegaard", "Denmark"), ("Nguyễn Thị Minh Khai", "Viet Nam"), ("Mary O'Connor", "Ireland"),
            ("Clean Air Network", "United Kingdom"), ("João da Silva", "Portugal"), ("Aleksandra Nowak", "Poland"),
            ("Friends of the Air", "South Korea"), ("Giulia Rossi", "Italy"), ("Hans Becker", "Germany"),
        ]);

    public static readonly Letter Arabic = new("arabic", "ar", "جمعية الهواء النقي · تحالف المدن النظيفة",
        "رسالة مشتركة بشأن الهواء النظيف", "إلى أعضاء البرلمان،",
        [
            "نحن الموقعين أدناه، من منظمات وأفراد، ندعوكم إلى التحرك الآن من أجل جودة الهواء. ففي كل عام يقصّر الهواء الملوث أعمار الناس في مدننا وقرانا، وقد لخّصت منظمة الصحة العالمية الأدلة على ذلك بوضوح.",
            "نطالب بحدود ملزمة تتوافق مع إرشادات منظمة الصحة العالمية، وبخطة واضحة لبلوغها في موعد محدد، وبتقارير علنية منتظمة عن التقدم المحرز، حتى يعرف كل مواطن نوعية الهواء الذي يتنفسه.",
            "إن الهواء النظيف حق للجميع، ولا يمكن تأجيله. نرجو منكم أن تجعلوا هذا الالتزام أولوية في الدورة التشريعية القادمة.",
        ],
        "الموقعون",
        [
            ("ليلى حسن", "مصر"), ("محمد عبد الرحمن", "الأردن"), ("فاطمة الزهراء", "المغرب"), ("يوسف خليل", "لبنان"),
            ("سارة إبراهيم", "تونس"), ("عمر الفاروق", "العراق"), ("نور الهدى", "الجزائر"), ("خالد منصور", "فلسطين"),
            ("ريم العلي", "سوريا"), ("أحمد سعيد", "اليمن"), ("جمعية الهواء النقي", "مصر"), ("Marie Dubois", "فرنسا"),
        ]);

    public static readonly Letter Japanese = new("japanese", "ja", "きれいな空気の会・クリーンシティ連合",
        "きれいな空気を求める共同書簡", "国会議員の皆様へ",
        [
            "私たち署名者一同は、団体と個人として、大気の質について今すぐ行動するよう求めます。汚れた空気は毎年、私たちの都市で多くの人々の命を縮めています。世界保健機関はその証拠を明確にまとめています。",
            "私たちは、世界保健機関の指針に沿った拘束力のある基準、その達成に向けた明確な計画、そして進捗状況の定期的な公開報告を求めます。すべての市民が「自分の吸う空気の質」を知ることができるようにしてください。",
            "きれいな空気はすべての人の権利であり、先送りすることはできません。次の国会会期において、この約束を最優先課題としてください。",
        ],
        "署名者",
        [
            ("山田太郎", "日本"), ("佐藤花子", "日本"), ("鈴木一郎", "日本"), ("高橋由美", "日本"), ("田中健", "日本"),
            ("伊藤さくら", "日本"), ("渡辺翔太", "日本"), ("中村美咲", "日本"), ("小林大輔", "日本"), ("加藤愛", "日本"),
            ("きれいな空気の会", "日本"), ("Marie Dubois", "フランス"),
        ]);

    public static readonly Letter Thai = new("thai", "th", "สมาคมอากาศสะอาด · แนวร่วมเมืองสะอาด",
        "จดหมายร่วมเรื่องอากาศสะอาด", "เรียน สมาชิกรัฐสภา",
        [
            "เราผู้ลงนามข้างท้ายนี้ทั้งองค์กรและบุคคลขอเรียกร้องให้ท่านดำเนินการเรื่องคุณภาพอากาศโดยทันที ทุกปีมลพิษทางอากาศทำให้ชีวิตของผู้คนในเมืองของเราสั้นลงหลักฐานได้รับการสรุปโดยองค์การอนามัยโลกอย่างชัดเจน",
            "เราขอให้มีขีดจำกัดที่มีผลผูกพันตามแนวทางขององค์การอนามัยโลกแผนการที่จะบรรลุเป้าหมายภายในเวลาที่กำหนดและการรายงานความคืบหน้าต่อสาธารณะอย่างสม่ำเสมอ เพื่อให้ประชาชนทุกคนได้รู้ถึงคุณภาพของอากาศที่ตนหายใจ",
            "อากาศสะอาดเป็นสิทธิของทุกคนและไม่อาจเลื่อนออกไปได้ ขอให้ท่านทำให้คำมั่นนี้เป็นวาระสำคัญในสมัยประชุมหน้า",
        ],
        "ผู้ลงนาม",
        [
            ("สมชาย ใจดี", "ไทย"), ("สมหญิง รักไทย", "ไทย"), ("วิชัย ศรีสุข", "ไทย"), ("มาลี วงศ์ใหญ่", "ไทย"),
            ("ประเสริฐ ทองดี", "ไทย"), ("สุดา แก้วมณี", "ไทย"), ("อนันต์ บุญมา", "ไทย"), ("พิมพ์ใจ สายทอง", "ไทย"),
            ("ชัยวัฒน์ มีสุข", "ไทย"), ("รัตนา ศรีวงศ์", "ไทย"), ("สมาคมอากาศสะอาด", "ไทย"), ("Marie Dubois", "ฝรั่งเศส"),
        ]);

    public static readonly Letter[] All = [Latin, Arabic, Japanese, Thai];

    /// <summary>Sentences of the page-image letters, in their language: real words, so English hyphenates.</summary>
    public static string[] Sentences(string language)
    {
        var letter = All.Single(candidate => candidate.Language == language);
        return language switch
        {
            "ja" => letter.Paragraphs.SelectMany(paragraph => paragraph.Split('。', StringSplitOptions.RemoveEmptyEntries)).Select(sentence => sentence + "。").ToArray(),
            "th" => letter.Paragraphs.SelectMany(paragraph => paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray(),
            _ => letter.Paragraphs.SelectMany(paragraph => paragraph.Split(". ", StringSplitOptions.RemoveEmptyEntries)).Select(sentence => sentence.TrimEnd('.') + ".").ToArray(),
        };
    }

    public static Document Build(Letter letter) => Document.Create(document => document.Page(page =>
    {
        page.Size(PageSizes.A4);
        page.Margin(60);
        page.DefaultTextStyle(new TextStyle { FontSize = 11, LineHeight = 1.25f, Language = letter.Language, Color = "#1A202C" });
        page.Header().PaddingBottom(14).Column(header =>
        {
            header.Item().Text(letter.Organisation).FontSize(9).FontColor("#555555");
            header.Item().PaddingTop(4).LineHorizontal(0.75f, "#2B6CB0");
        });
        page.Content().Column(column =>
        {
            column.Spacing(10);
            column.Item().KeepWithNext().Heading(1).Text(letter.Title).FontSize(20).Bold();
            column.Item().Text(letter.Greeting);
            column.Item().Text(text =>
            {
                text.Justify();
                text.ParagraphSpacing(8);
                text.Span(string.Join('\n', letter.Paragraphs));
            });
            column.Item().PaddingTop(8).KeepWithNext().Heading(2).Text(letter.SignatoriesHeading).FontSize(14).Bold();
            column.Item().MultiColumn(2, rightToLeft: letter.Language == "ar").Column(names =>
            {
                names.Spacing(3);
                foreach (var (name, country) in letter.Signatories)
                    names.Item().Text(text =>
                    {
                        // In an Arabic list a Latin name's entry is still right to left: "فرنسا — Marie Dubois".
                        if (letter.Language == "ar")
                            text.Direction(TextDirection.RightToLeft);
                        text.Span(name);
                        text.Span($" — {country}").FontColor("#666666");
                    });
            });
        });
        page.Footer().AlignCenter().Text(text =>
        {
            text.DefaultTextStyle(new TextStyle { FontSize = 8, Color = "#777777" });
            text.CurrentPageNumber();
        });
    })).WithMetadata(new DocumentMetadata
    {
        Title = letter.Title,
        Language = letter.Language,
        CreationDate = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
    });
}
