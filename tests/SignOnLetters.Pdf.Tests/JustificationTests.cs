using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Pdf.Text;
using SignOnLetters.Pdf.Text.Hyphenation;

namespace SignOnLetters.Pdf.Tests;

/// <summary>Hyphenation, ragged right for languages without patterns, and inter-character justification.</summary>
public sealed class JustificationTests
{
    private const string English =
        "We, the undersigned organisations and individuals, call on you to act now on air quality. Every year, " +
        "polluted air shortens lives in our cities; the evidence is summarised by international organisations. " +
        "We ask for binding limits aligned with internationally recognised guidelines, a comprehensive plan to " +
        "meet them, and independent, transparent reporting of progress to the parliament and the public.";

    private const string Japanese =
        "私たちは、すべての都市の住民の健康を守るため、大気汚染に関する拘束力のある基準を直ちに採択するよう求めます。" +
        "毎年、汚れた空気は私たちの都市で多くの命を縮めています。「証拠は明らかです」と専門家は述べています。" +
        "私たちは、国際的な指針に沿った基準、その達成のための計画、そして進捗の公開報告を求めます。";

    /// <summary>Thai words, as a Thai reader splits them (compounds split too): lines may break only between them.</summary>
    private static readonly string[][] ThaiWords =
    [
        ["เรา", "ผู้", "ลง", "นาม", "ข้าง", "ท้าย", "นี้", "ทั้ง", "องค์กร", "และ", "บุคคล", "ขอ", "เรียก", "ร้อง", "ให้", "ท่าน", "ดำเนิน", "การ", "เรื่อง", "คุณ", "ภาพ", "อากาศ", "โดย", "ทัน", "ที"],
        ["ทุก", "ปี", "มล", "พิษ", "ทาง", "อากาศ", "ทำ", "ให้", "ชีวิต", "ของ", "ผู้", "คน", "ใน", "เมือง", "ของ", "เรา", "สั้น", "ลง", "หลัก", "ฐาน", "ได้", "รับ", "การ", "สรุป", "โดย", "องค์", "การ", "อนามัย", "โลก"],
        ["เรา", "ขอ", "ให้", "มี", "ขีด", "จำกัด", "ที่", "มี", "ผล", "ผูก", "พัน", "ตาม", "แนว", "ทาง", "ของ", "องค์", "การ", "อนามัย", "โลก", "แผน", "การ", "ที่", "จะ", "บรรลุ", "เป้า", "หมาย", "และ", "การ", "ราย", "งาน", "ความ", "คืบ", "หน้า", "ต่อ", "สาธารณะ"],
    ];

    // Three phrases, each wider than a line, separated by Thai's only spaces.
    private static readonly string Thai = string.Join(" ", ThaiWords.Select(words => string.Concat(words)));

    private static Document Page(Action<TextDescriptor> text, string? language, float width = 240) =>
        Document.Create(document => document.Page(page =>
        {
            page.Size(width + 40, 900);
            page.Margin(20);
            page.DefaultTextStyle(new TextStyle { FontSize = 10, Language = language });
            page.Content().Text(text);
        }));

    private static List<List<GlyphRunCommand>> Lines(Document document) =>
        document.Layout().Pages.SelectMany(page => page.Commands.OfType<GlyphRunCommand>())
            .GroupBy(glyphs => MathF.Round(glyphs.Y, 1)).OrderBy(line => line.Key)
            .Select(line => line.OrderBy(glyphs => glyphs.X).ToList()).ToList();

    /// <summary>Where the line's ink ends: the space added after its last cluster is past the edge.</summary>
    private static float RightEdge(List<GlyphRunCommand> line) => line.Max(glyphs => glyphs.X + glyphs.DrawnWidth) - line[^1].ExtraPerCluster;

    [Theory]
    [InlineData("en", "hyphenation", "hy-phen-ation")]
    [InlineData("en", "organisations", "or-gan-i-sa-tions")]
    [InlineData("fr", "gouvernement", "gou-ver-ne-ment")]
    [InlineData("es", "organizaciones", "or-ga-ni-za-cio-nes")]
    [InlineData("de", "Unterschriften", "Un-ter-schrif-ten")]
    [InlineData("ru", "организации", "ор-га-ни-за-ции")]
    public void Should_hyphenate_words_with_the_bundled_patterns_of_their_language(string language, string word, string expected)
    {
        var hyphenator = HyphenationPatterns.For(language);

        Assert.NotNull(hyphenator);
        Assert.Equal(expected, hyphenator.Show(word));
    }

    [Fact]
    public void Should_keep_two_letters_before_and_three_after_every_break()
    {
        var hyphenator = HyphenationPatterns.For("en")!;

        Assert.All(new[] { "about", "beautiful", "organisations", "hyphenation", "parliament" }, word =>
            Assert.All(hyphenator.BreakPoints(word), point => Assert.InRange(point, 2, word.Length - 3)));
        Assert.Empty(hyphenator.BreakPoints("ably"));
    }

