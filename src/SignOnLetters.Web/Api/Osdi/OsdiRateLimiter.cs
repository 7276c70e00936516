using System.Security.Cryptography;
using System.Threading.RateLimiting;
using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Web.Api.Osdi;

public sealed class OsdiRateLimitOptions
{
    public const string Section = "Osdi:RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests per key per minute: a CRM syncing a large letter page by page stays well under it.</summary>
    public int PermitsPerKeyPerMinute { get; set; } = 120;
}

/// <summary>
/// A limit per presented API key, counted before the key is looked up, so a refusal reads and takes
/// the same whether or not the key exists (a stranger learns nothing about keys from it). The
/// partition is a hash of the header's value: tokens are not kept in memory.
/// </summary>
public sealed class OsdiRateLimiter(IOptions<OsdiRateLimitOptions> options) : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _perKey = SigningRateLimiter.Window(options.Value.PermitsPerKeyPerMinute, Window);

    /// <summary>True when the request may go (and counts it).</summary>
    public bool TryAcquire(string? presentedKey)
    {
        if (!options.Value.Enabled)
            return true;
        var partition = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presentedKey ?? "")));
        using var lease = _perKey.AttemptAcquire(partition);
        return lease.IsAcquired;
    }

    public void Dispose() => _perKey.Dispose();
}
