using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Web.Documents;

/// <summary>What a background render is doing.</summary>
public enum LetterPdfJobState
{
    Queued,
    Rendering,
    Failed,
}

/// <summary>
/// One background render of one letter's PDF in one language, for one cache key. However many
/// people ask while it is queued or running, there is this one job (ADR 0021).
/// </summary>
public sealed class LetterPdfJob(int letterId, string language, string key, int signatories)
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile RenderProgress? _progress;

    public int LetterId { get; } = letterId;
    public string Language { get; } = language;
    public string Key { get; } = key;

    /// <summary>The counted signatories when it was asked for: what the progress page says it is setting.</summary>
    public int Signatories { get; } = signatories;

    private volatile LetterPdfJobState _state = LetterPdfJobState.Queued;

    /// <summary>Written by the worker, read by requests.</summary>
    public LetterPdfJobState State => _state;
    public RenderProgress? Progress => _progress;

    /// <summary>Completes when the file is stored (or faults when the render failed): delivery waits on it.</summary>
    public Task Finished => _finished.Task;

    /// <summary>
    /// Overall percent, by stage, as a rough split of the time (shaping 40%, setting pages 30%,
    /// writing 30%); an estimate for someone waiting, not a measurement. While the first pass has
    /// not counted the pages yet, setting stays at its start and the page count rises instead.
    /// </summary>
    public int Percent => _progress switch
    {
        null => 0,
        { Stage: RenderStage.Shaping, Total: > 0 } p => 40 * p.Done / p.Total.Value,
        { Stage: RenderStage.Pagination, Total: > 0 } p => 40 + 30 * Math.Min(p.Done, p.Total.Value) / p.Total.Value,
        { Stage: RenderStage.Pagination } => 40,
        { Stage: RenderStage.Writing, Total: > 0 } p => 70 + 29 * p.Done / p.Total.Value,
        { Stage: RenderStage.Finishing } => 99,
        _ => 0,
    };

    /// <summary>Pages set so far (pagination and writing), for the progress page.</summary>
    public int Pages => _progress is { Stage: not RenderStage.Shaping } p ? p.Done : 0;

    internal IProgress<RenderProgress> Reporter => new Reports(this);

    /// <summary>Each report as the renderer makes it, on its thread (for tests that look at the render from inside).</summary>
    internal event Action<RenderProgress>? Reported;

    internal void Start() => _state = LetterPdfJobState.Rendering;

    internal void Succeed() => _finished.TrySetResult();

    internal void Fail(Exception error)
    {
        _state = LetterPdfJobState.Failed;
        _finished.TrySetException(new LetterPdfFailedException(error));
        // Nobody may be waiting on it: the failure is logged and shown, not unobserved.
        _ = _finished.Task.Exception;
    }

    /// <summary>Stores the latest report only (Progress&lt;T&gt; would post each to the thread pool).</summary>
    internal sealed class Reports(LetterPdfJob job) : IProgress<RenderProgress>
    {
        /// <summary>
        /// Pages between two compactions of the heap while a long letter is set. The layout's
        /// garbage (text runs, shaped lines, growing buffers, many on the large-object heap) left the
        /// app's resident memory climbing by ~300 MB over the 9,000 pages of 1,000,000 signatories
        /// although what it keeps grows by much less; a blocking, compacting collection every
        /// 1,000 pages (tens to a few hundred milliseconds each, on the worker's thread) keeps the
        /// peak near what is live (docs/benchmarks.md, "The app's memory during the 1,000,000 PDF").
        /// </summary>
        internal const int PagesBetweenCompactions = 1_000;

        public void Report(RenderProgress value)
        {
            job._progress = value;
            job.Reported?.Invoke(value);
            // Called on the rendering thread, once per page: the collection runs between two pages.
            // And once more when the last page is set and the composed list let go: the file's last
            // phase (Skia's close, the tagging finisher) then grows from what is live, not from the
            // list's entries, strings and the layout's garbage ("The app's peak at the end of the 1,000,000 PDF").
            if (value.Stage == RenderStage.Finishing
                || (value.Stage != RenderStage.Shaping && value.Done % PagesBetweenCompactions == 0))
                LetterPdfJobs.GiveMemoryBack();
        }
    }
}

public sealed class LetterPdfFailedException(Exception inner) : Exception("The letter's PDF could not be prepared.", inner);

