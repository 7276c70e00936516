namespace SignOnLetters.Web.Documents;

/// <summary>The <c>Pdf</c> configuration section: when a letter's PDF is made in the background, and where it is kept.</summary>
public sealed class LetterPdfOptions
{
    public const string Section = "Pdf";

    /// <summary>
    /// From this many counted signatories on, a PDF that is not ready yet is made by the background
    /// worker and the request answers "being prepared" (ADR 0021); below it, the request makes it.
    /// </summary>
    public int BackgroundThreshold { get; set; } = 20_000;

    /// <summary>Where finished background PDFs are kept (App_Data/pdf-cache under the app's folder unless configured).</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Whether the worker runs; tests switch it off and run the queue when they choose.</summary>
    public bool WorkerEnabled { get; set; } = true;
}
