using Microsoft.Extensions.Options;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// Finished large PDFs on disk, one file per letter, language and cache key (the key hashed into
/// the name). Writing a letter's new file removes its older ones for that language, so the folder
/// holds at most one file per language version; <see cref="LetterPdfFileSweep"/> removes what that
/// cannot see (letters gone, leftovers of a crash). Derived data only: deleting the folder costs
/// one regeneration per letter.
/// </summary>
public sealed class LetterPdfFiles(IOptions<LetterPdfOptions> options, IWebHostEnvironment environment, ILogger<LetterPdfFiles> logger)
{
    public string Directory { get; } = options.Value.CacheDirectory is { Length: > 0 } configured
        ? Path.GetFullPath(configured, environment.ContentRootPath)
        : Path.Combine(environment.ContentRootPath, "App_Data", "pdf-cache");

    /// <summary>The finished file for this key, or null when there is none.</summary>
    public string? Find(int letterId, string language, string key)
    {
        var path = PathFor(letterId, language, key);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// Stores a finished file, which <paramref name="write"/> writes straight into a file aside (the
    /// renderer streams a long letter's PDF there page by page, never holding it in memory), then
    /// moves in, so no reader sees half a file; removes the letter's older ones. A failed write
    /// leaves nothing behind.
    /// </summary>
    public async Task<string> SaveAsync(int letterId, string language, string key, Func<FileStream, Task> write)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathFor(letterId, language, key);
        var partial = path + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16))
                await write(file);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        foreach (var older in System.IO.Directory.EnumerateFiles(Directory, $"{Prefix(letterId, language)}*.pdf"))
        {
            // "letter-1-en-" also starts "letter-1-en-gb-…": only this language's names (32 hex digits and ".pdf") go.
            if (older == path || Path.GetFileName(older).Length != Prefix(letterId, language).Length + 36)
                continue;
            try
            {
                // A download still reading it keeps its open handle; the name goes now.
                File.Delete(older);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not remove the outdated PDF {File}.", Path.GetFileName(older));
            }
        }
        return path;
    }

    /// <summary>
    /// Removes what no request will ever read: files of letters that no longer exist (a restore or a
    /// reset of the database; the same id may later name another letter, whose keys differ), the
    /// older of two files left for one letter and language (two saves that raced), and half-written
    /// files a crash left behind (older than <paramref name="partialAge"/>, so a render finishing now
    /// keeps its own). Returns the names removed.
    /// </summary>
    public IReadOnlyList<string> Sweep(IReadOnlySet<int> letterIds, DateTime now, TimeSpan partialAge)
    {
        var removed = new List<string>();
        if (!System.IO.Directory.Exists(Directory))
            return removed;
        var kept = new Dictionary<(int, string), FileInfo>();
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles("letter-*"))
        {
            if (file.Name.EndsWith(".part", StringComparison.Ordinal))
            {
                if (now - file.LastWriteTimeUtc > partialAge)
                    Remove(file, removed);
                continue;
            }
            if (Parse(file.Name) is not { } owner)
                continue;
            if (!letterIds.Contains(owner.LetterId))
                Remove(file, removed);
            else if (!kept.TryGetValue(owner, out var other))
                kept[owner] = file;
            else
            {
                var (newer, older) = file.LastWriteTimeUtc > other.LastWriteTimeUtc ? (file, other) : (other, file);
                kept[owner] = newer;
                Remove(older, removed);
            }
        }
        return removed;
    }

    /// <summary>The letter and language a finished file's name holds ("letter-12-pt-br-" and 32 hex digits), or null for any other name.</summary>
    internal static (int LetterId, string Language)? Parse(string name)
    {
        var match = System.Text.RegularExpressions.Regex.Match(name, "^letter-([0-9]{1,9})-([A-Za-z]+(?:-[A-Za-z0-9]+)*)-[0-9a-f]{32}\\.pdf$");
        return match.Success ? (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value) : null;
    }

    private void Remove(FileInfo file, List<string> removed)
    {
        try
        {
            file.Delete();
            removed.Add(file.Name);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove the PDF file {File}.", file.Name);
        }
    }

    /// <summary>Forgets every file: for tests, whose emptied tables hand the same letter ids out again.</summary>
    public void Clear()
    {
        if (System.IO.Directory.Exists(Directory))
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "letter-*.pdf"))
                File.Delete(file);
    }

    // The language code is one of the app's own (letters only, checked on the way in), so it is safe in a name.
    private static string Prefix(int letterId, string language) => $"letter-{letterId}-{language}-";

    private string PathFor(int letterId, string language, string key) =>
        Path.Combine(Directory, Prefix(letterId, language)
            + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32] + ".pdf");
}
