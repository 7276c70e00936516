using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Benchmarks.Load;
using SignOnLetters.Data;
using SignOnLetters.Domain;
using SignOnLetters.Web.Infrastructure.Background;
using SignOnLetters.Web.Infrastructure.Seeding;

namespace SignOnLetters.Benchmarks.Scale;

/// <summary>
/// <c>scale</c> mode (issue 20): one letter with <c>--signatures</c> approved signatures (default
/// 1,000,000) beside one with 5,000, on SQLite or (<c>--postgres</c>) PostgreSQL, in one run. Both
/// are filled from generated CSV files by the app's own <c>import-signatures</c> verb, each as its
/// own process (time and peak resident memory). Then the app (Release) serves both letters and the
/// same figures are measured on each: public page on a cache miss and the letter API, the public
/// list's first, middle and last pages, the coordinators' table (first page, a deep page by number
/// and by its "Next" link, a common and a rare search, the name order's first and deep page, a
/// country filter, the charts), the CSV export (time, memory growth), the PDF (time, memory; also at 100,000 signatories when the big letter is larger), the
/// sign API's throughput; the app's peak memory over the whole run; and, once it has stopped, every
/// tally against a full recount. Loopback only; latencies are p99 over a fixed window at a small
/// concurrency (two cores), the window cut into rounds that alternate the two letters after both
/// are warm, with the periodic jobs' passes that ran inside a letter's rounds named beside its figure.
/// </summary>
internal static partial class ScaleBenchmark
{
    /// <summary>The demo letter, seeded by the app, takes the big import.</summary>
    private const string BigSlug = SignOnLetters.Web.Infrastructure.Seeding.DemoLetter.Slug;
    private const string SmallSlug = "scale-5000";
    private const string MiddleSlug = "scale-100000";
    private const int SmallSize = 5_000;
    private const int PdfMiddleSize = 100_000;

    /// <summary><c>Pdf:BackgroundThreshold</c> (the app's default): from it on, the PDF is made in the background after the first ask.</summary>
    private const int PdfBackgroundThreshold = 20_000;

    /// <summary>Each latency row's window is cut into this many rounds, the two letters alternating (big, small, small, big, …).</summary>
    private const int LatencyRounds = 4;

