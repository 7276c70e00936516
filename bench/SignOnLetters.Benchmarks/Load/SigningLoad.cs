using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace SignOnLetters.Benchmarks.Load;

/// <summary>
/// The two ways a signature arrives: the JSON API partners call, and the public sign form a person
/// fills in (GET for the antiforgery token, then POST). Each worker has its own connection and
/// cookies. With two app processes, workers are spread over both, and a form is fetched from one
/// process and sent to the other: its antiforgery cookie and token must hold across processes.
/// The e-mail of every accepted submission is kept for the check.
/// </summary>
internal sealed partial class SigningLoad
{
    private readonly string _slug;
    private readonly Signers _signers;
    private readonly HttpClient[] _clients;
    private readonly HttpClient[] _formPosters;

    public SigningLoad(IReadOnlyList<Uri> apps, string slug, Signers signers, int concurrency)
    {
        (_slug, _signers) = (slug, signers);
        _clients = new HttpClient[concurrency];
        _formPosters = new HttpClient[concurrency];
        for (var worker = 0; worker < concurrency; worker++)
        {
            // Cookies ignore ports (RFC 6265), so one jar serves both loopback processes.
            var cookies = new CookieContainer();
            _clients[worker] = NewClient(apps[worker % apps.Count], cookies);
            _formPosters[worker] = apps.Count == 1 ? _clients[worker] : NewClient(apps[(worker + 1) % apps.Count], cookies);
        }
    }

    // Signers are numbered across both paths, so the form never repeats the API's signers.
    private long _signerNumber;

    public ConcurrentBag<string> Accepted { get; } = [];

    public static HttpClient NewClient(Uri app, CookieContainer? cookies = null) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1,
        UseCookies = cookies is not null,
        CookieContainer = cookies ?? new CookieContainer(),
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    { BaseAddress = app, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<bool> SignThroughApiAsync(int worker, long _, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _signerNumber);
        var signer = _signers.For(number);
        using var response = await _clients[worker].PostAsJsonAsync($"/api/letters/{_slug}/signatures", new
        {
            signer.Kind,
            signer.OrganisationName,
            signer.CountryCode,
            SignerName = signer.Name,
            signer.Role,
            signer.Email,
            Visibility = "NameAndOrganisation",
            Consent = true,
            KeepMeUpdated = number % 3 == 0,
        }, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
            return false;
        Accepted.Add(signer.Email);
        return true;
    }

    /// <summary>One person: opens the form (its own step, not timed as signing) and sends it.</summary>
    public async Task<bool> SignThroughFormAsync(int worker, long _, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _signerNumber);
        var http = _clients[worker];
        var form = await http.GetStringAsync($"/letters/{_slug}/sign", cancellationToken);
        var token = AntiforgeryField().Match(form);
        var signer = _signers.For(number);
        var fields = new Dictionary<string, string>
        {
            ["Data.Kind"] = signer.Kind == "organisation" ? "Organisation" : "Individual",
            ["Data.OrganisationName"] = signer.OrganisationName ?? string.Empty,
            ["Data.CountryCode"] = signer.CountryCode,
            ["Data.SignerName"] = signer.Name,
            ["Data.Role"] = signer.Role ?? string.Empty,
            ["Data.Email"] = signer.Email,
            ["Data.Visibility"] = "NameAndOrganisation",
            ["Data.Consent"] = "true",
            ["Data.Fax"] = string.Empty,
        };
        if (token.Success)
            fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        using var response = await _formPosters[worker].PostAsync($"/letters/{_slug}/sign", new FormUrlEncodedContent(fields), cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        // Accepted: the post-redirect-get back to the form with the thank-you notice.
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != $"/letters/{_slug}/sign")
            return false;
        Accepted.Add(signer.Email);
        return true;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryField();
}
