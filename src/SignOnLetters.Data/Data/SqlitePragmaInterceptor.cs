using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SignOnLetters.Data;

/// <summary>
/// WAL lets readers run while a signature is written; in WAL mode synchronous=NORMAL is still
/// durable across an application crash (only a power cut may lose the last commits) and saves an
/// fsync per commit. busy_timeout makes a second writer wait instead of failing with SQLITE_BUSY.
/// journal_mode is stored in the file; the others are per connection, hence an interceptor.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
