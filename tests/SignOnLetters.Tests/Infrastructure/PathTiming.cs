namespace SignOnLetters.Tests.Infrastructure;

/// <summary>
/// Timing tests of two paths that must not be told apart (an address that signed or has an account,
/// and one that did not): both are timed in one run, alternating, and their medians compared with
/// each other, never with a fixed time, so a slow or busy machine slows both alike (issue 18).
/// </summary>
public static class PathTiming
{
    public const int Rounds = 40;

    /// <summary>Warms both paths up, then times them in alternating order, so drift and noise hit both alike.</summary>
    public static async Task<(List<T> Known, List<T> Unknown)> TimeBothPathsAsync<T>(Func<Task<T>> known, Func<Task<T>> unknown, int rounds = Rounds)
    {
        for (var i = 0; i < 5; i++)
        {
            await known();
            await unknown();
        }
        var knownAnswers = new List<T>();
        var unknownAnswers = new List<T>();
        for (var i = 0; i < rounds; i++)
        {
            if (i % 2 == 0)
            {
                knownAnswers.Add(await known());
                unknownAnswers.Add(await unknown());
            }
            else
            {
                unknownAnswers.Add(await unknown());
                knownAnswers.Add(await known());
            }
        }
        return (knownAnswers, unknownAnswers);
    }

    /// <summary>
    /// The slower median at most twice the faster plus 5 ms of scheduling noise. An e-mail sent in the
    /// request took hundreds of milliseconds; a database lookup and write that only one path made
    /// stood out too.
    /// </summary>
    public static void AssertSameTiming(IEnumerable<TimeSpan> known, IEnumerable<TimeSpan> unknown, string knownPath, string unknownPath)
    {
        var knownMedian = Median(known.Select(t => t.TotalMilliseconds));
        var unknownMedian = Median(unknown.Select(t => t.TotalMilliseconds));
        var (slower, faster) = knownMedian > unknownMedian ? (knownMedian, unknownMedian) : (unknownMedian, knownMedian);
        Assert.True(slower < 2 * faster + 5, $"Median answer: {knownMedian:F1} ms {knownPath}, {unknownMedian:F1} ms {unknownPath}.");
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
