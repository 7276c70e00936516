using System.Diagnostics;

namespace SignOnLetters.Pdf.Tests.Support;

/// <summary>Runs poppler and qpdf command-line tools on generated PDFs.</summary>
internal static class ExternalTool
{
    public static bool IsInstalled(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));

    public static (int ExitCode, string Output, string Error) Run(string tool, params string[] arguments)
    {
        if (!IsInstalled(tool))
            Assert.Fail($"{tool} is not installed (apt-get install poppler-utils qpdf).");
        var startInfo = new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} did not finish within two minutes.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}

/// <summary>
/// A fact that needs external tools. Outside CI a missing tool skips the test; under CI=true it
/// runs anyway and fails, because CI installs the tools and a skip would hide a broken setup.
/// </summary>
public sealed class RequiresToolsFactAttribute : FactAttribute
{
    public RequiresToolsFactAttribute(params string[] tools)
    {
        var missing = tools.Where(tool => !ExternalTool.IsInstalled(tool)).ToList();
        if (missing.Count > 0 && !SignOnLetters.TestSupport.TestEnvironment.IsCi)
            Skip = $"Not installed: {string.Join(", ", missing)} (apt-get install poppler-utils qpdf). Under CI=true this fails instead.";
    }
}

/// <summary>The theory counterpart of <see cref="RequiresToolsFactAttribute"/>.</summary>
public sealed class RequiresToolsTheoryAttribute : TheoryAttribute
{
    public RequiresToolsTheoryAttribute(params string[] tools)
    {
        var missing = tools.Where(tool => !ExternalTool.IsInstalled(tool)).ToList();
        if (missing.Count > 0 && !SignOnLetters.TestSupport.TestEnvironment.IsCi)
            Skip = $"Not installed: {string.Join(", ", missing)} (apt-get install poppler-utils qpdf). Under CI=true this fails instead.";
    }
}
