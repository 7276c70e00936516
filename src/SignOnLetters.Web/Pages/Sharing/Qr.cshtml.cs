using QRCoder;

namespace SignOnLetters.Web.Pages.Sharing;

/// <summary>
/// <c>GET /letters/{slug}/qr.png</c> and <c>/qr.svg</c>: the QR code of the letter's short link, for
/// its editors to put on a poster (PNG) or in print and slides at any size (SVG).
/// </summary>
public class Qr(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, string format, CancellationToken cancellationToken)
    {
        var code = await mediator.Send(new Query(slug, format), cancellationToken);
        Response.Headers.CacheControl = "private, max-age=3600";
        return File(code.Bytes, code.ContentType, $"{slug}-qr.{format}");
    }

    public sealed record Query(string Slug, string Format) : IQuery<QrFile>, ILetterEditorRequest;

    public sealed record QrFile(byte[] Bytes, string ContentType);

    public sealed class QueryHandler(AppDbContext db, IPublicUrls urls) : IQueryHandler<Query, QrFile>
    {
        public async ValueTask<QrFile> Handle(Query query, CancellationToken cancellationToken)
        {
            var shortCode = await db.Letters.AsNoTracking().Where(l => l.Slug == query.Slug).Select(l => l.ShortCode).SingleAsync(cancellationToken);
            var link = urls.Absolute($"/l/{shortCode}");
            // Level Q restores a quarter of the code: a poster survives a fold, a stain or a staple.
            using var data = new QRCodeGenerator().CreateQrCode(link, QRCodeGenerator.ECCLevel.Q);
            return query.Format == "svg"
                ? new QrFile(System.Text.Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(8)), "image/svg+xml")
                : new QrFile(new PngByteQRCode(data).GetGraphic(16), "image/png");
        }
    }
}
