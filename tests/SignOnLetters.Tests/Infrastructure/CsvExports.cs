using SignOnLetters.Web.Pages.Signatures;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>The coordinators' CSV export, written to memory instead of a response.</summary>
public sealed class CsvBuffer : Export.ICsvOutput
{
    public MemoryStream Written { get; } = new();

    /// <summary>Whether the export got as far as opening its output (never, when access is refused).</summary>
    public bool Opened { get; private set; }

    public Stream Open()
    {
        Opened = true;
        return Written;
    }
}

public static class CsvExports
{
    public static async Task<byte[]> ExportCsvAsync(this SliceFixture app, string slug)
    {
        var buffer = new CsvBuffer();
        await app.SendAsync(new Export.Query(slug, buffer));
        return buffer.Written.ToArray();
    }
}
