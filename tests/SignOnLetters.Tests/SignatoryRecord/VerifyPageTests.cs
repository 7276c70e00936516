using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SignOnLetters.Domain.Record;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;
using SignOnLetters.Web.Infrastructure.Security;

namespace SignOnLetters.Tests.SignatoryRecord;

/// <summary>
/// <c>/letters/{slug}/verify</c> over HTTP, as a browser without JavaScript uses it: heads and
/// receipts checked, hostile input answered with a plain "not a head/receipt" and never shown back,
/// the checks throttled per network, and the page in the reader's language.
/// </summary>
public abstract class VerifyPageTests(SliceFixture app) : SliceTest(app)
{
    private const string Slug = SigningScenario.Slug;
    private const string Page = $"/letters/{Slug}/verify";

    [SkippableFact]
    public async Task Should_say_whether_a_head_is_the_current_one_an_earlier_one_or_none_of_this_letter()
    {
        var entries = await LetterWithTwoSignaturesAsync();

        Assert.Contains("current head. Entries: 2.", await CheckAsync("#check-head form", "head", entries[1].Head.ToUpperInvariant()));
        Assert.Contains("after entry 1. Entries added since: 1.", await CheckAsync("#check-head form", "head", $"  {entries[0].Head}\n"));
        Assert.Contains("never a head of this letter", await CheckAsync("#check-head form", "head", new string('a', 64)));
    }

    [SkippableFact]
    public async Task Should_say_whether_a_receipt_is_part_of_the_record()
    {
        var entries = await LetterWithTwoSignaturesAsync();
        var receipt = new RecordReceipt(Slug, 2, entries[1].Leaf);

        // Pasted from an e-mail client that wrapped the line.
        var answer = await CheckAsync("#check-receipt form", "receipt", receipt.ToString().Replace(" 2 ", "\r\n 2\n"));

        Assert.Contains("This receipt is part of this letter's record: entry 2 (counted", answer);
        Assert.Contains("not part of this letter's record", await CheckAsync("#check-receipt form", "receipt", (receipt with { Leaf = entries[0].Leaf }).ToString()));
        Assert.Contains("not part of this letter's record", await CheckAsync("#check-receipt form", "receipt", (receipt with { Sequence = 9 }).ToString()));
        Assert.Contains("for another letter", await CheckAsync("#check-receipt form", "receipt", (receipt with { Slug = "another-letter" }).ToString()));
    }

