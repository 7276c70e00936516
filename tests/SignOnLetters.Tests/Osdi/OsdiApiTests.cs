using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Api.Osdi;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;
using OrganisationApi = SignOnLetters.Web.Pages.Organisations.Api;

namespace SignOnLetters.Tests.Osdi;

/// <summary>
/// The OSDI API (issue 23): keys per organisation, scoped to its letters, stored hashed; documents
/// in OSDI's shapes; the public list and nothing more of who signed; hostile input refused.
/// </summary>
public abstract class OsdiApiTests(SliceFixture app) : SliceTest(app)
{
    private const string Root = "/api/osdi/v1";

    [SkippableFact]
    public async Task Should_keep_only_the_hash_of_a_key_and_show_the_key_once_in_its_own_shape()
    {
        var (_, _, organisation, key) = await LetterWithKeyAsync();

        var parts = key.Split('_', 3);
        Assert.Equal("sol", parts[0]);
        Assert.Equal(43, parts[2].Length);
        var stored = await App.ExecuteDbContextAsync(db => db.OrganisationApiKeys.AsNoTracking().SingleAsync(k => k.OrganisationId == organisation.Id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parts[2]))), stored.SecretHash);
        Assert.DoesNotContain(parts[2], stored.SecretHash);
        // The page lists the key by its name, never the secret.
        App.RunAs(await CoordinatorOfAsync(organisation));
        var page = await App.SendAsync(new OrganisationApi.Query(organisation.Id));
        Assert.DoesNotContain(parts[2], JsonSerializer.Serialize(page));
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("sol_1_short")]
    [InlineData("sol_0_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("sol_99999_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("' OR 1=1 --")]
    public async Task Should_answer_401_problem_that_says_nothing_of_the_letter_to_a_missing_or_wrong_key(string? token)
    {
        await LetterWithKeyAsync();

        foreach (var path in new[] { "", "/petitions", $"/petitions/{Slug}", "/petitions/no-such-letter", $"/petitions/{Slug}/signatures" })
        {
            var (status, type, body) = await GetAsync(path, token);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("application/problem+json", type);
            Assert.Equal(await BodyOfAsync("/petitions/no-such-letter", token), body);
        }
    }

    [SkippableFact]
    public async Task Should_refuse_a_right_key_id_with_a_wrong_secret_and_a_revoked_key_alike()
    {
        var (_, coordinator, organisation, key) = await LetterWithKeyAsync();
        var wrongSecret = key[..^4] + (key.EndsWith("AAAA") ? "BBBB" : "AAAA");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/petitions/{Slug}", key)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync($"/petitions/{Slug}", wrongSecret)).Status);

        var keyId = await App.ExecuteDbContextAsync(db => db.OrganisationApiKeys.Where(k => k.OrganisationId == organisation.Id).Select(k => k.Id).SingleAsync());
        await App.SendAsAsync(coordinator, new OrganisationApi.RevokeKey(organisation.Id, keyId));

        var revoked = await GetAsync($"/petitions/{Slug}", key);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.Status);
        Assert.Equal(await BodyOfAsync($"/petitions/{Slug}", wrongSecret), revoked.Body);
    }

    [SkippableFact]
    public async Task Should_take_the_same_time_to_refuse_a_wrong_secret_of_a_real_key_as_a_key_that_does_not_exist()
    {
        var (_, _, _, key) = await LetterWithKeyAsync();
        var id = key.Split('_')[1];
        var wrongSecretOfRealKey = $"sol_{id}_{new string('A', 43)}";
        var unknownKey = $"sol_{int.Parse(id) + 1000}_{new string('A', 43)}";
        using var http = App.Factory.CreateClient();

        async Task<TimeSpan> Time(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Root}/petitions/{Slug}");
            request.Headers.Add(OsdiApiKeys.Header, token);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            watch.Stop();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return watch.Elapsed;
        }

        var (known, unknown) = await PathTiming.TimeBothPathsAsync(() => Time(wrongSecretOfRealKey), () => Time(unknownKey));
        PathTiming.AssertSameTiming(known, unknown, "for a real key with a wrong secret", "for a key that does not exist");
    }

    [SkippableFact]
    public async Task Should_answer_the_entry_point_petitions_and_signatures_in_the_OSDI_shapes()
    {
        var (_, _, _, key) = await LetterWithKeyAsync();

        var entry = await GetOkAsync("", key);
        OsdiSchemas.AssertValid(OsdiSchemas.EntryPoint, entry);
        Assert.EndsWith($"{Root}/petitions", Json(entry).GetProperty("_links").GetProperty("osdi:petitions").GetProperty("href").GetString());

        var petitions = await GetOkAsync("/petitions", key);
        OsdiSchemas.AssertValid(OsdiSchemas.Collection("osdi:petitions", "petition"), petitions);
        Assert.Equal(1, Json(petitions).GetProperty("total_records").GetInt32());

        var petition = await GetOkAsync($"/petitions/{Slug}", key);
        OsdiSchemas.AssertValid(OsdiSchemas.Petition, petition);
        var p = Json(petition);
        Assert.Equal($"signonletters:{Slug}", p.GetProperty("identifiers")[0].GetString());
        Assert.Equal(Title, p.GetProperty("title").GetString());
        Assert.Equal(3, p.GetProperty("total_signatures").GetInt32());
        Assert.EndsWith($"/letters/{Slug}", p.GetProperty("browser_url").GetString());
        Assert.Contains("we write to you", p.GetProperty("petition_text").GetString());

        var signatures = await GetOkAsync($"/petitions/{Slug}/signatures", key);
        OsdiSchemas.AssertValid(OsdiSchemas.Collection("osdi:signatures", "signature"), signatures);
        var embedded = Json(signatures).GetProperty("_embedded").GetProperty("osdi:signatures");
        Assert.Equal(2, embedded.GetArrayLength());

        var self = embedded[0].GetProperty("_links").GetProperty("self").GetProperty("href").GetString()!;
        var one = await GetOkAsync(self[self.IndexOf(Root, StringComparison.Ordinal)..][Root.Length..], key);
        OsdiSchemas.AssertValid(OsdiSchemas.Signature, one);
        Assert.Equal("Médecins du Monde", Json(one).GetProperty("signonletters:signatory").GetProperty("organization").GetString());
    }

    [SkippableFact]
    public async Task Should_page_with_bounded_per_page_and_next_and_prev_links()
    {
        var (letter, _, _, key) = await LetterWithKeyAsync();
        await AddApprovedAsync(App, letter, Enumerable.Range(1, 5).Select(i => Individual($"Person {i}", $"p{i}@example.org")).ToArray());

        var second = Json(await GetOkAsync($"/petitions/{Slug}/signatures?page=2&per_page=3", key));
        Assert.Equal(7, second.GetProperty("total_records").GetInt32());
        Assert.Equal(3, second.GetProperty("total_pages").GetInt32());
        Assert.Equal(3, second.GetProperty("_embedded").GetProperty("osdi:signatures").GetArrayLength());
        Assert.Contains("page=3&per_page=3", second.GetProperty("_links").GetProperty("next").GetProperty("href").GetString());
        Assert.Contains("page=1&per_page=3", second.GetProperty("_links").GetProperty("prev").GetProperty("href").GetString());
        var last = Json(await GetOkAsync($"/petitions/{Slug}/signatures?page=3&per_page=3", key));
        Assert.False(last.GetProperty("_links").TryGetProperty("next", out _));
    }

    [SkippableFact]
    public async Task Should_walk_the_whole_list_by_next_links_that_seek_and_stay_right_when_the_list_changes_meanwhile()
    {
        var (letter, _, _, key) = await LetterWithKeyAsync();
        await AddApprovedAsync(App, letter, Enumerable.Range(1, 9).Select(i => Individual($"Person {i}", $"p{i}@example.org")).ToArray());
        var expected = Identifiers(Json(await GetOkAsync($"/petitions/{Slug}/signatures?per_page=100", key)));
        Assert.Equal(11, expected.Count);

        var walked = new List<string>();
        var path = $"/petitions/{Slug}/signatures?per_page=4";
        var pages = 0;
        while (path is not null)
        {
            var page = Json(await GetOkAsync(path, key));
            walked.AddRange(Identifiers(page));
            pages++;
            if (pages == 1)
            {
                // Someone withdraws from the first page while the client reads: a page counted by number would now skip a signature.
                await App.ExecuteDbContextAsync(async db =>
                {
                    var sequence = int.Parse(walked[0][(walked[0].LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
                    var signatureId = await db.RecordEntries.Where(e => e.LetterId == letter.Id && e.Sequence == sequence).Select(e => e.SignatureId).SingleAsync();
                    var first = await db.Signatures.SingleAsync(s => s.Id == signatureId);
                    first.Withdraw(SignatureActor.Signer, null, App.Clock.GetUtcNow().UtcDateTime);
                    await db.SaveChangesAsync();
                });
            }
            path = page.GetProperty("_links").TryGetProperty("next", out var next) ? Relative(next.GetProperty("href").GetString()!) : null;
            if (path is not null)
                Assert.Matches(@"page=\d+&per_page=4&after=\d+$", path);
        }
        Assert.Equal(expected, walked);
        Assert.Equal(3, pages);
    }

    private static List<string> Identifiers(JsonElement page) =>
        page.GetProperty("_embedded").GetProperty("osdi:signatures").EnumerateArray()
            .Select(s => s.GetProperty("identifiers")[0].GetString()!).ToList();

    private static string Relative(string href) => href[(href.IndexOf(Root, StringComparison.Ordinal) + Root.Length)..];

    [SkippableFact]
    public async Task Should_never_name_a_signer_counted_but_not_named_nor_show_any_email()
    {
        var (letter, _, _, key) = await LetterWithKeyAsync();
        await AddApprovedAsync(App, letter, Organisation("Secret Collective", "secret@example.org") with { Visibility = SignatureVisibility.CountedNotNamed });

        var everything = new StringBuilder();
        everything.Append(await GetOkAsync("/petitions", key));
        everything.Append(await GetOkAsync($"/petitions/{Slug}", key));
        var list = await GetOkAsync($"/petitions/{Slug}/signatures?per_page=100", key);
        everything.Append(list);
        foreach (var item in Json(list).GetProperty("_embedded").GetProperty("osdi:signatures").EnumerateArray())
        {
            var href = item.GetProperty("_links").GetProperty("self").GetProperty("href").GetString()!;
            everything.Append(await GetOkAsync(href[(href.IndexOf(Root, StringComparison.Ordinal) + Root.Length)..], key));
        }
        var all = everything.ToString();

        Assert.Equal(4, Json(await GetOkAsync($"/petitions/{Slug}", key)).GetProperty("total_signatures").GetInt32());
        Assert.Equal(2, Json(list).GetProperty("total_records").GetInt32());
        Assert.Contains("Médecins du Monde", all);
        Assert.DoesNotContain("Hidden Person", all);
        Assert.DoesNotContain("Secret Collective", all);
        Assert.DoesNotContain("@", all.Replace("\"@", "", StringComparison.Ordinal));
        Assert.DoesNotContain("example.org\"", all);
    }

    [SkippableFact]
    public async Task Should_not_show_another_organisations_letter_but_show_one_it_co_authors()
    {
        var (_, _, organisation, key) = await LetterWithKeyAsync();
        var (other, otherCoordinator, _) = await OpenLetterAsync(App, slug: "someone-elses-letter");
        var (coAuthored, coAuthoredCoordinator, _) = await OpenLetterAsync(App, slug: "written-together", coAuthorIds: [organisation.Id]);
        var coordinator = await CoordinatorOfAsync(organisation);
        await App.ExecuteDbContextAsync(async db =>
        {
            var letter = await db.Letters.Include(l => l.CoAuthors).SingleAsync(l => l.Id == coAuthored.Id);
            letter.AcceptCoAuthorship(organisation.Id, coordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        var foreign = await GetAsync("/petitions/someone-elses-letter", key);
        var missing = await GetAsync("/petitions/no-such-letter", key);
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal(missing.Body, foreign.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/petitions/someone-elses-letter/signatures", key)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/petitions/someone-elses-letter/signatures/1", key)).Status);

        var petitions = await GetOkAsync("/petitions", key);
        Assert.Contains("signonletters:written-together", petitions);
        Assert.DoesNotContain("someone-elses-letter", petitions);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/petitions/written-together", key)).Status);
        _ = (other, otherCoordinator, coAuthoredCoordinator);
    }

    [SkippableTheory]
    [InlineData("/petitions?per_page=1000")]
    [InlineData("/petitions?per_page=101")]
    [InlineData("/petitions?per_page=0")]
    [InlineData("/petitions?page=-1")]
    [InlineData("/petitions?page=0")]
    [InlineData("/petitions?page=abc")]
    [InlineData("/petitions?page=1e3")]
    [InlineData("/petitions?page=%2B1")]
    [InlineData("/petitions?page=99999999999999999999")]
    [InlineData("/petitions?page=1&page=2")]
    [InlineData("/petitions/" + Slug + "/signatures?per_page=-5")]
    [InlineData("/petitions/" + Slug + "/signatures?after=-1")]
    [InlineData("/petitions/" + Slug + "/signatures?after=1%20OR%201=1")]
    [InlineData("/petitions/" + Slug + "/signatures?after=99999999999")]
    [InlineData("/petitions/" + Slug + "/signatures?after=1&after=2")]
    [InlineData("/petitions/" + Slug + "/signatures?after=")]
    [InlineData("/petitions/x'%20OR%201=1--")]
    [InlineData("/petitions/" + Slug + "%3B%20DROP%20TABLE%20Signatures")]
    [InlineData("/petitions/" + Slug + "/signatures/1%20OR%201=1")]
    [InlineData("/petitions/" + Slug + "/signatures/-1")]
    [InlineData("/petitions/" + Slug + "/signatures/0")]
    [InlineData("/petitions/" + Slug + "/signatures/99999999999")]
    public async Task Should_refuse_hostile_parameters_with_a_400_problem(string path)
    {
        var (_, _, _, key) = await LetterWithKeyAsync();

        var (status, type, body) = await GetAsync(path, key);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(400, Json(body).GetProperty("status").GetInt32());
    }

    [SkippableFact]
    public async Task Should_keep_the_existing_letter_api_as_it_was()
    {
        await LetterWithKeyAsync();
        using var http = App.Factory.CreateClient();
        var letter = Json(await http.GetStringAsync($"/api/letters/{Slug}"));
        Assert.Equal(Slug, letter.GetProperty("slug").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/letters/{Slug}/signatories")).StatusCode);
    }

    /// <summary>Per key, counted before the key is looked up: a refused request reads the same whether or not the key exists.</summary>
    [SkippableFact]
    public async Task Should_limit_requests_per_key_with_the_same_answer_whether_or_not_the_key_exists()
    {
        var (_, _, _, key) = await LetterWithKeyAsync();
        var unknown = $"sol_{int.Parse(key.Split('_')[1]) + 1000}_{new string('A', 43)}";
        await using var limited = App.Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Osdi:RateLimit:Enabled", "true");
            b.UseSetting("Osdi:RateLimit:PermitsPerKeyPerMinute", "3");
        });
        using var http = limited.CreateClient();
        async Task<(HttpStatusCode Status, string? RetryAfter, string Body)> Get(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Root}/petitions");
            request.Headers.TryAddWithoutValidation(OsdiApiKeys.Header, token);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(), await response.Content.ReadAsStringAsync());
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Get(key)).Status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Get(unknown)).Status);
        }
        var real = await Get(key);
        var made = await Get(unknown);
        // Another key (and the hostile header) keeps its own allowance.
        var other = await Get("sol_1_<script>alert(1)</script>");

        Assert.Equal((HttpStatusCode.TooManyRequests, "60"), (real.Status, real.RetryAfter));
        Assert.Equal((real.Status, real.RetryAfter, real.Body), (made.Status, made.RetryAfter, made.Body));
        Assert.Equal(HttpStatusCode.Unauthorized, other.Status);
    }

    private async Task<(Letter Letter, ApplicationUser Coordinator, Organisation Organisation, string Key)> LetterWithKeyAsync()
    {
        var (letter, coordinator, organisation) = await OpenLetterAsync(App);
        await AddApprovedAsync(App, letter,
            Organisation("Médecins du Monde", "ana@example.org"),
            Individual("Rui Costa", "rui@example.org"),
            Individual("Hidden Person", "hidden@example.org") with { Visibility = SignatureVisibility.CountedNotNamed });
        var key = await App.SendAsAsync(coordinator, new OrganisationApi.CreateKey { OrganisationId = organisation.Id, Name = "Our CRM" });
        return (letter, coordinator, organisation, key);
    }

    private Task<ApplicationUser> CoordinatorOfAsync(Organisation organisation) =>
        App.ExecuteDbContextAsync(db => db.OrganisationMemberships.Where(m => m.OrganisationId == organisation.Id).Select(m => m.User).FirstAsync());

    private async Task<(HttpStatusCode Status, string? Type, string Body)> GetAsync(string path, string? token)
    {
        using var http = App.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Root + path);
        if (token is not null)
            request.Headers.TryAddWithoutValidation(OsdiApiKeys.Header, token);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> BodyOfAsync(string path, string? token) => (await GetAsync(path, token)).Body;

    private async Task<string> GetOkAsync(string path, string key)
    {
        var (status, type, body) = await GetAsync(path, key);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body}");
        Assert.Equal(OsdiApi.ContentType, type);
        return body;
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;
}

[Collection(SqliteCollection.Name)]
public sealed class OsdiApiTestsOnSqlite(SqliteSlice app) : OsdiApiTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OsdiApiTestsOnPostgres(PostgresSlice app) : OsdiApiTests(app);
