using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Security;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Security;

/// <summary>Security:RequireTwoFactorForPersonalData: delivering and exporting need a second factor, not just a password.</summary>
public abstract class TwoFactorRequirementTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_send_a_coordinator_without_two_factor_to_turn_it_on_instead_of_exporting()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await SignAndConfirmAsync(App, Individual("Rui Costa", "rui@example.org"));
        var browser = await SignedInAsync(coordinator);

        await WithRequirementAsync(async () =>
        {
            var response = await browser.Http.GetAsync($"/letters/{Slug}/signatures.csv");

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(TwoFactorRequiredException.SetUpPage, response.Headers.Location!.OriginalString);
            var (_, setUp) = await browser.GetAsync(TwoFactorRequiredException.SetUpPage);
            Assert.Contains("Turn on two-factor authentication", setUp.Body!.TextContent);
        });

        // Off, as in Development: the same request gets the file.
        var export = await browser.Http.GetAsync($"/letters/{Slug}/signatures.csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("rui@example.org", await export.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Should_let_a_coordinator_with_two_factor_deliver_and_export_and_refuse_one_without()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Closed);
        await WithRequirementAsync(async () =>
        {
            App.RunAs(coordinator);
            await Assert.ThrowsAsync<TwoFactorRequiredException>(() => App.ExportCsvAsync(Slug));
            await Assert.ThrowsAsync<TwoFactorRequiredException>(() =>
                App.SendAsync(new Manage.ChangeStatus(Slug, Manage.LetterStep.Deliver, letter.ChangeCount)));
            Assert.Equal(LetterStatus.Closed, await StatusAsync(letter.Id));

            // The same coordinator with an authenticator app enrolled may do both.
            await App.ExecuteScopeAsync(async sp =>
            {
                var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
                await users.SetTwoFactorEnabledAsync((await users.FindByIdAsync(coordinator.Id))!, true);
            });
            await App.SendAsync(new Manage.ChangeStatus(Slug, Manage.LetterStep.Deliver, letter.ChangeCount));
            Assert.Equal(LetterStatus.Delivered, await StatusAsync(letter.Id));
            Assert.NotEmpty(await App.ExportCsvAsync(Slug));
        });
    }

    private Task<LetterStatus> StatusAsync(int letterId) =>
        App.ExecuteDbContextAsync(db => db.Letters.Where(l => l.Id == letterId).Select(l => l.Status).SingleAsync());

    /// <summary>The test fixture runs with the rule off (like Development); these tests switch it on for their duration.</summary>
    private async Task WithRequirementAsync(Func<Task> test)
    {
        var options = App.Factory.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        options.RequireTwoFactorForPersonalData = true;
        try
        {
            await test();
        }
        finally
        {
            options.RequireTwoFactorForPersonalData = false;
        }
    }

    private async Task<BrowserlessClient> SignedInAsync(ApplicationUser user)
    {
        var browser = BrowserlessClient.For(App);
        await browser.SignInAsync(user.Email!);
        return browser;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TwoFactorRequirementTestsOnSqlite(SqliteSlice app) : TwoFactorRequirementTests(app);

[Collection(PostgresCollection.Name)]
public sealed class TwoFactorRequirementTestsOnPostgres(PostgresSlice app) : TwoFactorRequirementTests(app);
