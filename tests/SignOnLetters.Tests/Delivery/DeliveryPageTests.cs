using System.Net;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Delivery;

/// <summary>The delivery and update pages through real sign-in and their real forms.</summary>
public abstract class DeliveryPageTests(SliceFixture app) : SliceTest(app)
{
    private const string Minister = "jane.doe@city.example";

    [SkippableFact]
    public async Task Should_show_errors_on_the_form_then_preview_then_send_from_the_preview_once()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Closed);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);
        var deliver = $"/letters/{Slug}/deliver";

        var refused = await browser.SubmitFormAsync(deliver, new Dictionary<string, string>
        {
            ["Data.AddresseeEmails"] = "jane.doe@", ["Data.CoverMessages[en]"] = "Please read <b>this</b>",
        }, "form.letter-form");
        var errors = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The cover message cannot contain &lt; or &gt;.", errors);
        Assert.Contains("is not a valid e-mail address", errors);
        Assert.Equal(0, await App.OutboxCountAsync());

        var (_, form) = await browser.GetAsync(deliver);
        var previewed = await browser.SubmitAsync(form, deliver, new Dictionary<string, string>
        {
            ["Data.AddresseeEmails"] = Minister, ["Data.CoverMessages[en]"] = "Please read this.\n\nThank you.",
        }, "form.letter-form");
        var previewPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await previewed.Content.ReadAsStringAsync());
        Assert.Contains(Minister, previewPage.QuerySelector("#preview")!.TextContent);
        Assert.Equal(0, await App.OutboxCountAsync());

        var sent = await browser.SubmitAsync(previewPage, deliver, new Dictionary<string, string>(), "#preview form");
        BrowserlessClient.AssertRedirect(sent, deliver);
        var again = await browser.SubmitAsync(previewPage, deliver, new Dictionary<string, string>(), "#preview form");
        Assert.Contains("already sent", await again.Content.ReadAsStringAsync());
        await App.SendQueuedAsync();

        var (_, done) = await browser.GetAsync(deliver);
        Assert.Equal("1 of 1 sent", done.QuerySelector(".progress-line")!.TextContent.Trim());
        var email = Assert.Single(App.Emails.To(Minister));
        Assert.Contains("<p>Please read this.</p><p>Thank you.</p>", email.HtmlBody);
        Assert.Single(email.Attachments);
    }

    /// <summary>
    /// Every link in the error summary at the top must reach something on the page that takes focus,
    /// or following it does nothing (the summary's keys and the fields' ids are made in two places).
    /// </summary>
    [SkippableTheory]
    [InlineData("Data.AddresseeEmails", "jane.doe@")]
    [InlineData("Data.AddresseeEmails", "")]
    [InlineData("Data.AddresseeLanguages", "zz-<script>")]
    [InlineData("Data.CoverMessages[en]", "Please read <b>this</b>")]
    [InlineData("Data.Subjects[en]", "Subject <script>alert(1)</script>")]
    [InlineData("Data.Subjects[en]", "bell \u0007 in the subject")]
    public async Task Should_link_every_error_in_the_summary_to_a_field_that_takes_focus(string field, string value)
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Closed);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);
        var deliver = $"/letters/{Slug}/deliver";
        var fields = new Dictionary<string, string> { ["Data.AddresseeEmails"] = Minister };
        fields[field] = value;

        var refused = await browser.SubmitFormAsync(deliver, fields, "form.letter-form");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync());

        var targets = page.QuerySelectorAll("#form-errors a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(targets);
        foreach (var href in targets)
        {
            Assert.StartsWith("#", href);
            var target = page.GetElementById(href[1..]);
            Assert.True(target is not null, $"The summary links to {href}, which is not on the page.");
            Assert.True(target!.LocalName is "input" or "select" or "textarea" ? target.GetAttribute("type") != "hidden" : target.HasAttribute("tabindex"),
                $"{href} is a <{target.LocalName}> that cannot take focus.");
        }
        Assert.Equal(0, await App.OutboxCountAsync());
    }

    [SkippableFact]
    public async Task Should_publish_an_update_through_its_form()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);

        var posted = await browser.SubmitFormAsync($"/letters/{Slug}/updates", new Dictionary<string, string>
        {
            ["Data.Subject"] = "Half-way there", ["Data.Body"] = "We have *100* signatures.",
        }, "form.letter-form");

        BrowserlessClient.AssertRedirect(posted, $"/letters/{Slug}/updates");
        var (_, page) = await browser.GetAsync($"/letters/{Slug}");
        Assert.Contains("Half-way there", page.QuerySelector("#updates")!.TextContent);
        Assert.NotNull(page.QuerySelector("#updates em"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DeliveryPageTestsOnSqlite(SqliteSlice app) : DeliveryPageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DeliveryPageTestsOnPostgres(PostgresSlice app) : DeliveryPageTests(app);
