using System.Diagnostics;

namespace SignOnLetters.BrowserTests.Infrastructure;

/// <summary>A PDF's text through poppler's pdftotext (installed by .ci/run), as a reader's tools see it.</summary>
public static class PdfText
{
    public static string Of(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, pdf);
            var start = new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
