namespace SignOnLetters.Web.Infrastructure;

/// <summary>
/// Absolute links for e-mails. <c>App:PublicBaseUrl</c> wins when set (behind a proxy the request's
/// host may be an internal name); otherwise the current request's scheme and host are used.
/// </summary>
public interface IPublicUrls
{
    string Absolute(string path);
}

public sealed class PublicUrls(IConfiguration configuration, IHttpContextAccessor accessor) : IPublicUrls
{
    public string Absolute(string path)
    {
        var configured = configuration["App:PublicBaseUrl"];
        var request = accessor.HttpContext?.Request;
        var baseUrl = !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : request is not null ? $"{request.Scheme}://{request.Host}{request.PathBase}" : "http://localhost:5000";
        return baseUrl + (path.StartsWith('/') ? path : "/" + path);
    }
}
