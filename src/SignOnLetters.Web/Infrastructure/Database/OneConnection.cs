namespace SignOnLetters.Web.Infrastructure.Database;

/// <summary>
/// Keeps a context's connection open until disposed, so the statements sent meanwhile share one
/// connection. Without it EF takes a connection from the pool for each statement and returns it
/// after, and PostgreSQL's driver resets each returned connection with statements of its own on
/// the next use (docs/benchmarks.md, "The letter page and API on PostgreSQL"). Holds nest: EF
/// counts the opens, and the connection closes when the outermost hold ends.
/// </summary>
public sealed class OneConnection : IAsyncDisposable
{
    private readonly AppDbContext _db;

    private OneConnection(AppDbContext db) => _db = db;

    public static async Task<OneConnection> HoldAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new OneConnection(db);
    }

    public async ValueTask DisposeAsync() => await _db.Database.CloseConnectionAsync();
}