/// <summary>
/// The in-process queue of large PDF renders with a single worker (ADR 0021): rendering a very large
/// letter takes one core and a lot of memory for a minute or more, so two at once would only slow
/// each other and the site. A job lives here while queued, running, or failed (until retried or the
/// letter changes, which gives a new key); a finished one leaves, its file being in
/// <see cref="LetterPdfFiles"/>. Nothing survives a restart: the next request asks again.
/// </summary>
public sealed class LetterPdfJobs(IServiceScopeFactory scopes, IOptions<LetterPdfOptions> options, ILogger<LetterPdfJobs> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, LetterPdfJob> _jobs = new();
    private readonly Channel<LetterPdfJob> _queue = Channel.CreateUnbounded<LetterPdfJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private int _renders;

    /// <summary>How many renders have run (for tests: that many requests made one).</summary>
    public int Renders => _renders;

    /// <summary>
    /// The job for this key: the existing one, a queued one for the same letter and language (it
    /// renders whatever the letter is when it starts, so it serves a newer key too: an open letter
    /// signed every second does not pile up a job per signature), or a new one queued now.
    /// </summary>
    public LetterPdfJob Enqueue(int letterId, string language, string key, int signatories)
    {
        lock (_gate)
        {
            if (_jobs.TryGetValue(key, out var existing))
                return existing;
            if (_jobs.Values.FirstOrDefault(j => j.LetterId == letterId && j.Language == language && j.State == LetterPdfJobState.Queued) is { } queued)
                return queued;
            var job = new LetterPdfJob(letterId, language, key, signatories);
            _jobs[key] = job;
            _queue.Writer.TryWrite(job);
            return job;
        }
    }

    /// <summary>Forgets a letter's failed jobs, so the next request queues them again (the editors' retry button).</summary>
    public void ForgetFailed(int letterId)
    {
        foreach (var job in _jobs.Values.Where(j => j.LetterId == letterId && j.State == LetterPdfJobState.Failed))
            _jobs.TryRemove(new KeyValuePair<string, LetterPdfJob>(job.Key, job));
    }

    /// <summary>The letter's queued, running and failed jobs, for its status page.</summary>
    public IReadOnlyList<LetterPdfJob> Of(int letterId) =>
        _jobs.Values.Where(j => j.LetterId == letterId).OrderBy(j => j.Language, StringComparer.Ordinal).ToList();

    /// <summary>Runs every queued job now, one after the other (for tests, whose worker is off).</summary>
    public async Task RunQueuedAsync(CancellationToken cancellationToken = default)
    {
        while (_queue.Reader.TryRead(out var job))
            await RunAsync(job, cancellationToken);
    }

    /// <summary>Forgets every job: for tests, whose emptied tables hand the same letter ids out again.</summary>
    public void Clear()
    {
        while (_queue.Reader.TryRead(out _))
        {
        }
        _jobs.Clear();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
            return;
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
            await RunAsync(job, stoppingToken);
    }

    private async Task RunAsync(LetterPdfJob job, CancellationToken cancellationToken)
    {
        // Under the gate: Enqueue must not hand out a queued job that has just started with an older key.
        lock (_gate)
            job.Start();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var rendered = await scope.ServiceProvider.GetRequiredService<LetterPdfSource>().RenderToFileAsync(job, cancellationToken);
            if (rendered)
                Interlocked.Increment(ref _renders);
            _jobs.TryRemove(new KeyValuePair<string, LetterPdfJob>(job.Key, job));
            job.Succeed();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The letter id, not its title or signatories: the log says which, the page says what to do.
            logger.LogError(ex, "The PDF of letter {LetterId} ({Language}) could not be prepared.", job.LetterId, job.Language);
            job.Fail(ex);
        }
        finally
        {
            GiveMemoryBack();
        }
    }

    /// <summary>
    /// A large render's layout leaves hundreds of megabytes of dead objects, many on the large-object
    /// heap; the GC would keep that memory committed for the next one, so the site would stay at its
    /// peak for hours. One blocking, compacting, aggressive collection after each background render
    /// (one at a time, so at most one per render, taking tens of milliseconds on this worker's thread)
    /// returns it to the system (ADR 0022). Public for the <c>pdf-scale</c> benchmark, which measures it.
    /// </summary>
    public static void GiveMemoryBack()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
