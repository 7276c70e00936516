using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>
/// The one transport under both e-mail queues (<see cref="IEmailQueue"/>): the in-memory queue
/// (confirmations, account e-mails, invitations) and the outbox (deliveries, updates and notices, with
/// attachments and List-Unsubscribe headers). Builds a MIME message with HTML and plain-text parts
/// and either sends it over SMTP (MailKit) or drops it into the pickup directory.
/// </summary>
public sealed partial class MailKitEmailSender(IOptions<EmailOptions> options, ILogger<MailKitEmailSender> logger) : IMailTransport
{
    private readonly IOptions<EmailOptions> _options = options;
    private readonly ILogger _logger = logger;

    public async Task SendAsync(EmailMessage email, CancellationToken cancellationToken)
    {
        await using var session = new Session(this);
        await session.SendAsync(email, cancellationToken);
    }

    public Task<IMailSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IMailSession>(new Session(this));

    private MimeMessage Build(EmailMessage email)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_options.Value.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        if (email.ReplyTo is { } replyTo)
            message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        var body = new BodyBuilder { HtmlBody = email.HtmlBody, TextBody = ToPlainText(email.HtmlBody) };
        foreach (var attachment in email.Attachments ?? [])
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        message.Body = body.ToMessageBody();
        if (email.ListUnsubscribeUrl is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail clients offer one-click unsubscribe, POSTing to the link.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }

    /// <summary>
    /// Messages in a row: over SMTP the connection is opened for the first message and kept for the
    /// rest (reconnecting if the server dropped it meanwhile), then closed with QUIT.
    /// </summary>
    private sealed class Session(MailKitEmailSender sender) : IMailSession
    {
        private SmtpClient? _smtp;

        public async Task SendAsync(EmailMessage email, CancellationToken cancellationToken)
        {
            var settings = sender._options.Value;
            var message = sender.Build(email);
            if (string.IsNullOrWhiteSpace(settings.Smtp.Host))
                await WriteToPickupDirectoryAsync(message, settings.PickupDirectory, cancellationToken);
            else
                await (await ConnectedAsync(settings.Smtp, cancellationToken)).SendAsync(message, cancellationToken);
            // The subject only: recipients' addresses stay out of logs.
            sender._logger.LogInformation("Sent e-mail {Subject}", email.Subject);
        }

        private async Task<SmtpClient> ConnectedAsync(SmtpOptions smtp, CancellationToken cancellationToken)
        {
            if (_smtp is { IsConnected: true })
                return _smtp;
            _smtp?.Dispose();
            _smtp = new SmtpClient();
            var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.Auto;
            await _smtp.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
                await _smtp.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
            return _smtp;
        }

        public async ValueTask DisposeAsync()
        {
            if (_smtp is null)
                return;
            try
            {
                if (_smtp.IsConnected)
                    await _smtp.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException)
            {
                // Every message was already accepted; a failed goodbye loses nothing.
                sender._logger.LogDebug(ex, "Closing the SMTP connection failed");
            }
            _smtp.Dispose();
        }
    }

    private static async Task WriteToPickupDirectoryAsync(MimeMessage message, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        // Time-ordered names let a reader (and a test) take the newest message for an address.
        var name = $"{DateTime.UtcNow:yyyyMMddTHHmmssfffffff}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(directory, name + ".tmp");
        await message.WriteToAsync(temporary, cancellationToken);
        // Renamed when complete, so a reader never sees half a message.
        File.Move(temporary, Path.Combine(directory, name));
    }

    /// <summary>A readable text part for mail clients that show no HTML: a blank line between paragraphs (as
    /// one would type them), links kept as "text (url)" (or the bare address when it is its own text), and the
    /// HTML's isolated values (<c>bdi</c>) isolated with Unicode's marks instead (<see cref="Bidi.Isolate"/>).</summary>
    internal static string ToPlainText(string html)
    {
        var text = IsolatePattern().Replace(html, m => Bidi.Isolate(m.Groups["text"].Value));
        // Every signer's confirmation goes through here: compared and joined as spans, the link's
        // parts are not copied out first, and block ends take one pass (each pass copies the body).
        text = LinkPattern().Replace(text, static m =>
        {
            var linkText = m.Groups["text"].ValueSpan;
            var href = m.Groups["href"].ValueSpan;
            return linkText.SequenceEqual(href) ? href.ToString() : string.Concat(linkText, " (", href, ")");
        });
        text = BlockEndPattern().Replace(text, static m => m.Groups["paragraph"].Success ? "\n\n" : "\n");
        text = TagPattern().Replace(text, string.Empty);
        text = System.Net.WebUtility.HtmlDecode(text).Trim();
        // Nested blocks (a paragraph inside a div) end together: one blank line between paragraphs, never more.
        return ExtraBlankLinesPattern().Replace(text, "\n\n");
    }

    /// <summary>A paragraph's or heading's end (group <c>paragraph</c>: a blank line), or a line break, a division's or list item's end (a line break).</summary>
    [GeneratedRegex("<\\s*(?:/(?<paragraph>p|h[1-6])\\s*>|(?:br|/div|/li)\\s*/?>)", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEndPattern();

    [GeneratedRegex("\n{3,}")]
    private static partial Regex ExtraBlankLinesPattern();

    [GeneratedRegex("<a\\s[^>]*href=[\"'](?<href>[^\"']*)[\"'][^>]*>(?<text>.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("<bdi>(?<text>.*?)</bdi>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex IsolatePattern();
}
