using System.Security.Cryptography;
using System.Text;

namespace SignOnLetters.Web.Infrastructure.Webhooks;

/// <summary>
/// How a delivery is signed, so the receiver can check it came from us and was not replayed:
/// <c>X-SignOnLetters-Signature: sha256=</c> hex HMAC-SHA256, keyed with the webhook's secret, of
/// the <c>X-SignOnLetters-Timestamp</c> (Unix seconds), a full stop, and the body's bytes.
/// Receivers compare in constant time and refuse timestamps more than five minutes off.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-SignOnLetters-Signature";
    public const string TimestampHeader = "X-SignOnLetters-Timestamp";
    public const string EventIdHeader = "X-SignOnLetters-Event-Id";
    public const string EventTypeHeader = "X-SignOnLetters-Event";

    public static string Sign(string secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + body)));

    /// <summary>The receiver's check (what partners implement; our tests use it).</summary>
    public static bool Verify(string secret, string? timestamp, string body, string? signature) =>
        timestamp is not null && signature is not null && long.TryParse(timestamp, out var seconds)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, seconds, body)), Encoding.ASCII.GetBytes(signature));
}
