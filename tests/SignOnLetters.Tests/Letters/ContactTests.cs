using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Delivery;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Letters;

/// <summary>
/// <c>/letters/{slug}/contact</c> (issue 17): anyone writes to the letter's coordinators without an
/// account; the message reaches them through the outbox with the sender as Reply-To, and the sender
/// never sees a coordinator's address or learns anything from the answer.
/// </summary>
public abstract class ContactTests(SliceFixture app) : SliceTest(app)
{
    private const string Path = $"/letters/{Slug}/contact";
    private const string Sender = "amina@example.org";

    [SkippableFact]
    public async Task Should_deliver_a_message_to_each_lead_coordinator_through_the_outbox_with_the_sender_as_reply_to()
    {
        var (_, coordinator, organisation) = await OpenLetterAsync(App);
        var second = await App.AddMemberAsync(organisation, "second-coordinator@example.org", OrganisationRole.Coordinator);
        await App.AddMemberAsync(organisation, "representative@example.org", OrganisationRole.Representative);
        var browser = BrowserlessClient.For(App);

        var (_, letterPage) = await browser.GetAsync($"/letters/{Slug}");
        var (form, contactPage) = await browser.GetAsync(Path);
        var sent = await browser.SubmitAsync(contactPage, Path, Fields(message: "Please erase my signature.\nI signed as Amina Diallo."));
        BrowserlessClient.AssertRedirect(sent, Path);
        var (_, answer) = await browser.GetAsync(sent.Headers.Location!.OriginalString);
        var queued = await App.OutboxCountAsync();
        var mailedInTheRequest = App.Emails.All().Count;
        await App.SendQueuedAsync();

        Assert.NotNull(letterPage.QuerySelector($"a[href='{Path}']"));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains(Title, contactPage.QuerySelector("main")!.TextContent);
        Assert.Contains(Contact.Sent, answer.QuerySelector("[role=status]")!.TextContent);
        // Nothing leaves in the request; one outbox row per coordinator, none for the representative.
        Assert.Equal((2, 0), (queued, mailedInTheRequest));
        foreach (var address in new[] { coordinator.Email!, second.Email! })
        {
            var mail = Assert.Single(App.Emails.To(address));
            Assert.Equal(Sender, Assert.Single(mail.ReplyTo.Mailboxes).Address);
            Assert.Contains(Title, mail.Subject);
            Assert.Contains("Please erase my signature.<br>I signed as Amina Diallo.", mail.HtmlBody);
            Assert.Contains("Amina Diallo", mail.HtmlBody);
        }
        Assert.Empty(App.Emails.To("representative@example.org"));
        // No coordinator address on any page the sender saw.
        foreach (var page in new[] { letterPage, contactPage, answer })
            Assert.DoesNotContain("@example.org", page.DocumentElement.OuterHtml.Replace(Sender, ""));
    }

    [SkippableFact]
    public async Task Should_answer_the_same_when_the_honeypot_is_filled_or_no_coordinator_has_an_address_and_send_nothing_then()
    {
        await OpenLetterAsync(App);
        var genuine = await SubmitAsync(Fields());
        var robot = await SubmitAsync(Fields(fax: "+1 555 0100"));
        Assert.Equal(1, await App.OutboxCountAsync()); // the genuine message only
        await App.ExecuteDbContextAsync(db => db.OrganisationMemberships.ExecuteDeleteAsync());
        var nobodyToTell = await SubmitAsync(Fields());

        Assert.Equal(genuine, robot);
        Assert.Equal(genuine, nobodyToTell);
        Assert.Equal(1, await App.OutboxCountAsync());
        Assert.Contains(App.Logs.Lines, line => line.Contains("no coordinator with a confirmed address"));
    }

