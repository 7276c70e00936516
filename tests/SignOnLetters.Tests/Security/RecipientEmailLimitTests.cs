using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;
using SignOnLetters.Web.Pages.Signing;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Security;

/// <summary>
/// Issue 18, row 8: a stranger posting someone's address to the sign form of every open letter and
/// to the account pages gave that mailbox an e-mail per post. One mailbox now gets at most
/// <c>Email:RecipientLimit:PermitPerDay</c> e-mails a day from all of them together; whoever posts
/// sees the same answers as before.
/// </summary>
public abstract class RecipientEmailLimitTests(SliceFixture app) : SliceTest(app)
{
    private const string Victim = "victim@example.org";

    [SkippableFact]
    public async Task Should_send_one_mailbox_at_most_its_daily_emails_across_letters_and_account_pages_with_unchanged_answers()
    {
        var slugs = new[] { "letter-one", "letter-two", "letter-three", "letter-four" };
        foreach (var slug in slugs)
            await OpenLetterAsync(App, slug: slug);
        await App.CreateUserAsync(Victim);
        await using var limited = App.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Email:RecipientLimit:Enabled", "true");
            builder.UseSetting("Email:RecipientLimit:PermitPerDay", "5");
        });
        var api = limited.CreateClient();
        var browser = new BrowserlessClient(limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        // Four letters' sign forms (through the API, as a script would), "forgot password" three times, resend and register.
        var signed = new List<string>();
        foreach (var slug in slugs)
        {
            var response = await api.PostAsJsonAsync($"/api/letters/{slug}/signatures", SigningScenario.Json(Individual(email: Victim)));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            signed.Add(await response.Content.ReadAsStringAsync());
        }
        var forgot = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
            forgot.Add(await browser.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = Victim }));
        // The other account pages that mail whatever address is typed draw on the same budget.
        var resend = await browser.SubmitFormAsync("/Identity/Account/ResendEmailConfirmation", new Dictionary<string, string> { ["Input.Email"] = Victim });
        var register = await browser.SubmitFormAsync("/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = Victim, ["Input.Password"] = "An-Other-Password-42", ["Input.ConfirmPassword"] = "An-Other-Password-42",
        }, "form#registerForm");
        // Someone else's mailbox keeps its own budget.
        await api.PostAsJsonAsync($"/api/letters/{slugs[0]}/signatures", SigningScenario.Json(Individual(name: "Bystander", email: "bystander@example.org")));
        await SliceFixture.WaitForQueuedEmailsAsync(limited);

        Assert.Equal(5, App.Emails.To(Victim).Count);
        Assert.Single(App.Emails.To("bystander@example.org"));
        // Over the limit or not, each answer is the one every submitter gets.
        Assert.Single(signed.Distinct());
        Assert.All(forgot, response => BrowserlessClient.AssertRedirect(response, "/Identity/Account/ForgotPasswordConfirmation"));
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        BrowserlessClient.AssertRedirect(register, "/Identity/Account/RegisterConfirmation");
        // Every signature was stored: the limit holds back e-mails, not signatures.
        Assert.Equal(slugs.Length + 1, (await SignaturesAsync(App)).Count);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RecipientEmailLimitTestsOnSqlite(SqliteSlice app) : RecipientEmailLimitTests(app);

[Collection(PostgresCollection.Name)]
public sealed class RecipientEmailLimitTestsOnPostgres(PostgresSlice app) : RecipientEmailLimitTests(app);
