using System.Diagnostics;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.TestSupport;

namespace SignOnLetters.Tests.SignatoryRecord;

/// <summary>Runs the published verifier, scripts/verify-record.py, as a reader of the record would.</summary>
internal static class RecordScript
{
    public static void SkipUnlessPython()
    {
        var available = Run(["--version"], null).ExitCode == 0;
        if (!available && TestEnvironment.IsCi)
            throw new InvalidOperationException("CI=true but python3 is not installed: the record script's tests cannot run.");
        Skip.If(!available, "The record script's tests need python3.");
    }

    /// <summary>Verifies <paramref name="record"/> (the downloaded JSON lines) with the given arguments.</summary>
    public static (int ExitCode, string Output) Verify(string record, params string[] arguments) =>
        Run([RepositoryFiles.PathOf("scripts", "verify-record.py"), "-", .. arguments], record);

    private static (int ExitCode, string Output) Run(string[] arguments, string? input)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            if (input is not null)
                process.StandardInput.Write(input);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "python3 not found");
        }
    }
}
