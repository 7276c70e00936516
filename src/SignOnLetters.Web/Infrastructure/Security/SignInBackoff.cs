using System.Collections.Concurrent;

namespace SignOnLetters.Web.Infrastructure.Security;

/// <summary>
/// Wrong passwords slow down the network they come from, for the account they name, instead of
/// locking the account: a hard lockout let any stranger who knew a coordinator's address keep them
/// out for 15 minutes at a time, again and again. Five failures are free (a person mistyping); each
/// one after that makes that account wait, from that network only, twice as long as the last time
/// (30 seconds, a minute, two, … up to 15 minutes). The account holder signing in from anywhere else
/// is not touched. Unknown addresses are counted exactly like known ones, so the wait says nothing
/// about whether an account exists. In memory, per app instance, like the other limits.
/// </summary>
public sealed class SignInBackoff(TimeProvider clock)
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    // Entries of networks that stopped trying are dropped once there are many (an attacker's spread).
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    /// <param name="account">The name typed (case does not matter).</param>
    /// <param name="network">The client's network (<see cref="ClientNetwork.LimitKey"/>).</param>
    public static string Key(string account, string network) => $"{account.Trim().ToUpperInvariant()}|{network}";

    /// <summary>True while this account must wait before another attempt from this network.</summary>
    public bool MustWait(string key) =>
        _failures.TryGetValue(key, out var failures) && failures.WaitUntil > clock.GetUtcNow();

    public void Failed(string key)
    {
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(key, _ => new Failures(1, now, DateTimeOffset.MinValue), (_, previous) =>
        {
            var count = previous.Count + 1;
            var wait = count < FreeFailures ? TimeSpan.Zero
                : TimeSpan.FromTicks(Math.Min(FirstWait.Ticks << Math.Min(count - FreeFailures, 10), LongestWait.Ticks));
            return new Failures(count, now, now + wait);
        });
        if (_failures.Count > PruneAbove)
            Prune(now);
    }

    public void Succeeded(string key) => _failures.TryRemove(key, out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (now - failures.Last > TimeSpan.FromDays(1))
                _failures.TryRemove(key, out _);
        }
    }

    private sealed record Failures(int Count, DateTimeOffset Last, DateTimeOffset WaitUntil);
}
