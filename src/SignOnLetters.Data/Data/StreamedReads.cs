using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace SignOnLetters.Data;

/// <summary>
/// The one way to read a long query row by row (exports, the PDF's signatories, the record's lines,
/// recounts, page-boundary scans): rows come from the open reader, one at a time, on every provider.
/// </summary>
/// <remarks>
/// <para>
/// Why this exists (ADR 0026): PostgreSQL and SQL Server run with a retrying execution strategy
/// (<see cref="DatabaseProviderSetup"/>), and under a retrying strategy EF Core compiles every query
/// to buffer its whole result before handing over the first row, so that a retry cannot hand over a
/// row twice. A plain <c>AsAsyncEnumerable()</c> over a million signatures therefore holds them all
/// in memory on those servers (+332 MB for the CSV export at 1,000,000), while SQLite, which does not
/// retry, streams.
/// </para>
/// <para>
/// EF decides this when it compiles the query, from <see cref="ExecutionStrategy.Current"/> if one is
/// running (otherwise from the context's configured strategy). <see cref="AsStreamed{T}"/> makes a
/// strategy that never retries current for that moment only, so the query is compiled (and cached)
/// unbuffered. What a retry then means: the command's start still goes through the context's
/// strategy, so a transient failure before the first row is retried as before; a failure after rows
/// have been handed over is not retried here, it ends the stream with the error (a response that has
/// sent rows cannot take them back, and sending them again would duplicate them). Work that may
/// safely start again from scratch (the recount) wraps itself in the strategy and is retried whole.
/// </para>
/// </remarks>
public static class StreamedReads
{
    /// <summary>
    /// The query's rows as the database reader hands them over, never buffered first, also on the
    /// providers that retry (see the remarks of <see cref="StreamedReads"/>).
    /// </summary>
    public static IAsyncEnumerable<T> AsStreamed<T>(this IQueryable<T> query) => new Unbuffered<T>(query.AsAsyncEnumerable());

    private sealed class Unbuffered<T>(IAsyncEnumerable<T> query) : IAsyncEnumerable<T>
    {
        // EF Core compiles the query (and picks it from its cache, whose key says whether it
        // buffers) here, when the enumerator is made; the command runs at the first MoveNextAsync.
        public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            NeverRetrying.WhileCurrent(() => query.GetAsyncEnumerator(cancellationToken));
    }

    /// <summary>
    /// A strategy that is only ever made <see cref="ExecutionStrategy.Current"/> while a query is
    /// compiled, never asked to execute anything: EF reads nothing of the current strategy then but
    /// <see cref="ExecutionStrategy.RetriesOnFailure"/>, false here (no retries).
    /// </summary>
    private sealed class NeverRetrying : ExecutionStrategy
    {
        private static readonly NeverRetrying Instance = new();

        private NeverRetrying() : base(dependencies: null!, maxRetryCount: 0, maxRetryDelay: TimeSpan.Zero)
        {
        }

        public static TResult WhileCurrent<TResult>(Func<TResult> compile)
        {
            // Inside a retrying strategy's ExecuteAsync (the recount) that strategy is current: put it back after.
            var previous = Current;
            Current = Instance;
            try
            {
                return compile();
            }
            finally
            {
                Current = previous;
            }
        }

        protected override bool ShouldRetryOn(Exception exception) => false;
    }
}
