using Microsoft.AspNetCore.Identity;

namespace SignOnLetters.Web.Infrastructure.Seeding;

/// <summary>
/// Site administrators are named in configuration (<c>Administrators:Emails</c>, e.g.
/// <c>Administrators__Emails__0=ops@example.org</c>), never granted through a page: at start-up the
/// role is created and every named account that exists is put in it. Someone named before they
/// register becomes administrator at the next start.
/// </summary>
public sealed class AdministratorSetup(
    RoleManager<IdentityRole> roles,
    UserManager<ApplicationUser> users,
    IConfiguration configuration,
    ILogger<AdministratorSetup> logger)
{
    public async Task ApplyAsync()
    {
        if (!await roles.RoleExistsAsync(Roles.Administrator))
            await roles.CreateAsync(new IdentityRole(Roles.Administrator));

        var emails = configuration.GetSection("Administrators:Emails").Get<string[]>() ?? [];
        foreach (var email in emails.Where(e => !string.IsNullOrWhiteSpace(e)))
        {
            var user = await users.FindByEmailAsync(email.Trim());
            if (user is null)
            {
                logger.LogWarning("A configured administrator has no account yet; the role is granted at the next start after they register.");
                continue;
            }
            if (!await users.IsInRoleAsync(user, Roles.Administrator))
                await users.AddToRoleAsync(user, Roles.Administrator);
        }
    }

    public static async Task RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdministratorSetup>().ApplyAsync();
    }
}
