using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Localisation;

/// <summary>Dates in one style per language on every page and e-mail (issue 17), through <see cref="Dates"/>.</summary>
[Collection(SqliteCollection.Name)]
public sealed partial class DateStyleTests(SqliteSlice app) : SliceTest(app)
{
    private static readonly DateTime Day = new(2026, 12, 4, 14, 5, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("en", "4 December 2026")]
    [InlineData("fr", "4 décembre 2026")]
    [InlineData("es", "4 de diciembre de 2026")]
    [InlineData("ru", "4 декабря 2026 г.")]
    [InlineData("ar", "4 ديسمبر 2026")]
    public void Should_write_the_day_with_the_month_in_words_in_each_language(string language, string expected)
    {
        var culture = CultureInfo.GetCultureInfo(language);

        Assert.Equal(expected, Dates.Day(Day, culture));
        Assert.Equal(expected + Web.Infrastructure.Localisation.ListComma(culture) + "14:05", Dates.DayAndTime(Day, culture));
        Assert.Equal(expected, Dates.Day(DateOnly.FromDateTime(Day), culture));
    }

    [Fact]
    public void Should_count_in_the_gregorian_calendar_whatever_the_cultures_default()
    {
        // Saudi Arabic defaults to the Umm al-Qura calendar: the app's dates stay Gregorian.
        Assert.Contains("2026", Dates.Day(Day, CultureInfo.GetCultureInfo("ar-SA")));
    }

    /// <summary>Every date on a page or in an e-mail goes through <see cref="Dates"/>: no culture's short or default form anywhere else.</summary>
    [Fact]
    public void Should_format_no_date_outside_the_one_formatter()
    {
        var web = RepositoryFiles.PathOf("src", "SignOnLetters.Web");
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && Path.GetFileName(f) != "Dates.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(web, f), Line: i + 1, Text: line)))
            .Where(l => CultureDateFormat().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Format dates with Dates.Day / Dates.DayAndTime:\n" + string.Join("\n", offenders));
    }

    [SkippableFact]
    public async Task Should_show_dates_in_the_readers_style_on_the_coordinators_pages()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, new(Domain.Letters.WhoMaySign.OrganisationsAndIndividuals, Domain.Letters.ModerationMode.Manual, false));
        var id = await SignAndConfirmAsync(App, Individual());
        var opened = App.Clock.GetUtcNow().UtcDateTime;

        foreach (var language in new[] { "ru", "ar", "en" })
        {
            var culture = CultureInfo.GetCultureInfo(language);
            var browser = await BrowserlessClient.SignedInAsync(App, coordinator.Email!, language);
            foreach (var path in new[] { $"/letters/{Slug}/manage", $"/letters/{Slug}/moderation", $"/letters/{Slug}/signatures/{id}" })
            {
                var (response, page) = await browser.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var text = WebUtility.HtmlDecode(page.QuerySelector("main")!.TextContent);
                Assert.Contains(Dates.Day(opened, culture), text);
                Assert.DoesNotMatch(@"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}", text);
            }
        }
    }

    // x.ToString("d"), ("g"), ("D"), ("f"), ("d MMMM yyyy"...), ToShortDateString(), {0:d}: a date written outside Dates.
    [GeneratedRegex(@"ToString\(""(?:[dDfFgG]|[dM][^""]*(?:MMM|yyyy)[^""]*)""|ToShortDateString|ToLongDateString|\{\d+:[dDfFgG]\}")]
    private static partial Regex CultureDateFormat();
}
