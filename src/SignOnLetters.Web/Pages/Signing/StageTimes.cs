using System.Diagnostics;

namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// Wall time spent in each named stage of a bulk write (the import's parse, duplicate check, row
/// insert, search index, tallies, commit…), summed over its batches and logged once at the end, so
/// a slow import says where its time went without a profiler (issue 20). Stages may run on two
/// threads at once (the import reads the next batch while one is written), hence the lock.
/// </summary>
public sealed class StageTimes
{
    private readonly Dictionary<string, long> _ticks = new(StringComparer.Ordinal);

    /// <summary>Adds the time until the returned value is disposed to <paramref name="stage"/>.</summary>
    public Timing Time(string stage) => new(this, stage, Stopwatch.GetTimestamp());

    /// <summary>As <see cref="Time(string)"/> when <paramref name="times"/> is given; nothing at all when it is null
    /// (the signing group commit, which runs per burst and measures nothing, allocates nothing for it).</summary>
    public static Timing Time(StageTimes? times, string stage) => times is null ? default : times.Time(stage);

    public void Add(string stage, TimeSpan elapsed)
    {
        lock (_ticks)
            _ticks[stage] = _ticks.GetValueOrDefault(stage) + elapsed.Ticks;
    }

    /// <summary>"stage 1.2 s, stage 0.3 s, …" in the order the stages were first met.</summary>
    public override string ToString()
    {
        lock (_ticks)
            return string.Join(", ", _ticks.Select(t => $"{t.Key} {TimeSpan.FromTicks(t.Value).TotalSeconds:N1} s"));
    }

    public readonly struct Timing(StageTimes? times, string stage, long started) : IDisposable
    {
        public void Dispose() => times?.Add(stage, Stopwatch.GetElapsedTime(started));
    }
}
