using SignOnLetters.Pdf.Tests.Support;
using SkiaSharp;

namespace SignOnLetters.Pdf.Tests;

/// <summary>
/// Page images (pdftoppm) of a Latin, an Arabic, a Japanese and a Thai letter, compared with the
/// references in docs/screenshots/pdf-*.png. Rasterisers and their versions differ in anti-aliasing,
/// so the pages are compared in 4 × 4 pixel blocks of average grey, and a few differing blocks are
/// tolerated; a changed line break, a moved paragraph or a changed alignment differs in hundreds.
/// To accept a deliberate change of layout: UPDATE_PAGE_IMAGES=1 dotnet test --filter PageImageTests,
/// then LOOK at the images before committing them.
/// </summary>
public sealed class PageImageTests
{
    private const int Resolution = 80;
    private const int Block = 4;
    private const int GreyTolerance = 24;

    /// <summary>
    /// Share of blocks that may differ: 0.2 %, 77 blocks of an A4 page, well under one line of text.
    /// Calibrated by perturbing the engine once: Thai justified by its spaces instead of between
    /// characters differed in 142 blocks, Japanese in 840; English hyphenating only very loose
    /// lines (0.6 em per space instead of 0.2) in 284. The same renderer gives 0.
    /// </summary>
    private const double MaxDifferingBlocks = 0.002;

    public static TheoryData<string> Letters => new(PageImageLetters.All.Select(letter => letter.Name));

    [RequiresToolsTheory("pdftoppm")]
    [MemberData(nameof(Letters))]
    public void Should_render_the_first_page_as_in_its_reference_image(string name)
    {
        var letter = PageImageLetters.All.Single(candidate => candidate.Name == name);
        using var directory = new TempDirectory();
        var rendered = Render(PageImageLetters.Build(letter).GeneratePdf(), directory, name);
        var reference = Path.Combine(RepositoryRoot(), "docs", "screenshots", $"pdf-{name}.png");

        if (Environment.GetEnvironmentVariable("UPDATE_PAGE_IMAGES") == "1")
        {
            File.Copy(rendered, reference, overwrite: true);
            return;
        }
        Assert.True(File.Exists(reference), $"No reference image {reference}: run with UPDATE_PAGE_IMAGES=1 and look at it.");
        var kept = Path.Combine(Path.GetTempPath(), $"pdf-{name}-rendered.png");
        File.Copy(rendered, kept, overwrite: true);
        var (differing, total) = DifferingBlocks(reference, rendered);
        Assert.True(differing <= total * MaxDifferingBlocks,
            $"{differing} of {total} blocks differ from {reference} (at most {total * MaxDifferingBlocks:0} may); the page as rendered now: {kept}");
    }

    [RequiresToolsFact("pdftoppm")]
    public void Should_tell_a_changed_layout_from_the_reference()
    {
        // The comparison itself must be able to fail: the Latin letter set ragged instead of
        // justified and hyphenated moves only the ends of lines, the smallest layout change there is.
        using var directory = new TempDirectory();
        var ragged = PageImageLetters.Latin with { Language = "pt" };
        var rendered = Render(PageImageLetters.Build(ragged).GeneratePdf(), directory, "ragged");
        var reference = Path.Combine(RepositoryRoot(), "docs", "screenshots", "pdf-latin.png");

        var (differing, total) = DifferingBlocks(reference, rendered);

        Assert.True(differing > total * MaxDifferingBlocks, $"only {differing} of {total} blocks differ");
    }

    private static string Render(byte[] pdf, TempDirectory directory, string name)
    {
        var path = directory.Write($"{name}.pdf", pdf);
        var prefix = Path.Combine(directory.Path, name);
        var (exitCode, _, error) = ExternalTool.Run("pdftoppm", "-r", $"{Resolution}", "-f", "1", "-l", "1", "-png", "-singlefile", path, prefix);
        Assert.True(exitCode == 0, $"pdftoppm failed: {error}");
        return prefix + ".png";
    }

    /// <summary>Blocks whose average grey differs by more than <see cref="GreyTolerance"/>, and all blocks.</summary>
    internal static (int Differing, int Total) DifferingBlocks(string expectedPath, string actualPath)
    {
        using var expected = SKBitmap.Decode(expectedPath) ?? throw new InvalidDataException($"{expectedPath} is not an image.");
        using var actual = SKBitmap.Decode(actualPath) ?? throw new InvalidDataException($"{actualPath} is not an image.");
        Assert.True(expected.Width == actual.Width && expected.Height == actual.Height,
            $"The page is {actual.Width} × {actual.Height} px, the reference {expected.Width} × {expected.Height}: the page size changed.");
        var expectedGrey = BlockGreys(expected);
        var actualGrey = BlockGreys(actual);
        var differing = 0;
        for (var i = 0; i < expectedGrey.Length; i++)
            if (Math.Abs(expectedGrey[i] - actualGrey[i]) > GreyTolerance)
                differing++;
        return (differing, expectedGrey.Length);
    }

    private static int[] BlockGreys(SKBitmap bitmap)
    {
        var columns = bitmap.Width / Block;
        var rows = bitmap.Height / Block;
        var greys = new int[columns * rows];
        for (var row = 0; row < rows; row++)
            for (var column = 0; column < columns; column++)
            {
                var sum = 0;
                for (var y = 0; y < Block; y++)
                    for (var x = 0; x < Block; x++)
                    {
                        var pixel = bitmap.GetPixel(column * Block + x, row * Block + y);
                        sum += (pixel.Red * 299 + pixel.Green * 587 + pixel.Blue * 114) / 1000;
                    }
                greys[row * columns + column] = sum / (Block * Block);
            }
        return greys;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SignOnLetters.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The tests do not run inside the repository.");
    }
}