    [Theory]
    [InlineData("en-GB", "hyph_en_GB.dic")]
    [InlineData("en-US", "hyph_en_US.dic")]
    [InlineData("EN", "hyph_en_US.dic")]
    [InlineData("fr-CA", "hyph_fr.dic")]
    [InlineData("de-Latn-CH", "hyph_de_DE.dic")]
    [InlineData("pt", null)]
    [InlineData("ar", null)]
    [InlineData("ja", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Should_choose_the_pattern_file_by_language_and_region(string? language, string? file) =>
        Assert.Equal(file, HyphenationPatterns.FileFor(language));

    [Fact]
    public void Should_read_patterns_written_in_legacy_encodings()
    {
        // German is ISO 8859-1 and Russian KOI8-R, kept byte for byte: umlauts and Cyrillic must decode.
        Assert.Contains('-', HyphenationPatterns.For("de")!.Show("Möglichkeiten"));
        Assert.True(HyphenationPatterns.For("ru")!.PatternCount > 1000);
    }

    [Fact]
    public void Should_hyphenate_justified_English_when_a_line_would_be_loose_and_set_every_line_flush()
    {
        var lines = Lines(Page(text => text.Justify().Span(English), "en"));

        var hyphens = lines.Count(line => line[^1].Fragment.IsInsertedHyphen);
        Assert.True(hyphens > 0, "No line was hyphenated.");
        Assert.All(lines.SkipLast(1), line => Assert.Equal(260f, RightEdge(line), 0.1f));
        // A hyphenated line ends with the word's first part and then the hyphen (U+2010), nothing else.
        foreach (var line in lines.Where(line => line[^1].Fragment.IsInsertedHyphen))
            Assert.Equal("\u2010", line[^1].Text);
    }

    [Fact]
    public void Should_set_justified_lines_tighter_with_hyphenation_than_without()
    {
        static float Loosest(List<List<GlyphRunCommand>> lines) =>
            lines.SkipLast(1).Max(line => line.Max(glyphs => glyphs.ExtraSpacePerSpace));

        var withHyphenation = Loosest(Lines(Page(text => text.Justify().Span(English), "en", width: 180)));
        var withoutLanguage = Loosest(Lines(Page(text => text.Justify().Span(English), null, width: 180)));

        Assert.True(withHyphenation < withoutLanguage, $"loosest extra per space: {withHyphenation} hyphenated, {withoutLanguage} not");
    }

    [Fact]
    public void Should_not_hyphenate_text_that_is_not_justified()
    {
        var lines = Lines(Page(text => text.Span(English), "en"));

        Assert.DoesNotContain(lines, line => line.Any(glyphs => glyphs.Fragment.IsInsertedHyphen));
    }

    [Fact]
    public void Should_never_hyphenate_links_e_mail_addresses_or_hashes()
    {
        const string text = "Contact coordination.internationale@organisations-example.org or read " +
            "https://example.org/internationalisation/recommendations and compare the document hash " +
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 before signing.";
        var lines = Lines(Page(descriptor =>
        {
            descriptor.Justify();
            descriptor.Span(text[..text.IndexOf("and compare", StringComparison.Ordinal)]);
            descriptor.Hyperlink("internationalisation recommendations", "https://example.org/");
            descriptor.Span(" " + text[text.IndexOf("and compare", StringComparison.Ordinal)..]);
        }, "en", width: 150));

        foreach (var line in lines.Where(line => line[^1].Fragment.IsInsertedHyphen))
        {
            var word = line[^2].Text.Split(' ')[^1];
            Assert.DoesNotContain('@', word);
            Assert.DoesNotContain('/', word);
            Assert.False(word.Any(char.IsDigit), $"'{word}' was hyphenated");
            Assert.Null(line[^2].Fragment.Run.Style.Url);
        }
    }

    [Fact]
    public void Should_show_a_hyphen_where_a_line_breaks_at_a_soft_hyphen_whatever_the_alignment()
    {
        var lines = Lines(Page(text => text.Span("Intergovernmental\u00ADorganisations\u00ADcooperation"), null, width: 110));

        Assert.True(lines.Count >= 2);
        Assert.True(lines[0][^1].Fragment.IsInsertedHyphen);
        Assert.StartsWith("organisations", string.Concat(lines[1].Select(glyphs => glyphs.Text)));
    }

    [Theory]
    [InlineData("ar", "نحن الموقعين أدناه، منظمات وأفراداً، نطالب بحماية الهواء النظيف لجميع الناس في كل المدن والقرى والبلدات، ونطلب خطة واضحة.")]
    [InlineData("pt", "Nós, as organizações e pessoas abaixo assinadas, pedimos que atuem já sobre a qualidade do ar nas nossas cidades e vilas.")]
    public void Should_set_justified_text_ragged_in_a_language_without_hyphenation_patterns(string language, string text)
    {
        var lines = Lines(Page(descriptor => descriptor.Justify().Span(text), language, width: 200));

        Assert.True(lines.Count > 2);
        Assert.All(lines, line => Assert.All(line, glyphs => Assert.Equal(0f, glyphs.ExtraSpacePerSpace)));
        Assert.DoesNotContain(lines, line => line.Any(glyphs => glyphs.Fragment.IsInsertedHyphen));
    }

    [Theory]
    [InlineData("ja", Japanese)]
    [InlineData("zh-Hans", "我们，以下签名的组织和个人，呼吁您立即就空气质量采取行动。每年，污染的空气都在缩短我们城市居民的寿命；证据已由世界卫生组织总结。我们要求制定具有约束力的限值。")]
    [InlineData("th", null)]
    public void Should_justify_Chinese_Japanese_and_Thai_between_characters(string language, string? text)
    {
        // 24.5 ideographs wide: every full line has half an em to share out.
        var lines = Lines(Page(descriptor => descriptor.Justify().Span(text ?? Thai), language, width: 245));

        Assert.True(lines.Count > 2);
        Assert.All(lines.SkipLast(1), line =>
        {
            Assert.Equal(265f, RightEdge(line), 0.1f);
            Assert.All(line, glyphs => Assert.Equal(0f, glyphs.ExtraSpacePerSpace));
        });
        Assert.All(lines.SkipLast(1), line => Assert.True(line[0].ExtraPerCluster > 0));
        Assert.All(lines[^1], glyphs => Assert.Equal(0f, glyphs.ExtraPerCluster));
    }

    [Fact]
    public void Should_break_Thai_between_words_not_only_at_its_spaces()
    {
        var lines = Lines(Page(descriptor => descriptor.Justify().Span(Thai), "th"));

        // Each phrase is wider than the line: ICU's dictionary finds the words, so every line ends
        // between two of them, never inside a word as breaking between clusters would.
        var boundaries = new HashSet<int>();
        var offset = 0;
        foreach (var phrase in ThaiWords)
        {
            foreach (var word in phrase)
                boundaries.Add(offset += word.Length);
            offset++;
        }
        var lineEnd = 0;
        foreach (var line in lines.SkipLast(1))
        {
            lineEnd += string.Concat(line.Select(glyphs => glyphs.Text)).Length;
            if (lineEnd < Thai.Length && Thai[lineEnd] == ' ')
                lineEnd++;
            Assert.Contains(lineEnd, boundaries);
        }
        Assert.True(lines.Count > ThaiWords.Length, $"{lines.Count} lines");
        // No line is stretched by more than a third of an em per cluster: no holes.
        Assert.All(lines.SkipLast(1), line => Assert.True(line[0].ExtraPerCluster < 10 / 3f, $"{line[0].ExtraPerCluster}pt per cluster"));
    }

    /// <summary>Characters a Japanese or Chinese line must not start with (kinsoku shori): closing brackets, small kana, stops.</summary>
    private static bool MayNotStartLine(char c) =>
        "、。，．・：；？！ー」』）］｝〕〉》】〙〗〟’”ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻‐゠–〜～…‥,.:;?!)]}".Contains(c)
        || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.ClosePunctuation or System.Globalization.UnicodeCategory.FinalQuotePunctuation;

    [Theory]
    [InlineData(120)]
    [InlineData(157)]
    [InlineData(203)]
    [InlineData(240)]
    [InlineData(311)]
    public void Should_never_start_a_Japanese_line_with_a_closing_bracket_stop_or_small_kana(int width)
    {
        var lines = Lines(Page(descriptor => descriptor.Justify().Span(Japanese), "ja", width));

        Assert.All(lines.Skip(1), line =>
        {
            var first = string.Concat(line.Select(glyphs => glyphs.Text))[0];
            Assert.False(MayNotStartLine(first), $"A line starts with '{first}' at width {width}.");
        });
    }

    [RequiresToolsFact("pdftotext")]
    public void Should_read_hyphenated_words_back_whole()
    {
        var pdf = Page(text => text.Justify().Span(English), "en", width: 180).GeneratePdf();
        using var directory = new TempDirectory();
        var path = directory.Write("hyphenated.pdf", pdf);
        Assert.Contains(Lines(Page(text => text.Justify().Span(English), "en", width: 180)), line => line[^1].Fragment.IsInsertedHyphen);

        foreach (var mode in new[] { Array.Empty<string>(), ["-raw"] })
        {
            var read = PdfText.WithPdftotext(path, mode);
            Assert.DoesNotContain("\u2010", read);
            Assert.Contains(PdfText.Normalise(English), PdfText.Normalise(read));
        }
    }

    [Fact]
    public void Should_write_the_same_bytes_for_the_same_hyphenated_and_inter_character_justified_text()
    {
        byte[] Generate() => Document.Create(document => document.Page(page =>
        {
            page.Size(300, 800);
            page.Margin(20);
            page.Content().Column(column =>
            {
                column.Item().Text(text => text.Justify().Span(English).Language("en"));
                column.Item().Text(text => text.Justify().Span(Japanese).Language("ja"));
                column.Item().Text(text => text.Justify().Span(Thai).Language("th"));
            });
        })).GeneratePdf();

        Assert.Equal(Generate(), Generate());
    }
}
