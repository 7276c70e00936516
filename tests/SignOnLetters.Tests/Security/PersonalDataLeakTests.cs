using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Signing;
using UglyToad.PdfPig;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Infrastructure.Security;

namespace SignOnLetters.Tests.Security;

/// <summary>
/// Who signed is the sensitive fact here. With a delivered letter signed in every way a signer can
/// choose (named, organisation only, counted but not named) plus a signer who never confirmed, every
/// response an anonymous visitor can get from any GET route the app maps, the PDF's text and the
/// app's own logs are searched for the e-mail addresses and the names that must stay hidden.
/// </summary>
public abstract class PersonalDataLeakTests(SliceFixture app) : SliceTest(app)
{
    private const string ShownOrganisation = "Réseau Visible";
    private const string ShownPerson = "Ana Visible";
    private const string OrganisationOnlySigner = "Quentin Unshown";
    private const string HiddenIndividual = "Hedda Hiddenname";
    private const string UnconfirmedIndividual = "Una Unconfirmed";

    private static readonly string[] Emails =
    [
        "ana.visible@example.org", "quentin.unshown@example.org", "hedda.hidden@example.org",
        "una.unconfirmed@example.org", "viktor.visible@example.org",
    ];

    [SkippableFact]
    public async Task Should_not_show_emails_or_hidden_names_in_any_public_response_the_pdf_or_the_logs()
    {
        var (letter, coordinator, organisation) = await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Organisation(ShownOrganisation, Emails[0]) with { SignerName = ShownPerson });
        await SignAndConfirmAsync(App, Organisation("Collectif Discret", Emails[1]) with { SignerName = OrganisationOnlySigner, Visibility = SignatureVisibility.OrganisationOnly });
        await SignAndConfirmAsync(App, Individual(HiddenIndividual, Emails[2]) with { Visibility = SignatureVisibility.CountedNotNamed });
        await App.SendAsync(Individual(UnconfirmedIndividual, Emails[3]));
        await SignAndConfirmAsync(App, Individual("Viktor Visible", Emails[4]));
        await CloseAndDeliverAsync(App, letter.Id, coordinator.Id);

        var responses = new Dictionary<string, string>();
        var anonymous = App.Factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in PublicGetPaths(organisation.Id))
        {
            var response = await anonymous.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"GET {path} answered {(int)response.StatusCode}");
            responses[path] = await ReadableTextAsync(response);
        }

        // The searches must be able to fail: what signers chose to show is there.
        var letterPage = responses[$"/letters/{Slug}"] + responses[$"/letters/{Slug}/signatories"];
        Assert.Contains(ShownPerson, letterPage);
        Assert.Contains("Collectif Discret", letterPage);
        Assert.Contains("Viktor Visible", responses[$"/letters/{Slug}/pdf"]);
        Assert.Contains("Viktor Visible", responses[$"/api/letters/{Slug}/signatories?page=1"]);
        Assert.NotEmpty(App.Logs.Lines);

        var secrets = Emails.Concat([OrganisationOnlySigner, HiddenIndividual, UnconfirmedIndividual]).ToList();
        foreach (var (path, body) in responses)
            foreach (var secret in secrets)
                Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"GET {path} shows \"{secret}\"");
        var logs = string.Join("\n", App.Logs.Lines);
        foreach (var email in Emails)
            Assert.False(logs.Contains(email, StringComparison.OrdinalIgnoreCase), $"The logs contain \"{email}\"");
        foreach (var name in new[] { OrganisationOnlySigner, HiddenIndividual, UnconfirmedIndividual })
            Assert.False(logs.Contains(name, StringComparison.OrdinalIgnoreCase), $"The logs contain \"{name}\"");
    }

    [SkippableFact]
    public void Should_keep_only_a_signers_network_never_the_full_address()
    {
        // Rate limits key on the /24 or /56 network in memory; what is stored is the /24 or /48
        // network, enough to see a burst from one place, not enough to single out a person.
        Assert.Equal("203.0.113.0/24", ClientNetwork.Of(IPAddress.Parse("203.0.113.77")));
        Assert.Equal("203.0.113.0/24", ClientNetwork.Of(IPAddress.Parse("::ffff:203.0.113.77")));
        Assert.Equal("2001:db8:85a3::/48", ClientNetwork.Of(IPAddress.Parse("2001:db8:85a3:8d3:1319:8a2e:370:7348")));
        Assert.Equal("2001:db8:85a3:800::/56", ClientNetwork.LimitKey(IPAddress.Parse("2001:db8:85a3:8d3:1319:8a2e:370:7348")));
        Assert.Equal("203.0.113.0/24", ClientNetwork.LimitKey(IPAddress.Parse("::ffff:203.0.113.77")));

        using var scope = App.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SignOnLetters.Data.AppDbContext>();
        var columns = db.Model.GetEntityTypes()
            .Where(type => type.ClrType.Namespace?.Contains("Signatures", StringComparison.Ordinal) == true)
            .SelectMany(type => type.GetProperties().Select(property => property.Name))
            .ToList();
        Assert.Contains(nameof(Signature.ClientNetwork), columns);
        Assert.DoesNotContain(columns, column => column.Contains("IpAddress", StringComparison.OrdinalIgnoreCase)
            || column.Contains("RemoteAddress", StringComparison.OrdinalIgnoreCase) || column.Contains("UserAgent", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every GET route the app maps, with its parameters filled in for this letter; token routes get a made-up token.</summary>
    private List<string> PublicGetPaths(int organisationId)
    {
        var routes = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not { } methods
                               || methods.HttpMethods.Contains("GET"))
            .Select(endpoint => "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(route => !route.StartsWith("/Identity/Account/Manage", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .ToList();
        Assert.Contains("/letters/{slug}", routes);
        var paths = routes.Select(route => route
                .Replace("{slug}", Slug, StringComparison.Ordinal)
                .Replace("{token}", "dGhpcy1pcy1ub3QtYS1yZWFsLXRva2VuLWF0LWFsbC0xMjM0NTY", StringComparison.Ordinal)
                .Replace("{id:int}", organisationId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .Where(path => !path.Contains('{', StringComparison.Ordinal))
            .ToList();
        // Query-string variants a visitor can reach: other pages of the lists, languages, errors.
        paths.AddRange([
            $"/api/letters/{Slug}/signatories?page=1", $"/api/letters/{Slug}/signatories?page=2",
            $"/letters/{Slug}/signatories?page=2", $"/letters/{Slug}?lang=fr", $"/letters/{Slug}/pdf?lang=fr",
            "/letters/no-such-letter", "/Error?status=404", "/Error?status=500",
        ]);
        return paths;
    }

    private static async Task<string> ReadableTextAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.Content.Headers.ContentType?.MediaType == "application/pdf")
        {
            using var pdf = PdfDocument.Open(bytes);
            return string.Join("\n", pdf.GetPages().Select(page => page.Text)).Normalize(NormalizationForm.FormKC);
        }
        // Headers too: a name must not travel in a Location or a Content-Disposition either.
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(header => $"{header.Key}: {string.Join(",", header.Value)}"));
        return headers + "\n" + WebUtility.HtmlDecode(Encoding.UTF8.GetString(bytes));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PersonalDataLeakTestsOnSqlite(SqliteSlice app) : PersonalDataLeakTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PersonalDataLeakTestsOnPostgres(PostgresSlice app) : PersonalDataLeakTests(app);
