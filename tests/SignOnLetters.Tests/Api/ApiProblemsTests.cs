using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;

namespace SignOnLetters.Tests.Api;

/// <summary>
/// Issue 19: the two API groups answered one refusal differently (400 on the signing API, 409 on the
/// letter API). One mapping now (ApiProblems): a refusal by a rule is a 400 problem document with the
/// rule's sentence, a missing letter a 404 problem document, on every endpoint.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class ApiProblemsTests(SqliteSlice app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_answer_a_refused_signature_with_a_400_problem_document_in_the_readers_language()
    {
        await SigningScenario.OpenLetterAsync(App, status: LetterStatus.Closed);
        var http = App.Factory.CreateClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");

        var response = await http.PostAsJsonAsync($"/api/letters/{SigningScenario.Slug}/signatures", SigningScenario.Json(SigningScenario.Organisation()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(problem.TryGetProperty("errors", out _));
        Assert.DoesNotContain("closed", problem.GetProperty("detail").GetString());
    }

    [SkippableTheory]
    [InlineData("/api/letters/no-such-letter")]
    [InlineData("/api/letters/no-such-letter/signatories")]
    public async Task Should_answer_an_unknown_letter_with_a_404_problem_document_on_every_endpoint(string path)
    {
        var response = await App.Factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Not found", problem.GetProperty("title").GetString());
    }
}
