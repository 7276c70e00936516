using System.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Letters;
using SignOnLetters.Web.Infrastructure.Mediation;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Delivery;

/// <summary>Delivering a closed letter to its addressees by e-mail, and later editions.</summary>
public abstract class DeliveryTests(SliceFixture app) : SliceTest(app)
{
    private const string Minister = "jane.doe@city.example";

    [SkippableFact]
    public async Task Should_preview_without_storing_then_mark_delivered_and_send_the_pdf_to_each_addressee_once()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await App.SignAndConfirmAsync(Organisation("Réseau Santé Solidarité", "ana@example.org"));
        await CloseAsync(coordinator);
        App.RunAs(coordinator);
        var (form, _) = await App.SendAsync(new Deliver.Query(Slug));
        var command = form with { AddresseeEmails = [Minister], CoverMessages = new() { ["en"] = "Dear Dr Doe,\n\nPlease find our letter.\nWith 1 signatory." } };

        var preview = await App.SendAsync(command with { Send = false });
        Assert.Equal([Minister], preview.Recipients.Select(r => r.Email));
        Assert.Contains("<p>Please find our letter.<br>With 1 signatory.</p>", Assert.Single(preview.Emails).HtmlBody);
        Assert.Equal(0, await App.OutboxCountAsync());
        Assert.Equal(LetterStatus.Closed, (await App.LoadAsync(Slug)).Status);

        await App.SendAsync(command with { Send = true });
        var letter = await App.LoadAsync(Slug);
        Assert.Equal(LetterStatus.Delivered, letter.Status);
        Assert.NotNull(letter.DeliveredAt);
        var mailing = Assert.Single(await App.MailingsAsync());
        Assert.Equal(MailingKind.Delivery, mailing.Kind);
        Assert.Equal(1, mailing.RecipientCount);
        Assert.Empty(App.Emails.To(Minister)); // queued, not sent in the request

