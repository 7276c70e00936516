using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using SignOnLetters.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SignOnLetters.BrowserTests.Journeys;

/// <summary>
/// Journey 4: the coordinator invites three partner networks with a pasted list, one signs through
/// its invitation link, and a week later the reminders go to the other two only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InvitationJourneyTests(BrowserFixture browser)
{
    private static readonly string[] Partners = ["partner.one@example.org", "partner.two@example.org", "partner.three@example.org"];

    [SkippableFact]
    public async Task Should_invite_three_partners_let_one_sign_from_its_link_and_remind_the_other_two()
    {
        Skip.If(browser.Unavailable is not null, browser.Unavailable);
        await using var coordinator = await browser.NewVisitorAsync();
        var page = coordinator.Page;
        await browser.SignInAsDemoCoordinatorAsync(coordinator);

        await page.GotoAsync("/letters/demo/invitations");
        await page.Locator("#List_Csv").FillAsync(
            "organisation,email,message\n" +
            $"Red Andina de Reducción de Daños,{Partners[0]},We would be glad to have you with us.\n" +
            $"Network of Asian People who Use Drugs,{Partners[1]},\n" +
            $"Coalition Plus,{Partners[2]},\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the invitations" }).ClickAsync();
        await Expect(page.Locator("#invitation-table tbody tr")).ToHaveCountAsync(3);
        await coordinator.AssertAccessibleAsync();
        await coordinator.ScreenshotAsync("journey-4-invitations-sent");

        // The first partner follows its link: the form knows who it is.
        var invitation = await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, Partners[0], "You are invited to sign");
        await using (var partner = await browser.NewVisitorAsync())
        {
            await partner.Page.GotoAsync(Mailbox.Link(invitation, "/invited/"));
            await partner.Page.GetByRole(AriaRole.Link, new() { Name = "Read the letter and sign" }).ClickAsync();
            await Expect(partner.Page.Locator("#Data_OrganisationName")).ToHaveValueAsync("Red Andina de Reducción de Daños");
            await partner.Page.GetByLabel("Country").SelectOptionAsync("PE");
            await partner.Page.GetByLabel("Your name").FillAsync("Rosa Quispe");
            await partner.Page.GetByRole(AriaRole.Checkbox, new() { Name = "I agree" }).CheckAsync();
            await partner.Page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
            await Expect(partner.Page.GetByText("Thank you", new() { Exact = false }).First).ToBeVisibleAsync();
            var confirmation = await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, Partners[0], "confirm your signature");
            await partner.Page.GotoAsync(Mailbox.Link(confirmation, "/signatures/confirm/"));
            await partner.Page.GetByRole(AriaRole.Button, new() { Name = "Confirm my signature" }).ClickAsync();
        }

        // A week passes (the invitations are moved back in the database; the app has no test clock).
        await using (var db = new SqliteConnection($"Data Source={browser.App.DatabasePath}"))
        {
            await db.OpenAsync();
            await using var weekAgo = db.CreateCommand();
            weekAgo.CommandText = "UPDATE PartnerInvitations SET SentAt = strftime('%Y-%m-%d %H:%M:%f', SentAt, '-8 days')";
            Assert.True(await weekAgo.ExecuteNonQueryAsync() >= 3);
        }
        await page.GotoAsync("/letters/demo/invitations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reminders that are due" }).ClickAsync();
        await Expect(page.GetByText("2 reminders sent", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(page.Locator("#invitation-table")).ToContainTextAsync("signed");

        foreach (var reminded in Partners[1..])
            await Mailbox.WaitForMessageAsync(browser.App.MailDirectory, reminded, "Reminder: you are invited to sign");
        var toFirst = Directory.GetFiles(browser.App.MailDirectory, "*.eml").Select(file => MimeKit.MimeMessage.Load(file))
            .Where(message => message.To.Mailboxes.Any(box => box.Address == Partners[0]))
            .Select(message => message.Subject).ToList();
        Assert.DoesNotContain(toFirst, subject => subject?.StartsWith("Reminder", StringComparison.Ordinal) == true);
    }
}
