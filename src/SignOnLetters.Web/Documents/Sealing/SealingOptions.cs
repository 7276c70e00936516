namespace SignOnLetters.Web.Documents.Sealing;

/// <summary>
/// <c>Sealing:*</c>: where the instance's sealing key lives (never in the database, never in git;
/// docs/operations/sealing.md).
/// </summary>
public sealed class SealingOptions
{
    public const string Section = "Sealing";

    /// <summary>
    /// Holds <c>current.key</c> (PKCS #8 PEM) and <c>current.crt</c> (PEM), and <c>retired/*.crt</c>:
    /// certificates of earlier keys, still trusted to check PDFs sealed before a rotation.
    /// Relative paths are under the app's content root.
    /// </summary>
    public string KeyDirectory { get; set; } = "App_Data/sealing";

    /// <summary>Creates a self-signed key when none is there; null means "in Development only".</summary>
    public bool? CreateKeyIfMissing { get; set; }
}