    public static TheoryData<string, string, string> HostileInput => new()
    {
        { "Data.Message", new string('x', Contact.Command.MessageMaxLength + 1), "is too long" },
        { "Data.Message", "   ", "must not be empty" },
        { "Data.Name", "Amina\r\nBcc: everyone@example.org", "cannot be shown" },
        { "Data.Name", "Amina <script>", "cannot contain < or >" },
        { "Data.Name", "", "must not be empty" },
        { "Data.Email", "amina@example.org\r\nBcc: everyone@example.org", "is not a valid e" },
        { "Data.Email", "Amina <amina@example.org>", "is not a valid e" },
        { "Data.Email", "amina@example.org, boss@example.org", "is not a valid e" },
        { "Data.Email", "not-an-address", "is not a valid e" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileInput))]
    public async Task Should_refuse_bad_input_with_a_message_on_its_field_and_keep_everything_typed(string field, string value, string expected)
    {
        await OpenLetterAsync(App);
        const string message = "Line one of a message\nthat took a while to write.";
        var fields = Fields(message: message);
        fields[field] = value;

        var response = await BrowserlessClient.For(App).SubmitFormAsync(Path, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        Assert.Contains(expected, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
        // Everything typed comes back (a message of blanks is nothing typed: the form reads it as empty).
        Assert.Equal(field == "Data.Message" ? value.Trim() : message, ((IHtmlTextAreaElement)page.QuerySelector("#Data_Message")!).Value.ReplaceLineEndings("\n"));
        if (field != "Data.Name")
            Assert.Equal("Amina Diallo", ((IHtmlInputElement)page.QuerySelector("#Data_Name")!).Value);
        Assert.Equal(0, await App.OutboxCountAsync());
    }

    [SkippableTheory]
    [InlineData("Data.Name", "Amina%00Diallo")]
    [InlineData("Data.Message", "Hello%00")]
    // Bytes that are not UTF-8: a lead byte without its continuation, and two bytes no UTF-8 has.
    [InlineData("Data.Name", "Amina\xC3(Diallo")]
    [InlineData("Data.Message", "Ol\xFF\xFE")]
    public async Task Should_refuse_a_null_character_or_bytes_that_are_not_utf8_with_an_error_on_that_field(string field, string value)
    {
        await OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);
        var (_, form) = await browser.GetAsync(Path);
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Uri.EscapeDataString(token), ["Data.Name"] = "Amina Diallo", ["Data.Email"] = Sender,
            ["Data.Message"] = "Hello", [field] = value,
        };
        // Written byte for byte: the test's own encoder would repair what the attacker breaks.
        var content = new ByteArrayContent(string.Join("&", fields.Select(f => $"{f.Key}={f.Value}")).Select(c => (byte)c).ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        var response = await browser.Http.PostAsync(Path, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("characters that are not text", (await ParseAsync(response)).QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
        Assert.Equal(0, await App.OutboxCountAsync());
    }

    [SkippableFact]
    public async Task Should_refuse_a_post_without_or_with_a_forged_antiforgery_token()
    {
        await OpenLetterAsync(App);
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var fields = Fields();

        var missing = await client.PostAsync(Path, new FormUrlEncodedContent(fields));
        fields["__RequestVerificationToken"] = "CfDJ8forged";
        var forged = await client.PostAsync(Path, new FormUrlEncodedContent(fields));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (missing.StatusCode, forged.StatusCode));
        Assert.Equal(0, await App.OutboxCountAsync());
    }

    [SkippableTheory]
    [InlineData(LetterStatus.Closed)]
    [InlineData(LetterStatus.Delivered)]
    [InlineData(LetterStatus.Archived)]
    public async Task Should_stay_open_for_published_letters_after_they_close(LetterStatus status)
    {
        await OpenLetterAsync(App, status: status);

        BrowserlessClient.AssertRedirect(await SubmitResponseAsync(Fields()), Path);
        Assert.Equal(1, await App.OutboxCountAsync());
    }

    [SkippableFact]
    public async Task Should_answer_not_found_for_a_draft_an_unknown_or_a_malformed_letter()
    {
        await OpenLetterAsync(App, status: LetterStatus.Draft);
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var path in new[] { Path, "/letters/no-such-letter/contact", "/letters/BAD%20SLUG/contact", "/letters/a/contact" })
        {
            var status = (await client.GetAsync(path)).StatusCode;
            Assert.True(status == HttpStatusCode.NotFound, $"GET {path} answered {status}");
            Assert.NotEqual(HttpStatusCode.OK, (await client.PostAsync(path, new FormUrlEncodedContent(Fields()))).StatusCode);
        }
        // Even with a valid form token (from a published letter's contact page), a draft takes no message.
        await OpenLetterAsync(App, slug: "a-published-letter");
        var browser = BrowserlessClient.For(App);
        var (_, published) = await browser.GetAsync("/letters/a-published-letter/contact");
        var draftPost = await browser.SubmitAsync(published, Path, Fields());
        Assert.Equal(HttpStatusCode.NotFound, draftPost.StatusCode);
        Assert.Equal(0, await App.OutboxCountAsync());
    }

    [SkippableFact]
    public async Task Should_limit_messages_per_network_and_per_letter_and_keep_the_message_when_refused()
    {
        await OpenLetterAsync(App);
        var options = App.Factory.Services.GetRequiredService<IOptions<ContactRateLimitOptions>>().Value;
        options.Enabled = true;
        try
        {
            Task<HttpResponseMessage> FromAsync(string network) =>
                Browser(network).SubmitFormAsync(Path, Fields(message: $"Sent from {network}"));
            var fromOneNetwork = new List<HttpResponseMessage>();
            for (var i = 0; i < options.PermitPerNetworkPerHour; i++)
                fromOneNetwork.Add(await FromAsync($"198.18.50.{i + 1}"));
            var overNetwork = await FromAsync("198.18.50.200"); // same /24
            var fromOthers = new List<HttpResponseMessage>();
            for (var i = options.PermitPerNetworkPerHour; i < options.PermitPerLetterPerHour; i++)
                fromOthers.Add(await FromAsync($"198.18.{60 + i}.1"));
            var overLetter = await FromAsync("198.19.1.1");

            Assert.All(fromOneNetwork.Concat(fromOthers), r => BrowserlessClient.AssertRedirect(r, Path));
            foreach (var (refused, reason) in new[] { (overNetwork, "from your network"), (overLetter, "received many messages") })
            {
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
                var page = await ParseAsync(refused);
                Assert.Contains(reason, page.QuerySelector("#form-errors")!.TextContent);
                Assert.StartsWith("Sent from 198.", ((IHtmlTextAreaElement)page.QuerySelector("#Data_Message")!).Value);
            }
            Assert.Equal(options.PermitPerLetterPerHour, await App.OutboxCountAsync());
        }
        finally
        {
            options.Enabled = false;
        }
    }

    [SkippableFact]
    public async Task Should_tell_on_the_privacy_page_where_to_write_to_the_coordinators()
    {
        var privacy = (await BrowserlessClient.For(App).GetAsync("/privacy")).Document;
        Assert.Contains("Contact the coordinators", privacy.QuerySelector("main")!.TextContent);
    }

    [SkippableFact]
    public async Task Should_link_a_refused_withdrawal_of_a_merged_duplicate_to_the_coordinators()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var kept = await SignAndConfirmAsync(App, Individual("Rui Costa", "rui@example.org"));
        var duplicate = await SignAndConfirmAsync(App, Individual("rui costa", "rui.costa@work.example"));
        App.RunAs(coordinator);
        await App.SendAsync(new SignOnLetters.Web.Pages.Signatures.Details.Merge(Slug, duplicate, kept));
        App.RunAs(null);

        var refused = await BrowserlessClient.For(App).SubmitFormAsync(LinkPath(App, "rui.costa@work.example", "/signatures/withdraw/"), new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await ParseAsync(refused);
        Assert.Contains("write to the letter's coordinators", page.QuerySelector("#form-errors")!.TextContent);
        Assert.NotNull(page.QuerySelector($"main a[href='{Path}']"));
    }

    private static Dictionary<string, string> Fields(string message = "Hello, I have a question about the letter.", string fax = "") => new()
    {
        ["Data.Name"] = "Amina Diallo", ["Data.Email"] = Sender, ["Data.Message"] = message, ["Data.Fax"] = fax,
    };

    private BrowserlessClient Browser(string network)
    {
        var http = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.Add(TestClientAddress.Header, network);
        return new BrowserlessClient(http);
    }

    private Task<HttpResponseMessage> SubmitResponseAsync(Dictionary<string, string> fields) => BrowserlessClient.For(App).SubmitFormAsync(Path, fields);

    /// <summary>What the sender sees: the redirect, then the notice on the page it leads to.</summary>
    private async Task<string> SubmitAsync(Dictionary<string, string> fields)
    {
        var browser = BrowserlessClient.For(App);
        var sent = await browser.SubmitFormAsync(Path, fields);
        BrowserlessClient.AssertRedirect(sent);
        var (_, page) = await browser.GetAsync(sent.Headers.Location!.OriginalString);
        return $"{(int)sent.StatusCode} {sent.Headers.Location} {page.QuerySelector("[role=status]")?.TextContent.Trim()}";
    }

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}

[Collection(SqliteCollection.Name)]
public sealed class ContactTestsOnSqlite(SqliteSlice app) : ContactTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ContactTestsOnPostgres(PostgresSlice app) : ContactTests(app);
