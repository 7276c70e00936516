using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain;

namespace SignOnLetters.Web.Infrastructure.Seeding;

/// <summary>
/// <c>--seed-demo</c> (or <c>SEED_DEMO=true</c>): creates, once, what a newcomer needs to see the
/// product at once: a demo organisation and its coordinator <c>demo@example.org</c>. Running it again
/// changes nothing.
/// </summary>
public sealed class DemoSeeder(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public const string CoordinatorEmail = "demo@example.org";
    public const string OrganisationName = "Global Network of People Who Use Drugs (demo)";

    public static bool IsRequested(string[] args, IConfiguration configuration) =>
        args.Contains("--seed-demo", StringComparer.OrdinalIgnoreCase)
        || string.Equals(configuration["SEED_DEMO"], "true", StringComparison.OrdinalIgnoreCase);

    /// <returns>The generated password when the coordinator was created now, otherwise null.</returns>
    public async Task<string?> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await users.FindByEmailAsync(CoordinatorEmail) is not null)
        {
            logger.LogInformation("Demo data is already present; nothing seeded.");
            Console.WriteLine($"Demo data already present. Sign in as {CoordinatorEmail} with the password printed when it was first seeded (or delete App_Data/ to start again).");
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var password = GeneratePassword();
        var coordinator = new ApplicationUser
        {
            UserName = CoordinatorEmail,
            Email = CoordinatorEmail,
            EmailConfirmed = true,
            DisplayName = "Demo Coordinator",
            CreatedAt = now,
        };
        var created = await users.CreateAsync(coordinator, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Could not create the demo coordinator: " + string.Join("; ", created.Errors.Select(e => e.Description)));

        var organisation = Organisation.Create(OrganisationName, "NL", "https://example.org", coordinator.Id, now);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);

        Console.WriteLine();
        Console.WriteLine("  Demo data created.");
        Console.WriteLine($"  Sign in as {CoordinatorEmail} with the password: {password}");
        Console.WriteLine();
        return password;
    }

    /// <summary>Random each time, so no two demo installations share a password that anyone could look up.</summary>
    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        // Identity's default rules ask for a digit, a lower and an upper case letter and a symbol.
        return $"Demo-{new string(chars)}-7a";
    }

    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
    }
}
