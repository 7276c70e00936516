using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure.Email;
using SignOnLetters.Web.Infrastructure.Outbox;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Delivery;

/// <summary>The durable outbox: each recipient of a mailing gets its message once, across crashes, races and failures.</summary>
public abstract class OutboxTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_send_each_recipient_exactly_once_when_a_sender_is_killed_mid_batch_and_a_restarted_one_finishes()
    {
        var recipients = await QueueMailingAsync(25);
        var killed = new KillingTransport(RealTransport, sendsBeforeDeath: 7);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NewSender(killed).SendDueAsync(killed.Token));
        Assert.Equal(7, App.Emails.All().Count);
        // The message being sent when the sender died stays claimed until its lease lapses.
        Assert.Equal(1, await CountAsync(OutboxState.Sending));

        var restarted = NewSender(RealTransport);
        Assert.Equal(17, await restarted.SendDueAsync(CancellationToken.None));
        App.Clock.Advance(TimeSpan.FromSeconds(new OutboxOptions().LeaseSeconds + 1));
        Assert.Equal(1, await restarted.SendDueAsync(CancellationToken.None));

        AssertEachReceivedOnce(recipients);
        Assert.Equal(25, await CountAsync(OutboxState.Sent));
    }

    [SkippableFact]
    public async Task Should_send_each_recipient_exactly_once_when_two_senders_run_at_the_same_time()
    {
        var recipients = await QueueMailingAsync(40);

        var counts = await Task.WhenAll(
            Task.Run(() => NewSender(RealTransport).SendDueAsync(CancellationToken.None)),
            Task.Run(() => NewSender(RealTransport).SendDueAsync(CancellationToken.None)));

        Assert.Equal(40, counts.Sum());
        AssertEachReceivedOnce(recipients);
        Assert.Equal(40, await CountAsync(OutboxState.Sent));
    }

    [SkippableFact]
    public async Task Should_retry_with_growing_delays_then_mark_failed_with_the_error_while_the_others_are_sent()
    {
        var recipients = await QueueMailingAsync(3);
        var bouncing = new BouncingTransport(RealTransport, recipients[1]);
        var sender = NewSender(bouncing);
        var options = new OutboxOptions();

        Assert.Equal(2, await sender.SendDueAsync(CancellationToken.None));
        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt < options.MaxAttempts; attempt++)
        {
            var row = await MessageToAsync(recipients[1]);
            Assert.Equal(OutboxState.Pending, row.State);
            Assert.Equal(attempt, row.Attempts);
            delays.Add(row.NextAttemptAt - App.Clock.GetUtcNow().UtcDateTime);
            Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None)); // not due yet: nothing tried
            Assert.Equal(attempt, bouncing.Attempts);
            App.Clock.Advance(delays[^1]);
            await sender.SendDueAsync(CancellationToken.None);
        }

        Assert.Equal([60, 120, 240, 480, 960], delays.Select(d => (int)d.TotalSeconds));
        var failed = await MessageToAsync(recipients[1]);
        Assert.Equal(OutboxState.Failed, failed.State);
        Assert.Equal(options.MaxAttempts, failed.Attempts);
        Assert.Contains("550 mailbox unavailable", failed.LastError);
        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        Assert.Equal(options.MaxAttempts, bouncing.Attempts);
        Assert.Equal(2, App.Emails.All().Count);
    }

    [SkippableFact]
    public async Task Should_refuse_the_same_recipient_twice_in_one_mailing_even_past_the_domain_check()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Closed);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var mailing = Mailing.Create(letter.Id, MailingKind.Delivery, "Subject", "", false, coordinator.Id, now);
        mailing.Add(new OutgoingMail("Minister@example.org", null, "S", "<p>x</p>"), now);
        Assert.Throws<SignOnLetters.Domain.DomainRuleException>(() => mailing.Add(new OutgoingMail("minister@EXAMPLE.org", null, "S", "<p>x</p>"), now));
        await App.InsertAsync(mailing);

        // A second row for the same address in the same mailing (as a racing duplicate would make): the unique index refuses it.
        await Assert.ThrowsAsync<DbUpdateException>(() => App.ExecuteDbContextAsync(async db =>
        {
            var duplicate = OutboxMessage.Create(new OutgoingMail("minister@example.org", null, "S", "<p>x</p>"), now);
            db.Entry(duplicate).Property(m => m.MailingId).CurrentValue = mailing.Id;
            db.OutboxMessages.Add(duplicate);
            await db.SaveChangesAsync();
        }));
    }

    private IMailTransport RealTransport => App.Factory.Services.GetRequiredService<IMailTransport>();

    private OutboxSender NewSender(IMailTransport transport) =>
        ActivatorUtilities.CreateInstance<OutboxSender>(App.Factory.Services, transport);

    private async Task<List<string>> QueueMailingAsync(int count)
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Closed);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var mailing = Mailing.Create(letter.Id, MailingKind.Delivery, "The signed letter", "Dear all", false, coordinator.Id, now);
        var recipients = Enumerable.Range(1, count).Select(i => $"recipient-{i:D3}@example.org").ToList();
        foreach (var recipient in recipients)
            mailing.Add(new OutgoingMail(recipient, null, "The signed letter", $"<p>Dear {recipient}</p>"), now);
        await App.InsertAsync(mailing);
        return recipients;
    }

    private void AssertEachReceivedOnce(IReadOnlyList<string> recipients)
    {
        var received = App.Emails.All().Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(recipients.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    private Task<int> CountAsync(OutboxState state) =>
        App.ExecuteDbContextAsync(db => db.OutboxMessages.CountAsync(m => m.State == state));

    private Task<OutboxMessage> MessageToAsync(string recipient) =>
        App.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Recipient == recipient));

    /// <summary>Sends through the real transport, then "kills the process" (cancels) instead of the next send.</summary>
    private sealed class KillingTransport(IMailTransport inner, int sendsBeforeDeath) : IMailTransport
    {
        private readonly CancellationTokenSource _death = new();
        private int _sent;

        public CancellationToken Token => _death.Token;

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            if (_sent == sendsBeforeDeath)
            {
                await _death.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }
            await inner.SendAsync(message, cancellationToken);
            _sent++;
        }
    }

    /// <summary>Refuses one address like an SMTP server whose mailbox is gone; sends the rest.</summary>
    private sealed class BouncingTransport(IMailTransport inner, string bouncing) : IMailTransport
    {
        public int Attempts { get; private set; }

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            if (message.To != bouncing)
                return inner.SendAsync(message, cancellationToken);
            Attempts++;
            throw new InvalidOperationException("550 mailbox unavailable");
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OutboxTestsOnSqlite(SqliteSlice app) : OutboxTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OutboxTestsOnPostgres(PostgresSlice app) : OutboxTests(app);
