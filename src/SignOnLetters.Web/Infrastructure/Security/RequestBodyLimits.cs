using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace SignOnLetters.Web.Infrastructure.Security;

/// <summary>
/// Request bodies the app would otherwise choke on before any of its own code runs:
/// <list type="bullet">
/// <item>A body larger than its endpoint accepts is answered 413 before anything reads it, and the
/// error page says plainly that it was too large. Without this the server notices only while the
/// form is read, and that failure came out as a 500 (or, under the antiforgery check, a bare 400).
/// Bodies that announce no length are cut off by the server at the same limit; that exception is
/// answered 413 too (<see cref="Database.DatabaseUnavailable.StatusCodeFor"/>).</item>
/// <item>ASP.NET Core's form reader refuses a whole form with <c>%00</c> in it, so binding fails and
/// the page answered 404 for want of its route values. Each <c>%00</c> is read as U+FFFD instead,
/// the character that stands for what could not be read, which the request check turns into an
/// error on that very field (<see cref="Mediation.ReadableTextBehaviour{TMessage, TResponse}"/>).</item>
/// </list>
/// </summary>
public static class RequestBodyLimits
{
    /// <summary>Kestrel's own default, the limit of every endpoint that names none.</summary>
    public const long DefaultMaxBytes = 30_000_000;

    private static readonly byte[] EncodedNull = "%00"u8.ToArray();

    /// <summary>After routing: the endpoint's <c>[RequestSizeLimit]</c> is its metadata.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // The error page, re-executed for this request, is not held to the limit again.
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && context.Features.Get<IExceptionHandlerFeature>() is null)
            {
                var limit = LimitFor(context);
                if (context.Request.ContentLength is { } length && length > (limit ?? long.MaxValue))
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }
                // The endpoint's own limit, set now rather than by MVC's filter later: the form check
                // below may read the body first, and a body that announced no length must stop there.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
                    server.MaxRequestBodySize = limit;
                if (IsUrlEncodedForm(context.Request))
                    await ReadNullCharactersAsUnreadableAsync(context.Request);
            }
            await next(context);
        });

    private static long? LimitFor(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } endpointLimit)
            return endpointLimit.MaxRequestBodySize;
        return context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? DefaultMaxBytes;
    }

    private static bool IsUrlEncodedForm(HttpRequest request) =>
        request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    private static async Task ReadNullCharactersAsUnreadableAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        var bytes = copy.GetBuffer().AsSpan(0, (int)copy.Length);
        if (bytes.IndexOf(EncodedNull) < 0)
            return;
        // Latin-1 maps each byte to one char and back, so nothing else in the body changes.
        var rewritten = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(bytes).Replace("%00", "%EF%BF%BD", StringComparison.Ordinal));
        request.Body = new MemoryStream(rewritten, writable: false);
        request.ContentLength = rewritten.Length;
    }
}
