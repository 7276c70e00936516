namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// Absolute links for e-mails, on <c>App:PublicBaseUrl</c> (<see cref="PublicAddress"/>), never on
/// the request's Host header. Only in Development without the setting is the request's host used.
/// </summary>
public interface IPublicUrls
{
    string Absolute(string path);

    /// <summary>
    /// A link the framework built from the request (Identity's account e-mails) moved onto the public
    /// base: its path within the app, query and fragment are kept, its scheme and host are not.
    /// </summary>
    string Rebase(string absoluteUrl);
}

public sealed class PublicUrls(PublicBaseUrl publicBase, IHttpContextAccessor accessor) : IPublicUrls
{
    public string Absolute(string path)
    {
        if (publicBase.Absolute(path) is { } link)
            return link;
        var request = accessor.HttpContext?.Request;
        var baseUrl = request is not null ? $"{request.Scheme}://{request.Host}{request.PathBase}" : "http://localhost:5000";
        return baseUrl + (path.StartsWith('/') ? path : "/" + path);
    }

    public string Rebase(string absoluteUrl)
    {
        if (!Uri.TryCreate(absoluteUrl, UriKind.Absolute, out var uri))
            return Absolute(absoluteUrl);
        var path = uri.AbsolutePath;
        var pathBase = accessor.HttpContext?.Request.PathBase.Value;
        if (!string.IsNullOrEmpty(pathBase) && path.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase))
            path = path[pathBase.Length..];
        return Absolute(path + uri.Query + uri.Fragment);
    }
}
