using System.Diagnostics;

namespace SignOnLetters.Pdf.Text;

/// <summary>
/// Fonts installed on the machine: fontconfig's list where it exists (it honours FONTCONFIG_FILE),
/// else the usual font folders of Windows, macOS and Linux. Never throws: a machine without fonts
/// still has the bundled ones.
/// </summary>
internal static class SystemFonts
{
    public static List<InstalledFont> List() => ListWithFontconfig() ?? FontFileScanner.ScanDirectories(FontFolders());

    private static List<InstalledFont>? ListWithFontconfig()
    {
        var startInfo = new ProcessStartInfo("fc-list", ["-f", "%{family}\t%{weight}\t%{slant}\t%{file}\t%{index}\n"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(startInfo);
            if (process is null)
                return null;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? ParseFontconfigList(output) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No fontconfig on this machine (Windows, macOS, a slim container).
            return null;
        }
    }

    internal static List<InstalledFont> ParseFontconfigList(string fcListOutput)
    {
        var fonts = new List<InstalledFont>();
        foreach (var line in fcListOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length < 5 || !int.TryParse(fields[1], out var weight) || !int.TryParse(fields[2], out var slant)
                || !int.TryParse(fields[4], out var index))
                continue;
            // Variable fonts report a range for weight; those are skipped by TryParse above, on
            // purpose: Skia's PDF backend turns variable fonts into Type 3 outlines.
            foreach (var family in fields[0].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                fonts.Add(new InstalledFont(family, weight, slant, fields[3], index));
        }
        return fonts;
    }

    private static IEnumerable<string> FontFolders()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
        {
            yield return Environment.GetFolderPath(Environment.SpecialFolder.Fonts);
            yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Microsoft", "Windows", "Fonts");
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return "/System/Library/Fonts";
            yield return "/Library/Fonts";
            yield return Path.Combine(home, "Library", "Fonts");
        }
        else
        {
            yield return "/usr/share/fonts";
            yield return "/usr/local/share/fonts";
            yield return Path.Combine(home, ".local", "share", "fonts");
            yield return Path.Combine(home, ".fonts");
        }
    }
}
