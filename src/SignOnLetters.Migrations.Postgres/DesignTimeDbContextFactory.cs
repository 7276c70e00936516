using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SignOnLetters.Data;

namespace SignOnLetters.Migrations.Postgres;

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
        options.UseProvider(DatabaseProvider.Postgres, connectionString);
        return new AppDbContext(options.Options);
    }

    private const string DesignTimeConnectionString = "Host=127.0.0.1;Database=signonletters;Username=postgres";
}
