using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SignOnLetters.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SignOnLetters.BrowserTests.Localisation;

/// <summary>The app as the reader-language journeys need it: several signatures a minute from one test machine.</summary>
public sealed class ReaderLanguageBrowserFixture() : BrowserFixture(new Dictionary<string, string>
{
    // Both journeys sign twice from 127.0.0.1 within a minute; the network limit would hold the later ones.
    ["Signing__RateLimit__Enabled"] = "false",
});

[CollectionDefinition(Name)]
public sealed class ReaderLanguageBrowserCollection : ICollectionFixture<ReaderLanguageBrowserFixture>
{
    public const string Name = "Reader-language browser";
}

/// <summary>
/// Issue 17's "done when": a reader whose browser asks for Russian or Arabic, on a 390×844 phone, finds
/// the letter from the home page, reads it, signs as an individual and as an organisation, confirms
/// from the e-mail, finds their name on the right page of the public list, writes to the
/// coordinators and withdraws, and meets no English interface word on the way, nor in the e-mails.
/// Each page is checked with axe and the Nu HTML Checker too.
/// </summary>
[Collection(ReaderLanguageBrowserCollection.Name)]
public sealed partial class ReaderLanguageJourneyTests(ReaderLanguageBrowserFixture browser)
{
    [SkippableTheory]
    [InlineData("ru", "Мария Иванова", "Ассоциация «Гуманитарное действие»")]
    [InlineData("ar", "ليلى حداد", "جمعية العون الإنساني")]
    public async Task Should_take_a_reader_from_the_home_page_to_withdrawing_in_their_language_on_a_phone(string language, string name, string organisation)
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var visitor = await browser.NewVisitorAsync(BrowserFixture.Phone, locale: language);
        var page = visitor.Page;
        var pages = new Dictionary<string, string>();
        var individual = $"individual.{language}@example.org";
        var representative = $"organisation.{language}@example.org";

        async Task CheckAsync(string step)
        {
            await page.WaitForLoadStateAsync();
            Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
            var english = await EnglishWordsAsync(page, language, [name, organisation]);
            Assert.True(english.Count == 0, $"{language} {step} ({page.Url}): English interface words: {string.Join(" | ", english)}");
            await visitor.AssertAccessibleAsync();
            pages[$"{language} {step}"] = await page.ContentAsync();
        }

        // Find the letter from the home page, and read it.
        await page.GotoAsync("/");
        await CheckAsync("home");
        await page.Locator("main a[href='/letters/demo']").First.ClickAsync();
        await CheckAsync("letter");

        // Sign as an individual.
        await FillAsync(page, "#sign-kind-ind", null, name, individual);
        await Shot(visitor, language, "sign");
        await SubmitSignFormAsync(page);
        await CheckAsync("signed");

        // Confirm from the e-mail, written in the reader's language too.
        var confirmation = await MessageAsync(individual);
        await page.GotoAsync(new Uri(Mailbox.Link(confirmation, "/signatures/confirm/")).PathAndQuery);
        await CheckAsync("confirm");
        await Shot(visitor, language, "confirm");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await CheckAsync("confirmed");

        // Sign as an organisation, and confirm.
        await page.GotoAsync("/letters/demo");
        await FillAsync(page, "#sign-kind-org", organisation, name, representative);
        await SubmitSignFormAsync(page);
        await CheckAsync("signed as an organisation");
        var organisationConfirmation = await MessageAsync(representative);
        await page.GotoAsync(new Uri(Mailbox.Link(organisationConfirmation, "/signatures/confirm/")).PathAndQuery);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await CheckAsync("confirmed as an organisation");

        // One's own name, on whichever page of the public list it is: followed page by page with "next".
        await page.GotoAsync("/letters/demo/signatories");
        await CheckAsync("list");
        var found = false;
        for (var step = 0; step < 50 && !found; step++)
        {
            found = await page.Locator("ul.signatories bdi", new() { HasText = name }).CountAsync() > 0;
            if (found)
                break;
            var next = page.Locator("a[rel=next]");
            if (await next.CountAsync() == 0)
                break;
            await next.First.ClickAsync();
            await page.WaitForLoadStateAsync();
        }
        Assert.True(found, $"{name} is on no page of the public list.");
        await CheckAsync("list, own page");
        await Shot(visitor, language, "list");

        // Write to the coordinators, from the letter page.
        await page.GotoAsync("/letters/demo");
        await page.Locator("a[href='/letters/demo/contact']").First.ClickAsync();
        await CheckAsync("contact");
        await page.Locator("#Data_Name").FillAsync(name);
        await page.Locator("#Data_Email").FillAsync(individual);
        await page.Locator("#Data_Message").FillAsync(language == "ru" ? "Можно ли добавить нашу сеть?" : "هل يمكن إضافة شبكتنا؟");
        await page.Locator("main form button[type=submit]").Last.ClickAsync();
        await CheckAsync("contacted");

        // Withdraw, with the link of the first e-mail.
        await page.GotoAsync(new Uri(Mailbox.Link(confirmation, "/signatures/withdraw/")).PathAndQuery);
        await CheckAsync("withdraw");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await CheckAsync("withdrawn");

