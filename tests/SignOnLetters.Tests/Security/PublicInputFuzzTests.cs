using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Validation;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Security;

/// <summary>
/// Random hostile input, bounded and reproducible (fixed seeds): the JSON API, the sign form, token
/// links and slugs. Nothing may answer 5xx, and whatever got stored must pass the same rules as a
/// well-behaved signature (no garbage slipped past validation).
/// </summary>
public abstract class PublicInputFuzzTests(SliceFixture app) : SliceTest(app)
{
    private const int Cases = 60;

    private static readonly string[] Pieces =
    [
        "", " ", "\u00A0\u2003", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "\u202Egnp.exe", "a\u200Bb", "\u2066x\u2069",
        "e" + new string('\u0301', 40), "👩🏽‍⚕️", "محمد", "דוד", "राजेश", "王小明", "\0", "\u0007", "\uD800", "\uFFFF", "Robert'); DROP TABLE \"Signatures\";--",
        "../../etc/passwd", "=HYPERLINK(\"http://evil\")", "%00%2e%2e", "{{7*7}}", "${jndi:ldap://x}", "ana@example.org", "ana+tag@gmail.com",
        "not an email", "@@", "FR", "ZZ", "fr", "https://example.org", "javascript:alert(1)", "Organisation", "Individual", "CountedNotNamed", "-1",
        "99999999999999999999", "true", "null",
    ];

    [SkippableFact]
    public async Task Should_never_fail_with_a_server_error_on_random_api_input_and_store_only_valid_signatures()
    {
        await OpenLetterAsync(App);
        var random = new Random(20261124);
        var client = App.Factory.CreateClient();
        for (var i = 0; i < Cases; i++)
        {
            var (body, contentType) = RandomApiBody(random, i);
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            var response = await client.PostAsync($"/api/letters/{Slug}/signatures", content);
            Assert.True((int)response.StatusCode < 500, $"case {i}: {(int)response.StatusCode} for {Preview(body)}");
        }
        // The mutated valid submissions make sure something was stored to check.
        Assert.NotEmpty(await AssertStoredSignaturesAreValidAsync());
    }

    [SkippableFact]
    public async Task Should_never_fail_with_a_server_error_on_random_form_input_and_store_only_valid_signatures()
    {
        await OpenLetterAsync(App);
        var random = new Random(1124);
        for (var i = 0; i < Cases / 2; i++)
        {
            var fields = new Dictionary<string, string>
            {
                ["Data.Kind"] = Hostile(random),
                ["Data.OrganisationName"] = Hostile(random),
                ["Data.CountryCode"] = Hostile(random),
                ["Data.SignerName"] = Hostile(random),
                ["Data.Role"] = Hostile(random),
                ["Data.Email"] = Hostile(random),
                ["Data.Website"] = Hostile(random),
                ["Data.Visibility"] = Hostile(random),
                ["Data.Consent"] = random.Next(2) == 0 ? "true" : Hostile(random),
            };
            var response = await BrowserlessClient.For(App).SubmitFormAsync($"/letters/{Slug}", fields, "form[action$='/sign']");
            Assert.True((int)response.StatusCode < 500, $"case {i}: {(int)response.StatusCode} for {Preview(string.Join("&", fields))}");
        }
        await AssertStoredSignaturesAreValidAsync();
    }