    /// <summary>How many times every measured path of both letters is asked, for <c>--warmup</c> seconds each, before the first window.</summary>
    private const int AppWarmUpPasses = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).Take(1).FirstOrDefault(v => !v.StartsWith("--"));
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var size = Number("--signatures", 1_000_000);
        var duration = TimeSpan.FromSeconds(Number("--duration", 10));
        var warmUp = TimeSpan.FromSeconds(Number("--warmup", 2));
        var concurrency = Number("--concurrency", 4);
        var port = Number("--port", 5440);
        var postgres = args.Contains("--postgres");
        var output = Value("--out");

        var root = LoadBenchmark.RepositoryRoot();
        var runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var work = Directory.CreateTempSubdirectory("signonletters-scale-").FullName;
        var report = new StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            report.AppendLine(line);
        }

        var (provider, connectionString, cluster) = await LoadBenchmark.DatabaseAsync(root, work, postgres, Value("--postgres"), $"signonletters_scale_{runId}", 50_000 + port);
        var database = new LoadDatabase(provider, connectionString);
        var settings = LoadBenchmark.AppSettings(provider, connectionString, work);
        // The coordinator signs in with a password alone; the export asks for two factors otherwise.
        settings["Security:RequireTwoFactorForPersonalData"] = "false";
        // Pinned, so which letters' PDFs are rendered in the background is this file's to say.
        settings["Pdf:BackgroundThreshold"] = PdfBackgroundThreshold.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in JobPasses.LogSettings())
            settings[key] = value;
        var letters = new List<(string Slug, int Size)> { (BigSlug, size), (SmallSlug, SmallSize) };
        if (size > PdfMiddleSize)
            letters.Add((MiddleSlug, PdfMiddleSize));

        Say($"# Scale run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {provider}, {size:N0} signatures beside {SmallSize:N0}; {Environment.ProcessorCount} cores, "
            + $"load average {LoadBenchmark.LoadAverage()}; latencies at {concurrency} connections, {duration.TotalSeconds:N0} s after {warmUp.TotalSeconds:N0} s warm-up");
        Say($"Command: dotnet run -c Release --project bench/SignOnLetters.Benchmarks -- scale {string.Join(' ', args)}");
        var rows = new List<Row>();
        AppProcess? app = null;
        try
        {
            // The schema, the demo coordinator and the demo letter, by the app itself; then it stops, so each import runs alone.
            var seedLog = Path.Combine(work, "seed.log");
            await (await AppProcess.StartAsync(root, port, settings, seedDemo: true, seedLog)).DisposeAsync();
            var password = PasswordLine().Match(await File.ReadAllTextAsync(seedLog)).Groups[1].Value;
            await OpenLettersAsync(database, letters.Select(l => l.Slug).Where(s => s != BigSlug));

            var imports = new Dictionary<string, Import>();
            foreach (var (slug, count) in letters)
            {
                var csv = Path.Combine(work, $"{slug}.csv");
                await ScaleCsv.WriteAsync(csv, $"{slug}-{runId}", count, DateTime.UtcNow);
                imports[slug] = await ImportAsync(root, port, settings, slug, csv, work);
                Say($"Import {slug}: {imports[slug]}");
            }
            rows.Add(new Row("import of the CSV (command line): time; peak resident memory", "≤ 120 s, ≤ 500 MB",
                $"{imports[BigSlug].Elapsed.TotalSeconds:N1} s ({imports[BigSlug].RowsPerSecond:N0} rows/s); {Mb(imports[BigSlug].PeakBytes)}",
                $"{imports[SmallSlug].Elapsed.TotalSeconds:N1} s ({imports[SmallSlug].RowsPerSecond:N0} rows/s); {Mb(imports[SmallSlug].PeakBytes)}"));

            app = await AppProcess.StartAsync(root, port, settings, seedDemo: false, Path.Combine(work, "app.log"));
            var coordinator = await SignInAsync(app.Address, password, concurrency);
            var readers = Enumerable.Range(0, concurrency).Select(_ => Reader(app.Address)).ToArray();

            // Each latency row alternates the two letters round by round (big, small, small, big, …)
            // after warming both, so that neither letter gets the app's first seconds (tier-0 code,
            // cold caches) and a burst of load or a background pass is no more one letter's than the
            // other's; the periodic jobs' passes that overlap a letter's windows are named in its cell.
            var pendingWindows = new List<(string Slug, DateTime From, DateTime To)>();
            var server = app;
            async Task<string> Latency(string name, HttpClient[] clients, Func<string, long, string> url)
            {
                string[] slugs = [BigSlug, SmallSlug];
                foreach (var slug in slugs)
                {
                    // One request first: the first answer of a path pays for compiling it.
                    await Get(clients, sequence => url(slug, sequence))(0, -1, CancellationToken.None);
                    await LoadRun.RunAsync($"{name} ({slug}), warm-up", concurrency, TimeSpan.Zero, warmUp, Get(clients, sequence => url(slug, sequence)));
                }
                var rounds = slugs.ToDictionary(s => s, _ => new List<LoadResult>());
                var roundLength = duration / LatencyRounds;
                for (var round = 0; round < LatencyRounds; round++)
                {
                    foreach (var slug in round % 2 == 0 ? slugs : Enumerable.Reverse(slugs))
                    {
                        var from = DateTime.UtcNow;
                        rounds[slug].Add(await LoadRun.RunAsync(name, concurrency, TimeSpan.Zero, roundLength, Get(clients, sequence => url(slug, sequence)), () => server.CpuTime));
                        pendingWindows.Add((slug, from, DateTime.UtcNow));
                    }
                }
                var figures = new List<string>();
                foreach (var slug in slugs)
                {
                    var result = LoadResult.Merge($"{name} ({slug})", rounds[slug]);
                    Say(result.Line());
                    figures.Add(result.Failed > 0 || result.Succeeded == 0 ? $"FAILED ({result.Failed} errors)" : $"{result.Percentile(99):N1} ms");
                }
                return string.Join('\t', figures);
            }

            // The rows measured by Latency, with their windows, for the passes named at the end (a pass logs when it ends).
            var rowWindows = new List<(int Row, string Slug, DateTime From, DateTime To)>();
            void Add(string what, string target, string figures)
            {
                var parts = figures.Split('\t');
                rows.Add(new Row(what, target, parts[0], parts[1]));
                rowWindows.AddRange(pendingWindows.Select(w => (rows.Count - 1, w.Slug, w.From, w.To)));
                pendingWindows.Clear();
            }

            // The app as a while-running deployment has it: every measured path of both letters, alternately, before the first window.
            for (var pass = 0; pass < AppWarmUpPasses; pass++)
                foreach (var slug in new[] { BigSlug, SmallSlug })
                    foreach (var path in new[] { $"/letters/{slug}?bench-warm={{0}}", $"/api/letters/{slug}", $"/letters/{slug}/signatories" })
                        await LoadRun.RunAsync($"warm-up {path}", concurrency, TimeSpan.Zero, warmUp, Get(readers, sequence => string.Format(CultureInfo.InvariantCulture, path, sequence)));

            Add("public letter page, cache miss: p99", "≤ 50 ms", await Latency("public page (cache miss)", readers, (slug, n) => $"/letters/{slug}?bench-miss={n}"));
            Add("GET /api/letters/{slug}: p99", "≤ 20 ms", await Latency("letter API", readers, (slug, _) => $"/api/letters/{slug}"));

            var publicPages = new Dictionary<string, (int Last, string MiddleLink)>();
            var tablePages = new Dictionary<string, (int Deep, string DeepLink)>();
            foreach (var slug in new[] { BigSlug, SmallSlug })
            {
                var last = await PageCountAsync(readers[0], $"/letters/{slug}/signatories");
                var middle = Math.Max(1, last / 2);
                publicPages[slug] = (last, await NextLinkAsync(readers[0], $"/letters/{slug}/signatories?page={middle - 1}") ?? $"/letters/{slug}/signatories?page={middle}");
                var tableLast = await PageCountAsync(coordinator[0], $"/letters/{slug}/signatures");
                var deep = Math.Min(10_000, Math.Max(1, tableLast / 2));
                tablePages[slug] = (deep, await NextLinkAsync(coordinator[0], $"/letters/{slug}/signatures?page={deep - 1}") ?? $"/letters/{slug}/signatures?page={deep}");
                Say($"{slug}: public list {last:N0} pages; coordinators' table {tableLast:N0} pages, deep page {deep:N0}");
            }
            Add("public signatory list, first page: p99", "≤ 50 ms", await Latency("public list, first page", readers, (slug, _) => $"/letters/{slug}/signatories"));
            Add("public signatory list, middle page by its Next link: p99", "≤ 50 ms", await Latency("public list, middle page (link)", readers, (slug, _) => publicPages[slug].MiddleLink));
            Add("public signatory list, middle page by number: p99", "≤ 50 ms", await Latency("public list, middle page (number)", readers, (slug, _) => $"/letters/{slug}/signatories?page={Math.Max(1, publicPages[slug].Last / 2)}"));
            Add("public signatory list, last page: p99", "≤ 50 ms", await Latency("public list, last page", readers, (slug, _) => $"/letters/{slug}/signatories?page={publicPages[slug].Last}"));
            Add("coordinators' table, first page: p99", "≤ 200 ms", await Latency("table, first page", coordinator, (slug, _) => $"/letters/{slug}/signatures"));
            Add("coordinators' table, page 10,000 (the middle at 5,000) by its Next link: p99", "≤ 200 ms", await Latency("table, deep page (link)", coordinator, (slug, _) => tablePages[slug].DeepLink));
            Add("coordinators' table, page 10,000 by number: p99", "≤ 200 ms", await Latency("table, deep page (number)", coordinator, (slug, _) => $"/letters/{slug}/signatures?page={tablePages[slug].Deep}"));
            Add("coordinators' table, search \"смирнова\": p99", "≤ 200 ms", await Latency("table, search", coordinator, (slug, _) => $"/letters/{slug}/signatures?q=%D1%81%D0%BC%D0%B8%D1%80%D0%BD%D0%BE%D0%B2%D0%B0"));
            // One signer's e-mail: a rare term, which the table must not find by walking the letter's rows.
            Add("coordinators' table, search one e-mail \"p777.\": p99", "≤ 200 ms", await Latency("table, search (rare)", coordinator, (slug, _) => $"/letters/{slug}/signatures?q=p777."));
            Add("coordinators' table, sorted by name, first page: p99", "≤ 200 ms", await Latency("table, by name", coordinator, (slug, _) => $"/letters/{slug}/signatures?sort=Name"));
            Add("coordinators' table, sorted by name, page 10,000 by number: p99", "≤ 200 ms", await Latency("table, by name, deep page", coordinator, (slug, _) => $"/letters/{slug}/signatures?sort=Name&page={tablePages[slug].Deep}"));
            Add("coordinators' table, country filter (FR): p99", "≤ 200 ms", await Latency("table, country", coordinator, (slug, _) => $"/letters/{slug}/signatures?country=FR"));
            // The charts and counts are drawn above the table; with a state no row has, the page is little more than them.
            Add("coordinators' charts and counts (table filtered to no rows): p99", "≤ 200 ms", await Latency("charts", coordinator, (slug, _) => $"/letters/{slug}/signatures?state=Withdrawn"));

            var exports = new List<string>();
            foreach (var slug in new[] { BigSlug, SmallSlug })
            {
                var (download, before, peak) = await ProcessMemory.WatchAsync(app.ProcessId, () => DownloadAsync(coordinator[0], $"/letters/{slug}/signatures.csv"));
                Say($"CSV export {slug}: {download.Bytes:N0} bytes in {download.Elapsed.TotalSeconds:N1} s; app memory {Mb(before)} → peak {Mb(peak)}");
                exports.Add($"{download.Elapsed.TotalSeconds:N1} s; +{Mb(peak - before)}");
            }
            rows.Add(new Row("CSV export of every row: time; app memory growth", "≤ 30 s, ≤ 100 MB", exports[0], exports[1]));

            var pdfs = new Dictionary<string, string>();
            foreach (var (slug, count) in letters)
            {
                var (download, before, peak) = await ProcessMemory.WatchAsync(app.ProcessId, () => DownloadAsync(coordinator[0], $"/letters/{slug}/pdf"));
                var waited = download.ProgressPages > 0 ? $", {download.ProgressPages:N0} progress pages (rendered in the background)" : " (answered at once)";
                Say($"PDF {slug}: {download.Bytes:N0} bytes in {download.Elapsed.TotalSeconds:N1} s{waited}; app memory {Mb(before)} → peak {Mb(peak)}");
                // A large letter's file is made by the background job after the first ask: answered at
                // once, it was made before the timing started, and neither figure is the render's.
                pdfs[slug] = download.Bytes == 0 ? "FAILED"
                    : count >= PdfBackgroundThreshold && download.ProgressPages == 0 ? $"NOT VALID (served from a file made earlier, {download.Elapsed.TotalSeconds:N1} s)"
                    : $"{download.Elapsed.TotalSeconds:N1} s; app peak {Mb(peak)}";
            }
            rows.Add(new Row("PDF of the letter: time; app peak memory", "≤ 90 s, ≤ 800 MB", pdfs[BigSlug], pdfs[SmallSlug]));
            if (pdfs.TryGetValue(MiddleSlug, out var middlePdf))
                rows.Add(new Row("PDF at 100,000 signatories: time; app peak memory", "≤ 10 s", middlePdf, "—"));

            var signing = new Dictionary<string, LoadResult>();
            foreach (var slug in new[] { SmallSlug, BigSlug, SmallSlug })
            {
                var load = new SigningLoad([app.Address], slug, new Signers($"{runId}{signing.Count}"), 16);
                var result = await LoadRun.RunAsync($"sign API ({slug})", 16, warmUp, duration, load.SignThroughApiAsync);
                Say(result.Line());
                // The small letter is measured before and after the big one: their mean is what the big one is held against.
                signing[slug] = signing.TryGetValue(slug, out var earlier)
                    ? earlier with { Succeeded = earlier.Succeeded + result.Succeeded, Elapsed = earlier.Elapsed + result.Elapsed }
                    : result;
            }
            var ratio = signing[BigSlug].PerSecond / signing[SmallSlug].PerSecond;
            rows.Add(new Row("sign API throughput (16 connections)", "≥ 80 % of the 5,000 figure",
                $"{signing[BigSlug].PerSecond:N0}/s ({ratio:P0})", $"{signing[SmallSlug].PerSecond:N0}/s"));

            // Passes that ended after their window have logged by now (the signing rounds took tens of seconds).
            var passNotes = new List<string>();
            foreach (var group in rowWindows.GroupBy(w => (w.Row, w.Slug)))
            {
                var passes = group.SelectMany(w => JobPasses.Overlapping(app, w.From, w.To)).ToList();
                if (JobPasses.Describe(passes) is not { } described)
                    continue;
                var (index, slug) = group.Key;
                passNotes.Add($"{rows[index].What} ({slug}): {described}");
                // The cell names only passes long enough to move a p99; the closing line names them all.
                if (JobPasses.Describe(passes.Where(p => p.Milliseconds >= JobPasses.NotableMilliseconds)) is not { } notable)
                    continue;
                var note = $" (job passes beside it, wall time: {notable})";
                rows[index] = slug == BigSlug ? rows[index] with { Big = rows[index].Big + note } : rows[index] with { Small = rows[index].Small + note };
            }
            Say(passNotes.Count == 0 ? "Periodic job passes inside the latency windows (wall time): none" : "Periodic job passes inside the latency windows (wall time): " + string.Join("; ", passNotes));

            var appPeak = ProcessMemory.PeakResidentBytes(app.ProcessId);
            await app.DisposeAsync();
            app = null;
            rows.Add(new Row("app process peak resident memory, whole run", "≤ 1 GB", Mb(appPeak), "(same process)"));

            var drift = new Dictionary<string, int>();
            await using (var db = database.Open())
                foreach (var (slug, _) in letters)
                {
                    var letterId = await db.Letters.Where(l => l.Slug == slug).Select(l => l.Id).SingleAsync();
                    // Inside the execution strategy, as the periodic recount calls it (PostgreSQL retries).
                    drift[slug] = (await db.Database.CreateExecutionStrategy().ExecuteAsync(ct => SignatureRecount.DriftAsync(db, letterId, ct), CancellationToken.None)).Count;
                }
            Say("Tallies against a full recount: " + string.Join("; ", drift.Select(d => $"{d.Key} {(d.Value == 0 ? "equal" : $"{d.Value} rows differ")}")));
            rows.Add(new Row("every tally equals a full recount", "yes", drift[BigSlug] == 0 ? "yes" : $"NO ({drift[BigSlug]} rows)",
                drift[SmallSlug] == 0 ? "yes" : $"NO ({drift[SmallSlug]} rows)"));

            Say(string.Empty);
            Say($"| what | target | {size:N0} signatures | {SmallSize:N0} signatures |");
            Say("| --- | --- | --- | --- |");
            foreach (var row in rows)
                Say($"| {row.What} | {row.Target} | {row.Big} | {row.Small} |");
            if (output is not null)
            {
                Directory.CreateDirectory(output);
                await File.WriteAllTextAsync(Path.Combine(output, $"scale-{provider.ToString().ToLowerInvariant()}-{size}.txt"), report.ToString());
            }
            return drift.Values.All(d => d == 0) && imports.All(i => i.Value.Imported == letters.Single(l => l.Slug == i.Key).Size) ? 0 : 1;
        }
        finally
        {
            if (app is not null)
                await app.DisposeAsync();
            if (cluster is not null)
                await LoadBenchmark.StopPostgresAsync(cluster);
        }
    }

    private sealed record Row(string What, string Target, string Big, string Small);

    private sealed record Import(int Imported, string Summary, TimeSpan Elapsed, long PeakBytes)
    {
        public double RowsPerSecond => Imported / Elapsed.TotalSeconds;

        public override string ToString() => $"{Summary} in {Elapsed.TotalSeconds:N1} s ({RowsPerSecond:N0} rows/s), peak resident memory {Mb(PeakBytes)}";
    }

    /// <summary>Opens letters beside the demo letter: its text and settings, its coordinator and organisation.</summary>
    private static async Task OpenLettersAsync(LoadDatabase database, IEnumerable<string> slugs)
    {
        await using var db = database.Open();
        var organisation = await db.Organisations.SingleAsync(o => o.NormalizedName == NameNormalizer.Normalize(DemoSeeder.OrganisationName));
        var coordinatorId = await db.Users.Where(u => u.Email == DemoSeeder.CoordinatorEmail).Select(u => u.Id).SingleAsync();
        foreach (var slug in slugs)
            db.Letters.Add(DemoSeeder.OpenDemoLetter(slug, organisation, coordinatorId, DateTime.UtcNow));
        await db.SaveChangesAsync();
    }

    /// <summary>The administrator's <c>import-signatures</c> verb as its own process, timed, its peak resident memory from GNU time.</summary>
    private static async Task<Import> ImportAsync(string root, int port, IReadOnlyDictionary<string, string> settings, string slug, string csv, string work)
    {
        var start = AppProcess.Command(root, port, settings, ["import-signatures", slug, csv]);
        var peakFile = Path.Combine(work, $"{slug}.peak");
        start.ArgumentList.Insert(0, start.FileName);
        foreach (var argument in new[] { "-f", "%M", "-o", peakFile }.Reverse())
            start.ArgumentList.Insert(0, argument);
        start.FileName = "/usr/bin/time";
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
            if (lines.Count < 50)
                lines.Add(line);
            else
                lines[^1] = line;
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed;
        var summary = lines.LastOrDefault(l => l.StartsWith("Imported ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || summary is null)
            throw new InvalidOperationException($"import-signatures {slug} failed ({process.ExitCode}): {string.Join(" / ", lines.TakeLast(5))} {await errors}");
        var imported = int.Parse(ImportedCount().Match(summary).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var peakKb = long.Parse((await File.ReadAllLinesAsync(peakFile)).Last(l => l.Trim().Length > 0).Trim(), CultureInfo.InvariantCulture);
        return new Import(imported, summary, elapsed, peakKb * 1024);
    }

    private static HttpClient Reader(Uri app)
    {
        var client = SigningLoad.NewClient(app);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        client.Timeout = TimeSpan.FromMinutes(10);
        return client;
    }

    /// <summary>Signs the demo coordinator in; the clients share the cookie (one per connection).</summary>
    private static async Task<HttpClient[]> SignInAsync(Uri app, string password, int count)
    {
        var cookies = new CookieContainer();
        var clients = Enumerable.Range(0, count).Select(_ =>
        {
            var client = SigningLoad.NewClient(app, cookies);
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
            client.Timeout = TimeSpan.FromMinutes(10);
            return client;
        }).ToArray();
        var form = await clients[0].GetStringAsync("/Identity/Account/Login");
        var token = WebUtility.HtmlDecode(SigningLoad.AntiforgeryField().Match(form).Groups[1].Value);
        using var response = await clients[0].PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DemoSeeder.CoordinatorEmail,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"The demo coordinator could not sign in ({(int)response.StatusCode}).");
        return clients;
    }

    private static LoadStep Get(HttpClient[] clients, Func<long, string> url) => async (worker, sequence, cancellationToken) =>
    {
        using var response = await clients[worker].GetAsync(url(sequence), cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    };

    /// <param name="ProgressPages">How many times the answer was the progress page (202) before the file came.</param>
    private sealed record Download(long Bytes, TimeSpan Elapsed, int ProgressPages);

    private static async Task<Download> DownloadAsync(HttpClient client, string url)
    {
        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        // A large letter's PDF is made in the background (ADR 0021): its editors get 202 and a page that
        // refreshes itself until the same address serves the file. Timed as they wait, from the first
        // ask to the last byte; asked every second rather than at the page's refresh (5 s), so the
        // figure is the render's to within a second, not the refresh interval's.
        var progressPages = 0;
        while (response.StatusCode == HttpStatusCode.Accepted && clock.Elapsed < TimeSpan.FromMinutes(30))
        {
            progressPages++;
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(1));
            response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        }
        using var _ = response;
        if (response.StatusCode != HttpStatusCode.OK)
            return new Download(0, clock.Elapsed, progressPages);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long bytes = 0;
        for (int read; (read = await body.ReadAsync(buffer)) > 0;)
            bytes += read;
        return new Download(bytes, clock.Elapsed, progressPages);
    }

    /// <summary>The page count a list states ("Page 1 of 20,000").</summary>
    private static async Task<int> PageCountAsync(HttpClient client, string url)
    {
        var match = PageOf().Match(await client.GetStringAsync(url));
        return match.Success ? int.Parse(match.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 1;
    }

    /// <summary>The page's "Next" link as a reader follows it (a deep page's carries its position).</summary>
    private static async Task<string?> NextLinkAsync(HttpClient client, string url)
    {
        foreach (Match link in Href().Matches(await client.GetStringAsync(url)))
        {
            var href = WebUtility.HtmlDecode(link.Groups[1].Value);
            if (href.Contains("after=", StringComparison.Ordinal))
                return href;
        }
        return null;
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MB";

    [GeneratedRegex(@"with the password: (\S+)")]
    private static partial Regex PasswordLine();

    [GeneratedRegex(@"^Imported ([\d,]+)")]
    private static partial Regex ImportedCount();

    [GeneratedRegex(@"Page ([\d,]+) of ([\d,]+)")]
    private static partial Regex PageOf();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
