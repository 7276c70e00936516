using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SignOnLetters.Web.Infrastructure;
using System.Xml.Linq;
using SignOnLetters.Tests.Infrastructure;

namespace SignOnLetters.Tests.Localisation;

[Collection(SqliteCollection.Name)]
public sealed class LocalisationTests(SqliteSlice app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_answer_in_the_browsers_language()
    {
        var http = App.Factory.CreateClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-CA,fr;q=0.9,en;q=0.5");

        var html = await http.GetStringAsync("/");

        Assert.Contains("<html lang=\"fr\" dir=\"ltr\">", html);
        Assert.Contains("Des lettres communes, signées ensemble", html);
        Assert.Contains("Se connecter", html);
    }

    [SkippableFact]
    public async Task Should_remember_the_chosen_language_and_lay_arabic_out_right_to_left()
    {
        var browser = BrowserlessClient.For(App);

        var chosen = await browser.SubmitFormAsync("/privacy", new Dictionary<string, string> { ["language"] = "ar" }, "form.language-switcher");
        BrowserlessClient.AssertRedirect(chosen, "/privacy");
        var (_, page) = await browser.GetAsync("/privacy");

        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("ar", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("الخصوصية", page.QuerySelector("h1")!.TextContent);
    }

    [SkippableTheory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Should_never_send_the_language_switcher_to_another_site(string returnUrl)
    {
        var browser = BrowserlessClient.For(App);

        var response = await browser.SubmitFormAsync("/", new Dictionary<string, string> { ["language"] = "es", ["returnUrl"] = returnUrl }, "form.language-switcher");

        BrowserlessClient.AssertRedirect(response);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [SkippableFact]
    public async Task Should_ignore_a_language_the_interface_does_not_offer()
    {
        var browser = BrowserlessClient.For(App);

        await browser.SubmitFormAsync("/", new Dictionary<string, string> { ["language"] = "xx-<script>" }, "form.language-switcher");
        var (response, page) = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }

    [SkippableFact]
    public async Task Should_name_countries_in_the_readers_language()
    {
        var coordinator = await App.CreateUserAsync("polyglot@example.org", password: TestPasswords.Strong);
        var browser = BrowserlessClient.For(App);
        await browser.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = coordinator.Email!,
            ["Input.Password"] = TestPasswords.Strong,
        }, "form#account");
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");

        var (_, page) = await browser.GetAsync("/organisations/new");

        var options = page.QuerySelectorAll("#Data_CountryCode option").ToDictionary(o => o.GetAttribute("value")!, o => o.TextContent);
        Assert.Equal("Германия", options["DE"]);
        Assert.Equal("Кот-д’Ивуар", options["CI"]);
    }

    [Fact]
    public void Should_translate_every_english_text_into_every_language()
    {
        var resources = Path.Combine(RepositoryFiles.Root, "src", "SignOnLetters.Web", "Resources");
        var english = Keys(Path.Combine(resources, "SharedResource.en.resx"));
        Assert.NotEmpty(english);

        foreach (var language in SignOnLetters.Web.Infrastructure.Localisation.Languages.Where(l => l != "en"))
        {
            var file = Path.Combine(resources, $"SharedResource.{language}.resx");
            var translated = Keys(file);
            // Count-dependent texts ("key|category") need the CLDR categories of the language, not English's.
            var expected = english.Keys.Where(k => !k.Contains('|'))
                .Concat(english.Keys.Where(k => k.Contains('|')).Select(k => k[..k.IndexOf('|')]).Distinct()
                    .SelectMany(key => PluralText.CategoriesUsedBy(language).Select(category => $"{key}|{category}")));
            var missing = expected.Except(translated.Keys).ToList();
            Assert.True(missing.Count == 0, $"{language} lacks: {string.Join(" | ", missing)}");
            var untranslated = translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ToList();
            Assert.True(untranslated.Count == 0, $"{language} has empty texts: {string.Join(" | ", untranslated)}");
        }
    }

    /// <summary>Every text the code asks for by a literal key (T["…"], T.Plural("…", n)) exists in
    /// English, so a typo or a forgotten table entry fails here instead of showing the key to a reader.
    /// The localizer is called T in views and page models alike for this reason.</summary>
    [Fact]
    public void Should_have_an_english_text_for_every_key_the_code_uses()
    {
        var root = RepositoryFiles.Root;
        var english = Keys(Path.Combine(root, "src", "SignOnLetters.Web", "Resources", "SharedResource.en.resx"));
        var lookup = new System.Text.RegularExpressions.Regex(@"\bT(?:\[|\.Plural\()@?""((?:[^""\\]|\\.|"""")*)""");
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src", "SignOnLetters.Web"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cshtml") || f.EndsWith(".cs")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            foreach (System.Text.RegularExpressions.Match match in lookup.Matches(File.ReadAllText(file)))
            {
                var verbatim = match.Value.Contains("@\"");
                var key = verbatim ? match.Groups[1].Value.Replace("\"\"", "\"") : System.Text.RegularExpressions.Regex.Unescape(match.Groups[1].Value);
                var plural = match.Value.Contains(".Plural(");
                if (!(plural ? english.ContainsKey($"{key}|other") : english.ContainsKey(key)))
                    missing.Add($"{Path.GetRelativePath(root, file)}: {key}");
            }
        }
        Assert.True(missing.Count == 0, "No English text for:\n" + string.Join("\n", missing));
    }

    /// <summary>Broken domain rules, validators' messages and hand-written validation failures are
    /// English templates translated when they are shown: each must be a key of the tables, and none may
    /// be interpolated ($"…"), since a text with its values already in it never matches a key.</summary>
    [Fact]
    public void Should_have_a_translation_for_every_rule_and_validation_template()
    {
        var root = RepositoryFiles.Root;
        var english = Keys(Path.Combine(root, "src", "SignOnLetters.Web", "Resources", "SharedResource.en.resx"));
        var template = new System.Text.RegularExpressions.Regex(
            @"(?:\bDomainRuleException\(|\bInvalidImageException\(|\bWithMessage\(|\bLocalisedFailure\.Of\([^,()]+,)\s*(\$?)""((?:[^""\\]|\\.)*)""");
        var problems = new List<string>();
        foreach (var project in new[] { "SignOnLetters.Web", "SignOnLetters.Data" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src", project), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
            {
                foreach (System.Text.RegularExpressions.Match match in template.Matches(File.ReadAllText(file)))
                {
                    var key = System.Text.RegularExpressions.Regex.Unescape(match.Groups[2].Value);
                    if (match.Groups[1].Value == "$")
                        problems.Add($"{Path.GetRelativePath(root, file)}: interpolated, give the values as arguments: {key}");
                    else if (!english.ContainsKey(key))
                        problems.Add($"{Path.GetRelativePath(root, file)}: no translations for: {key}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("en", 0, "0 signatures")]
    [InlineData("en", 1, "1 signature")]
    [InlineData("en", 1200, "1,200 signatures")]
    [InlineData("fr", 0, "0 signature")]
    [InlineData("fr", 1, "1 signature")]
    [InlineData("fr", 2, "2 signatures")]
    [InlineData("fr", 2000000, "2\u202f000\u202f000 de signatures")]
    [InlineData("es", 1, "1 firma")]
    [InlineData("es", 5, "5 firmas")]
    [InlineData("ru", 1, "1 подпись")]
    [InlineData("ru", 21, "21 подпись")]
    [InlineData("ru", 3, "3 подписи")]
    [InlineData("ru", 13, "13 подписей")]
    [InlineData("ru", 111, "111 подписей")]
    [InlineData("ru", 5, "5 подписей")]
    [InlineData("ar", 0, "لا توقيعات")]
    [InlineData("ar", 1, "توقيع واحد")]
    [InlineData("ar", 2, "توقيعان")]
    [InlineData("ar", 7, "7 توقيعات")]
    [InlineData("ar", 11, "11 توقيعًا")]
    [InlineData("ar", 100, "100 توقيع")]
    public void Should_use_each_languages_plural_rules(string language, long count, string expected)
    {
        var localizer = App.Factory.Services.GetRequiredService<IStringLocalizer<SignOnLetters.Web.SharedResource>>();
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            Assert.Equal(System.Text.RegularExpressions.Regex.Unescape(expected), localizer.Plural("{0} signatures", count));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private static Dictionary<string, string> Keys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty);
}