    [SkippableFact]
    public async Task Should_answer_random_tokens_and_slugs_without_a_server_error()
    {
        await OpenLetterAsync(App);
        var random = new Random(2411);
        var client = App.Factory.CreateClient(new() { AllowAutoRedirect = false });
        string[] templates =
        [
            "/signatures/confirm/{0}", "/signatures/withdraw/{0}", "/invitations/{0}", "/letter-invitations/{0}",
            "/letters/{0}", "/letters/{0}/pdf", "/letters/{0}/signatories", "/api/letters/{0}", "/api/letters/{0}/signatories?page={1}",
            $"/letters/{Slug}/signatories?page={{1}}", $"/api/letters/{Slug}/signatories?page={{1}}",
        ];
        for (var i = 0; i < Cases * 2; i++)
        {
            // A NUL in the path never reaches the app (Kestrel answers 400 itself; the in-memory test server throws instead).
            var segment = (Hostile(random) + Hostile(random)).Replace("\0", "", StringComparison.Ordinal);
            var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[i % templates.Length],
                Uri.EscapeDataString(segment), Uri.EscapeDataString(Hostile(random)));
            var response = await client.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"GET {Preview(path)} answered {(int)response.StatusCode}");
            if (path.StartsWith("/signatures/", StringComparison.Ordinal))
            {
                var post = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>()));
                Assert.True((int)post.StatusCode < 500, $"POST {Preview(path)} answered {(int)post.StatusCode}");
            }
        }
    }

    private async Task<List<Signature>> AssertStoredSignaturesAreValidAsync()
    {
        var stored = await App.ExecuteDbContextAsync(db => db.Signatures.AsNoTracking().ToListAsync());
        foreach (var signature in stored)
        {
            Assert.Null(TextInputRules.Problem(signature.SignerName, Signature.NameMaxLength));
            Assert.False(string.IsNullOrWhiteSpace(signature.SignerName));
            Assert.Null(TextInputRules.Problem(signature.OrganisationName, Signature.NameMaxLength));
            Assert.Null(TextInputRules.Problem(signature.Role, Signature.RoleMaxLength));
            Assert.True(Countries.IsKnown(signature.CountryCode), signature.CountryCode);
            Assert.True(signature.Email is null || System.Net.Mail.MailAddress.TryCreate(signature.Email, out _), signature.Email);
            Assert.True(signature.Website is null || Uri.TryCreate(signature.Website, UriKind.Absolute, out var site) && site.Scheme is "http" or "https", signature.Website);
            Assert.True(Enum.IsDefined(signature.Kind) && Enum.IsDefined(signature.Visibility));
        }
        return stored;
    }

    private static (string Body, string ContentType) RandomApiBody(Random random, int index)
    {
        switch (random.Next(10))
        {
            case 4 or 5 or 6:
                // A valid signature with one or two fields made hostile: what gets through must still be clean.
                var valid = new Dictionary<string, object?>
                {
                    ["kind"] = "Individual", ["countryCode"] = "FR", ["signerName"] = "Rui Costa", ["email"] = $"fuzz{index}@example.org",
                    ["visibility"] = "NameAndOrganisation", ["consent"] = true,
                };
                foreach (var name in new[] { "signerName", "countryCode", "role", "website", "organisationName" }.OrderBy(_ => random.Next()).Take(random.Next(1, 3)))
                    valid[name] = Hostile(random);
                return (JsonSerializer.Serialize(valid), "application/json");
            case 0:
                return (Hostile(random), "application/json");
            case 1:
                return ("{\"signerName\": \"" + new string('x', random.Next(1, 300_000)), "application/json");
            case 2:
                return ("[1,2,3]", "application/json");
            case 3:
                return (JsonSerializer.Serialize(new { signerName = Hostile(random) }), "text/plain");
            default:
                var fields = new Dictionary<string, object?>();
                foreach (var name in new[] { "kind", "organisationName", "countryCode", "signerName", "role", "email", "website", "visibility", "consent", "keepMeUpdated" })
                    fields[name] = random.Next(8) switch
                    {
                        0 => null,
                        1 => random.Next(),
                        2 => new[] { Hostile(random) },
                        3 => new Dictionary<string, string> { ["x"] = Hostile(random) },
                        4 => random.Next(2) == 0,
                        _ => Hostile(random),
                    };
                return (JsonSerializer.Serialize(fields), "application/json");
        }
    }

    /// <summary>One to three hostile pieces, sometimes stretched far past any field's limit.</summary>
    private static string Hostile(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(1, 4); i > 0; i--)
            text.Append(Pieces[random.Next(Pieces.Length)]);
        if (random.Next(12) == 0)
            text.Append(new string((char)random.Next(0x20, 0xD7FF), random.Next(200, 12_000)));
        return text.ToString();
    }

    private static string Preview(string text) => text.Length <= 120 ? text : text[..120] + "…";
}

[Collection(SqliteCollection.Name)]
public sealed class PublicInputFuzzTestsOnSqlite(SqliteSlice app) : PublicInputFuzzTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PublicInputFuzzTestsOnPostgres(PostgresSlice app) : PublicInputFuzzTests(app);
