using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Mediation;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;
using Status = SignOnLetters.Web.Pages.Signatures.PartnerInvitations.Status;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Signatures;

/// <summary>Invitations to partner networks: tracked links, states, CSV lists and reminders.</summary>
public abstract class InvitationTests(SliceFixture app) : SliceTest(app)
{
    private static PartnerInvitations.Invite Invite(string organisation = "Youth RISE", string email = "hello@youthrise.example", string? message = null) =>
        new() { Slug = Slug, OrganisationName = organisation, Email = email, Message = message };

    [SkippableFact]
    public async Task Should_invite_a_partner_with_a_tracked_link_that_opens_the_form_filled_in()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);

        await App.SendAsync(Invite(message: "Dear friends, <b>please</b> sign."));

        var mail = Assert.Single(App.Emails.To("hello@youthrise.example"));
        Assert.Contains("&lt;b&gt;please&lt;/b&gt;", mail.HtmlBody);
        var path = LinkPath(App, "hello@youthrise.example", $"/letters/{Slug}/invited/");
        var token = Token(path);
        var stored = await App.ExecuteDbContextAsync(db => Task.FromResult(db.PartnerInvitations.Single()));
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(Status.Sent, Assert.Single((await App.SendAsync(new PartnerInvitations.Query(Slug))).Invitations).Status);

        App.RunAs(null);
        Assert.Equal("Youth RISE", (await App.SendAsync(new Invited.Open(Slug, token))).OrganisationName);
        var form = await App.SendAsync(new Sign.Query(Slug, token));
        Assert.Equal(("Youth RISE", "hello@youthrise.example"), (form.Blank.OrganisationName, form.Blank.Email));
        Assert.Null((await App.SendAsync(new Sign.Query(Slug, "x"))).Invitation);
        App.RunAs(coordinator);
        Assert.Equal(Status.Opened, Assert.Single((await App.SendAsync(new PartnerInvitations.Query(Slug))).Invitations).Status);

        await SignAndConfirmAsync(App, Organisation("YOUTH-RISE", "someone.else@youthrise.example"));
        App.RunAs(coordinator);
        Assert.Equal(Status.Signed, Assert.Single((await App.SendAsync(new PartnerInvitations.Query(Slug))).Invitations).Status);
    }

    [SkippableFact]
    public async Task Should_count_a_signature_made_from_the_invitation_link_under_partner_invitations()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(Invite());
        var token = Token(LinkPath(App, "hello@youthrise.example", "/invited/"));
        App.RunAs(null);

        var form = await App.SendAsync(new Sign.Query(Slug, token));
        Assert.Equal(token, form.Blank.InvitationToken);
        await App.SendAsync(form.Blank with { CountryCode = "NP", SignerName = "Asha Gurung", Visibility = SignatureVisibility.NameAndOrganisation, Consent = true });
        // A made-up or foreign token is ignored: the signature counts as the public form's.
        await App.SendAsync(Individual("Rui Costa", "rui@example.org") with { InvitationToken = "A".PadRight(43, 'A') });

        var sources = (await SignaturesAsync(App)).ToDictionary(s => s.Email!, s => s.Source);
        Assert.Equal(SignatureSource.Invitation, sources["hello@youthrise.example"]);
        Assert.Equal(SignatureSource.PublicForm, sources["rui@example.org"]);
    }

    [SkippableFact]
    public async Task Should_never_invite_one_address_twice_to_a_letter()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(Invite());

        var again = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(Invite("Another name", "HELLO@YouthRise.example")));
        Assert.Contains("already been invited", again.Errors.Single().ErrorMessage);
        var imported = await Assert.ThrowsAsync<RequestValidationException>(() =>
            App.SendAsync(new PartnerInvitations.Import { Slug = Slug, Csv = "organisation,email\nYouth RISE,hello@youthrise.example\n" }));
        Assert.Contains("already been invited", imported.Errors.First().ErrorMessage);
        Assert.Single(App.Emails.All());
    }

    [SkippableFact]
    public async Task Should_import_a_list_and_send_one_invitation_per_row()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);

        var report = await App.SendAsync(new PartnerInvitations.Import
        {
            Slug = Slug,
            Csv = "Organisation;Email;Message\r\n\"Réseau, Afrique\";contact@reseau.example;\"Bonjour, signez !\"\r\n\r\nСеть ЛЖВ;info@setlzhv.example;\n",
        });

        Assert.Equal(2, report.Sent);
        Assert.Empty(report.Skipped);
        Assert.Null(report.Retry);
        Assert.Equal(2, App.Emails.All().Count);
        var invitations = (await App.SendAsync(new PartnerInvitations.Query(Slug))).Invitations;
        Assert.Equal(["Réseau, Afrique", "Сеть ЛЖВ"], invitations.Select(i => i.OrganisationName).Order());
    }

    public static TheoryData<string, string> HostileLists()
    {
        var header = "organisation,email,message\n";
        return new()
        {
            { new string('x', 300_000), "too large" },
            { header + string.Concat(Enumerable.Range(0, 501).Select(i => $"Org {i},org{i}@example.org,\n")), "more than 500" },
            { "Youth RISE,hello@youthrise.example\n", "first line must name" },
            { "name;address\nYouth RISE;hello@youthrise.example\n", "first line must name" },
            { header, "no partners" },
            { header + "=HYPERLINK(\"http://evil.example\"),a@example.org,\n", "Line 2: the organisation starts with \"=\"" },
            { header + "Org,@evil.example,\n", "formula" },
            { header + "Org,c@example.org,-1+1\n", "message starts with \"-\"" },
            { header + "Org,not-an-address,\n", "Line 2: the e-mail address is not valid" },
            { header + "Org,\"Ana <ana@example.org>\",\n", "not valid" },
            { header + "Org,\"a@example.org\r\nBcc: b@example.org\",\n", "the e-mail address is not valid" },
            { header + "<script>alert(1)</script>,x@example.org,\n", "cannot contain < or >" },
            { header + ",x@example.org,\n", "name is missing" },
            { header + "\"Unclosed,x@example.org,\n", "the organisation's name contains characters that cannot be shown" },
            { header + $"Org,x@example.org,{new string('m', 2_001)}\n", "message is too long" },
            { header + "Bad,bad,\n+Plus,p@example.org,\n", "Line 3: the organisation starts with \"+\"" },
        };
    }

    [SkippableFact]
    public async Task Should_send_the_valid_lines_of_a_list_and_give_back_the_others_by_line_with_their_reason()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(new PartnerInvitations.Import { Slug = Slug, Csv = "organisation,email\nEarlier,earlier@example.org\n" });

        var report = await App.SendAsync(new PartnerInvitations.Import
        {
            Slug = Slug,
            Csv = "organisation,email,message\n"
                + "Good One,one@example.org,\n"                      // 2 sent
                + "=HYPERLINK(\"http://evil.example\"),a@example.org,\n" // 3 formula
                + "Good Two,\"two@example.org\",\"Hello, friends\"\n" // 4 sent
                + "No Address,not-an-address,\n"                     // 5 invalid
                + "Again,ONE@example.org,\n"                         // 6 repeat of line 2
                + "Earlier Again,earlier@example.org,\n"             // 7 already invited
                + "<script>alert(1)</script>,x@example.org,\n",     // 8 markup
        });

        Assert.Equal(2, report.Sent);
        Assert.Equal([3, 5, 6, 7, 8], report.Skipped.Select(s => s.Line));
        Assert.Contains("the same address as line 2", report.Skipped.Single(s => s.Line == 6).Reason.ToString());
        Assert.Equal("organisation,email,message\n=HYPERLINK(\"http://evil.example\"),a@example.org,\nNo Address,not-an-address,\n"
            + "Again,ONE@example.org,\nEarlier Again,earlier@example.org,\n<script>alert(1)</script>,x@example.org,\n", report.Retry);
        Assert.Equal(["earlier@example.org", "one@example.org", "two@example.org"], App.Emails.All().SelectMany(m => m.To.Mailboxes.Select(a => a.Address)).Order());
        var invitations = (await App.SendAsync(new PartnerInvitations.Query(Slug))).Invitations;
        Assert.Equal(["Earlier", "Good One", "Good Two"], invitations.Select(i => i.OrganisationName).Order());

        // The lines given back, once corrected, import on their own.
        var corrected = report.Retry!.Replace("=HYPERLINK(\"http://evil.example\")", "Formula Fixed").Replace("not-an-address", "fixed@example.org");
        var second = await App.SendAsync(new PartnerInvitations.Import { Slug = Slug, Csv = corrected });
        Assert.Equal(2, second.Sent);
        Assert.Equal([4, 5, 6], second.Skipped.Select(s => s.Line));
    }

    [SkippableFact]
    public async Task Should_show_the_lines_not_sent_with_their_reasons_and_give_them_back_in_the_box()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var browser = await BrowserlessClient.SignedInAsync(App, coordinator.Email!, "fr");

        var (_, page) = await browser.GetAsync($"/letters/{Slug}/invitations");
        var response = await browser.SubmitAsync(page, $"/letters/{Slug}/invitations",
            new Dictionary<string, string> { ["List.Csv"] = "organisation,email\nGood,good@example.org\nBad,bad\n" }, "#import-form");
        var html = await response.Content.ReadAsStringAsync();
        var result = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ces lignes n’ont pas été envoyées", result.QuerySelector("#import-skipped")!.TextContent);
        Assert.StartsWith("Ligne 3", result.QuerySelector("#import-skipped li")!.TextContent.Trim());
        Assert.Equal("organisation,email\nBad,bad\n", result.QuerySelector("#List_Csv")!.TextContent.Replace("\r\n", "\n"));
        Assert.Single(App.Emails.To("good@example.org"));
    }

    [SkippableTheory]
    [MemberData(nameof(HostileLists))]
    public async Task Should_refuse_a_list_with_no_valid_line_whole_with_clear_messages_per_row(string csv, string message)
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);

        var refusal = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsync(new PartnerInvitations.Import { Slug = Slug, Csv = csv }));

        var text = string.Join(" | ", refusal.Errors.Select(e => e.ErrorMessage));
        Assert.Contains(message, text);
        Assert.All(refusal.Errors, e => Assert.True(e.ErrorMessage.Length < 300, e.ErrorMessage));
        Assert.DoesNotContain("<script", text);
        Assert.Empty((await App.SendAsync(new PartnerInvitations.Query(Slug))).Invitations);
        Assert.Empty(App.Emails.All());
    }

    [SkippableFact]
    public async Task Should_remind_only_those_who_have_not_answered_at_most_once_a_week()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(new PartnerInvitations.Import
        {
            Slug = Slug, Csv = "organisation,email\nSilent Network,silent@example.org\nDeclining Network,no@example.org\nMédecins du Monde,mdm@example.org\n",
        });
        App.RunAs(null);
        await App.SendAsync(new Invited.Decline(Slug, Token(LinkPath(App, "no@example.org", "/invited/"))));
        await SignAndConfirmAsync(App, Organisation("Médecins du Monde", "ana@example.org"));
        App.RunAs(coordinator);
        var firstLink = LinkPath(App, "silent@example.org", "/invited/");

        App.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await App.SendAsync(new PartnerInvitations.Remind(Slug)));
        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await App.SendAsync(new PartnerInvitations.Remind(Slug)));
        Assert.Equal(0, await App.SendAsync(new PartnerInvitations.Remind(Slug)));

        Assert.Equal(2, App.Emails.To("silent@example.org").Count);
        Assert.Single(App.Emails.To("no@example.org"));
        Assert.Single(App.Emails.To("mdm@example.org"));
        var reminderLink = LinkPath(App, "silent@example.org", "/invited/");
        Assert.NotEqual(firstLink, reminderLink);
        App.RunAs(null);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Invited.Open(Slug, Token(firstLink))));
        Assert.Equal("Silent Network", (await App.SendAsync(new Invited.Open(Slug, Token(reminderLink)))).OrganisationName);

        App.RunAs(coordinator);
        for (var week = 0; week < 4; week++)
        {
            App.Clock.Advance(TimeSpan.FromDays(7));
            await App.SendAsync(new PartnerInvitations.Remind(Slug));
        }
        Assert.Equal(1 + PartnerInvitation.MaxReminders, App.Emails.To("silent@example.org").Count);
        var states = (await App.SendAsync(new PartnerInvitations.Query(Slug))).Invitations.ToDictionary(i => i.Email, i => i.Status);
        Assert.Equal((Status.Opened, Status.Declined, Status.Signed), (states["silent@example.org"], states["no@example.org"], states["mdm@example.org"]));
    }

    [SkippableFact]
    public async Task Should_stop_reminders_by_the_emails_one_click_link_which_outlives_the_reminders_and_declines_nothing()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(new PartnerInvitations.Import
        {
            Slug = Slug, Csv = "organisation,email\nSilent Network,silent@example.org\nBusy Network,busy@example.org\n",
        });
        var invitation = App.Emails.LatestTo("busy@example.org");
        var stop = EmailBox.LinkContaining(invitation, "/invitations/stop-reminders/");
        Assert.Equal($"<{stop}>", invitation.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", invitation.Headers["List-Unsubscribe-Post"]);
        Assert.NotEqual(stop, EmailBox.LinkContaining(App.Emails.LatestTo("silent@example.org"), "/invitations/stop-reminders/"));

        // A reminder replaces the tracked link; the first e-mail's stop link must still work after it.
        App.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(2, await App.SendAsync(new PartnerInvitations.Remind(Slug)));
        var trackedLink = LinkPath(App, "busy@example.org", "/invited/");

        // A GET (a mail scanner) changes nothing; the one-click POST works without an account or antiforgery token, twice alike.
        var anonymous = App.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var path = new Uri(stop).PathAndQuery;
        var shown = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("Busy Network", await shown.Content.ReadAsStringAsync());
        Assert.Null(await StoppedAtAsync("busy@example.org"));
        for (var click = 0; click < 2; click++)
        {
            var oneClick = await anonymous.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
            Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
            Assert.Contains("We will not remind", WebUtility.HtmlDecode(await oneClick.Content.ReadAsStringAsync()));
        }
        var stoppedAt = await StoppedAtAsync("busy@example.org");
        Assert.NotNull(stoppedAt);

        App.Clock.Advance(TimeSpan.FromDays(7));
        App.RunAs(coordinator);
        Assert.Equal(1, await App.SendAsync(new PartnerInvitations.Remind(Slug)));
        Assert.Equal(2, App.Emails.To("busy@example.org").Count);
        Assert.Equal(3, App.Emails.To("silent@example.org").Count);
        Assert.Equal(stoppedAt, await StoppedAtAsync("busy@example.org"));

        // Not a refusal: the coordinators see it as asked, the invitation's link still opens the form.
        var busy = (await App.SendAsync(new PartnerInvitations.Query(Slug))).Invitations.Single(i => i.Email == "busy@example.org");
        Assert.Equal((Status.Sent, true), (busy.Status, busy.RemindersStopped));
        Assert.False((await App.SendAsync(new PartnerInvitations.Query(Slug))).Invitations.Single(i => i.Email == "silent@example.org").RemindersStopped);
        App.RunAs(null);
        Assert.Equal("Busy Network", (await App.SendAsync(new Invited.Open(Slug, Token(trackedLink)))).OrganisationName);
    }

    [SkippableTheory]
    [InlineData("CfDJ8forged-token")]
    [InlineData("%E2%80%AEgnikcah")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Should_answer_a_forged_stop_reminders_link_as_not_valid_and_stop_nothing(string token)
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(Invite());
        var anonymous = App.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var shown = await anonymous.GetAsync($"/invitations/stop-reminders/{token}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("This link is not valid", await shown.Content.ReadAsStringAsync());
        var posted = await anonymous.PostAsync($"/invitations/stop-reminders/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.True(posted.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, posted.StatusCode.ToString());
        Assert.Contains("This link is not valid", await posted.Content.ReadAsStringAsync());
        // Another protector's valid token (an update's unsubscribe link) names no invitation either.
        var updateLink = App.Factory.Services.CreateScope().ServiceProvider.GetRequiredService<UnsubscribeLinks>().For(1);
        Assert.Contains("This link is not valid",
            await anonymous.GetStringAsync("/invitations/stop-reminders/" + updateLink[(updateLink.LastIndexOf('/') + 1)..]));
        Assert.Null(await StoppedAtAsync("hello@youthrise.example"));
    }

    private Task<DateTime?> StoppedAtAsync(string email) =>
        App.ExecuteDbContextAsync(db => db.PartnerInvitations.Where(i => i.ContactEmail == email).Select(i => i.RemindersStoppedAt).SingleAsync());

    [SkippableFact]
    public async Task Should_refuse_invitations_to_others_and_on_closed_letters()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(Invite()));
        await App.RunAsNewUserAsync("stranger@example.org");
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(Invite()));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new PartnerInvitations.Remind(Slug)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Invited.Open(Slug, "not-a-token")));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Invited.Open(Slug, new string('a', 43))));
        await OpenLetterAsync(App, status: LetterStatus.Closed, slug: "closed-letter");
        var closedCoordinator = await App.ExecuteDbContextAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "coordinator-closed-letter@example.org")));
        App.RunAs(closedCoordinator);
        var closed = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(Invite() with { Slug = "closed-letter" }));
        Assert.Contains("open", closed.Message);
        Assert.Empty(App.Emails.All());
        _ = coordinator;
    }

    [SkippableFact]
    public async Task Should_use_the_pages_to_invite_open_the_link_and_decline()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(coordinator.Email!);
        var (_, page) = await browser.GetAsync($"/letters/{Slug}/invitations");
        var refused = await browser.SubmitAsync(page, $"/letters/{Slug}/invitations",
            new Dictionary<string, string> { ["List.Csv"] = "organisation,email\n=cmd,x@example.org\n" }, "form#import-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Line 2: the organisation starts with", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        var sent = await browser.SubmitAsync(page, $"/letters/{Slug}/invitations",
            new Dictionary<string, string> { ["NewInvitation.OrganisationName"] = "Youth RISE", ["NewInvitation.Email"] = "hello@youthrise.example" },
            "form#invite-form");
        BrowserlessClient.AssertRedirect(sent, $"/letters/{Slug}/invitations");

        var anonymous = BrowserlessClient.For(App);
        var link = LinkPath(App, "hello@youthrise.example", "/invited/");
        var (opened, invited) = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var signLink = invited.QuerySelector("a.btn-primary")!.GetAttribute("href")!;
        var (_, sign) = await anonymous.GetAsync(signLink);
        Assert.Equal("Youth RISE", sign.QuerySelector("#Data_OrganisationName")!.GetAttribute("value"));
        var declined = await anonymous.SubmitAsync(invited, link, new Dictionary<string, string>(), "form#decline-form");
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        App.RunAs(coordinator);
        Assert.Equal(Status.Declined, Assert.Single((await App.SendAsync(new PartnerInvitations.Query(Slug))).Invitations).Status);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InvitationTestsOnSqlite(SqliteSlice app) : InvitationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class InvitationTestsOnPostgres(PostgresSlice app) : InvitationTests(app);
