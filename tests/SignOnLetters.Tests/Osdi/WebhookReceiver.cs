using System.Net;
using System.Net.Sockets;
using SignOnLetters.Web.Infrastructure.Webhooks;

namespace SignOnLetters.Tests.Osdi;

/// <summary>
/// A partner's webhook endpoint on this machine's loopback, as a partner would write it: checks the
/// signature with the secret, answers the statuses it was told to (then 200), and accepts each event
/// id once (a repeat is answered 200 and dropped).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<(int Status, string? Location)> _answers;
    private readonly Task _loop;

    public sealed record Received(string Path, string Body, string? Timestamp, string? Signature, string? EventId, string? EventType, bool Verified, int AnsweredWith);

    public string Url { get; }
    public string? Secret { get; set; }
    public List<Received> Requests { get; } = [];
    public List<string> Accepted { get; } = [];

    private WebhookReceiver(IEnumerable<(int, string?)> answers)
    {
        _answers = new Queue<(int, string?)>(answers);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <param name="answers">The statuses of the first requests (with a Location for a redirect); 200 after them.</param>
    public static WebhookReceiver Start(params (int Status, string? Location)[] answers) => new(answers);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers;
            var verified = Secret is not null && WebhookSignature.Verify(Secret, headers[WebhookSignature.TimestampHeader], body, headers[WebhookSignature.SignatureHeader]);
            var (status, location) = !verified ? (401, null) : _answers.Count > 0 ? _answers.Dequeue() : (200, null);
            var eventId = headers[WebhookSignature.EventIdHeader];
            lock (Requests)
            {
                Requests.Add(new Received(context.Request.Url!.AbsolutePath, body, headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader],
                    eventId, headers[WebhookSignature.EventTypeHeader], verified, status));
                if (status == 200 && eventId is not null && !Accepted.Contains(eventId))
                    Accepted.Add(eventId);
            }
            context.Response.StatusCode = status;
            if (location is not null)
                context.Response.RedirectLocation = location;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
    }
}
