namespace SignOnLetters.Pdf.Text;

/// <summary>
/// The OFL fonts shipped with the engine (the <c>Fonts</c> folder, copied beside the assemblies):
/// Noto faces for the scripts our signers write in, CJK faces cut to each region's national
/// character set, and colour emoji. They are the floor of coverage on any machine; system fonts
/// only add to it. Sources and sizes: <c>Fonts/README.md</c> and ADR 0009.
/// </summary>
internal static class BundledFonts
{
    public const string FolderName = "Fonts";

    public static string? Folder => BundledFolder.Find(FolderName);

    public static List<InstalledFont> List() =>
        Folder is { } folder ? FontFileScanner.ScanDirectories([folder]) : [];
}

/// <summary>Data shipped with the engine: fonts, hyphenation patterns.</summary>
internal static class BundledFolder
{
    /// <summary>Beside the application, or beside this assembly when it was loaded from elsewhere (test runners).</summary>
    public static string? Find(string folderName) =>
        new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(BundledFolder).Assembly.Location) }
            .Where(directory => !string.IsNullOrEmpty(directory))
            .Select(directory => Path.Combine(directory!, folderName))
            .FirstOrDefault(Directory.Exists);
}
