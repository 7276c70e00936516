using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

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

    /// <summary>Accounts with confirmed e-mail, a back-off after repeated wrong passwords, and roles for site administrators.</summary>
    public static IServiceCollection AddAppIdentity(this IServiceCollection services)
    {
        services.AddDefaultIdentity<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                // Counts wrong authenticator codes only (the second step, behind the password); wrong
                // passwords back off per network instead (LockoutSignInManager).
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<LockoutSignInManager>()
            .AddErrorDescriber<LocalisedIdentityErrorDescriber>();
        services.AddSingleton<Security.SignInBackoff>();
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
/// Every password sign-in, whichever page asks: wrong passwords back off per account and network
/// (<see cref="Security.SignInBackoff"/>) instead of locking the account, and an address with no
/// account costs the same password check as one with an account, so neither the answer nor its
/// time tells a stranger which addresses have accounts.
/// </summary>
public sealed class LockoutSignInManager(
    UserManager<ApplicationUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    Security.SignInBackoff backoff)
    : SignInManager<ApplicationUser>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    // A hash made once with the app's own hasher and settings, checked when the address has no
    // account. Static: the manager lives for one request, and hashing anew would double the time.
    private static string? s_standInHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var key = Security.SignInBackoff.Key(userName, Security.ClientNetwork.LimitKey(Context.Connection.RemoteIpAddress));
        if (backoff.MustWait(key))
            return SignInResult.LockedOut;
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            var standIn = s_standInHash ??= UserManager.PasswordHasher.HashPassword(new ApplicationUser(), Guid.NewGuid().ToString());
            UserManager.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), standIn, password);
            backoff.Failed(key);
            return SignInResult.Failed;
        }
        var result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result.Succeeded || result.RequiresTwoFactor)
            backoff.Succeeded(key);
        else
            backoff.Failed(key);
        return result;
    }

    /// <summary>Identity's lockout is left to the second step (authenticator codes), which only the password's holder reaches.</summary>
    public override Task<SignInResult> PasswordSignInAsync(ApplicationUser user, string password, bool isPersistent, bool lockoutOnFailure) =>
        base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
}

/// <summary>
/// Identity's own errors (password rules, a taken e-mail address) in the reader's language. Identity's
/// pages show <see cref="IdentityError.Description"/> as it comes, so it is translated here, when the
/// error is made, in the request's culture; the codes stay Identity's.
/// </summary>
public sealed class LocalisedIdentityErrorDescriber(IStringLocalizer<SharedResource> T) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Translated(base.DefaultError(), T["An unknown failure has occurred."]);
    public override IdentityError ConcurrencyFailure() => Translated(base.ConcurrencyFailure(), T["Your account was changed elsewhere at the same time. Please try again."]);
    public override IdentityError PasswordMismatch() => Translated(base.PasswordMismatch(), T["Incorrect password."]);
    public override IdentityError InvalidToken() => Translated(base.InvalidToken(), T["This link is invalid or has expired."]);
    public override IdentityError RecoveryCodeRedemptionFailed() => Translated(base.RecoveryCodeRedemptionFailed(), T["Recovery code redemption failed."]);
    public override IdentityError LoginAlreadyAssociated() => Translated(base.LoginAlreadyAssociated(), T["A user with this login already exists."]);
    public override IdentityError InvalidUserName(string? userName) => Translated(base.InvalidUserName(userName), T["Username '{0}' is invalid, can only contain letters or digits.", userName ?? string.Empty]);
    public override IdentityError InvalidEmail(string? email) => Translated(base.InvalidEmail(email), T["Email '{0}' is invalid.", email ?? string.Empty]);
    public override IdentityError DuplicateUserName(string userName) => Translated(base.DuplicateUserName(userName), T["Username '{0}' is already taken.", userName]);
    public override IdentityError DuplicateEmail(string email) => Translated(base.DuplicateEmail(email), T["Email '{0}' is already taken.", email]);
    public override IdentityError UserAlreadyHasPassword() => Translated(base.UserAlreadyHasPassword(), T["User already has a password set."]);
    public override IdentityError UserLockoutNotEnabled() => Translated(base.UserLockoutNotEnabled(), T["Lockout is not enabled for this user."]);
    public override IdentityError PasswordTooShort(int length) => Translated(base.PasswordTooShort(length), T["Passwords must be at least {0} characters.", length]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Translated(base.PasswordRequiresUniqueChars(uniqueChars), T["Passwords must use at least {0} different characters.", uniqueChars]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Translated(base.PasswordRequiresNonAlphanumeric(), T["Passwords must have at least one non alphanumeric character."]);
    public override IdentityError PasswordRequiresDigit() => Translated(base.PasswordRequiresDigit(), T["Passwords must have at least one digit ('0'-'9')."]);
    public override IdentityError PasswordRequiresLower() => Translated(base.PasswordRequiresLower(), T["Passwords must have at least one lowercase ('a'-'z')."]);
    public override IdentityError PasswordRequiresUpper() => Translated(base.PasswordRequiresUpper(), T["Passwords must have at least one uppercase ('A'-'Z')."]);

    private static IdentityError Translated(IdentityError error, string description) => new() { Code = error.Code, Description = description };
}
