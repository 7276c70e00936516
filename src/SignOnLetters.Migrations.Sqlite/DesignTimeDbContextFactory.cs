using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SignOnLetters.Data;

namespace SignOnLetters.Migrations.Sqlite;

/// <summary>
/// Lets `dotnet ef` build the model for this provider without starting the web app. The connection
/// string only matters for commands that touch a database (`database update`); scaffolding and
/// `migrations script` never connect.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Default") ?? DesignTimeConnectionString;
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseProvider(DatabaseProvider.Sqlite, connectionString);
        return new AppDbContext(options.Options);
    }

    private const string DesignTimeConnectionString = "Data Source=App_Data/design-time.db";
}
