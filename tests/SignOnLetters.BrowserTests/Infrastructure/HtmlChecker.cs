using System.Diagnostics;
using System.Text.Json;

namespace SignOnLetters.BrowserTests.Infrastructure;

/// <summary>
/// The Nu HTML Checker (vnu-jar from npm, run on the machine's Java) over pages saved as files: one
/// JVM start for the whole batch. `npm ci` in this folder installs it; .ci/run does that.
/// </summary>
public static class HtmlChecker
{
    public static string JarPath { get; } = Path.Combine(AppServer.RepositoryRoot(), "tests", "SignOnLetters.BrowserTests",
        "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    public static string? Unavailable =>
        File.Exists(JarPath) ? null : $"The HTML checker is missing: run 'npm ci' in tests/SignOnLetters.BrowserTests ({JarPath}).";

    /// <summary>Checks each (name, html) and returns its errors as "name: line N: message".</summary>
    public static async Task<IReadOnlyList<string>> ErrorsAsync(IReadOnlyDictionary<string, string> pages)
    {
        var directory = Directory.CreateTempSubdirectory("sol-vnu");
        try
        {
            var files = new Dictionary<string, string>();
            foreach (var (name, html) in pages)
            {
                var file = Path.Combine(directory.FullName, $"{files.Count:D2}.html");
                await File.WriteAllTextAsync(file, html);
                files[Path.GetFileName(file)] = name;
            }
            var start = new ProcessStartInfo("java")
            {
                ArgumentList = { "-jar", JarPath, "--errors-only", "--format", "json", "--stdout" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var file in files.Keys)
                start.ArgumentList.Add(Path.Combine(directory.FullName, file));
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var json = (await output).Trim();
            if (json.Length == 0)
                json = (await error).Trim();
            using var report = JsonDocument.Parse(json);
            return report.RootElement.GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("type").GetString() == "error")
                .Select(m =>
                {
                    var file = Path.GetFileName(new Uri(m.GetProperty("url").GetString()!).LocalPath);
                    var line = m.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0;
                    return $"{files.GetValueOrDefault(file, file)}: line {line}: {m.GetProperty("message").GetString()}";
                })
                .ToList();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
