using System.Diagnostics;

namespace SignOnLetters.Web.Infrastructure.Background;

/// <summary>
/// A background job that runs one pass every <see cref="Interval"/> on the app's clock. A failed
/// pass (a database outage) is logged and does not stop the job: the next tick tries again. Passes
/// work from the database alone, so several app instances may run the same job. Each pass's
/// duration is logged at Debug under the job's own category: a pass that reads a large table (at a
/// million signatures, hundreds of milliseconds of CPU) lands inside whatever request or benchmark
/// window it coincides with, and the scale benchmark turns these lines on to say which passes did.
/// </summary>
public abstract class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What the pass does, for the log ("closing letters past their deadline").</summary>
    protected abstract string Description { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>How many jobs have started in this process; each takes the next place in the spread.</summary>
    private static int started;

    /// <summary>
    /// Where in its first minute (or its interval, if shorter) a job's ticks fall. Jobs started
    /// together used to tick together: the four once-a-minute jobs ran their passes in the same
    /// second, one burst instead of four small ones. Successive multiples of the golden ratio's
    /// fraction spread any number of jobs evenly, whatever the order they start in.
    /// </summary>
    internal static TimeSpan StartOffset(int place, TimeSpan interval)
    {
        var fraction = place * 0.6180339887498949 % 1.0;
        var spread = interval < TimeSpan.FromMinutes(1) ? interval : TimeSpan.FromMinutes(1);
        return spread * fraction;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var offset = StartOffset(Interlocked.Increment(ref started) - 1, Interval);
        if (offset > TimeSpan.Zero)
            await Task.Delay(offset, Clock, stoppingToken);
        using var timer = new PeriodicTimer(Interval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await RunOnceAsync(stoppingToken);
                logger.LogDebug("{Job} pass took {Milliseconds:0} ms", GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Job} failed; will retry in {Interval}.", Description, Interval);
            }
        }
    }
}
