using System.Security.Cryptography;
using System.Text;

namespace SignOnLetters.Web.Infrastructure.Security;

/// <summary>
/// Tokens for links sent by e-mail (invitations, confirmations, withdrawals): 256 random bits,
/// URL-safe, and stored only as their SHA-256 hash so a copy of the database opens nothing.
/// </summary>
public static class SecureToken
{
    private const int TokenBytes = 32;

    public static (string Token, string Hash) Create()
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));
        return (token, Hash(token));
    }

    /// <summary>The lookup key for a token from a link; malformed input hashes to a key that matches nothing.</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A cheap shape check before any database work, so junk in a link costs nothing.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
