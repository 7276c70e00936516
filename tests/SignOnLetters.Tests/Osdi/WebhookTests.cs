using System.Net;
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Outbox;
using SignOnLetters.Web.Infrastructure.Webhooks;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;
using OrganisationApi = SignOnLetters.Web.Pages.Organisations.Api;

namespace SignOnLetters.Tests.Osdi;

/// <summary>Signed webhooks (issue 23): queued with the change, delivered by the outbox with retries, verified by a receiver on loopback.</summary>
public abstract class WebhookTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_deliver_a_signed_event_retry_after_a_500_and_have_it_accepted_exactly_once()
    {
        var (letter, coordinator, organisation) = await OpenLetterAsync(App);
        await using var receiver = WebhookReceiver.Start((500, null));
        receiver.Secret = await App.SendAsAsync(coordinator, new OrganisationApi.AddWebhook { OrganisationId = organisation.Id, Url = receiver.Url });

        await AddApprovedAsync(App, letter, Organisation("Médecins du Monde", "ana@example.org"));
        Assert.Equal(0, await Sender.SendDueAsync(CancellationToken.None));

        var failed = await DeliveryAsync();
        Assert.Equal(OutboxState.Pending, failed.State);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("HTTP 500", failed.LastError);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime.AddSeconds(new OutboxOptions().RetryBaseSeconds), failed.NextAttemptAt);
        Assert.Equal(0, await Sender.SendDueAsync(CancellationToken.None)); // not due yet
        Assert.Single(receiver.Requests);

        App.Clock.Advance(TimeSpan.FromSeconds(new OutboxOptions().RetryBaseSeconds));
        Assert.Equal(1, await Sender.SendDueAsync(CancellationToken.None));
        Assert.Equal(0, await Sender.SendDueAsync(CancellationToken.None));

        Assert.Equal(OutboxState.Sent, (await DeliveryAsync()).State);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(r.Verified));
        Assert.Equal([500, 200], receiver.Requests.Select(r => r.AnsweredWith));
        Assert.Single(receiver.Requests.Select(r => r.EventId).Distinct());
        Assert.Equal([failed.EventId!.Value.ToString("D")], receiver.Accepted);

        var payload = JsonDocument.Parse(receiver.Requests[1].Body).RootElement;
        Assert.Equal("signature.confirmed", payload.GetProperty("type").GetString());
        Assert.Equal(receiver.Requests[1].EventId, payload.GetProperty("id").GetString());
        Assert.Equal($"signonletters:{Slug}", payload.GetProperty("petition").GetProperty("identifiers")[0].GetString());
        Assert.Equal("Médecins du Monde", payload.GetProperty("signature").GetProperty("signonletters:signatory").GetProperty("organization").GetString());
        OsdiSchemas.AssertValid(OsdiSchemas.Signature, payload.GetProperty("signature").GetRawText());

        // A body changed on the way, or a replayed signature with another timestamp, does not verify.
        var delivered = receiver.Requests[1];
        Assert.False(WebhookSignature.Verify(receiver.Secret, delivered.Timestamp, delivered.Body.Replace("Monde", "Mundo"), delivered.Signature));
        Assert.False(WebhookSignature.Verify(receiver.Secret, (long.Parse(delivered.Timestamp!) + 1).ToString(), delivered.Body, delivered.Signature));
        Assert.False(WebhookSignature.Verify("whsec_another", delivered.Timestamp, delivered.Body, delivered.Signature));

        // The organisation's page shows the delivery: its state and attempts.
        App.RunAs(coordinator);
        var page = await App.SendAsync(new OrganisationApi.Query(organisation.Id));
        var shown = Assert.Single(page.Deliveries);
        Assert.Equal((OutboxState.Sent, 2, "signature.confirmed"), (shown.State, shown.Attempts, shown.EventType));
    }

    [SkippableFact]
    public async Task Should_queue_letter_events_with_the_change_for_the_lead_and_accepted_co_authors_only()
    {
        var (coAuthorCoordinator, coAuthor) = await App.CreateOrganisationAsync("Co-author network", coordinatorEmail: "co@example.org");
        var (strangerCoordinator, stranger) = await App.CreateOrganisationAsync("Unrelated network", coordinatorEmail: "stranger@example.org");
        var (letter, coordinator, organisation) = await OpenLetterAsync(App, coAuthorIds: [coAuthor.Id]);
        await App.ExecuteDbContextAsync(async db =>
        {
            var loaded = await db.Letters.Include(l => l.CoAuthors).SingleAsync(l => l.Id == letter.Id);
            loaded.AcceptCoAuthorship(coAuthor.Id, coAuthorCoordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        await App.SendAsAsync(coordinator, new OrganisationApi.AddWebhook { OrganisationId = organisation.Id, Url = "https://crm.example.org/lead" });
        await App.SendAsAsync(coAuthorCoordinator, new OrganisationApi.AddWebhook { OrganisationId = coAuthor.Id, Url = "https://crm.example.org/co-author" });
        await App.SendAsAsync(strangerCoordinator, new OrganisationApi.AddWebhook { OrganisationId = stranger.Id, Url = "https://crm.example.org/stranger" });

        App.RunAs(coordinator);
        await App.SendAsync(new Manage.ChangeStatus(Slug, Manage.LetterStep.Close, await App.ChangeCountAsync(Slug)));

        var rows = await App.ExecuteDbContextAsync(db => (from m in db.OutboxMessages
                                                          join w in db.OrganisationWebhooks on m.WebhookId equals w.Id
                                                          select new { w.Url, m.Subject, m.EventId, m.Payload }).ToListAsync());
        Assert.Equal(["https://crm.example.org/co-author", "https://crm.example.org/lead"], rows.Select(r => r.Url).Order());
        Assert.All(rows, r => Assert.Equal("letter.closed", r.Subject));
        Assert.Single(rows.Select(r => r.EventId).Distinct());
        Assert.Equal("closed", JsonDocument.Parse(rows[0].Payload!).RootElement.GetProperty("petition").GetProperty("signonletters:status").GetString());
    }

    [SkippableFact]
    public async Task Should_never_name_a_signer_counted_but_not_named_and_announce_a_withdrawal_by_the_same_identifier()
    {
        var (letter, coordinator, organisation) = await OpenLetterAsync(App);
        await App.SendAsAsync(coordinator, new OrganisationApi.AddWebhook { OrganisationId = organisation.Id, Url = "https://crm.example.org/hook" });

        await AddApprovedAsync(App, letter, Individual("Hidden Person", "hidden@example.org") with { Visibility = SignatureVisibility.CountedNotNamed, Role = "Nurse" });
        await App.ExecuteDbContextAsync(async db =>
        {
            var signature = await db.Signatures.SingleAsync();
            signature.Withdraw(SignatureActor.Signer, null, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });

        var payloads = await App.ExecuteDbContextAsync(db => db.OutboxMessages.Where(m => m.WebhookId != null).OrderBy(m => m.Id).Select(m => m.Payload!).ToListAsync());
        Assert.Equal(["signature.confirmed", "signature.withdrawn"], payloads.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("type").GetString()));
        foreach (var payload in payloads)
        {
            Assert.DoesNotContain("Hidden", payload);
            Assert.DoesNotContain("Nurse", payload);
            Assert.DoesNotContain("@example.org", payload);
            var signature = JsonDocument.Parse(payload).RootElement.GetProperty("signature");
            Assert.Equal(JsonValueKind.Null, signature.GetProperty("signonletters:signatory").ValueKind);
            OsdiSchemas.AssertValid(OsdiSchemas.Signature, signature.GetRawText());
        }
        Assert.Single(payloads.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("signature").GetProperty("identifiers")[0].GetString()).Distinct());
    }

    [SkippableFact]
    public async Task Should_not_follow_a_redirect_and_record_it_as_a_failure()
    {
        var (letter, coordinator, organisation) = await OpenLetterAsync(App);
        await using var receiver = WebhookReceiver.Start((302, "/elsewhere"));
        receiver.Secret = await App.SendAsAsync(coordinator, new OrganisationApi.AddWebhook { OrganisationId = organisation.Id, Url = receiver.Url });

        await AddApprovedAsync(App, letter, Organisation());
        await Sender.SendDueAsync(CancellationToken.None);

        Assert.Contains("HTTP 302", (await DeliveryAsync()).LastError);
        Assert.Equal(["/hook/"], receiver.Requests.Select(r => r.Path));
    }

    [SkippableTheory]
    [InlineData("http://crm.example.org/hook")]
    [InlineData("ftp://crm.example.org/hook")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://user:pass@crm.example.org/hook")]
    [InlineData("https://intranet/hook")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task Should_refuse_webhook_addresses_that_are_not_public_https(string url)
    {
        var (_, coordinator, organisation) = await OpenLetterAsync(App);

        await Assert.ThrowsAnyAsync<ValidationException>(() => App.SendAsAsync(coordinator, new OrganisationApi.AddWebhook { OrganisationId = organisation.Id, Url = url }));
        Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.OrganisationWebhooks.CountAsync()));
    }

    [SkippableFact]
    public void Should_refuse_loopback_and_private_addresses_unless_loopback_is_allowed_for_tests()
    {
        Assert.NotNull(WebhookAddress.Problem("http://127.0.0.1:5000/hook", allowLoopback: false));
        Assert.NotNull(WebhookAddress.Problem("https://localhost/hook", allowLoopback: false));
        Assert.NotNull(WebhookAddress.Problem("https://[::1]/hook", allowLoopback: false));
        Assert.Null(WebhookAddress.Problem("http://127.0.0.1:5000/hook", allowLoopback: true));
        Assert.Null(WebhookAddress.Problem("https://crm.example.org/hook", allowLoopback: false));
        // At connect time, whatever the name resolved to.
        Assert.False(WebhookAddress.IsAllowed(IPAddress.Parse("127.0.0.1"), allowLoopback: false));
        Assert.False(WebhookAddress.IsAllowed(IPAddress.Parse("172.20.0.1"), allowLoopback: true));
        Assert.False(WebhookAddress.IsAllowed(IPAddress.Parse("100.64.0.1"), allowLoopback: true));
        Assert.False(WebhookAddress.IsAllowed(IPAddress.Parse("fe80::1"), allowLoopback: true));
        Assert.True(WebhookAddress.IsAllowed(IPAddress.Parse("93.184.216.34"), allowLoopback: false));
        Assert.True(WebhookAddress.IsAllowed(IPAddress.Parse("2606:4700::1111"), allowLoopback: false));
    }

    [SkippableFact]
    public async Task Should_announce_an_import_by_one_event_per_stored_batch_with_its_count_and_name_no_one()
    {
        var (letter, coordinator, organisation) = await OpenLetterAsync(App);
        await App.SendAsAsync(coordinator, new OrganisationApi.AddWebhook { OrganisationId = organisation.Id, Url = "https://crm.example.org/hook" });
        var rows = new System.Text.StringBuilder("kind,organisation,name,role,country,email,visibility,signed_at\n");
        var batch = await App.ExecuteDbContextAsync(db => Task.FromResult(SignOnLetters.Web.Pages.Signatures.Importing.ImportTuning.CommandLine.BatchSizeOn(db.Database)));
        var count = batch + 100;
        for (var i = 0; i < count; i++)
            rows.Append($"individual,,Imported Person {i},,FR,imported{i}@example.org,NameAndOrganisation,\n");
        var path = Path.Combine(Directory.CreateTempSubdirectory("sol-hook-").FullName, "rows.csv");
        await File.WriteAllTextAsync(path, rows.ToString());
        var verb = SignOnLetters.Web.Pages.Signatures.Importing.ImportSignaturesVerb.Verb;
        Assert.Equal(0, await SignOnLetters.Web.Pages.Signatures.Importing.ImportSignaturesVerb.RunAsync(App.Factory.Services, [verb, Slug, path], new StringWriter(), new StringWriter()));
        // Re-importing the same file stores nothing, so announces nothing.
        Assert.Equal(0, await SignOnLetters.Web.Pages.Signatures.Importing.ImportSignaturesVerb.RunAsync(App.Factory.Services, [verb, Slug, path], new StringWriter(), new StringWriter()));
        File.Delete(path);
        // Imported signatures saved through SaveChanges (SQL Server's path, or a batch that met a claim) are summed the same way.
        var terms = await TermsAsync(App, letter);
        await App.ExecuteDbContextAsync(async db =>
        {
            foreach (var name in new[] { "Paper One", "Paper Two", "Paper Three" })
                db.Signatures.Add(terms.SignImported(Individual(name, $"{name.Replace(' ', '.')}@example.net").Details, coordinator.Id, "paper.csv", null,
                    App.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        });

        var payloads = await App.ExecuteDbContextAsync(db => db.OutboxMessages.Where(m => m.WebhookId != null).OrderBy(m => m.Id)
            .Select(m => new { m.Subject, m.Payload }).ToListAsync());
        Assert.All(payloads, p => Assert.Equal("signatures.imported", p.Subject));
        var imported = payloads.Select(p => JsonDocument.Parse(p.Payload!).RootElement).ToList();
        Assert.Equal([batch, 100, 3],
            imported.Select(p => p.GetProperty("signonletters:imported").GetProperty("count").GetInt32()));
        // The batches' sequences follow each other: a receiver reads those signatures from the API.
        Assert.Equal([1, batch, batch + 1, batch + 100, batch + 101, batch + 103], imported.SelectMany(p => new[]
        {
            p.GetProperty("signonletters:imported").GetProperty("first_sequence").GetInt32(),
            p.GetProperty("signonletters:imported").GetProperty("last_sequence").GetInt32(),
        }));
        Assert.All(imported, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("signature").ValueKind));
        Assert.All(payloads, p => Assert.DoesNotContain("@example", p.Payload));
        Assert.All(payloads, p => Assert.DoesNotContain("Person", p.Payload));
    }

    private OutboxSender Sender => App.Factory.Services.GetRequiredService<OutboxSender>();

    private Task<OutboxMessage> DeliveryAsync() =>
        App.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.WebhookId != null));
}

[Collection(SqliteCollection.Name)]
public sealed class WebhookTestsOnSqlite(SqliteSlice app) : WebhookTests(app);

[Collection(PostgresCollection.Name)]
public sealed class WebhookTestsOnPostgres(PostgresSlice app) : WebhookTests(app);
