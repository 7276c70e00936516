using SignOnLetters.Pdf.Drawing;
using SignOnLetters.Pdf.Fluent;
using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Pdf.Text;

namespace SignOnLetters.Pdf.Tests;

/// <summary>
/// The fonts shipped with the engine: every script our signers write in prints on a machine with no
/// fonts of its own, Han names take their region's letterforms, and a character no font has is a
/// visible box, named in the report, never a failed document.
/// </summary>
public sealed class FontTests
{
    /// <summary>What the engine sees on a bare server: its own fonts, nothing from the system.</summary>
    private static readonly FontCatalog BundledOnly = new(BundledFonts.List(), []);

    /// <summary>One name a script (the brief's list), as signers write them.</summary>
    public static readonly TheoryData<string, string> NamesByScript = new()
    {
        { "Vietnamese", "Nguyễn Thị Minh Khai" },
        { "Yoruba", "Ọlábísí Àdìgún Ṣàngó" },
        { "Greek", "Γιώργος Παπαδόπουλος" },
        { "Cyrillic", "Ольга Петровна Смирнова" },
        { "Arabic", "محمد عبد الرحمن" },
        { "Persian", "پریسا گلچین" },
        { "Urdu", "ڈاکٹر عائشہ ٹیپو" },
        { "Hebrew", "דוד בן גוריון" },
        { "Devanagari", "राजेश कुमार शर्मा" },
        { "Bengali", "সুমন চক্রবর্তী" },
        { "Thai", "สมชาย ใจดี" },
        { "Georgian", "ნინო ბერიძე" },
        { "Armenian", "Անահիտ Սարգսյան" },
        { "Ethiopic", "አበበ በቀለ" },
        { "Sinhala", "නිමල් පෙරේරා" },
        { "Myanmar", "အောင်ဆန်း" },
        { "Khmer", "សុខ ចាន់" },
        { "Japanese", "山田はなこ" },
        { "Traditional Chinese", "陳美麗" },
        { "Simplified Chinese", "王小明" },
        { "Korean", "김민준" },
        { "Tamil", "முருகன் செல்வம்" },
        { "Emoji", "Ana Peña 🌍" },
    };

