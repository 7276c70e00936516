using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Memory;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>How page boundary tables are kept (<see cref="PageBoundaries"/>), from the "Lists:PageBoundaries" section.</summary>
public sealed class PageBoundaryOptions
{
    public const string Section = "Lists:PageBoundaries";

    /// <summary>Pages at least this many pages from both ends of a list are reached from a boundary; nearer ones count from the nearer end.</summary>
    public int FromDepth { get; set; } = ListCursors.ShallowPages;

    /// <summary>
    /// A table is scanned again at most this often per list, however busy it is; until then a table
    /// built before a change is still used, so a page by number may start up to this many seconds'
    /// worth of changes away from where a fresh count would start it (never with a row the list does
    /// not show: each page is read through the list's own rule).
    /// </summary>
    public TimeSpan RebuildAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A table is scanned again after this long even when the list's length has not changed (a signature withdrawn and another given).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The tables of all lists together (8 bytes a page for the public list: 160 KB for 1,000,000 signatories).</summary>
    public long MemoryLimitBytes { get; set; } = 32L * 1024 * 1024;
}

/// <summary>
/// Where each page of a long list starts, so that a page by its number is a seek like the pager's
/// "Next" link (issue 20, ADR 0025) instead of counting past every index entry before it (an OFFSET
/// of ~500,000 entries for the middle of 1,000,000 signatories: 132 ms). One scan of the list's keys
/// in its order keeps the last key of every page; page N then starts after the key that ends page N-1.
/// <para>
/// A table holds while the list's length (from the tallies) is the one it was built at and it is
/// younger than <see cref="PageBoundaryOptions.MaxAge"/>: then its pages are exactly those the
/// "Next" links walk to. After a change it is still used for up to
/// <see cref="PageBoundaryOptions.RebuildAfter"/> (a busy letter is not scanned on every request),
/// then built again when a request needs it. Tables are built in the background, in a scope of their
/// own, one at a time in the process: the request that asks for one, and any request while it is
/// being built, counts from the nearer end as before; none waits for a scan (650–870 ms of CPU for
/// 900,000 listed signatories on SQLite, seconds of wall time on a busy machine). The tables live in
/// a memory cache with a size limit, dropped when unused for <see cref="PageBoundaryOptions.MaxAge"/>.
/// </para>
/// </summary>
public sealed class PageBoundaries(
    IServiceScopeFactory scopes, IOptions<PageBoundaryOptions> options, TimeProvider time, ILogger<PageBoundaries> logger) : IDisposable
{
    private readonly PageBoundaryOptions _options = options.Value;
    private readonly MemoryCache _tables = new(new MemoryCacheOptions { SizeLimit = options.Value.MemoryLimitBytes });
    private readonly SemaphoreSlim _building = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _lastBuild = Task.CompletedTask;

    /// <summary>The last key of each page, in the list's order, and how many rows the scan found.</summary>
    private sealed record Table<TKey>(TKey[] PageEnds, int Rows, int PageSize, DateTimeOffset BuiltAt);

    /// <summary>Where page N starts: after <paramref name="After"/>. <paramref name="Exact"/> when the table was built at the list's present length.</summary>
    public readonly record struct Start<TKey>(TKey After, bool Exact)
    {
        /// <summary>
        /// Whether the <paramref name="rowsRead"/> rows read from this start may be shown as
        /// <paramref name="page"/>: always from an exact table; from one built before a change only when
        /// the page came out as long as the list says it is (a list that shrank since ends early: then count).
        /// </summary>
        public bool Holds(int rowsRead, int listRows, int page, int pageSize) =>
            Exact || rowsRead >= Math.Min(pageSize, listRows - (page - 1) * pageSize);
    }

    /// <summary>Whether <paramref name="page"/> is deep enough in the list to be reached from its boundary.</summary>
    public bool Applies(int page, int pageCount) => Math.Min(page - 1, pageCount - page) >= Math.Max(1, _options.FromDepth);

    /// <summary>
    /// Where <paramref name="page"/> of <paramref name="list"/> starts, or null when no table can say
    /// yet (it is being built, in the background if this call started it) or the page lies beyond
    /// the table's end: then the caller counts.
    /// </summary>
    /// <param name="list">The list and its filters, e.g. "signatories:12:KE": one table each.</param>
    /// <param name="rows">The list's present length, from the tallies.</param>
    /// <param name="scan">The list's keys in its order, read once to build the table, from the services of the build's own scope.</param>
    /// <param name="heapBytes">What a key holds outside itself (a name's characters), for the tables' memory limit; nothing by default.</param>
    public Start<TKey>? StartOf<TKey>(string list, int rows, int page, int pageSize,
        Func<IServiceProvider, IAsyncEnumerable<TKey>> scan, Func<TKey, int>? heapBytes = null) where TKey : struct
    {
        var table = _tables.Get<Table<TKey>>(list);
        if (table is null || table.PageSize != pageSize || !(Holds(table, rows) || Recent(table)))
        {
            if (_building.Wait(0))
                _lastBuild = Task.Run(() => BuildInScopeAsync(list, rows, pageSize, scan, heapBytes));
            return null;
        }
        var end = page - 2;
        return end >= 0 && end < table.PageEnds.Length ? new Start<TKey>(table.PageEnds[end], Holds(table, rows)) : null;
    }

    /// <summary>The latest build, done (for tests, which ask for a page again once its table is there).</summary>
    public Task LastBuild => _lastBuild;

    /// <summary>Forgets every table (for tests that empty the database behind the app's back).</summary>
    public void Clear() => _tables.Clear();

    public void Dispose()
    {
        _stopping.Cancel();
        _tables.Dispose();
        _stopping.Dispose();
    }

    private async Task BuildInScopeAsync<TKey>(string list, int rows, int pageSize, Func<IServiceProvider, IAsyncEnumerable<TKey>> scan,
        Func<TKey, int>? heapBytes) where TKey : struct
    {
        try
        {
            // Another request may have built it while this one looked.
            var table = _tables.Get<Table<TKey>>(list);
            if (table is null || table.PageSize != pageSize || !(Holds(table, rows) || Recent(table)))
            {
                await using var scope = scopes.CreateAsyncScope();
                await BuildAsync(list, pageSize, () => scan(scope.ServiceProvider), heapBytes, _stopping.Token);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The pages count as before; the next deep request tries again (nothing was stored).
            logger.LogError(e, "Page boundaries of {List} could not be built", list);
        }
        finally
        {
            _building.Release();
        }
    }

    private TimeSpan Age<TKey>(Table<TKey> table) => time.GetUtcNow() - table.BuiltAt;

    private bool Holds<TKey>(Table<TKey> table, int rows) => table.Rows == rows && Age(table) >= TimeSpan.Zero && Age(table) < _options.MaxAge;

    private bool Recent<TKey>(Table<TKey> table) => Age(table) >= TimeSpan.Zero && Age(table) < _options.RebuildAfter;

    private async Task BuildAsync<TKey>(string list, int pageSize, Func<IAsyncEnumerable<TKey>> scan, Func<TKey, int>? heapBytes,
        CancellationToken cancellationToken) where TKey : struct
    {
        var started = Stopwatch.GetTimestamp();
        var builtAt = time.GetUtcNow();
        var ends = new List<TKey>();
        var rows = 0;
        await foreach (var key in scan().WithCancellation(cancellationToken))
        {
            if (++rows % pageSize == 0)
                ends.Add(key);
        }
        var table = new Table<TKey>(ends.ToArray(), rows, pageSize, builtAt);
        _tables.Set(list, table, new MemoryCacheEntryOptions
        {
            Size = 64 + (long)table.PageEnds.Length * Unsafe.SizeOf<TKey>() + (heapBytes is null ? 0 : table.PageEnds.Sum(key => (long)heapBytes(key))),
            SlidingExpiration = _options.MaxAge,
        });
        logger.LogInformation("Page boundaries of {List}: {Rows} rows, {Pages} page ends, in {Milliseconds:F1} ms",
            list, rows, table.PageEnds.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
