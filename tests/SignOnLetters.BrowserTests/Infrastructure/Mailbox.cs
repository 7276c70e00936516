using System.Text.RegularExpressions;
using MimeKit;

namespace SignOnLetters.BrowserTests.Infrastructure;

/// <summary>The app's pickup directory read as an inbox: the newest message to an address, and its links.</summary>
public static partial class Mailbox
{
    public static async Task<MimeMessage> WaitForMessageAsync(string directory, string to, string subjectContains, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            if (Directory.Exists(directory))
            {
                var message = Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal).Reverse()
                    .Select(file => MimeMessage.Load(file))
                    .FirstOrDefault(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase))
                                         && (m.Subject ?? string.Empty).Contains(subjectContains, StringComparison.OrdinalIgnoreCase));
                if (message is not null)
                    return message;
            }
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"No e-mail '{subjectContains}' reached {to}.");
            await Task.Delay(200);
        }
    }

    public static string Link(MimeMessage message, string contains) =>
        HrefPattern().Matches(message.HtmlBody ?? string.Empty)
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
            .FirstOrDefault(l => l.Contains(contains, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No link with '{contains}' in '{message.Subject}'.");

    [GeneratedRegex("href=[\"']([^\"']+)[\"']")]
    private static partial Regex HrefPattern();
}
