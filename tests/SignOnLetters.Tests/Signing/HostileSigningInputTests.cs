using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentValidation;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Signing;

/// <summary>
/// Hostile input on the sign form and the API: each gets a clear message on the right field, stores
/// nothing, sends nothing and echoes nothing back.
/// </summary>
public abstract class HostileSigningInputTests(SliceFixture app) : SliceTest(app)
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // case, field, value
        { "10 KB name", "SignerName", new string('a', 10_240) },
        { "script tag", "SignerName", "<script>alert(1)</script>" },
        { "script in organisation", "OrganisationName", "Org<img src=x onerror=alert(1)>" },
        { "Cyrillic letter in a Latin word (issue 18)", "OrganisationName", "H\u0430rm Reduction International" },
        { "RTL override", "SignerName", "Ana \u202Efdp.exe" },
        { "zero-width flood", "SignerName", "A\u200B\u200B\u200B\u200Bna" },
        { "combining flood", "OrganisationName", "Z\u0300\u0301\u0302\u0303\u0304\u0305\u0306ero" },
        { "invisible only", "SignerName", "\u200D\u200D" },
        { "invalid e-mail", "Email", "not-an-email" },
        { "e-mail with a display name", "Email", "Ana <ana@example.org>" },
        { "e-mail with a line break", "Email", "ana@example.org\r\nBcc: all@example.org" },
        { "unknown country", "CountryCode", "XX" },
        { "country name instead of code", "CountryCode", "France" },
        { "javascript website", "Website", "javascript:alert(1)" },
        { "no consent", "Consent", "false" },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Should_refuse_hostile_input_with_a_message_on_its_field_and_store_nothing(string @case, string field, string value)
    {
        await OpenLetterAsync(App);
        var command = With(Organisation(), field, value);

        var refusal = await Assert.ThrowsAsync<Web.Infrastructure.Mediation.RequestValidationException>(() => App.SendAsync(command));

        var error = refusal.Errors.First(e => e.PropertyName == field);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorMessage), @case);
        if (value.Length > 3)
            Assert.DoesNotContain(value, error.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await SignaturesAsync(App));
        Assert.Empty(App.Emails.All());
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Should_answer_hostile_input_to_the_api_with_field_problems_that_echo_nothing(string @case, string field, string value)
    {
        await OpenLetterAsync(App);
        var http = App.Factory.CreateClient();

        var response = await http.PostAsJsonAsync($"/api/letters/{Slug}/signatures", SigningScenario.Json(With(Organisation(), field, value)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var jsonField = char.ToLowerInvariant(field[0]) + field[1..];
        Assert.True(problem.GetProperty("errors").TryGetProperty(jsonField, out _), $"{@case}: no error for {jsonField} in {problem}");
        Assert.DoesNotContain("<script", await response.Content.ReadAsStringAsync());
        Assert.Empty(await SignaturesAsync(App));
    }

    [SkippableFact]
    public async Task Should_welcome_every_script_and_emoji()
    {
        await OpenLetterAsync(App);

        await App.SendAsync(Organisation("Сеть ЛЖВ 🌍 شبكة", "net@example.org") with { SignerName = "Nguyễn Thị Minh Khai ✊🏽", Role = "مديرة" });

        Assert.Equal("Nguyễn Thị Minh Khai ✊🏽", Assert.Single(await SignaturesAsync(App)).SignerName);
    }

    [SkippableFact]
    public async Task Should_store_nothing_and_answer_as_usual_when_the_honeypot_is_filled()
    {
        await OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);

        var response = await browser.SubmitFormAsync($"/letters/{Slug}/sign", new Dictionary<string, string>
        {
            ["Data.Kind"] = "Individual", ["Data.CountryCode"] = "DE", ["Data.SignerName"] = "Bot", ["Data.Email"] = "bot@example.org",
            ["Data.Consent"] = "true", ["Data.Fax"] = "+49 30 123456",
        });

        BrowserlessClient.AssertRedirect(response, $"/letters/{Slug}/sign");
        Assert.Empty(await SignaturesAsync(App));
        Assert.Empty(App.Emails.All());
    }

    [SkippableFact]
    public async Task Should_show_form_errors_on_the_page_and_keep_what_was_typed()
    {
        await OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);

        var response = await browser.SubmitFormAsync($"/letters/{Slug}/sign", new Dictionary<string, string>
        {
            ["Data.Kind"] = "Individual", ["Data.CountryCode"] = "ZZ", ["Data.SignerName"] = "Ana 🌱", ["Data.Email"] = "nope",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Choose a country from the list.", html);
        Assert.Contains("not a valid e-mail address", html);
        Assert.Contains("Please agree", html);
        Assert.Contains("value=\"Ana 🌱\"", html);
        Assert.Empty(await SignaturesAsync(App));
    }

    [SkippableFact]
    public async Task Should_answer_the_api_with_202_for_a_signature_and_404_problem_for_an_unknown_letter()
    {
        await OpenLetterAsync(App);
        var http = App.Factory.CreateClient();

        var accepted = await http.PostAsJsonAsync($"/api/letters/{Slug}/signatures", SigningScenario.Json(Individual()));
        var unknown = await http.PostAsJsonAsync("/api/letters/no-such-letter/signatures", SigningScenario.Json(Individual()));
        var unknownList = await http.GetAsync("/api/letters/no-such-letter/signatories");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("{\"state\":\"pendingConfirmation\"}", await accepted.Content.ReadAsStringAsync());
        Assert.Contains("/signatures/confirm/", App.Emails.LatestTo("rui@example.org").HtmlBody);
        foreach (var response in new[] { unknown, unknownList })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [SkippableTheory]
    [InlineData("application/json", "{\"kind\": ", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "null", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "[1,2]", HttpStatusCode.BadRequest)]
    [InlineData("text/plain", "{}", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/x-www-form-urlencoded", "kind=organisation", HttpStatusCode.UnsupportedMediaType)]
    public async Task Should_answer_a_body_that_is_not_a_json_signature_with_a_problem(string contentType, string body, HttpStatusCode expected)
    {
        await OpenLetterAsync(App);

        var response = await App.Factory.CreateClient().PostAsync($"/api/letters/{Slug}/signatures",
            new StringContent(body, System.Text.Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await SignaturesAsync(App));
    }

    [SkippableFact]
    public async Task Should_take_the_anonymous_double_opt_in_path_through_the_api_even_for_a_signed_in_member()
    {
        await OpenLetterAsync(App);
        var (_, organisation) = await App.CreateOrganisationAsync("Youth RISE", "IE", "rep@youthrise.example");
        var http = App.Factory.CreateClient();

        var body = new Dictionary<string, object?>
        {
            ["kind"] = "organisation", ["organisationName"] = "Youth RISE", ["organisationId"] = organisation.Id, ["source"] = "Representative",
            ["countryCode"] = "IE", ["signerName"] = "Eve", ["email"] = "eve@example.org", ["consent"] = true,
        };
        var response = await http.PostAsJsonAsync($"/api/letters/{Slug}/signatures", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var signature = Assert.Single(await SignaturesAsync(App));
        Assert.Equal((Domain.Signatures.SignatureState.PendingConfirmation, Domain.Signatures.SignatureSource.Api, null),
            (signature.State, signature.Source, signature.RepresentativeUserId));
        Assert.Null(signature.OrganisationId);
    }

    private static Sign.Command With(Sign.Command command, string field, string value) => field switch
    {
        "SignerName" => command with { SignerName = value },
        "OrganisationName" => command with { OrganisationName = value },
        "Email" => command with { Email = value },
        "CountryCode" => command with { CountryCode = value },
        "Website" => command with { Website = value },
        "Consent" => command with { Consent = bool.Parse(value) },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}

[Collection(SqliteCollection.Name)]
public sealed class HostileSigningInputTestsOnSqlite(SqliteSlice app) : HostileSigningInputTests(app);

[Collection(PostgresCollection.Name)]
public sealed class HostileSigningInputTestsOnPostgres(PostgresSlice app) : HostileSigningInputTests(app);
