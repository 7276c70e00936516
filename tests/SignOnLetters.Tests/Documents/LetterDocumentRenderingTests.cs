using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Web.Documents;

namespace SignOnLetters.Tests.Documents;

public sealed class LetterDocumentRenderingTests
{
    [RequiresToolsTheory("pdftoppm")]
    [InlineData("en", SignatoryGrouping.None, 2)]
    [InlineData("en", SignatoryGrouping.ByRegion, 3)]
    [InlineData("ar", SignatoryGrouping.ByCountry, 2)]
    public void Should_render_every_page_to_an_image(string language, SignatoryGrouping grouping, int columns)
    {
        var model = SampleLetters.Multilingual(new LetterDocumentOptions { Columns = columns, Grouping = grouping, CreationDate = SampleLetters.CreatedAt });
        if (language == "ar")
            model = model with
            {
                LanguageCode = "ar",
                Title = "رسالة مشتركة: الهواء النظيف حق لا امتياز",
                BodyMarkdown = "نحن، المنظمات والأفراد الموقعين أدناه، نحثكم على اعتماد **حدود ملزمة** لتلوث الهواء.\n\n## مطالبنا\n\n1. قوانين واضحة.\n2. خطط سنوية.\n\n> الهواء النظيف حق.",
                Closing = "مع خالص التحية،",
            };
        var pdf = LetterDocument.Generate(model);
        using var directory = new TempDirectory();
        var path = directory.Write("letter.pdf", pdf);

        var (exitCode, _, error) = ExternalTool.Run("pdftoppm", "-r", "60", "-png", path, Path.Combine(directory.Path, "page"));

        Assert.True(exitCode == 0, error);
        var images = Directory.GetFiles(directory.Path, "page-*.png").Order(StringComparer.Ordinal).ToList();
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        Assert.Equal(document.NumberOfPages, images.Count);
        Assert.All(images, image => Assert.True(new FileInfo(image).Length > 1_000, $"{image} is nearly empty."));
        // Set LETTER_PDF_PAGES to a folder to keep the images for looking at (docs/screenshots).
        if (Environment.GetEnvironmentVariable("LETTER_PDF_PAGES") is { Length: > 0 } keep)
        {
            var folder = Path.Combine(keep, $"{language}-{grouping}-{columns}");
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, "letter.pdf"), pdf);
            foreach (var image in images)
                File.Copy(image, Path.Combine(folder, Path.GetFileName(image)), overwrite: true);
        }
    }
}
