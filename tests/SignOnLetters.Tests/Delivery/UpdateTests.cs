using System.Net;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Letters;
using SignOnLetters.Web.Infrastructure.Mediation;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Delivery;

/// <summary>Updates from the coordinators to the signers who asked for them, and the one-click unsubscribe.</summary>
public abstract class UpdateTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_send_an_update_only_to_confirmed_signers_who_opted_in_each_with_a_one_click_unsubscribe()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await App.SignAndConfirmAsync(Individual("Ana Opted", "ana@example.org") with { KeepMeUpdated = true });
        await App.SignAndConfirmAsync(Individual("Bo Quiet", "bo@example.org"));
        await App.SendAsync(Individual("Cy Unconfirmed", "cy@example.org") with { KeepMeUpdated = true });
        App.RunAs(coordinator);
        Assert.Equal(1, (await App.SendAsync(new Updates.Query(Slug))).Subscribers);

        var sent = await App.SendAsync(new Updates.Command { Slug = Slug, ChangeCount = await App.ChangeCountAsync(Slug), Subject = "We met the minister", Body = "**Good news**: the minister *read* it.\n\n- [Report](https://example.org/report)" });
        Assert.Equal(1, sent);
        Assert.Equal(1, await App.SendQueuedAsync());

        Assert.DoesNotContain(App.Emails.To("bo@example.org"), m => m.Subject?.Contains("minister") == true);
        Assert.DoesNotContain(App.Emails.To("cy@example.org"), m => m.Subject?.Contains("minister") == true);
        var email = App.Emails.LatestTo("ana@example.org");
        Assert.Equal($"We met the minister (\u2068{Title}\u2069)", email.Subject);
        Assert.Contains("<strong>Good news</strong>", email.HtmlBody);
        var unsubscribe = EmailBox.LinkContaining(email, "/signatures/unsubscribe/");
        Assert.Equal($"<{unsubscribe}>", email.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);

        var page = await App.Factory.CreateClient().GetStringAsync($"/letters/{Slug}");
        Assert.Contains("We met the minister", page);
        Assert.Contains("<strong>Good news</strong>", page);
        Assert.DoesNotContain("ana@example.org", page);

        // A GET (a mail scanner) changes nothing; the one-click POST of RFC 8058 works without an account or antiforgery token.
        var anonymous = App.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var path = new Uri(unsubscribe).PathAndQuery;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        Assert.True(await KeepsUpdatedAsync("ana@example.org"));
        var oneClick = await anonymous.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.False(await KeepsUpdatedAsync("ana@example.org"));

        App.Clock.Advance(TimeSpan.FromDays(8));
        App.RunAs(coordinator);
        Assert.Equal(0, await App.SendAsync(new Updates.Command { Slug = Slug, ChangeCount = await App.ChangeCountAsync(Slug), Subject = "Second", Body = "More news." }));
    }

    [SkippableFact]
    public async Task Should_allow_at_most_one_update_per_configured_number_of_days()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        await App.SendAsync(new Updates.Command { Slug = Slug, ChangeCount = await App.ChangeCountAsync(Slug), Subject = "First", Body = "News." });

        App.Clock.Advance(TimeSpan.FromDays(6));
        var refusal = await Assert.ThrowsAsync<DomainRuleException>(async () => await App.SendAsync(new Updates.Command { Slug = Slug, ChangeCount = await App.ChangeCountAsync(Slug), Subject = "Second", Body = "Again." }));
        Assert.Contains("At most one update every 7 days", refusal.Message);
        Assert.NotNull((await App.SendAsync(new Updates.Query(Slug))).NextAllowedAt);

        App.Clock.Advance(TimeSpan.FromDays(1));
        await App.SendAsync(new Updates.Command { Slug = Slug, ChangeCount = await App.ChangeCountAsync(Slug), Subject = "Second", Body = "Again." });
        Assert.Equal(["First", "Second"], (await App.MailingsAsync()).Select(m => m.Subject));
    }

    public static TheoryData<string, string, string, string> HostileInput() => new()
    {
        { "1 MB update", "News", new string('x', 1024 * 1024), "too long" },
        { "script tag", "News", "Hello <script>alert(1)</script>", "contains HTML" },
        { "javascript link", "News", "[click](javascript:alert(1))", "Links must start with https://" },
        { "image beacon", "News", "![x](https://tracker.example/pixel.gif)", "contains an image" },
        { "script in the title", "<script>alert(1)</script>", "News.", "cannot contain < or >" },
        { "empty update", "News", "", "Write the update" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileInput))]
    public async Task Should_refuse_hostile_or_oversized_updates_storing_and_sending_nothing(string _, string subject, string body, string message)
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await App.SignAndConfirmAsync(Individual("Ana Opted", "ana@example.org") with { KeepMeUpdated = true });
        var before = App.Emails.All().Count;
        App.RunAs(coordinator);

        var refusal = await Assert.ThrowsAsync<RequestValidationException>(async () => await App.SendAsync(new Updates.Command { Slug = Slug, ChangeCount = await App.ChangeCountAsync(Slug), Subject = subject, Body = body }));

        Assert.Contains(refusal.Errors, e => e.ErrorMessage.Contains(message, StringComparison.Ordinal));
        Assert.Empty(await App.MailingsAsync());
        Assert.Equal(0, await App.SendQueuedAsync());
        Assert.Equal(before, App.Emails.All().Count);
    }

    [SkippableFact]
    public async Task Should_answer_a_forged_unsubscribe_link_as_not_valid_and_refuse_updates_to_strangers()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var anonymous = App.Factory.CreateClient();
        var page = await anonymous.GetStringAsync("/signatures/unsubscribe/CfDJ8forged-token");
        Assert.Contains("This link is not valid", page);
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new SignOnLetters.Web.Pages.Signatures.Unsubscribe.Command("CfDJ8forged")));

        var stranger = await App.CreateUserAsync("stranger@example.org");
        await Assert.ThrowsAsync<SignOnLetters.Web.Infrastructure.NotFoundException>(async () =>
            await App.SendAsAsync(stranger, new Updates.Command { Slug = Slug, ChangeCount = await App.ChangeCountAsync(Slug), Subject = "Spam", Body = "Spam." }));
        Assert.Empty(await App.MailingsAsync());
        _ = coordinator;
    }

    private Task<bool> KeepsUpdatedAsync(string email) =>
        App.ExecuteDbContextAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.KeepMeUpdated).SingleAsync());
}

[Collection(SqliteCollection.Name)]
public sealed class UpdateTestsOnSqlite(SqliteSlice app) : UpdateTests(app);

[Collection(PostgresCollection.Name)]
public sealed class UpdateTestsOnPostgres(PostgresSlice app) : UpdateTests(app);
