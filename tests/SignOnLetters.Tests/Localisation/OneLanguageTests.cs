using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Letters;
using SignOnLetters.Tests.Signatures;

namespace SignOnLetters.Tests.Localisation;

/// <summary>
/// Issue 17 item 3: the reader's language chooses the letter's language version on every page of
/// the signing path and in every e-mail to the signer, the words around names are translated, and
/// titles and names are isolated so they keep their direction inside Arabic sentences.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed partial class OneLanguageTests(SqliteSlice app) : SliceTest(app)
{
    private const string RussianTitle = "Прекратить войну с наркотиками";
    private const string ArabicTitle = "أوقفوا الحرب على المخدرات";

    /// <summary>Latin words a Russian page may contain: none of the interface's, only the app's name.</summary>
    private static readonly HashSet<string> LatinAllowed = new(StringComparer.Ordinal) { "SignOnLetters" };

    /// <summary>An open letter in English (main), Russian and Arabic.</summary>
    private async Task<ApplicationUser> OpenMultilingualLetterAsync()
    {
        var (letter, coordinator, _) = await SigningScenario.OpenLetterAsync(App, status: LetterStatus.Draft);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.ExecuteDbContextAsync(async db =>
        {
            var draft = await db.Letters.Include(l => l.Texts).Include(l => l.Addressees).Include(l => l.Revisions).SingleAsync(l => l.Id == letter.Id);
            draft.EditDraft(LetterRuleTests.ReadyDraft(null,
                new LetterText("en", SigningScenario.Title, "Dear Minister, we write to you."),
                new LetterText("ru", RussianTitle, "Уважаемый министр, мы пишем вам."),
                new LetterText("ar", ArabicTitle, "معالي الوزير، نكتب إليكم.")), coordinator.Id, now);
            draft.Open(coordinator.Id, now);
            await db.SaveChangesAsync();
        });
        return coordinator;
    }

    private BrowserlessClient ReaderIn(string language)
    {
        var browser = BrowserlessClient.For(App);
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return browser;
    }

    private static Dictionary<string, string> OrganisationSignature(string email) => new()
    {
        ["Data.Kind"] = "Organisation",
        ["Data.OrganisationName"] = "Ассоциация снижения вреда",
        ["Data.SignerName"] = "Мария Иванова",
        ["Data.CountryCode"] = "RU",
        ["Data.Email"] = email,
        ["Data.Visibility"] = "NameAndOrganisation",
        ["Data.Consent"] = "true",
    };

    /// <summary>Every Latin-script word of the page's main part that is not on the allow-list: interface English left over.</summary>
    private static List<string> EnglishWords(IHtmlDocument page) => EnglishWords(page.QuerySelector("main")!.TextContent);

    private static List<string> EnglishWords(string text) =>
        LatinWord().Matches(text).Select(m => m.Value).Where(w => !LatinAllowed.Contains(w)).Distinct().ToList();

    [GeneratedRegex(@"\p{IsBasicLatin}*[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    [SkippableFact]
    public async Task Should_keep_a_russian_reader_in_russian_from_the_sign_page_to_the_confirm_page_and_the_email()
    {
        await OpenMultilingualLetterAsync();
        var reader = ReaderIn("ru");
        const string email = "maria@example.org";

        var (_, signPage) = await reader.GetAsync($"/letters/{SigningScenario.Slug}/sign");
        Assert.Contains(RussianTitle, signPage.QuerySelector("h1")!.TextContent);
        Assert.Empty(EnglishWords(signPage));

        var signed = await reader.SubmitFormAsync($"/letters/{SigningScenario.Slug}/sign", OrganisationSignature(email));
        BrowserlessClient.AssertRedirect(signed);
        var (_, thankYou) = await reader.GetAsync(signed.Headers.Location!.OriginalString);
        Assert.Contains("Спасибо. Проверьте почту", thankYou.QuerySelector("main")!.TextContent);
        Assert.Contains(RussianTitle, thankYou.QuerySelector("h1")!.TextContent);
        Assert.Empty(EnglishWords(thankYou));

        var confirmation = App.Emails.LatestTo(email);
        Assert.Equal($"Подтвердите подпись: \u2068{RussianTitle}\u2069", confirmation.Subject);
        Assert.Contains(RussianTitle, confirmation.HtmlBody);
        Assert.DoesNotContain(SigningScenario.Title, confirmation.HtmlBody);
        var bodyText = Regex.Replace(Regex.Replace(confirmation.HtmlBody!, "<[^>]+>", " "), @"https?://\S+", " ");
        Assert.Empty(EnglishWords(bodyText));

        var (_, confirmPage) = await reader.GetAsync(SigningScenario.LinkPath(App, email, "/signatures/confirm/"));
        var sentence = confirmPage.QuerySelector("main p")!.TextContent;
        Assert.Equal($"Вы подписываете {RussianTitle} как Мария Иванова от организации «Ассоциация снижения вреда».", sentence);
        Assert.Empty(EnglishWords(confirmPage));

        var (_, withdrawPage) = await reader.GetAsync(SigningScenario.LinkPath(App, email, "/signatures/withdraw/"));
        Assert.Contains(RussianTitle, withdrawPage.QuerySelector("main p")!.TextContent);
        Assert.Contains("от организации «Ассоциация снижения вреда»", withdrawPage.QuerySelector("main p")!.TextContent);
        Assert.Empty(EnglishWords(withdrawPage));

        var (_, resendPage) = await reader.GetAsync($"/letters/{SigningScenario.Slug}/sign/resend");
        Assert.Contains(RussianTitle, resendPage.QuerySelector("main")!.TextContent);
        Assert.Empty(EnglishWords(resendPage));
    }

    [SkippableFact]
    public async Task Should_write_to_a_signer_in_the_version_of_their_language_even_when_the_email_is_sent_again_without_one()
    {
        await OpenMultilingualLetterAsync();
        await ReaderIn("ru").SubmitFormAsync($"/letters/{SigningScenario.Slug}/sign", OrganisationSignature("anna@example.org"));

        App.Clock.Advance(SignOnLetters.Domain.Signatures.Signature.ConfirmationResendInterval);
        BrowserlessClient.AssertRedirect(await BrowserlessClient.For(App).SubmitFormAsync($"/letters/{SigningScenario.Slug}/sign/resend",
            new Dictionary<string, string> { ["Data.Email"] = "anna@example.org" }));

        Assert.Equal(2, App.Emails.To("anna@example.org").Count);
        Assert.Equal($"Подтвердите подпись: \u2068{RussianTitle}\u2069", App.Emails.LatestTo("anna@example.org").Subject);
    }

    [SkippableFact]
    public async Task Should_isolate_titles_and_names_in_arabic_pages_and_emails()
    {
        await OpenMultilingualLetterAsync();
        var reader = ReaderIn("ar");
        const string email = "amal@example.org";
        var fields = OrganisationSignature(email);
        fields["Data.OrganisationName"] = "Harm Reduction International";
        fields["Data.SignerName"] = "Amal Haddad";

        var (_, signPage) = await reader.GetAsync($"/letters/{SigningScenario.Slug}/sign");
        Assert.Equal(ArabicTitle, signPage.QuerySelector("h1 bdi")!.TextContent);
        Assert.Equal("rtl", signPage.DocumentElement.GetAttribute("dir"));

        BrowserlessClient.AssertRedirect(await reader.SubmitFormAsync($"/letters/{SigningScenario.Slug}/sign", fields));
        var confirmation = App.Emails.LatestTo(email);
        Assert.Contains($"\u2068{ArabicTitle}\u2069", confirmation.Subject);
        Assert.Contains($"<bdi>{ArabicTitle}</bdi>", confirmation.HtmlBody);
        Assert.Contains($"\u2068{ArabicTitle}\u2069", confirmation.TextBody);

        var (_, confirmPage) = await reader.GetAsync(SigningScenario.LinkPath(App, email, "/signatures/confirm/"));
        var isolated = confirmPage.QuerySelectorAll("main p bdi").Select(b => b.TextContent).ToList();
        Assert.Equal([ArabicTitle, "Amal Haddad", "Harm Reduction International"], isolated);
        Assert.Contains("باسم", confirmPage.QuerySelector("main p")!.TextContent);
        Assert.DoesNotContain(" for ", confirmPage.QuerySelector("main p")!.TextContent);
    }

    [SkippableFact]
    public async Task Should_show_the_readers_version_in_the_embed()
    {
        await OpenMultilingualLetterAsync();
        await App.ExecuteDbContextAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"Letters\" SET \"EmbedHosts\" = 'partner.example.org' WHERE \"Slug\" = {0}", SigningScenario.Slug));

        var (response, embed) = await ReaderIn("ru").GetAsync($"/letters/{SigningScenario.Slug}/embed?host=partner.example.org");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RussianTitle, embed.QuerySelector("h1 bdi")!.TextContent);
    }

    [SkippableFact]
    public async Task Should_invite_a_partner_in_their_known_language_naming_who_invites()
    {
        var coordinator = await OpenMultilingualLetterAsync();
        await App.ExecuteDbContextAsync(db => db.Users.Where(u => u.Id == coordinator.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Jane Coordinator")));
        // The invitee once signed another letter here in Russian: that is the language known for their address.
        await SigningScenario.OpenLetterAsync(App, slug: "another-letter");
        var other = OrganisationSignature("partner@example.org");
        BrowserlessClient.AssertRedirect(await ReaderIn("ru").SubmitFormAsync("/letters/another-letter/sign", other));

        App.RunAs(coordinator);
        await App.SendAsync(new Web.Pages.Signatures.PartnerInvitations.Invite { Slug = SigningScenario.Slug, OrganisationName = "Ассоциация снижения вреда", Email = "partner@example.org" });
        await App.SendAsync(new Web.Pages.Signatures.PartnerInvitations.Invite { Slug = SigningScenario.Slug, OrganisationName = "Youth RISE", Email = "hello@youthrise.example" });

        var russian = App.Emails.LatestTo("partner@example.org");
        Assert.Equal($"Приглашаем подписать: \u2068{RussianTitle}\u2069", russian.Subject);
        Assert.Contains("<bdi>Jane Coordinator</bdi> (<bdi>Lead of end-the-war-on-drugs</bdi>) приглашает организацию «<bdi>Ассоциация снижения вреда</bdi>» подписать", russian.HtmlBody);
        var english = App.Emails.LatestTo("hello@youthrise.example");
        Assert.Contains(SigningScenario.Title, english.Subject);
        Assert.Contains("<bdi>Jane Coordinator</bdi> of <bdi>Lead of end-the-war-on-drugs</bdi> invites <bdi>Youth RISE</bdi> to sign", english.HtmlBody);
    }

    [Fact]
    public void Should_isolate_chart_labels_so_an_arabic_date_is_not_torn_apart_by_the_left_to_right_drawing()
    {
        var date = new DateTime(2026, 11, 4).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("ar"));
        var chart = SignOnLetters.Web.Infrastructure.Charts.SvgCharts.CumulativeLine("chart", "Title", "Description",
            [new SignOnLetters.Web.Infrastructure.Charts.ChartPoint(date, 1), new SignOnLetters.Web.Infrastructure.Charts.ChartPoint(date, 2)]);
        using var writer = new StringWriter();
        chart.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);

        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode($"\u2068{date}\u2069"), writer.ToString());
    }
}