    [SkippableTheory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("signatory-receipt/1 end-the-war-on-drugs 1 <b>x</b>")]
    [InlineData("signatory-receipt/1 end-the-war-on-drugs -1 0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("signatory-receipt/1 end-the-war-on-drugs 99999999999999999999 0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("\u202Esignatory-receipt/1 end-the-war-on-drugs 1 0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("signatory-receipt/1 end-the-war-on-drugs 1 00000000000000000000000000000000000000000000000000000000000000\u200F00")]
    [InlineData("'; DROP TABLE \"RecordEntries\"; --")]
    [InlineData("")]
    public async Task Should_answer_hostile_input_with_a_plain_refusal_and_never_show_it_back(string input)
    {
        await LetterWithTwoSignaturesAsync();

        var receipt = await CheckAsync("#check-receipt form", "receipt", input);
        var head = await CheckAsync("#check-head form", "head", input);

        Assert.Contains("This is not a receipt", receipt);
        Assert.Contains("This is not a record head", head);
        foreach (var answer in new[] { receipt, head })
        {
            Assert.DoesNotContain("<script>alert", answer);
            Assert.DoesNotContain("<b>x</b>", answer);
            Assert.DoesNotContain("DROP TABLE", answer);
            if (input.Length > 0)
                Assert.DoesNotContain(input, answer);
        }
        Assert.Equal(2, (await App.ExecuteDbContextAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.RecordEntries))));
    }

    [SkippableFact]
    public async Task Should_refuse_a_huge_input_without_reading_it_as_anything()
    {
        var entries = await LetterWithTwoSignaturesAsync();
        var huge = new RecordReceipt(Slug, 2, entries[1].Leaf) + new string(' ', 100_000) + "x";

        Assert.Contains("This is not a receipt", await CheckAsync("#check-receipt form", "receipt", huge));
        Assert.Contains("This is not a record head", await CheckAsync("#check-head form", "head", entries[1].Head + new string(' ', 100_000)));
    }

    [SkippableFact]
    public async Task Should_answer_404_for_a_draft_or_an_unknown_letter()
    {
        await SigningScenario.OpenLetterAsync(App, status: Domain.Letters.LetterStatus.Draft);
        var client = App.Factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/letters/{Slug}/record")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/letters/no-such-letter/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/letters/%3Cscript%3E/record")).StatusCode);
    }

    [SkippableTheory]
    [InlineData("fr", "Vérifier le registre des signataires")]
    [InlineData("es", "Comprobar el registro de firmantes")]
    [InlineData("ru", "Проверить реестр подписавших")]
    [InlineData("ar", "التحقق من سجل الموقّعين")]
    public async Task Should_show_the_page_and_its_answers_in_the_readers_language(string language, string title)
    {
        var entries = await LetterWithTwoSignaturesAsync();
        var browser = BrowserlessClient.For(App);
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var (response, document) = await browser.GetAsync(Page);
        var answer = await browser.SubmitAsync(document, Page, new Dictionary<string, string> { ["head"] = entries[1].Head }, "#check-head form");
        var html = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(title, document.Title);
        Assert.DoesNotContain("This is the record's current head", html);
        Assert.Contains(entries[1].Head, html);
    }

    [SkippableFact]
    public async Task Should_throttle_the_checks_of_one_network_but_not_reading_the_page()
    {
        var entries = await LetterWithTwoSignaturesAsync();
        var options = App.Factory.Services.GetRequiredService<IOptions<PublicCheckRateLimitOptions>>().Value;
        options.Enabled = true;
        try
        {
            var browser = BrowserlessClient.For(App);
            var (_, document) = await browser.GetAsync(Page);
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i <= options.PermitPerMinute; i++)
                answers.Add((await browser.SubmitAsync(document, Page, new Dictionary<string, string> { ["head"] = entries[0].Head }, "#check-head form")).StatusCode);

            Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers[..^1]);
            Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Page)).Response.StatusCode);
        }
        finally
        {
            options.Enabled = false;
        }
    }

    private async Task<List<RecordEntry>> LetterWithTwoSignaturesAsync()
    {
        var (letter, _, _) = await SigningScenario.OpenLetterAsync(App);
        await SigningScenario.AddApprovedAsync(App, letter, SigningScenario.Organisation(), SigningScenario.Individual());
        return await App.ExecuteDbContextAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.RecordEntries.OrderBy(e => e.Sequence)));
    }

    /// <summary>Fills one of the page's forms as a person would and returns the text of the answer's alert.</summary>
    private async Task<string> CheckAsync(string form, string field, string value)
    {
        var browser = BrowserlessClient.For(App);
        var (_, document) = await browser.GetAsync(Page);
        var response = await browser.SubmitAsync(document, Page, new Dictionary<string, string> { [field] = value }, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var answer = new HtmlParser().ParseDocument(html).QuerySelector($"{form[..form.IndexOf(' ')]} [role=status]")?.TextContent ?? "";
        // What the reader sees, and the whole page for what must never be in it.
        return answer + "\n" + html;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class VerifyPageTestsOnSqlite(SqliteSlice app) : VerifyPageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class VerifyPageTestsOnPostgres(PostgresSlice app) : VerifyPageTests(app);

/// <summary>A receipt or head copied out of a PDF, where a font may draw "ff" as one ligature glyph (U+FB00).</summary>
public sealed class RecordReceiptParsingTests
{
    [Fact]
    public void Should_read_a_receipt_copied_with_a_ligature_or_full_width_digits()
    {
        var leaf = "ff" + new string('0', 60) + "ab";

        var parsed = RecordReceipt.TryParse($"signatory-receipt/1 end-the-war-on-drugs \uFF12 \uFB00{leaf[2..]}");

        Assert.Equal(new RecordReceipt("end-the-war-on-drugs", 2, leaf), parsed);
    }
}
