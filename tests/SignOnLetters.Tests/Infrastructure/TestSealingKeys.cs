using SignOnLetters.Web.Documents.Sealing;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>
/// The sealing key every test host of this run shares, made once before the first host starts (so
/// hosts starting in parallel never race to create it), in a folder of its own that nothing keeps.
/// </summary>
internal static class TestSealingKeys
{
    private static readonly Lazy<string> Made = new(() =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "sol-tests", Guid.NewGuid().ToString("N"), "sealing");
        SealKeys.CreateSelfSigned(directory, "SignOnLetters tests");
        return directory;
    });

    public static string Directory => Made.Value;
}
