using System.Security.Cryptography;
using System.Text.Json;

namespace SignOnLetters.Web.Pages.Signatures.Importing;

public sealed class ImportFileOptions
{
    public const string Section = "Imports";

    /// <summary>Where uploaded files wait between the steps of an import (a temporary folder unless configured).</summary>
    public string? Directory { get; set; }

    /// <summary>How long an uploaded file, and then its import's report, are kept.</summary>
    public int ExpiryMinutes { get; set; } = 60;
}

/// <summary>Who uploaded a file, for which letter, under which name, when.</summary>
public sealed record StoredImport(string OwnerUserId, string Slug, string FileName, DateTime StoredAt, ImportSummary? Summary);

/// <summary>
/// Files between the steps of an import, on disk and never in the database: the uploaded file until
/// it is imported (then deleted), and the import's report with its refused rows. Each entry is
/// named by 128 random bits and opens only for the coordinator who uploaded it, on the same letter;
/// entries older than <see cref="ImportFileOptions.ExpiryMinutes"/> are deleted whenever the store is used.
/// </summary>
public sealed class ImportFileStore(IOptions<ImportFileOptions> options, TimeProvider clock, ILogger<ImportFileStore> logger)
{
    private readonly string _directory = options.Value.Directory is { Length: > 0 } configured
        ? configured
        : Path.Combine(Path.GetTempPath(), "signonletters-imports");

    private TimeSpan Expiry => TimeSpan.FromMinutes(Math.Max(1, options.Value.ExpiryMinutes));

    /// <summary>Copies the upload to the store and returns its id.</summary>
    public async Task<string> SaveAsync(Stream content, StoredImport entry, CancellationToken cancellationToken)
    {
        RemoveExpired();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using (var file = new FileStream(PathOf(id, "csv"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await content.CopyToAsync(file, cancellationToken);
        await WriteEntryAsync(id, entry, cancellationToken);
        return id;
    }

    /// <summary>The entry, when it exists, has not expired and belongs to this coordinator and letter.</summary>
    public async Task<StoredImport?> FindAsync(string id, string ownerUserId, string slug, CancellationToken cancellationToken)
    {
        if (id is not { Length: 32 } || !id.All(char.IsAsciiHexDigitLower) || !File.Exists(PathOf(id, "json")))
            return null;
        StoredImport? entry;
        try
        {
            await using var stream = File.OpenRead(PathOf(id, "json"));
            entry = await JsonSerializer.DeserializeAsync<StoredImport>(stream, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or JsonException)
        {
            return null;
        }
        return entry is not null && entry.OwnerUserId == ownerUserId && entry.Slug == slug && clock.GetUtcNow().UtcDateTime - entry.StoredAt < Expiry
            ? entry
            : null;
    }

    /// <summary>The uploaded file, to read (seekable).</summary>
    public Stream OpenUpload(string id) => new FileStream(PathOf(id, "csv"), FileMode.Open, FileAccess.Read, FileShare.Read, 81920);

    public bool HasUpload(string id) => File.Exists(PathOf(id, "csv"));

    /// <summary>A writer for the refused rows of the import.</summary>
    public StreamWriter CreateRefusals(string id) => new(PathOf(id, "refused.csv"), append: false, new System.Text.UTF8Encoding(true));

    public Stream? OpenRefusals(string id) =>
        File.Exists(PathOf(id, "refused.csv")) ? new FileStream(PathOf(id, "refused.csv"), FileMode.Open, FileAccess.Read, FileShare.Read) : null;

    /// <summary>After the import: the upload is deleted, the report kept until it expires.</summary>
    public async Task FinishAsync(string id, StoredImport entry, CancellationToken cancellationToken)
    {
        Delete(PathOf(id, "csv"));
        await WriteEntryAsync(id, entry, cancellationToken);
    }

    /// <summary>Deletes everything of an entry (a file that could not be read is not kept).</summary>
    public void Remove(string id)
    {
        foreach (var suffix in new[] { "csv", "json", "refused.csv" })
            Delete(PathOf(id, suffix));
    }

    private async Task WriteEntryAsync(string id, StoredImport entry, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(PathOf(id, "json"), FileMode.Create, FileAccess.Write);
        await JsonSerializer.SerializeAsync(file, entry, cancellationToken: cancellationToken);
    }

    private string PathOf(string id, string suffix)
    {
        Directory.CreateDirectory(_directory);
        return Path.Combine(_directory, $"{id}.{suffix}");
    }

    private void RemoveExpired()
    {
        if (!Directory.Exists(_directory))
            return;
        var limit = clock.GetUtcNow().UtcDateTime - Expiry;
        foreach (var file in Directory.EnumerateFiles(_directory))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < limit)
                    File.Delete(file);
            }
            catch (IOException exception)
            {
                logger.LogWarning(exception, "An expired import file could not be deleted");
            }
        }
    }

    private static void Delete(string path)
    {
        if (File.Exists(path))
            File.Delete(path);
    }
}
