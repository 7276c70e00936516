using Npgsql;
using SignOnLetters.Data;
using SignOnLetters.TestSupport;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>SQLite, the embedded default: a fresh database file per test run.</summary>
public sealed class SqliteSlice : SliceFixture
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "sol-tests", $"slice-{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string?> PrepareDatabaseAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        return Task.FromResult<string?>($"Data Source={_file};Pooling=True");
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_file + suffix);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A real PostgreSQL server named by <c>ConnectionStrings__Postgres</c> (a login that may create
/// databases). A database of its own is created per run and dropped afterwards. Without the
/// variable the tests are skipped on a developer's machine, and fail in CI (CI=true).
/// </summary>
public sealed class PostgresSlice : SliceFixture
{
    private string? _serverConnection;
    private readonly string _database = $"sol_tests_{Guid.NewGuid():N}";

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");

    protected override async Task<string?> PrepareDatabaseAsync()
    {
        _serverConnection = ServerConnectionString;
        if (string.IsNullOrWhiteSpace(_serverConnection))
        {
            if (TestEnvironment.IsCi)
                throw new InvalidOperationException("CI=true but ConnectionStrings__Postgres is not set: the PostgreSQL slice tests cannot run.");
            Unavailable = "PostgreSQL tests need ConnectionStrings__Postgres (see README).";
            return null;
        }
        await using (var connection = new NpgsqlConnection(_serverConnection))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_serverConnection) { Database = _database }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (string.IsNullOrWhiteSpace(_serverConnection))
            return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteSlice>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresSlice>
{
    public const string Name = "PostgreSQL";
}

/// <summary>
/// Base of every slice test class: empties the database before each test and skips (locally) when
/// the provider is unavailable. Each test class is declared once per provider:
/// <code>
/// public abstract class OrganisationTests(SliceFixture app) : SliceTest(app) { [SkippableFact] ... }
/// [Collection(SqliteCollection.Name)] public sealed class OrganisationTestsOnSqlite(SqliteSlice app) : OrganisationTests(app);
/// [Collection(PostgresCollection.Name)] public sealed class OrganisationTestsOnPostgres(PostgresSlice app) : OrganisationTests(app);
/// </code>
/// </summary>
public abstract class SliceTest(SliceFixture app) : IAsyncLifetime
{
    protected SliceFixture App { get; } = app;

    public async Task InitializeAsync()
    {
        Skip.If(App.Unavailable is not null, App.Unavailable);
        await App.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
