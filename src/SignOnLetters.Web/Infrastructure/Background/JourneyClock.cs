namespace SignOnLetters.Web.Infrastructure.Background;

/// <summary>
/// A test hook for the browser journeys only (tests/SignOnLetters.BrowserTests), so a journey can
/// watch a scheduled letter open and close without waiting days: when the setting
/// <c>Testing:ClockFile</c> names a file, the app's clock runs ahead of the real one by the
/// <see cref="TimeSpan"/> written in it ("1.01:00:00"; absent or unreadable: no offset), and the
/// periodic jobs tick every two seconds instead of every minute or more. Only the journeys' app server
/// sets that setting; no deployment does, and nothing a visitor sends can (it is read at start-up).
/// </summary>
public sealed class JourneyClock(string offsetFile) : TimeProvider
{
    public const string Setting = "Testing:ClockFile";

    private static readonly TimeSpan JobTick = TimeSpan.FromSeconds(2);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        System.CreateTimer(callback, state, Faster(dueTime), Faster(period));

    // A periodic job's minute (or hour) becomes two seconds; short timers (retries, delays) stay as they are.
    private static TimeSpan Faster(TimeSpan interval) => interval >= TimeSpan.FromMinutes(1) ? JobTick : interval;

    private TimeSpan Offset()
    {
        try
        {
            return File.Exists(offsetFile) && TimeSpan.TryParse(File.ReadAllText(offsetFile).Trim(), CultureInfo.InvariantCulture, out var offset)
                ? offset
                : TimeSpan.Zero;
        }
        catch (IOException)
        {
            return TimeSpan.Zero; // the journey is writing it: the next read sees the new offset
        }
    }

    /// <summary>Registers the clock in place of the system's when the setting is there.</summary>
    public static void AddIfConfigured(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[Setting] is { Length: > 0 } file)
            services.AddSingleton<TimeProvider>(new JourneyClock(file));
    }
}
