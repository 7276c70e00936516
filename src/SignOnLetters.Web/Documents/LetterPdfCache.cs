using Microsoft.Extensions.Caching.Memory;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// Generated letter PDFs, keyed by everything that changes them. A cache of its own (not the shared
/// IMemoryCache) so its size limit binds only PDFs: 256 MB at most, least recently used first out.
/// Derived data only: losing it costs one regeneration.
/// </summary>
public sealed class LetterPdfCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 256L * 1024 * 1024 });

    /// <summary>The cached PDF, or a newly generated one (its inputs are only read on a miss).</summary>
    public async Task<byte[]> GetOrAddAsync(string key, Func<Task<byte[]>> generate)
    {
        if (_cache.TryGetValue(key, out byte[]? cached) && cached is not null)
            return cached;
        var bytes = await generate();
        _cache.Set(key, bytes, new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        return bytes;
    }

    public void Dispose() => _cache.Dispose();
}
