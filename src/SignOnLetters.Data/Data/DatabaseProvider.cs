using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SignOnLetters.Data;

/// <summary>The relational engines the app runs on (configuration key <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>
/// The one place that knows how each provider is wired: its driver, its migrations assembly and its
/// resilience. Used by the app at start-up and by each migrations project at design time.
/// </summary>
public static class DatabaseProviderSetup
{
    public static string MigrationsAssembly(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "SignOnLetters.Migrations.Sqlite",
        DatabaseProvider.Postgres => "SignOnLetters.Migrations.Postgres",
        DatabaseProvider.SqlServer => "SignOnLetters.Migrations.SqlServer",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static DbContextOptionsBuilder UseProvider(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        var migrations = MigrationsAssembly(provider);
        // Every context keeps the signature tallies in step, whoever builds it (app, tests, tools).
        options.AddInterceptors(SignatureTallies.Instance);
        return provider switch
        {
            // SQLite: "Pooling" keeps connections (and their per-connection pragmas) warm.
            DatabaseProvider.Sqlite => options
                .UseSqlite(connectionString, o => o.MigrationsAssembly(migrations))
                .AddInterceptors(SqlitePragmaInterceptor.Instance),
            // Server databases restart, fail over and drop connections: retry transient faults.
            DatabaseProvider.Postgres => options.UseNpgsql(PostgresConnectionString(connectionString), o => o.MigrationsAssembly(migrations).EnableRetryOnFailure(3)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, o => o.MigrationsAssembly(migrations).EnableRetryOnFailure(3)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
    }

    /// <summary>
    /// The driver's settings the app sets on PostgreSQL unless the configured connection string sets them itself.
    /// Automatic preparation: a statement a connection has sent <c>Auto Prepare Min Usages</c> times is
    /// prepared there, and later sends skip the server's parsing and planning (up to <c>Max Auto Prepare</c>
    /// statements per connection, the least recently used recycled). Off in the driver by default; the public
    /// letter page and API send the same few statements on every request (docs/benchmarks.md, "The letter page
    /// and API on PostgreSQL"). Behind a pooler that cannot keep prepared statements (PgBouncer before 1.21
    /// in transaction mode), set <c>Max Auto Prepare=0</c> in the connection string.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PostgresDefaults = new Dictionary<string, string>
    {
        ["Max Auto Prepare"] = "100",
        ["Auto Prepare Min Usages"] = "2",
    };

    /// <summary>The configured PostgreSQL connection string with <see cref="PostgresDefaults"/> for what it leaves unset.</summary>
    public static string PostgresConnectionString(string configured)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = configured };
        // Npgsql reads keywords case-insensitively and with or without their spaces.
        static string Normal(string keyword) => keyword.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        var set = builder.Keys.Cast<string>().Select(Normal).ToHashSet();
        foreach (var (keyword, value) in PostgresDefaults)
        {
            if (!set.Contains(Normal(keyword)))
                builder[keyword] = value;
        }
        return builder.ConnectionString;
    }

    public static DatabaseProvider Parse(string? value) =>
        Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException(
                $"Database:Provider is '{value}'. Use one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");

    /// <summary>Creates the folder an SQLite file lives in, so a fresh clone needs no set-up.</summary>
    public static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory) && dataSource != ":memory:")
            Directory.CreateDirectory(directory);
    }
}
