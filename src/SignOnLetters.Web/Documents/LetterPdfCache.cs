using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// Generated letter PDFs below the background threshold (larger ones are files, <see cref="LetterPdfFiles"/>), keyed by everything that changes them. A cache of its own (not the shared
/// IMemoryCache) so its size limit binds only PDFs: 256 MB at most, least recently used first out.
/// Derived data only: losing it costs one regeneration. It also remembers, per letter and language,
/// which scripts the latest generation lacked a font for, so the coordinators' status page can say so.
/// </summary>
public sealed class LetterPdfCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 256L * 1024 * 1024 });
    private readonly ConcurrentDictionary<(int LetterId, string Language), IReadOnlyList<MissingScript>> _missingScripts = new();

    /// <summary>The cached PDF, or a newly generated one (its inputs are only read on a miss).</summary>
    public async Task<GeneratedPdf> GetOrAddAsync(int letterId, string language, string key, Func<Task<GeneratedPdf>> generate)
    {
        if (_cache.TryGetValue(key, out GeneratedPdf? cached) && cached is not null)
            return cached;
        var pdf = await generate();
        _cache.Set(key, pdf, new MemoryCacheEntryOptions { Size = pdf.Bytes.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        RememberMissingScripts(letterId, language, pdf.MissingScripts);
        return pdf;
    }

    /// <summary>Notes what the latest PDF of a language version lacked a font for (also for those made in the background and kept on disk).</summary>
    public void RememberMissingScripts(int letterId, string language, IReadOnlyList<MissingScript> missing)
    {
        if (missing.Count > 0)
            _missingScripts[(letterId, language)] = missing;
        else
            _missingScripts.TryRemove((letterId, language), out _);
    }

    /// <summary>Scripts the latest PDF of each language version lacked a font for; empty when none or never generated here.</summary>
    public IReadOnlyList<(string Language, MissingScript Script)> MissingScriptsOf(int letterId) =>
        _missingScripts.Where(entry => entry.Key.LetterId == letterId)
            .OrderBy(entry => entry.Key.Language, StringComparer.Ordinal)
            .SelectMany(entry => entry.Value.Select(script => (entry.Key.Language, script)))
            .ToList();

    /// <summary>Forgets every PDF: for tests, whose emptied tables hand the same letter ids out again.</summary>
    public void Clear()
    {
        _cache.Clear();
        _missingScripts.Clear();
    }

    public void Dispose() => _cache.Dispose();
}