    [Theory]
    [MemberData(nameof(NamesByScript))]
    public void Should_draw_every_script_with_the_bundled_fonts_alone(string script, string name)
    {
        foreach (var bold in new[] { false, true })
        {
            var document = Page(content => content.Text(text => text.Span(name).Bold(bold)));
            document.Fonts = BundledOnly;

            var layout = document.Layout();
            var pdf = document.Generate();

            Assert.True(layout.MissingCharacters.Count == 0,
                $"{script}: no bundled font for {string.Join(' ', layout.MissingCharacters.Select(c => $"U+{c:X4}"))}");
            Assert.Empty(pdf.MissingScripts);
            var faces = layout.Pages.SelectMany(page => page.Commands.OfType<GlyphRunCommand>()).Select(glyph => glyph.Fragment.Run.Face).ToList();
            Assert.NotEmpty(faces);
            Assert.All(faces, face => Assert.StartsWith(BundledFonts.Folder!, face.Path, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Should_read_back_every_name_of_a_multilingual_letter_set_in_the_bundled_fonts()
    {
        var names = NamesByScript.Select(row => (string)row[1]).ToList();
        var document = SampleDocuments.Letter(names);
        document.Fonts = BundledOnly;

        var pdf = document.Generate();

        Assert.Empty(pdf.MissingScripts);
        Assert.Empty(PdfText.NamesMissingFromPdfPig(pdf.Bytes, names.Where(PdfPigReadsBack)));
    }

    [Fact]
    public void Should_draw_a_box_and_name_the_script_when_no_font_has_a_character()
    {
        // Tibetan and Cherokee: no bundled font covers them, and this catalog has no system fonts.
        var document = Page(content => content.Column(column =>
        {
            column.Item().Text("Tashi བཀྲ་ཤིས་ — Cherokee ᏣᎳᎩ");
            column.Item().Text("Ольга Петровна");
        }));
        document.Fonts = BundledOnly;

        var layout = document.Layout();
        var pdf = document.Generate();

        Assert.Equal(["Cherokee", "Tibetan"], pdf.MissingScripts.Select(script => script.Name));
        Assert.Contains("ཀ", pdf.MissingScripts.Single(script => script.Name == "Tibetan").Characters, StringComparison.Ordinal);
        Assert.Equal("Ꭹ Ꮃ Ꮳ", pdf.MissingScripts.Single(script => script.Name == "Cherokee").Characters);
        // Each missing character is drawn as the primary face's replacement character (Skia draws
        // nothing for .notdef): three for Cherokee, one per Tibetan letter or mark.
        var glyphs = layout.Pages.SelectMany(page => page.Commands.OfType<GlyphRunCommand>()).ToList();
        Assert.DoesNotContain(glyphs, glyph => glyph.Fragment.Run.Glyphs.Contains((ushort)0));
        var notoSans = glyphs.First(glyph => glyph.Fragment.Run.Face.FamilyName == "Noto Sans").Fragment.Run.Face;
        var replacement = notoSans.ReplacementGlyph!.Value.Glyph;
        var replacements = glyphs.SelectMany(glyph => glyph.Fragment.Run.Glyphs[glyph.Fragment.GlyphStart..glyph.Fragment.GlyphEnd])
            .Count(glyph => glyph == replacement);
        Assert.True(replacements >= 3 + 4, $"{replacements} replacement marks drawn");
        // The rest of the document is there and readable.
        var text = PdfText.Normalise(PdfText.WithPdfPig(pdf.Bytes));
        Assert.Contains(PdfText.Normalise("Ольга Петровна"), text, StringComparison.Ordinal);
        Assert.Contains("Tashi", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_produce_the_same_pdf_as_before_when_every_character_has_a_font()
    {
        var document = Page(content => content.Text("Zoë Ольга محمد"));
        document.Fonts = BundledOnly;

        var withReport = document.Generate();

        Assert.Equal(document.GeneratePdf(), withReport.Bytes);
        Assert.Empty(withReport.MissingScripts);
    }

    [Theory]
    [InlineData("山田太郎", "ja", FontCatalog.CjkJapanese)]
    [InlineData("陳美麗", "zh-Hant", FontCatalog.CjkTraditionalChinese)]
    [InlineData("陳美麗", "zh-TW", FontCatalog.CjkTraditionalChinese)]
    [InlineData("王小明", "zh-Hans", FontCatalog.CjkSimplifiedChinese)]
    [InlineData("王小明", null, FontCatalog.CjkSimplifiedChinese)]
    [InlineData("金民俊", "ko", FontCatalog.CjkKorean)]
    // KS X 1001 encodes 郎 only as the compatibility ideograph U+F92C; people type U+90CE.
    [InlineData("李太郎", "ko", FontCatalog.CjkKorean)]
    // Kana and Hangul decide by themselves, whatever the language says.
    [InlineData("山田はなこ", null, FontCatalog.CjkJapanese)]
    [InlineData("山田はなこ", "zh-Hans", FontCatalog.CjkJapanese)]
    [InlineData("김민준", "ja", FontCatalog.CjkKorean)]
    public void Should_set_han_characters_in_the_letterforms_of_their_language(string name, string? language, string expectedFamily)
    {
        var document = Page(content => content.Text(text => text.Span(name).Language(language)));
        document.Fonts = BundledOnly;

        var faces = document.Layout().Pages.SelectMany(page => page.Commands.OfType<GlyphRunCommand>())
            .Select(glyph => glyph.Fragment.Run.Face.FamilyName).Distinct().ToList();

        Assert.Equal([expectedFamily], faces);
    }

    [Fact]
    public void Should_give_each_word_of_a_mixed_line_its_own_letterforms()
    {
        var document = Page(content => content.Text("王小明 山田はなこ 김민준"));
        document.Fonts = BundledOnly;

        var faces = document.Layout().Pages.SelectMany(page => page.Commands.OfType<GlyphRunCommand>())
            .Where(glyph => glyph.Text.Trim().Length > 0)
            .ToDictionary(glyph => glyph.Text.Trim(), glyph => glyph.Fragment.Run.Face.FamilyName);

        Assert.Equal(FontCatalog.CjkSimplifiedChinese, faces["王小明"]);
        Assert.Equal(FontCatalog.CjkJapanese, faces["山田はなこ"]);
        Assert.Equal(FontCatalog.CjkKorean, faces["김민준"]);
    }

    [Fact]
    public void Should_take_a_cjk_character_the_bundled_subset_lacks_from_the_systems_full_face()
    {
        var bundled = BundledFonts.List();
        var bundledJapanese = bundled.First(font => font.Family == FontCatalog.CjkJapanese && font.Weight == 80);
        var bundledTraditional = bundled.First(font => font.Family == FontCatalog.CjkTraditionalChinese && font.Weight == 80);
        using var directory = new TempDirectory();
        // A stand-in for an installed Japanese face with more characters than JIS X 0208: the
        // Traditional Chinese subset, which has 妳 (U+59B3), copied elsewhere and listed as the system's.
        var systemCopy = directory.Write("NotoSansCJK-Regular.otf", File.ReadAllBytes(bundledTraditional.Path));
        var catalog = new FontCatalog(bundled, [bundledJapanese with { Path = systemCopy }]);

        var japanese = catalog.GetChain("Noto Sans", bold: false, italic: false, CjkRegion.Japanese);

        // The bundled subset first, so output is the same on every machine...
        Assert.Equal(bundledJapanese.Path, japanese.Select("山", null).Path);
        // ...and the installed face of the same region for what the subset lacks, before other regions' faces.
        Assert.False(japanese.Select("山", null).Covers(0x59B3));
        Assert.Equal(systemCopy, japanese.Select("妳", null).Path);
    }

    [Fact]
    public void Should_say_where_the_fonts_belong_when_there_are_none_at_all()
    {
        var document = Page(content => content.Text("Anything"));
        document.Fonts = new FontCatalog([], []);

        var exception = Assert.Throws<InvalidOperationException>(() => document.Generate());

        Assert.Contains("'Fonts' folder", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_ship_every_required_family_in_regular_and_bold_with_its_licence()
    {
        var bundled = BundledFonts.List();
        string[] families =
        [
            "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Bengali", "Noto Sans Thai",
            "Noto Sans Georgian", "Noto Sans Armenian", "Noto Sans Ethiopic", "Noto Sans Sinhala", "Noto Sans Myanmar",
            "Noto Sans Khmer", "Noto Sans Tamil", FontCatalog.CjkJapanese, FontCatalog.CjkKorean, FontCatalog.CjkSimplifiedChinese,
            FontCatalog.CjkTraditionalChinese,
        ];

        foreach (var family in families)
        {
            Assert.Contains(bundled, font => font.Family == family && font.Weight == 80 && font.Slant == 0);
            Assert.Contains(bundled, font => font.Family == family && font.Weight == 200 && font.Slant == 0);
        }
        Assert.Contains(bundled, font => font.Family == FontCatalog.EmojiFamily);
        Assert.True(File.Exists(Path.Combine(BundledFonts.Folder!, "OFL.txt")));
        Assert.Contains("SIL OPEN FONT LICENSE Version 1.1", File.ReadAllText(Path.Combine(BundledFonts.Folder!, "OFL.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_read_fontconfig_lists_and_leave_variable_fonts_out()
    {
        var fonts = SystemFonts.ParseFontconfigList(
            "Noto Sans,Noto Sans Display\t80\t0\t/fonts/NotoSans-Regular.ttf\t0\n" +
            "Noto Sans CJK JP\t200\t0\t/fonts/NotoSansCJK-Bold.ttc\t0\n" +
            "Inter\t[100 900]\t0\t/fonts/Inter.ttf\t0\n" +
            "broken line\n");

        Assert.Equal(["Noto Sans", "Noto Sans Display", "Noto Sans CJK JP"], fonts.Select(font => font.Family));
        Assert.Equal(200, fonts[2].Weight);
    }

    [Theory]
    [InlineData(400, 80)]
    [InlineData(700, 200)]
    [InlineData(300, 50)]
    [InlineData(900, 210)]
    public void Should_compare_css_weights_on_fontconfigs_scale(int css, int fontconfig) =>
        Assert.Equal(fontconfig, FontFileScanner.FontconfigWeight(css));

    /// <summary>PdfPig does not reorder Indic and Southeast Asian clusters back into logical order; pdftotext tests those.</summary>
    private static bool PdfPigReadsBack(string name) =>
        !name.Any(c => c is >= '\u0980' and <= '\u09FF' or >= '\u0B80' and <= '\u0BFF' or >= '\u0D80' and <= '\u0DFF'
            or >= '\u1000' and <= '\u109F' or >= '\u1780' and <= '\u17FF');

    private static Document Page(Action<IContainer> content) => Document.Create(document => document.Page(page =>
    {
        page.Size(400, 300);
        page.Margin(20);
        page.DefaultTextStyle(new TextStyle { FontSize = 12 });
        content(page.Content());
    }));
}
