using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SignOnLetters.Data;

/// <summary>
/// WAL lets readers run while a signature is written; in WAL mode synchronous=NORMAL is still
/// durable across an application crash (only a power cut may lose the last commits) and saves an
/// fsync per commit. busy_timeout makes a second writer wait instead of failing with SQLITE_BUSY.
/// journal_mode is stored in the file; the others are per connection, hence an interceptor.
/// <para>
/// SQLite's own lower() folds ASCII letters only, so a search lower-cased on both sides (the
/// signatory lists) would not find "Мария" for "мария" or "ÉCOLE" for "école". The connection's
/// lower() is replaced by .NET's invariant lower-casing, as PostgreSQL (UTF-8 locale) and SQL Server
/// already do; no index or constraint of the schema uses lower().
/// </para>
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        UnicodeLower(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        UnicodeLower(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void UnicodeLower(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
            sqlite.CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
    }
}
