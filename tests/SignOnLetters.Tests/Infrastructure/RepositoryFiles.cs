namespace SignOnLetters.Tests.Infrastructure;

/// <summary>Files of this repository that tests read (resources, the Dockerfile, the compose file).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SignOnLetters.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"No SignOnLetters.sln above {AppContext.BaseDirectory}.");
    }
}
