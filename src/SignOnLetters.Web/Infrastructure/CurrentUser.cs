using System.Security.Claims;

namespace SignOnLetters.Web.Infrastructure;

/// <summary>Who is making the request, for handlers that check membership and record authors.</summary>
public interface ICurrentUser
{
    /// <summary>The signed-in user's id, or null for an anonymous visitor.</summary>
    string? UserId { get; }

    bool IsAdministrator { get; }
}

public static class Roles
{
    /// <summary>Runs the site: sees every organisation and letter, imports backups.</summary>
    public const string Administrator = "Administrator";
}

public sealed class HttpContextCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public bool IsAdministrator => accessor.HttpContext?.User.IsInRole(Roles.Administrator) ?? false;
}

public static class CurrentUserExtensions
{
    public static string RequireUserId(this ICurrentUser user) =>
        user.UserId ?? throw new ForbiddenException("Sign in first.");
}
