using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// Signers often read on phones over slow connections: every text response is compressed, and our
/// few static files are cached for a year when their URL carries the content hash (asp-append-version).
/// The classic static-file middleware is used rather than MapStaticAssets, which serves empty
/// precompressed files when a build (not a publish) runs outside Development.
/// </summary>
public static class StaticFilesAndCompression
{
    public static IServiceCollection AddAppResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Pages carry no secrets that an attacker could also inject next to (BREACH): tokens
            // live in cookies and hidden fields of forms the attacker cannot read. Accepted risk.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "application/problem+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UseAppStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var versioned = context.Context.Request.Query.ContainsKey("v");
                context.Context.Response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600";
            },
        });
}