        Assert.Equal(1, await App.SendQueuedAsync());
        var email = Assert.Single(App.Emails.To(Minister));
        Assert.Equal("End the war on drugs", email.Subject);
        Assert.Contains("Dear <bdi>Dr Jane Doe</bdi>,", email.HtmlBody);
        Assert.Contains("Dear \u2068Dr Jane Doe\u2069,\n\nDear Dr Doe,\n\nPlease find our letter.\nWith 1 signatory.\n\nThe signed letter, \u2068End the war on drugs\u2069, is attached as a PDF.", email.TextBody);
        var attachment = Assert.IsType<MimePart>(Assert.Single(email.Attachments));
        Assert.Equal($"{Slug}.pdf", attachment.FileName);
        using var pdf = new MemoryStream();
        await attachment.Content!.DecodeToAsync(pdf);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf.ToArray(), 0, 4));
        Assert.Equal(0, await App.SendQueuedAsync());

        var progress = Assert.Single((await App.SendAsync(new Deliver.Query(Slug))).Item2.Mailings);
        Assert.Equal((1, 1, 0), (progress.Total, progress.Sent, progress.Failed));

        var page = await App.Factory.CreateClient().GetStringAsync($"/letters/{Slug}");
        Assert.Contains("Delivered", page);
        Assert.Contains("to Dr Jane Doe, City of Example on 1 March 2026", page);
        Assert.DoesNotContain(Minister, page);
        Assert.DoesNotContain(Minister, await App.Factory.CreateClient().GetStringAsync($"/api/letters/{Slug}"));
    }

    [SkippableFact]
    public async Task Should_link_the_pdf_instead_of_attaching_it_and_copy_co_authors_coordinators_once()
    {
        var (_, partner) = await App.CreateOrganisationAsync("Partner Network", coordinatorEmail: "partner@example.org");
        var (coordinator, lead) = await App.CreateOrganisationAsync("Lead Network");
        await App.ExecuteDbContextAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var letter = Letter.CreateDraft(LetterKind.SignOnLetter, Slug, await db.Organisations.SingleAsync(o => o.Id == lead.Id),
                new LetterText("en", Title, ""), coordinator.Id, now);
            letter.EditDraft(SignOnLetters.Tests.Letters.LetterRuleTests.ReadyDraft() with { CoAuthorOrganisationIds = [partner.Id] }, coordinator.Id, now);
            letter.AcceptCoAuthorship(partner.Id, coordinator.Id, now);
            letter.Open(coordinator.Id, now);
            letter.Close(coordinator.Id, now);
            db.Letters.Add(letter);
            await db.SaveChangesAsync();
        });
        App.RunAs(coordinator);
        var (form, _) = await App.SendAsync(new Deliver.Query(Slug));

        await App.SendAsync(form with { AddresseeEmails = [Minister], AttachPdf = false, CopyCoAuthors = true, Send = true });
        await App.SendQueuedAsync();

        var toMinister = Assert.Single(App.Emails.To(Minister));
        Assert.Empty(toMinister.Attachments);
        Assert.Contains($"http://localhost/letters/{Slug}/pdf", EmailBox.Links(toMinister));
        Assert.Single(App.Emails.To("partner@example.org"));
        Assert.Equal(HttpStatusCode.OK, (await App.Factory.CreateClient().GetAsync($"/letters/{Slug}/pdf")).StatusCode);
    }

    public static TheoryData<string, string[], string, string> HostileInput() => new()
    {
        { "not an address", ["jane.doe(at)city.example"], "Please find our letter.", "is not a valid e-mail address" },
        { "display name smuggling a second address", ["Jane <jane@city.example>, evil@example.org"], "", "is not a valid e-mail address" },
        { "header injection", ["jane@city.example\r\nBcc: evil@example.org"], "", "is not a valid e-mail address" },
        { "no address", [""], "Please find our letter.", "at least one addressee" },
        { "script in the cover message", [Minister], "Hello <script>alert(1)</script>", "cannot contain < or >" },
        { "hidden direction controls", [Minister], "Pay \u202Egro.live\u202C now", "direction-changing" },
        { "oversized cover message", [Minister], new string('a', Mailing.CoverMessageMaxLength + 1), "too long" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileInput))]
    public async Task Should_refuse_bad_input_with_a_clear_message_storing_and_sending_nothing(string _, string[] emails, string cover, string message)
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Closed);
        App.RunAs(coordinator);
        var (form, _) = await App.SendAsync(new Deliver.Query(Slug));

        foreach (var send in new[] { false, true })
        {
            var refusal = await Assert.ThrowsAsync<RequestValidationException>(() =>
                App.SendAsync(form with { AddresseeEmails = emails, CoverMessages = new() { ["en"] = cover }, Send = send }));
            Assert.Contains(refusal.Errors, e => e.ErrorMessage.Contains(message, StringComparison.Ordinal));
        }
        Assert.Equal(0, await App.OutboxCountAsync());
        Assert.Empty(await App.MailingsAsync());
        Assert.Equal(LetterStatus.Closed, (await App.LoadAsync(Slug)).Status);
        Assert.Equal(0, await App.SendQueuedAsync());
        Assert.Empty(App.Emails.All());
    }

    [SkippableFact]
    public async Task Should_refuse_an_address_given_twice_or_more_addresses_than_addressees()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Closed);
        App.RunAs(coordinator);
        var (form, _) = await App.SendAsync(new Deliver.Query(Slug));

        var duplicate = await Assert.ThrowsAsync<RequestValidationException>(() =>
            App.SendAsync(form with { AddresseeEmails = [Minister, Minister.ToUpperInvariant()], Send = true }));
        Assert.Contains(duplicate.Errors, e => e.ErrorMessage.Contains("given for two addressees"));
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(form with { AddresseeEmails = [Minister, "other@city.example"], Send = true }));
        Assert.Equal(0, await App.OutboxCountAsync());
    }

    [SkippableFact]
    public async Task Should_send_once_when_the_same_form_is_submitted_twice()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Closed);
        App.RunAs(coordinator);
        var (form, _) = await App.SendAsync(new Deliver.Query(Slug));
        var command = form with { AddresseeEmails = [Minister], Send = true };

        await App.SendAsync(command);
        var second = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(command));

        Assert.Contains("already sent", second.Message);
        Assert.Single(await App.MailingsAsync());
        Assert.Equal(1, await App.SendQueuedAsync());
    }

    [SkippableFact]
    public async Task Should_refuse_to_deliver_an_open_letter_and_refuse_editors()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        var (form, model) = await App.SendAsync(new Deliver.Query(Slug));
        Assert.False(model.CanSend);

        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(form with { AddresseeEmails = [Minister], Send = true }));
        var stranger = await App.CreateUserAsync("stranger@example.org");
        await Assert.ThrowsAsync<SignOnLetters.Web.Infrastructure.NotFoundException>(() =>
            App.SendAsAsync(stranger, form with { AddresseeEmails = [Minister], Send = true }));
        Assert.Equal(0, await App.OutboxCountAsync());
    }

    [SkippableFact]
    public async Task Should_send_a_later_edition_to_the_same_addresses_keeping_the_first_delivery_date()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Closed);
        App.RunAs(coordinator);
        var (form, _) = await App.SendAsync(new Deliver.Query(Slug));
        await App.SendAsync(form with { AddresseeEmails = [Minister], Send = true });
        var firstDelivery = (await App.LoadAsync(Slug)).DeliveredAt;

        App.Clock.Advance(TimeSpan.FromDays(10));
        await App.SendAsync(new Manage.ReopenCommand { Slug = Slug, Deadline = App.Clock.GetUtcNow().AddDays(5).ToString("yyyy-MM-ddTHH:mm"), DeadlineTimeZone = "Europe/Paris" });
        App.RunAs(null);
        await App.SignAndConfirmAsync(Individual("Late Signer", "late@example.org"));
        App.RunAs(coordinator);
        var (reopenedForm, reopened) = await App.SendAsync(new Deliver.Query(Slug));
        Assert.False(reopened.CanSend);
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(reopenedForm with { Send = true }));
        await App.SendAsync(new Manage.ChangeStatus(Slug, Manage.LetterStep.Close, await LetterTestDataChangeCount()));

        var (again, _) = await App.SendAsync(new Deliver.Query(Slug));
        Assert.Equal([Minister], again.AddresseeEmails);
        Assert.EndsWith("(updated edition)", again.Subjects["en"]);
        await App.SendAsync(again with { Send = true });
        await App.SendQueuedAsync();

        var mailings = await App.MailingsAsync();
        Assert.Equal([MailingKind.Delivery, MailingKind.AddresseeUpdate], mailings.Select(m => m.Kind));
        Assert.Equal(2, App.Emails.To(Minister).Count);
        Assert.Contains("updated edition", App.Emails.LatestTo(Minister).HtmlBody ?? "");
        var letter = await App.LoadAsync(Slug);
        Assert.Equal(LetterStatus.Delivered, letter.Status);
        Assert.Equal(firstDelivery, letter.DeliveredAt);
    }

    private Task<int> LetterTestDataChangeCount() => App.ChangeCountAsync(Slug);

    private Task CloseAsync(ApplicationUser coordinator) =>
        App.ExecuteDbContextAsync(async db =>
        {
            var loaded = await db.Letters.SingleAsync(l => l.Slug == Slug);
            loaded.Close(coordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
}

[Collection(SqliteCollection.Name)]
public sealed class DeliveryTestsOnSqlite(SqliteSlice app) : DeliveryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class DeliveryTestsOnPostgres(PostgresSlice app) : DeliveryTests(app);
