using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using SignOnLetters.Web.Infrastructure.Email;

namespace SignOnLetters.Tests.Email;

/// <summary>The SMTP path (Mailpit in docker-compose, a real relay in production) against a minimal SMTP peer on loopback.</summary>
public sealed class SmtpDeliveryTests
{
    [Fact]
    public async Task Should_deliver_over_smtp_with_html_and_plain_text_parts_when_a_host_is_configured()
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        var sender = NewSender(server.Port);

        await sender.SendAsync(new EmailMessage("partner@example.org", "Sign our letter — подпишите", "<p>Please <a href=\"https://x.example/l/demo\">sign</a>.</p>"), CancellationToken.None);

        var message = Assert.Single(server.Messages);
        Assert.Equal("partner@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("letters@example.org", message.From.Mailboxes.Single().Address);
        Assert.Equal("Sign our letter — подпишите", message.Subject);
        Assert.Contains("<a href=\"https://x.example/l/demo\">sign</a>", message.HtmlBody);
        Assert.Equal("Please sign (https://x.example/l/demo).", message.TextBody?.Trim());
    }

    [Fact]
    public async Task Should_send_a_run_of_messages_over_one_connection_and_close_it_politely()
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        IMailTransport transport = NewSender(server.Port);

        await using (var session = await transport.OpenSessionAsync(CancellationToken.None))
        {
            foreach (var to in new[] { "a@example.org", "b@example.org", "c@example.org" })
                await session.SendAsync(new EmailMessage(to, "Please confirm your signature", "<p>x</p>"), CancellationToken.None);
        }

        Assert.Equal(["a@example.org", "b@example.org", "c@example.org"], server.Messages.Select(m => m.To.Mailboxes.Single().Address));
        Assert.Equal(1, server.Connections);
        Assert.Equal(1, server.Goodbyes);
    }

    [Fact]
    public async Task Should_open_a_connection_per_message_outside_a_session()
    {
        await using var server = await RecordingSmtpServer.StartAsync();
        IMailTransport transport = NewSender(server.Port);

        await transport.SendAsync(new EmailMessage("a@example.org", "One", "<p>x</p>"), CancellationToken.None);
        await transport.SendAsync(new EmailMessage("b@example.org", "Two", "<p>x</p>"), CancellationToken.None);

        Assert.Equal(2, server.Messages.Count);
        Assert.Equal(2, server.Connections);
    }

    private static MailKitEmailSender NewSender(int port) => new(Options.Create(new EmailOptions
    {
        From = "SignOnLetters <letters@example.org>",
        PickupDirectory = Path.Combine(Path.GetTempPath(), $"never-{Guid.NewGuid():N}"),
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = "None" },
    }), NullLogger<MailKitEmailSender>.Instance);

    /// <summary>Just enough SMTP (RFC 5321) to accept messages and keep them.</summary>
    private sealed class RecordingSmtpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private Task _accepting = Task.CompletedTask;

        public List<MimeMessage> Messages { get; } = [];
        public int Connections { get; private set; }
        public int Goodbyes { get; private set; }
        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static Task<RecordingSmtpServer> StartAsync()
        {
            var server = new RecordingSmtpServer();
            server._listener.Start();
            server._accepting = server.AcceptAsync();
            return Task.FromResult(server);
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    Connections++;
                    await ServeAsync(client.GetStream());
                }
            }
            catch (OperationCanceledException) { }
            catch (SocketException) { }
        }

        private async Task ServeAsync(NetworkStream stream)
        {
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 test ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-test");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go ahead");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..") ? dataLine[1..] : dataLine).Append("\r\n");
                        Messages.Add(MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(data.ToString()))));
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "QUIT":
                        Goodbyes++;
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _accepting;
        }
    }
}
