using SignOnLetters.Pdf.Tests.Support;
using SignOnLetters.Web.Documents;

namespace SignOnLetters.Tests.Documents;

public sealed class LetterDocumentRenderingTests
{
    [RequiresToolsFact("pdftoppm")]
    public void Should_render_every_page_to_an_image()
    {
        var pdf = LetterDocument.Generate(SampleLetters.Multilingual());
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
            Directory.CreateDirectory(keep);
            File.WriteAllBytes(Path.Combine(keep, "letter.pdf"), pdf);
            foreach (var image in images)
                File.Copy(image, Path.Combine(keep, Path.GetFileName(image)), overwrite: true);
        }
    }
}