        // The e-mails, subject and text, are in the reader's language as well.
        foreach (var message in new[] { confirmation, organisationConfirmation })
        {
            var words = EnglishWords(WithoutLinks($"{message.Subject} {message.TextBody ?? StripTags(message.HtmlBody)}"), [name, organisation, .. LetterTitles]);
            Assert.True(words.Count == 0, $"{language} e-mail '{message.Subject}': English words: {string.Join(" | ", words)}");
        }

        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "A page scrolls sideways on a phone.");
        if (HtmlChecker.Unavailable is { } missing)
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), missing);
            return;
        }
        var errors = await HtmlChecker.ErrorsAsync(pages);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>The demo letter's titles in every language: the letter's own text, allowed in e-mails.</summary>
    private static readonly string[] LetterTitles = ["Keep people alive: fund harm reduction in Riverton now"];

    private async Task<MimeKit.MimeMessage> MessageAsync(string to) =>
        await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, to, string.Empty);

    private static async Task FillAsync(IPage page, string kind, string? organisation, string name, string email)
    {
        var form = page.Locator("#sign form");
        if (await form.Locator(kind).CountAsync() > 0)
            await form.Locator(kind).CheckAsync();
        if (organisation is not null)
            await form.Locator("#Data_OrganisationName").FillAsync(organisation);
        await form.Locator("#Data_CountryCode").SelectOptionAsync("LB");
        await form.Locator("#Data_SignerName").FillAsync(name);
        await form.Locator("#Data_Email").FillAsync(email);
        await form.Locator("#Data_Consent").CheckAsync();
    }

    private static async Task SubmitSignFormAsync(IPage page)
    {
        await page.Locator("#sign form button[type=submit]").Last.ClickAsync();
        await page.WaitForLoadStateAsync();
        await Expect(page.Locator(".signed-next-steps")).ToBeVisibleAsync();
    }

    private static async Task Shot(Visitor visitor, string language, string step) =>
        await visitor.ScreenshotAsync($"reader-{language}-{step}");

    /// <summary>
    /// Latin-script words in the text a reader sees (and in the labels of controls they meet), leaving
    /// out what is not interface: the letter's own text (marked with another lang), names (isolated in
    /// bdi), what the reader typed, form fields, and the language switcher's names of languages.
    /// </summary>
    private static async Task<IReadOnlyList<string>> EnglishWordsAsync(IPage page, string language, IReadOnlyList<string> typed)
    {
        var texts = await page.EvaluateAsync<string[]>(VisibleTexts, language);
        // Each offending text with its words, so a failure says where to look.
        return texts.Select(t => (Text: t, Words: EnglishWords(t, [.. typed, .. LetterTitles])))
            .Where(t => t.Words.Count > 0)
            .Select(t => $"{string.Join(" ", t.Words)} in «{(t.Text.Length > 80 ? t.Text[..80] : t.Text)}»")
            .Distinct()
            .ToList();
    }

    private static IReadOnlyList<string> EnglishWords(string text, IReadOnlyList<string> allowed)
    {
        foreach (var phrase in allowed)
            text = text.Replace(phrase, " ", StringComparison.Ordinal);
        return LatinWord().Matches(text).Select(m => m.Value)
            .Where(word => !AllowedTokens.Contains(word))
            .Distinct()
            .ToList();
    }

    /// <summary>Tokens every language writes in Latin letters (formats, the site's host, example addresses).</summary>
    private static readonly HashSet<string> AllowedTokens = new(StringComparer.Ordinal)
    {
        "SignOnLetters", "PDF", "API", "UTC", "CSV", "JSON", "HTML", "URL", "Markdown", "http", "https", "www", "example", "org", "localhost",
    };

    private static string StripTags(string? html) => Regex.Replace(html ?? string.Empty, "<[^>]+>", " ");

    /// <summary>An e-mail's words without its links (tokens are letters too) and addresses.</summary>
    private static string WithoutLinks(string text) => Regex.Replace(text, @"(https?://\S+|\S+@\S+)", " ");

    [GeneratedRegex(@"[A-Za-z][A-Za-z'’]+")]
    private static partial Regex LatinWord();

    private const string VisibleTexts = """
        (lang) => {
          // Not interface: code, names (bdi), form fields, the names of languages, anything in another
          // language, the letter's own text (its title and body, which may quote an English report title
          // even in its Russian version), and the coordinators' own words in their updates.
          const skip = `script,style,template,noscript,bdi,select,textarea,.language-switcher,[lang]:not([lang|="${lang}"]),.letter-head h1,.letter-body,.letter-update h3,.letter-update .prose`;
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode, el = node.parentElement;
            if (!el || el.closest(skip) || !el.checkVisibility({ visibilityProperty: true })) continue;
            const text = node.textContent.trim();
            if (text) out.push(text);
          }
          for (const el of document.querySelectorAll('[placeholder],[aria-label],[title],img[alt],input[type=submit],input[type=button]')) {
            if (el.closest(skip)) continue;
            for (const name of ['placeholder', 'aria-label', 'title', 'alt', 'value'])
              if (el.getAttribute(name) && (name !== 'value' || el.type === 'submit' || el.type === 'button')) out.push(el.getAttribute(name));
          }
          out.push(document.title);
          return out;
        }
        """;
}
