using System.Data;
using System.Data.Common;
using System.Globalization;

namespace SignOnLetters.Web.Pages.Signatures.Importing;

/// <summary>
/// SQLite: a larger page cache and in-memory temporary storage on the import's own connection
/// (<see cref="ImportTuning.SqliteCacheMegabytes"/>), set back to what they were before the
/// connection returns to the pool, so no other reader or writer of the server inherits them.
/// Durability is untouched: journal mode and <c>synchronous</c> stay the server's
/// (<c>SqlitePragmaInterceptor</c>), and each batch still commits on its own.
/// </summary>
internal sealed class SqliteImportCache
{
    /// <summary>Nothing changed (another provider, or no larger cache asked for).</summary>
    public static SqliteImportCache None { get; } = new(null, 0, 0);

    private readonly DbConnection? _connection;
    private readonly long _cacheSize;
    private readonly long _tempStore;

    private SqliteImportCache(DbConnection? connection, long cacheSize, long tempStore) =>
        (_connection, _cacheSize, _tempStore) = (connection, cacheSize, tempStore);

    /// <summary>On the context's open SQLite connection: <paramref name="megabytes"/> of page cache, temporary tables in memory.</summary>
    public static async Task<SqliteImportCache> EnlargeAsync(AppDbContext db, int megabytes, CancellationToken cancellationToken)
    {
        if (megabytes <= 0 || !db.Database.IsSqlite())
            return None;
        var connection = db.Database.GetDbConnection();
        var cache = new SqliteImportCache(connection,
            await ScalarAsync(connection, "PRAGMA cache_size;", cancellationToken), await ScalarAsync(connection, "PRAGMA temp_store;", cancellationToken));
        // A negative cache_size is in KiB rather than pages.
        await ScalarAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {-megabytes * 1024L}; PRAGMA temp_store = MEMORY;"), cancellationToken);
        return cache;
    }

    /// <summary>The connection's own settings again (a smaller cache_size gives the pages back at once).</summary>
    public async Task RestoreAsync()
    {
        if (_connection is not { State: ConnectionState.Open })
            return;
        await ScalarAsync(_connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {_cacheSize}; PRAGMA temp_store = {_tempStore};"),
            CancellationToken.None);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, CultureInfo.InvariantCulture);
    }
}
