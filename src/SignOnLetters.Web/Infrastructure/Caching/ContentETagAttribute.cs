using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace SignOnLetters.Web.Infrastructure.Caching;

/// <summary>
/// A validator for pages that change when their data does: the ETag is a hash of the HTML itself,
/// so it is right whatever changed (a signature, a translation, the layout after a release), and a
/// reader's reload that finds nothing new costs a 304 and no download. Weak, because compression
/// changes the bytes on the wire but not the page. <c>Cache-Control: no-cache</c> lets browsers keep
/// the page but ask each time. The output cache stores the header with the page and answers
/// <c>If-None-Match</c> itself on later hits.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ContentETagAttribute : Attribute, IAsyncResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            await next();
            return;
        }
        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.Response.StatusCode != StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, http.RequestAborted);
            return;
        }
        var hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        var etag = new EntityTagHeaderValue($"\"{Convert.ToBase64String(hash, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"", isWeak: true);
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = "no-cache";
        // The page depends on the reader's language, chosen by cookie or browser.
        http.Response.Headers.Append(HeaderNames.Vary, "Accept-Language, Cookie");
        // When the output cache is storing this answer it needs the whole page, and it answers this
        // and later conditional requests itself; a 304 here would leave the cache empty for as long
        // as only reloads arrive.
        var storing = http.Features.Get<IOutputCacheFeature>()?.Context.AllowCacheStorage == true;
        if (!storing && EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var requested)
            && requested.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            http.Response.ContentLength = null;
            return;
        }
        http.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    }
}
