using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace SignOnLetters.Web.Infrastructure.Markdown;

/// <summary>The safe HTML of a text and its plain text (for descriptions and share cards).</summary>
public sealed record RenderedText(string Html, string PlainText);

/// <summary>
/// Renders each letter text (a version's language text, an update) once per app instance: keyed by
/// the text itself, so nothing in the request (query string, cookies, language) can make a reader's
/// request render it again, and a slow text costs its render once, not once per request. Concurrent
/// first readers wait for the one render. Bounded: least recently used texts are dropped.
/// </summary>
public sealed class RenderedMarkdown : IDisposable
{
    // In characters of Markdown (each rendered text is at most a small multiple of its source).
    private const long CacheSizeLimit = 32 * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CacheSizeLimit });
    private readonly Lock _gate = new();
    private long _renders;

    /// <summary>How many texts this instance rendered (not served from its cache); tests read it.</summary>
    public long Renders => Interlocked.Read(ref _renders);

    public RenderedText Of(string markdown)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));
        Lazy<RenderedText>? entry;
        lock (_gate)
        {
            if (!_cache.TryGetValue(key, out entry) || entry is null)
            {
                entry = new Lazy<RenderedText>(() =>
                {
                    Interlocked.Increment(ref _renders);
                    return LetterMarkdown.Render(markdown);
                });
                _cache.Set(key, entry, new MemoryCacheEntryOptions { Size = Math.Max(1, markdown.Length), SlidingExpiration = TimeSpan.FromDays(1) });
            }
        }
        return entry.Value;
    }

    public void Dispose() => _cache.Dispose();
}
