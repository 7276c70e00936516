using System.Globalization;
using System.Text.RegularExpressions;
using SignOnLetters.Benchmarks.Load;
using SignOnLetters.Web.Infrastructure.Background;

namespace SignOnLetters.Benchmarks.Scale;

/// <summary>
/// The app's periodic jobs' passes that ran inside a measured window. A pass that reads a large table
/// (at a million signatures, hundreds of milliseconds of CPU on a two-core machine) lands in whichever
/// window it falls, so a latency row names the passes beside it. The app logs each pass's duration at
/// Debug under the job's category (<see cref="PeriodicJob"/>); the benchmark turns those categories on
/// and times each message line as it arrives.
/// </summary>
internal static partial class JobPasses
{
    /// <summary>A pass at least this long (wall time) is named in the row's cell, where it may have moved the p99.</summary>
    public const double NotableMilliseconds = 10;

    /// <summary>App settings that log every periodic job's passes.</summary>
    public static IEnumerable<KeyValuePair<string, string>> LogSettings() =>
        typeof(PeriodicJob).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PeriodicJob)) && !t.IsAbstract)
            .Select(t => new KeyValuePair<string, string>($"Logging:LogLevel:{t.FullName}", "Debug"));

    /// <param name="Start">When the pass began, from its end (the line's arrival) less its duration.</param>
    public sealed record Pass(string Job, DateTime Start, DateTime End, double Milliseconds)
    {
        public override string ToString() => $"{Job} {Milliseconds:N0} ms";
    }

    /// <summary>Passes that overlapped <paramref name="from"/>–<paramref name="to"/> (UTC); a pass logs when it ends, so lines up to a minute later are read.</summary>
    public static IReadOnlyList<Pass> Overlapping(AppProcess app, DateTime from, DateTime to)
    {
        var passes = new List<Pass>();
        foreach (var (at, line) in app.LinesBetween(from, to.AddMinutes(1)))
        {
            var match = PassLine().Match(line);
            if (!match.Success)
                continue;
            var milliseconds = double.Parse(match.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var start = at - TimeSpan.FromMilliseconds(milliseconds);
            if (start <= to)
                passes.Add(new Pass(match.Groups[1].Value, start, at, milliseconds));
        }
        return passes;
    }

    /// <summary>Summed per job ("RecordReceipts 447 ms, LetterScheduler 3 ms"), or null when none ran.</summary>
    public static string? Describe(IEnumerable<Pass> passes)
    {
        var byJob = passes.Distinct().GroupBy(p => p.Job)
            .Select(g => g.Count() == 1 ? g.Single().ToString() : $"{g.Key} {g.Count()}× {g.Sum(p => p.Milliseconds):N0} ms")
            .ToList();
        return byJob.Count == 0 ? null : string.Join(", ", byJob);
    }

    [GeneratedRegex(@"(\w+) pass took ([\d,]+) ms")]
    private static partial Regex PassLine();
}
