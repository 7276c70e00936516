using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;

namespace SignOnLetters.Web.Infrastructure.Database;

/// <summary>Configuration keys <c>Database:Provider</c> and <c>ConnectionStrings:Default</c>.</summary>
public static class DatabaseSetup
{
    public const string DefaultSqliteConnection = "Data Source=App_Data/signonletters.db;Pooling=True";

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = DatabaseProviderSetup.Parse(configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite));
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultSqliteConnection
                : throw new InvalidOperationException($"ConnectionStrings:Default must be set for the {provider} provider.");
        }
        if (provider == DatabaseProvider.Sqlite)
            DatabaseProviderSetup.EnsureSqliteDirectory(connectionString);

        services.AddSingleton(new DatabaseSettings(provider, connectionString));
        // Pooled: a signature's request would otherwise spend more on building a context's options and
        // services than on its two queries (measured with the load benchmark, docs/benchmarks.md).
        services.AddSingleton<Caching.LetterChanges>();
        services.AddDbContextPool<AppDbContext>((sp, options) => options
            .UseProvider(provider, connectionString)
            .AddInterceptors(sp.GetRequiredService<Caching.LetterChanges>()));
        services.AddDataProtection()
            .SetApplicationName("SignOnLetters")
            .PersistKeysToDbContext<AppDbContext>();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    /// <summary>Applies pending migrations; every instance may call it, the migrator takes a lock.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Any(m => m.EndsWith("_" + NameKeyUpgrade.MarkerMigration, StringComparison.Ordinal)))
            await NameKeyUpgrade.RunAsync(db, scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(NameKeyUpgrade)), cancellationToken);
        // A database from before the tallies (issue 20) has signatures and no tallies yet: count them once now.
        if (!await db.SignatureTallies.AnyAsync(cancellationToken) && await db.Signatures.AnyAsync(cancellationToken)
            && services.GetService<Background.SignatureRecount>() is { } recount)
            await recount.RecountAsync(cancellationToken);
    }
}

public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString);
