using System.Net;
using System.Net.Http.Headers;

namespace SignOnLetters.Benchmarks.Load;

/// <summary>
/// Readers of the public letter page, as a browser asks for it (compressed, in English): full
/// answers, and revalidation with the ETag of the page already held (what a reload does).
/// </summary>
internal sealed class PublicPageLoad(IReadOnlyList<Uri> apps, string slug, int concurrency)
{
    private readonly HttpClient[] _clients = Enumerable.Range(0, concurrency).Select(i => Reader(apps[i % apps.Count])).ToArray();
    private EntityTagHeaderValue? _etag;
    private long _bytes;
    private string? _encoding;
    private string? _cacheControl;

    private static HttpClient Reader(Uri app)
    {
        var client = SigningLoad.NewClient(app);
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    public async Task PrimeAsync()
    {
        using var response = await _clients[0].GetAsync($"/letters/{slug}");
        response.EnsureSuccessStatusCode();
        _bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
        _etag = response.Headers.ETag;
        _encoding = string.Join(",", response.Content.Headers.ContentEncoding);
        _cacheControl = response.Headers.CacheControl?.ToString();
    }

    public string Describe() =>
        $"{_bytes:N0} bytes ({(_encoding is { Length: > 0 } ? _encoding : "not compressed")}), ETag {(_etag?.ToString() ?? "none")}, Cache-Control {(_cacheControl ?? "none")}";

    public async Task<bool> GetAsync(int worker, long _, CancellationToken cancellationToken)
    {
        using var response = await _clients[worker].GetAsync($"/letters/{slug}", cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    public async Task<bool> RevalidateAsync(int worker, long _, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/letters/{slug}");
        if (_etag is not null)
            request.Headers.IfNoneMatch.Add(_etag);
        using var response = await _clients[worker].SendAsync(request, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        // A 200 is right too: the first reload after the cached page expired gets the whole page,
        // which refills the cache for the others.
        return response.StatusCode is HttpStatusCode.NotModified or HttpStatusCode.OK;
    }
}
