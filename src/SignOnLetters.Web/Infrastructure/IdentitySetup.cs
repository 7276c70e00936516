using Microsoft.AspNetCore.Identity;
using SignOnLetters.Data;
using SignOnLetters.Domain;

namespace SignOnLetters.Web.Infrastructure;

public static class IdentitySetup
{
    /// <summary>Accounts with confirmed e-mail, lockout after repeated failures, and roles for site administrators.</summary>
    public static IServiceCollection AddAppIdentity(this IServiceCollection services)
    {
        services.AddDefaultIdentity<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "sol.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
        });
        return services;
    }
}
