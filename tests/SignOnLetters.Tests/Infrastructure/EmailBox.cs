using System.Text.RegularExpressions;
using MimeKit;

using SignOnLetters.Web.Infrastructure.Email;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>
/// Reads the .eml files the app wrote to its pickup directory, as a recipient would. Confirmation
/// e-mails leave after the answer (ConfirmationMailer): <paramref name="settle"/> waits until the
/// app has sent what it queued, so a read right after a request sees that request's e-mail.
/// </summary>
public sealed partial class EmailBox(string directory, Action? settle = null)
{
    public IReadOnlyList<MimeMessage> All()
    {
        settle?.Invoke();
        return Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
            : [];
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        All().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public MimeMessage LatestTo(string address) =>
        To(address).LastOrDefault() ?? throw new Xunit.Sdk.XunitException($"No e-mail was sent to {address}.");

    /// <summary>The links in a message's HTML body, decoded.</summary>
    public static IReadOnlyList<string> Links(MimeMessage message) =>
        HrefPattern().Matches(message.HtmlBody ?? string.Empty)
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
            .ToList();

    public static string LinkContaining(MimeMessage message, string fragment) =>
        Links(message).FirstOrDefault(l => l.Contains(fragment, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No link containing '{fragment}' in '{message.Subject}'.");

    [GeneratedRegex("href=[\"']([^\"']+)[\"']")]
    private static partial Regex HrefPattern();
}
