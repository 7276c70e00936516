using Microsoft.AspNetCore.DataProtection;

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
            .AddInterceptors(sp.GetRequiredService<Caching.LetterChanges>(), sp.GetRequiredService<Webhooks.WebhookEvents>()));
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
        // The migrations were squashed into one per provider before the first release (issue 19): a
        // database made by an earlier development build knows migrations this build does not, and
        // migrating it would fail half-way on tables that exist. Say so plainly instead.
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Except(db.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"This database was made by a development build from before the migrations were squashed ({unknown[0]}). " +
                "No released version used it: delete it (for SQLite, App_Data/signonletters.db and its -wal and -shm files) and start again, or restore a letter backup into a new one.");
        await db.Database.MigrateAsync(cancellationToken);
        // A database from before the tallies (issue 20) has signatures and no tallies yet: count them once now.
        if (!await db.SignatureTallies.AnyAsync(cancellationToken) && await db.Signatures.AnyAsync(cancellationToken)
            && services.GetService<Background.SignatureRecount>() is { } recount)
            await recount.RecountAsync(cancellationToken);
    }
}

public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString);
