using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SignOnLetters.Data;
using SignOnLetters.Domain;

namespace SignOnLetters.Web.Infrastructure;

public static class IdentitySetup
{
    /// <summary>
    /// Identity's second-step sign-in pages throw (a 500) when opened without a first step behind
    /// them, as a bookmark or a shared link does: send such a visitor to the sign-in page instead.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorStepGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if ((path.Equals("/Identity/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase)
                 || path.Equals("/Identity/Account/LoginWithRecoveryCode", StringComparison.OrdinalIgnoreCase))
                && await context.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>().GetTwoFactorAuthenticationUserAsync() is null)
            {
                context.Response.Redirect("/Identity/Account/Login");
                return;
            }
            await next();
        });

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
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<LockoutSignInManager>();
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

/// <summary>
/// Identity's stock login page signs in with lockoutOnFailure: false, so wrong passwords would never
/// lock an account. Every password sign-in counts failures here, whichever page asks.
/// </summary>
public sealed class LockoutSignInManager(
    UserManager<ApplicationUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    public override Task<SignInResult> PasswordSignInAsync(ApplicationUser user, string password, bool isPersistent, bool lockoutOnFailure) =>
        base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: true);
}
