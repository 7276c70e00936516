using System.Diagnostics;
using System.Net;
using System.Text;
using SignOnLetters.Data;

namespace SignOnLetters.Benchmarks.Load;

/// <summary>
/// <c>load</c> mode: the app in Release as its own process on a fresh database, then, in one run:
/// the HTTP ceiling (a bare endpoint through the same middleware), the database ceiling (raw
/// single-row inserts), signing through the API and through the form at a fixed concurrency, the
/// check that every accepted submission is stored exactly once, and the public letter page with
/// 5,000 signatories (full answers, then revalidation with its ETag). Loopback only, bounded in time.
/// </summary>
internal static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        var root = RepositoryRoot();
        var runId = DateTime.UtcNow.ToString("HHmmss");
        var work = Directory.CreateTempSubdirectory("signonletters-load-").FullName;
        var report = new StringBuilder();
        void Say(string line)
        {
            Console.WriteLine(line);
            report.AppendLine(line);
        }

        var (provider, connectionString, postgresCluster) = await DatabaseAsync(root, work, options.Postgres, options.PostgresConnection, $"signonletters_load_{runId}", 55490);
        var database = new LoadDatabase(provider, connectionString);
        var settings = AppSettings(provider, connectionString, work);
        settings["Diagnostics:BareEndpoint"] = "true";
        // Runtime knobs to compare (e.g. --env DOTNET_TieredPGO=1), passed to the app processes as they are.
        foreach (var assignment in options.Environment)
            settings[assignment[..assignment.IndexOf('=')]] = assignment[(assignment.IndexOf('=') + 1)..];

        Say($"# Load run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {provider}, {options.Instances} app process(es), {options.Concurrency} connections, "
            + $"{options.Duration.TotalSeconds:N0} s per signing path after {options.WarmUp.TotalSeconds:N0} s warm-up; {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        var apps = new List<AppProcess>();
        try
        {
            for (var i = 0; i < options.Instances; i++)
                apps.Add(await AppProcess.StartAsync(root, options.Port + i, settings, seedDemo: i == 0, Path.Combine(work, $"app{i}.log")));
            var app = apps[0];
            Func<TimeSpan> appCpu = () => apps.Aggregate(TimeSpan.Zero, (sum, a) => sum + a.CpuTime);
            var slug = "demo";
            var publicSignatories = await database.SeedPublicSignatoriesAsync(slug, options.PublicSignatories);
            Say($"Seeded: /letters/{slug} has {publicSignatories:N0} confirmed signatures.");

            var results = new List<LoadResult>();
            var bare = BareEndpoint(apps, options.Concurrency);
            results.Add(await LoadRun.RunAsync("HTTP ceiling (bare endpoint)", options.Concurrency, options.WarmUp, options.CeilingDuration, bare, appCpu));
            Say(results[^1].Line());
            results.Add(await database.InsertCeilingAsync(options.CeilingDuration));
            Say(results[^1].Line());

            var signers = new Signers(runId);
            var signing = new SigningLoad(apps.Select(a => a.Address).ToArray(), slug, signers, options.Concurrency);
            LoadResult? api = null, form = null;
            if (options.Paths.Contains("api"))
            {
                results.Add(api = await LoadRun.RunAsync("sign API (POST JSON)", options.Concurrency, options.WarmUp, options.Duration, signing.SignThroughApiAsync, appCpu));
                Say(api.Line());
            }
            if (options.Paths.Contains("form"))
            {
                results.Add(form = await LoadRun.RunAsync("sign form (GET form + POST)", options.Concurrency, options.WarmUp, options.Duration, signing.SignThroughFormAsync, appCpu));
                Say(form.Line());
            }
            var mail = await MailCheckAsync(database, runId, Path.Combine(work, "mail"));
            var verification = await database.VerifyAsync(runId, signing.Accepted.ToArray());
            Say($"Check: {verification}");
            var mailed = mail.Written == verification.Stored && mail.Owed == 0;
            Say($"E-mails: {mail.Written:N0} confirmation e-mails written for {verification.Stored:N0} stored signatures, {mail.Owed} still owed, "
                + $"the last {mail.Lag.TotalSeconds:N1} s after the last signing phase ended → {(mailed ? "OK" : "FAILED")}");
            if (api is not null)
                Say($"Sign API / HTTP ceiling: {api.PerSecond / results[0].PerSecond:P0} of the bare endpoint's throughput.");

            var page = new PublicPageLoad(apps.Select(a => a.Address).ToArray(), slug, options.Concurrency);
            await page.PrimeAsync();
            Say($"Public page: {page.Describe()}");
            results.Add(await LoadRun.RunAsync($"public page, {publicSignatories:N0} signatories", options.Concurrency, options.WarmUp, options.PageDuration, page.GetAsync, appCpu));
            Say(results[^1].Line());
            results.Add(await LoadRun.RunAsync("public page revalidated (304)", options.Concurrency, options.WarmUp, options.PageDuration, page.RevalidateAsync, appCpu));
            Say(results[^1].Line());

            var verdicts = new List<string>();
            if (api is not null)
                verdicts.Add($"sign API ≥ 1,000/s and p99 ≤ 100 ms: {(api.PerSecond >= 1000 && api.Percentile(99) <= 100 ? "met" : "NOT met")}");
            var pageResult = results[^2];
            verdicts.Add($"public page ≥ 3,000/s and p99 ≤ 50 ms: {(pageResult.PerSecond >= 3000 && pageResult.Percentile(99) <= 50 ? "met" : "NOT met")}");
            verdicts.Add($"nothing lost or duplicated: {(verification.Holds ? "holds" : "FAILED")}");
            verdicts.Add($"every stored signature mailed once: {(mailed ? "holds" : "FAILED")}");
            Say("Targets: " + string.Join("; ", verdicts));
            if (options.Out is { } output)
            {
                Directory.CreateDirectory(output);
                await File.WriteAllTextAsync(Path.Combine(output, $"load-{provider.ToString().ToLowerInvariant()}-{options.Instances}.txt"), report.ToString());
            }
            return verification.Holds && mailed ? 0 : 1;
        }
        finally
        {
            foreach (var app in apps)
                await app.DisposeAsync();
            if (postgresCluster is not null)
                await StopPostgresAsync(postgresCluster);
        }
    }

    /// <summary>
    /// Confirmation e-mails leave after the answer: waits (at most five minutes) until the app owes
    /// none for this run, then counts the messages in the pickup directory (one per stored signature;
    /// the seeded signatories were inserted directly and get none).
    /// </summary>
    private static async Task<MailCheck> MailCheckAsync(LoadDatabase database, string runId, string directory)
    {
        var waited = Stopwatch.StartNew();
        var owed = await database.OwedConfirmationsAsync(runId);
        while (owed > 0 && waited.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(250);
            owed = await database.OwedConfirmationsAsync(runId);
        }
        var lag = waited.Elapsed;
        var written = Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.eml").Count() : 0;
        return new MailCheck(written, owed, lag);
    }

    private sealed record MailCheck(int Written, int Owed, TimeSpan Lag);

    /// <summary>The same JSON body as a signature, to an endpoint that answers 202 and does nothing else.</summary>
    private static LoadStep BareEndpoint(IReadOnlyList<AppProcess> apps, int concurrency)
    {
        var clients = Enumerable.Range(0, concurrency).Select(i => SigningLoad.NewClient(apps[i % apps.Count].Address)).ToArray();
        var body = """{"kind":"individual","countryCode":"FR","signerName":"Ольга Смирнова","email":"ceiling@load.example.org","visibility":"NameAndOrganisation","consent":true}""";
        return async (worker, _, cancellationToken) =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await clients[worker].PostAsync("/_bench/noop", content, cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.Accepted;
        };
    }

    /// <summary>
    /// The run's own database: a SQLite file in <paramref name="work"/>, or a fresh database on the
    /// given PostgreSQL server (or on a throwaway cluster started on <paramref name="clusterPort"/>,
    /// returned so it can be stopped), so counts start from the demo letter alone.
    /// </summary>
    internal static async Task<(DatabaseProvider Provider, string ConnectionString, string? Cluster)> DatabaseAsync(
        string root, string work, bool postgres, string? server, string name, int clusterPort)
    {
        if (!postgres)
            return (DatabaseProvider.Sqlite, $"Data Source={Path.Combine(work, "bench.db")};Pooling=True", null);
        string? cluster = null;
        if (server is null)
            (cluster, server) = await StartPostgresAsync(root, work, clusterPort);
        return (DatabaseProvider.Postgres, await PostgresDatabase.CreateFreshAsync(server, name), cluster);
    }

    /// <summary>The app's configuration in a benchmark: its database, e-mails to files, no per-address limits, no outbox, warnings only.</summary>
    internal static Dictionary<string, string> AppSettings(DatabaseProvider provider, string connectionString, string work) => new()
    {
        ["Database:Provider"] = provider.ToString(),
        ["ConnectionStrings:Default"] = connectionString,
        ["Email:PickupDirectory"] = Path.Combine(work, "mail"),
        // One loopback address sends everything: the per-address limits would hold it all for review.
        ["Signing:RateLimit:Enabled"] = "false",
        ["Security:TokenLinkRateLimit:Enabled"] = "false",
        ["Outbox:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        // The large PDFs' files (ADR 0021) in this run's folder: the default (App_Data under the web
        // project) outlives the run, and the next run's letters get the same ids and cache keys, so
        // it would serve the last run's file instead of rendering (the 09:09 run's "1.1 s").
        ["Pdf:CacheDirectory"] = Path.Combine(work, "pdf-cache"),
    };

    private static async Task<(string Cluster, string ConnectionString)> StartPostgresAsync(string root, string work, int port)
    {
        var cluster = Path.Combine(work, "pg");
        Directory.CreateDirectory(cluster);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(work, (UnixFileMode)0b111_101_101);
        var start = new ProcessStartInfo("bash", [Path.Combine(root, ".ci", "start-postgres.sh"), cluster, port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            // Every statement slower than 250 ms is logged with its plan in the cluster's pg/postgres.log in the run's
            // directory: a latency row's p99 can then be told from the statement and plan that made it (a scale run
            // once saw one search at 605 ms p50 that no request against its kept cluster reproduced afterwards).
            Environment =
            {
                ["PG_FSYNC"] = "on",
                ["PG_OPTIONS"] = "-c log_min_duration_statement=250 -c shared_preload_libraries=auto_explain -c auto_explain.log_min_duration=250",
            },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException("Could not start PostgreSQL (see .ci/start-postgres.sh); pass --postgres \"<connection string>\" for a running server.");
        var connection = output.Split('\'')[1];
        return (cluster, connection);
    }

    internal static async Task StopPostgresAsync(string cluster)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d).Last();
        var command = Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", Path.Combine(bin, "bin", "pg_ctl"), "-D", Path.Combine(cluster, "data"), "stop", "-m", "fast"])
            : new ProcessStartInfo(Path.Combine(bin, "bin", "pg_ctl"), ["-D", Path.Combine(cluster, "data"), "stop", "-m", "fast"]);
        using var process = Process.Start(command)!;
        await process.WaitForExitAsync();
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SignOnLetters.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}

internal sealed record LoadOptions(
    bool Postgres, string? PostgresConnection, int Instances, int Concurrency, TimeSpan Duration, TimeSpan WarmUp,
    TimeSpan CeilingDuration, TimeSpan PageDuration, int PublicSignatories, string[] Paths, int Port, string? Out, string[] Environment)
{
    public static LoadOptions Parse(string[] args)
    {
        // The word right after the flag, unless that is the next flag.
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).Take(1).FirstOrDefault(v => !v.StartsWith("--"));
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text) : fallback;
        var postgres = args.Contains("--postgres");
        var instances = Number("--instances", 1);
        if (instances > 1 && !postgres)
            throw new ArgumentException("--instances 2 needs --postgres: the processes share one database server.");
        return new LoadOptions(
            postgres, postgres ? Value("--postgres") : null, instances,
            Number("--concurrency", 64),
            TimeSpan.FromSeconds(Number("--duration", 60)),
            TimeSpan.FromSeconds(Number("--warmup", 5)),
            TimeSpan.FromSeconds(Number("--ceiling-duration", 10)),
            TimeSpan.FromSeconds(Number("--page-duration", 20)),
            Number("--signatories", 5000),
            (Value("--paths") ?? "api,form").Split(','),
            Number("--port", 5290),
            Value("--out"),
            args.Select((a, i) => (a, i)).Where(p => p.a == "--env" && p.i + 1 < args.Length && args[p.i + 1].Contains('=')).Select(p => args[p.i + 1]).ToArray());
    }
}
