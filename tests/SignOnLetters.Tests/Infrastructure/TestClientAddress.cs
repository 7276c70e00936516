using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>
/// The test server gives requests no client address. A test that needs one (rate limits per network)
/// names it in the <see cref="Header"/> header; this runs before the app's own middleware, so the app
/// sees it as the connection's address, exactly as it would see a real client's.
/// </summary>
internal sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>A request from <paramref name="address"/>.</summary>
    public static HttpRequestMessage From(string address, HttpMethod method, string url, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add(Header, address);
        return request;
    }
}
