using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Sharing;

/// <summary>The letter's short link <c>/l/{code}</c> and its QR code, as a coordinator makes a poster and a passer-by scans it.</summary>
public abstract class ShareTests(SliceFixture app) : SliceTest(app)
{
    private Task<string> ShortCodeAsync(string slug) =>
        App.ExecuteDbContextAsync(db => db.Letters.Where(l => l.Slug == slug).Select(l => l.ShortCode).SingleAsync());

    [SkippableFact]
    public async Task Should_lead_from_the_short_link_to_the_open_letter_however_the_code_is_typed()
    {
        await OpenLetterAsync(App);
        var code = await ShortCodeAsync(Slug);
        var client = BrowserlessClient.For(App).Http;

        foreach (var typed in new[] { code, code.ToUpperInvariant(), $"{code[..4]}-{code[4..]}", code.Replace('0', 'O').Replace('1', 'l') })
        {
            var response = await client.GetAsync($"/l/{Uri.EscapeDataString(typed)}");
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal($"/letters/{Slug}", response.Headers.Location!.OriginalString);
        }
    }

    [SkippableFact]
    public async Task Should_answer_a_draft_s_code_exactly_as_an_unknown_one()
    {
        await OpenLetterAsync(App, status: LetterStatus.Draft);
        var draftCode = await ShortCodeAsync(Slug);
        var unknownCode = draftCode == "zzzzzzzz" ? "yyyyyyyy" : "zzzzzzzz";
        var client = BrowserlessClient.For(App).Http;

        var draft = await client.GetAsync($"/l/{draftCode}");
        var unknown = await client.GetAsync($"/l/{unknownCode}");

        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await draft.Content.ReadAsStringAsync());
    }

    [SkippableTheory]
    [InlineData("abc")]
    [InlineData("abcdefghu")]
    [InlineData("uuuuuuuu")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("%E2%80%AEabcdefgh")]
    [InlineData("abcd%01efgh")]
    [InlineData("'%20OR%20'1'='1")]
    public async Task Should_answer_hostile_codes_with_404(string code)
    {
        await OpenLetterAsync(App);
        var client = BrowserlessClient.For(App).Http;

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/l/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/l/" + new string('a', 5000))).StatusCode);
    }

    [SkippableFact]
    public async Task Should_show_the_short_link_and_a_QR_code_that_scans_back_to_it_on_the_status_page()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var code = await ShortCodeAsync(Slug);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);

        var (_, manage) = await browser.GetAsync($"/letters/{Slug}/manage");
        var shortLink = ((IHtmlInputElement)manage.QuerySelector("#share input.short-link")!).Value;
        Assert.Equal($"http://localhost/l/{code}", shortLink);
        Assert.Null(manage.QuerySelector("#share .hint"));

        var png = await browser.Http.GetAsync($"/letters/{Slug}/qr.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(shortLink, Scan(await png.Content.ReadAsByteArrayAsync()));

        var svg = await browser.Http.GetAsync($"/letters/{Slug}/qr.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var root = XDocument.Parse(await svg.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Contains(root.Descendants(), e => e.Name.LocalName is "path" or "rect");
        Assert.DoesNotContain("<script", await svg.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Should_tell_the_coordinator_of_a_draft_that_the_link_works_once_open()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Draft);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);

        var (_, manage) = await browser.GetAsync($"/letters/{Slug}/manage");

        Assert.Contains("once the letter is open", manage.QuerySelector("#share .hint")!.TextContent);
    }

    /// <summary>Reads a QR code from a PNG as a phone's camera would.</summary>
    private static string? Scan(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png).Copy(SKColorType.Bgra8888);
        var source = new RGBLuminanceSource(bitmap.GetPixelSpan().ToArray(), bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.BGRA32);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)))?.Text;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ShareTestsOnSqlite(SqliteSlice app) : ShareTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ShareTestsOnPostgres(PostgresSlice app) : ShareTests(app);

/// <summary>The short code's own rules, without a database.</summary>
public sealed class LetterShortCodeTests
{
    [Fact]
    public void Should_make_codes_that_read_back_as_themselves_and_differ()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => LetterShortCode.New()).ToList();

        Assert.All(codes, code => Assert.Equal(code, LetterShortCode.Normalize(code)));
        Assert.All(codes, code => Assert.Equal(code, LetterShortCode.Normalize(code.ToUpperInvariant())));
        Assert.All(codes, code => Assert.DoesNotMatch("[ilou]", code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("AB12-CD34", "ab12cd34")]
    [InlineData("ab1O cd3I", "ab10cd31")]
    [InlineData("LLLLLLLL", "11111111")]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("abcdefg", null)]
    [InlineData("abcdefghj", null)]
    [InlineData("abcdefgu", null)]
    [InlineData("abcdéfgh", null)]
    [InlineData("abcd\u202Eefgh", null)]
    public void Should_read_what_people_type_off_a_poster(string? typed, string? expected) =>
        Assert.Equal(expected, LetterShortCode.Normalize(typed));
}
