using System.Text.RegularExpressions;
using MimeKit;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>Reads the .eml files the app wrote to its pickup directory, as a recipient would.</summary>
public sealed partial class EmailBox(string directory)
{
    public IReadOnlyList<MimeMessage> All() =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
            : [];

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
