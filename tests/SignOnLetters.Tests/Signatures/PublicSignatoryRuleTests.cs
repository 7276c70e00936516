using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using UglyToad.PdfPig;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Signatures;

/// <summary>
/// How a signature appears publicly is one rule (<see cref="PublicSignatory"/>), and the four public
/// outputs follow it: the signatory list, the JSON API, the embed (its count) and the PDF. The case
/// they once disagreed on (issue 19): an individual who chose "organisation only" is shown by that
/// organisation, on one line, never by name (the form asks such an individual for an organisation).
/// </summary>
public abstract class PublicSignatoryRuleTests(SliceFixture app) : SliceTest(app)
{
    private const string IndividualsOrganisation = "Employer Shown Once";
    private static readonly string[] Hidden = ["Priya Private", "Quentin Unshown", "Hedda Hidden", "Hidden Employer"];
    private static readonly string[] Shown = ["Réseau Nommé", "Ana Named", "Collectif Discret", "Viktor Named", IndividualsOrganisation];

    [SkippableFact]
    public async Task Should_show_an_organisation_only_individual_by_their_organisation_once_and_never_by_name_in_every_output()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Organisation("Réseau Nommé", "ana@example.org") with { SignerName = "Ana Named" });
        await SignAndConfirmAsync(App, Organisation("Collectif Discret", "quentin@example.org") with
        {
            SignerName = "Quentin Unshown", Visibility = SignatureVisibility.OrganisationOnly,
        });
        await SignAndConfirmAsync(App, Individual("Viktor Named", "viktor@example.org"));
        await SignAndConfirmAsync(App, Individual("Priya Private", "priya@example.org") with
        {
            OrganisationName = IndividualsOrganisation, Visibility = SignatureVisibility.OrganisationOnly,
        });
        await SignAndConfirmAsync(App, Individual("Hedda Hidden", "hedda@example.org") with
        {
            OrganisationName = "Hidden Employer", Visibility = SignatureVisibility.CountedNotNamed,
        });
        // While open, the embed shows the count only: every approved signature, named or not, as the letter page says.
        App.RunAs(coordinator);
        await App.SendAsync(new Manage.ChangeEmbedHosts { Slug = Slug, Hosts = "partner.example" });
        var (_, embed) = await BrowserlessClient.For(App).GetAsync($"/letters/{Slug}/embed?host=partner.example");
        var (_, letterPage) = await BrowserlessClient.For(App).GetAsync($"/letters/{Slug}");
        var embedCount = embed.QuerySelector("p.headline-count")!.TextContent.Trim();
        Assert.Equal(letterPage.QuerySelector("p.headline-count")!.TextContent.Trim(), embedCount);
        Assert.Contains("5", embedCount);
        foreach (var name in Hidden)
            Assert.DoesNotContain(name, embed.Body!.TextContent);

        // Delivered, so that the PDF is public.
        await CloseAndDeliverAsync(App, letter.Id, coordinator.Id);
        var client = App.Factory.CreateClient();

        var list = await TextAsync(client, $"/letters/{Slug}/signatories");
        var api = await TextAsync(client, $"/api/letters/{Slug}/signatories?page=1");
        var pdf = await TextAsync(client, $"/letters/{Slug}/pdf");
        foreach (var (output, text) in new[] { ("list", list), ("API", api), ("PDF", pdf) })
        {
            foreach (var name in Shown)
                Assert.True(text.Contains(name, StringComparison.Ordinal), $"The {output} does not show \"{name}\".");
            foreach (var name in Hidden)
                Assert.False(text.Contains(name, StringComparison.Ordinal), $"The {output} shows \"{name}\".");
            Assert.Equal(1, Occurrences(text, IndividualsOrganisation));
        }
        Assert.Contains("and 1 more who asked not to be named", list);

        using var json = JsonDocument.Parse(api[api.IndexOf('{')..]);
        Assert.Equal(1, json.RootElement.GetProperty("unnamed").GetInt32());
        Assert.Equal(5, json.RootElement.GetProperty("counts").GetProperty("total").GetInt32());
        var entry = json.RootElement.GetProperty("signatories").EnumerateArray()
            .Single(s => s.GetProperty("organisation").GetString() == IndividualsOrganisation);
        Assert.Equal("individual", entry.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("name").ValueKind);
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static async Task<string> TextAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.Content.Headers.ContentType?.MediaType == "application/pdf")
        {
            using var pdf = PdfDocument.Open(bytes);
            return string.Join("\n", pdf.GetPages().Select(page => page.Text)).Normalize(NormalizationForm.FormKC);
        }
        return WebUtility.HtmlDecode(Encoding.UTF8.GetString(bytes));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PublicSignatoryRuleTestsOnSqlite(SqliteSlice app) : PublicSignatoryRuleTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PublicSignatoryRuleTestsOnPostgres(PostgresSlice app) : PublicSignatoryRuleTests(app);
