using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;

namespace SignOnLetters.Tests.Deployment;

/// <summary>
/// One process may hold several providers' models (a backup restored into another provider; the
/// tests on SQLite then PostgreSQL), and EF refuses to run a compiled query against a model other
/// than the one it first ran with: the public page's compiled queries answered 500 on PostgreSQL in
/// CI until each model got its own.
/// </summary>
public class CompiledPerModelTests
{
    [Fact]
    public void Should_compile_once_for_each_provider_and_reuse_it_for_every_context_of_that_provider()
    {
        var compilations = 0;
        var query = new CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<int>>>(() =>
        {
            compilations++;
            return EF.CompileAsyncQuery((AppDbContext db, int letterId) => db.Signatures.Where(s => s.LetterId == letterId).Select(s => s.Id));
        });
        using var sqlite = Context(DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var otherSqlite = Context(DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var postgres = Context(DatabaseProvider.Postgres, "Host=unused;Database=unused");
        using var sqlServer = Context(DatabaseProvider.SqlServer, "Server=unused;Database=unused;TrustServerCertificate=True");

        var forSqlite = query.For(sqlite);

        Assert.Same(forSqlite, query.For(otherSqlite));
        Assert.NotSame(forSqlite, query.For(postgres));
        Assert.NotSame(query.For(postgres), query.For(sqlServer));
        Assert.Same(query.For(postgres), query.For(postgres));
        Assert.Equal(3, compilations);
    }

    private static AppDbContext Context(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(provider, connectionString);
        return new AppDbContext(options.Options);
    }
}
