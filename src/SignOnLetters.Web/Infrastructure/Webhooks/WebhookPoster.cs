using System.Net;
using System.Net.Sockets;
using System.Text;
using SignOnLetters.Domain.Mailings;

namespace SignOnLetters.Web.Infrastructure.Webhooks;

/// <summary>
/// Delivers one webhook outbox row: a signed POST of its payload with a short timeout, never
/// following a redirect (a 3xx is a failure: a receiver could otherwise send us to an internal
/// address), connecting only to addresses <see cref="WebhookAddress"/> allows and through no proxy.
/// Anything but a 2xx throws, and the outbox sender retries with back-off.
/// </summary>
public sealed class WebhookPoster : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly WebhookSecrets _secrets;

    public WebhookPoster(IOptions<WebhookOptions> options, TimeProvider clock, WebhookSecrets secrets)
    {
        _clock = clock;
        _secrets = secrets;
        var allowLoopback = options.Value.AllowLoopbackHttp;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context, allowLoopback, cancellationToken),
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds)) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("SignOnLetters-Webhooks/1");
    }

    public async Task SendAsync(AppDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var webhook = await db.OrganisationWebhooks.AsNoTracking().SingleAsync(w => w.Id == message.WebhookId, cancellationToken);
        if (!webhook.IsActive)
            throw new WebhookDeliveryException("The webhook was removed.");
        var body = message.Payload ?? "{}";
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(_secrets.Read(webhook.ProtectedSecret), timestamp, body));
        request.Headers.Add(WebhookSignature.EventIdHeader, message.EventId?.ToString());
        request.Headers.Add(WebhookSignature.EventTypeHeader, message.Subject);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new WebhookDeliveryException($"HTTP {(int)response.StatusCode}");
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowLoopback, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => WebhookAddress.IsAllowed(a, allowLoopback)).ToList();
        if (allowed.Count == 0)
            throw new WebhookDeliveryException("The webhook's host resolves only to private or local network addresses.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A delivery the receiver refused or could not take: retried by the outbox sender, its message shown to the coordinators.</summary>
public sealed class WebhookDeliveryException(string message) : Exception(message);
