using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SignOnLetters.Web.Api.Osdi;

/// <summary>
/// Organisations' API keys: <c>sol_{id}_{secret}</c>, the secret 256 random bits (<see cref="SecureToken"/>).
/// The id finds the row; the secret's SHA-256 is then compared with the stored hash in constant time
/// (<see cref="CryptographicOperations.FixedTimeEquals"/>), so response time says nothing about how
/// much of a guess was right. An unknown id costs the same hash and comparison against a dummy hash.
/// </summary>
public static partial class OsdiApiKeys
{
    /// <summary>The OSDI convention for sending a key.</summary>
    public const string Header = "OSDI-API-Token";

    private static readonly byte[] DummyHash = SHA256.HashData("no key has this id"u8);

    [GeneratedRegex(@"\Asol_(?<id>[1-9][0-9]{0,8})_(?<secret>[A-Za-z0-9_-]{43})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>A new key's secret part and its hash, and the key as given to the coordinators once.</summary>
    public static (string Secret, string Hash) NewSecret() => SecureToken.Create();

    public static string Format(int keyId, string secret) => $"sol_{keyId}_{secret}";

    /// <summary>The organisation whose live key this is, or null (missing, malformed, unknown, wrong or revoked alike).</summary>
    public static async Task<int?> OrganisationOfAsync(AppDbContext db, string? presented, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (presented is null || presented.Length > 80 || Shape().Match(presented) is not { Success: true } match)
            return null;
        var id = int.Parse(match.Groups["id"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        var key = await db.OrganisationApiKeys.AsNoTracking().Where(k => k.Id == id)
            .Select(k => new { k.OrganisationId, k.SecretHash, k.RevokedAt, k.LastUsedAt })
            .SingleOrDefaultAsync(cancellationToken);
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(match.Groups["secret"].Value));
        var storedHash = key is null ? DummyHash : Convert.FromHexString(key.SecretHash);
        var matches = CryptographicOperations.FixedTimeEquals(presentedHash, storedHash);
        if (key is null || !matches || key.RevokedAt is not null)
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        // Written at most once a minute per key: a busy integration does not turn reads into writes.
        if (key.LastUsedAt is null || key.LastUsedAt < now.AddMinutes(-1))
            await db.OrganisationApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        return key.OrganisationId;
    }
}
