using SignOnLetters.Web.Infrastructure.Background;

namespace SignOnLetters.Tests.Scale;

/// <summary>
/// The periodic jobs' ticks are spread over their first minute: at a million signatures a pass costs
/// hundreds of milliseconds, and nine jobs ticking in the same second made one burst that landed in
/// whichever request came then (the scale benchmark's "pagemiss" finding).
/// </summary>
public class PeriodicJobSpreadTests
{
    [Fact]
    public void Should_give_every_job_of_a_minute_its_own_moment_at_least_five_seconds_from_the_others()
    {
        var jobCount = typeof(PeriodicJob).Assembly.GetTypes().Count(t => t.IsSubclassOf(typeof(PeriodicJob)) && !t.IsAbstract);
        Assert.InRange(jobCount, 2, 9);

        var offsets = Enumerable.Range(0, jobCount).Select(place => PeriodicJob.StartOffset(place, TimeSpan.FromMinutes(1))).ToArray();

        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, TimeSpan.FromSeconds(59.999)));
        var sorted = offsets.Order().ToArray();
        var gaps = sorted.Zip(sorted.Skip(1), (a, b) => b - a);
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromSeconds(5), $"two jobs {gap.TotalSeconds:0.0} s apart"));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(3600)]
    [InlineData(6 * 3600)]
    public void Should_never_delay_a_job_by_more_than_a_minute_or_its_own_interval(int intervalSeconds)
    {
        var interval = TimeSpan.FromSeconds(intervalSeconds);
        var limit = interval < TimeSpan.FromMinutes(1) ? interval : TimeSpan.FromMinutes(1);

        Assert.All(Enumerable.Range(0, 50), place => Assert.InRange(PeriodicJob.StartOffset(place, interval), TimeSpan.Zero, limit));
    }
}
