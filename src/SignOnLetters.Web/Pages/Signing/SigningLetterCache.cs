using System.Collections.Concurrent;
using System.Diagnostics;
using SignOnLetters.Web.Pages.Letters;

using SignOnLetters.Web.Infrastructure.Caching;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// The signing terms of open letters (status, who may sign, moderation, latest version), which
/// every signature needs and which change a handful of times in a letter's life. Kept for a second,
/// and dropped at once when this process saves a change to the letter (<see cref="LetterChanges"/>);
/// another process's change (a coordinator closing the letter there) is seen within the second.
/// At a thousand signatures a second this saves a thousand queries.
/// </summary>
public sealed class SigningLetterCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (LetterForSigning Letter, long Expires)> _entries = new(StringComparer.Ordinal);

    public SigningLetterCache(LetterChanges changes) =>
        changes.Subscribe(letterIds =>
        {
            foreach (var entry in _entries)
            {
                if (letterIds.Contains(entry.Value.Letter.Terms.LetterId))
                    _entries.TryRemove(entry);
            }
            return ValueTask.CompletedTask;
        });

    /// <summary>Forgets everything (for tests that empty the database behind the app's back).</summary>
    public void Clear() => _entries.Clear();

    internal async Task<LetterForSigning> FindAsync(AppDbContext db, string slug, CancellationToken cancellationToken)
    {
        if (!LetterSlug.IsWellFormed(slug))
            return await LetterForSigning.FindAsync(db, slug, cancellationToken);
        var now = Stopwatch.GetTimestamp();
        if (_entries.TryGetValue(slug, out var cached) && cached.Expires > now)
            return cached.Letter;
        // Unknown or draft letters throw here and are never cached.
        var letter = await LetterForSigning.FindAsync(db, slug, cancellationToken);
        if (_entries.Count >= MaxEntries)
            _entries.Clear();
        _entries[slug] = (letter, now + (long)(Lifetime.TotalSeconds * Stopwatch.Frequency));
        return letter;
    }
}
