namespace SignOnLetters.Web.Infrastructure.Background;

/// <summary>
/// A background job that runs one pass every <see cref="Interval"/> on the app's clock. A failed
/// pass (a database outage) is logged and does not stop the job: the next tick tries again. Passes
/// work from the database alone, so several app instances may run the same job.
/// </summary>
public abstract class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    /// <summary>What the pass does, for the log ("closing letters past their deadline").</summary>
    protected abstract string Description { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Job} failed; will retry in {Interval}.", Description, Interval);
            }
        }
    }
}
