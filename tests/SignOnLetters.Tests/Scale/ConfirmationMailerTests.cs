using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Signatures;
using SignOnLetters.Web.Infrastructure.Email;
using SignOnLetters.Web.Pages.Signing;
using SignOnLetters.Web.Pages.Signatures;

namespace SignOnLetters.Tests.Scale;

/// <summary>
/// Confirmation e-mails leave after the answer (docs/decisions/0008-signing-at-scale.md): the
/// signature carries a mark until its e-mail was handed to the transport; failed sends are retried;
/// an e-mail that never left (the app stopped, the server refused it) is sent again with a new link.
/// </summary>
public abstract class ConfirmationMailerTests(SliceFixture app) : SliceTest(app)
{
    private const string Address = "rui@example.org";

    [SkippableFact]
    public async Task Should_clear_the_mark_once_the_email_is_sent()
    {
        await SigningScenario.OpenLetterAsync(App);
        await App.SendAsync(SigningScenario.Individual());

        var message = Assert.Single(App.Emails.To(Address));
        Assert.Contains("/signatures/confirm/", message.HtmlBody);
        Assert.Null((await SignatureAsync()).ConfirmationMailDueAt);
    }

    [SkippableFact]
    public async Task Should_retry_a_failed_send_and_clear_the_mark_only_after_it()
    {
        await SigningScenario.OpenLetterAsync(App);
        await App.SendAsync(SigningScenario.Individual());
        var id = await OweTheEmailAgainAsync(App.Clock.GetUtcNow().UtcDateTime);
        var transport = new FailingTransport(RealTransport, failures: 2);
        await using var mailer = await StartMailerAsync(transport);

        mailer.Enqueue(id, new EmailMessage(Address, "Please confirm your signature", "<p>again</p>"));
        await mailer.WaitUntilIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, transport.Attempts);
        Assert.Equal(2, App.Emails.To(Address).Count);
        Assert.Null((await SignatureAsync()).ConfirmationMailDueAt);
    }

    [SkippableFact]
    public async Task Should_keep_the_mark_when_every_attempt_fails()
    {
        await SigningScenario.OpenLetterAsync(App);
        await App.SendAsync(SigningScenario.Individual());
        var owedSince = App.Clock.GetUtcNow().UtcDateTime;
        var id = await OweTheEmailAgainAsync(owedSince);
        var transport = new FailingTransport(RealTransport, failures: int.MaxValue);
        await using var mailer = await StartMailerAsync(transport);

        mailer.Enqueue(id, new EmailMessage(Address, "Please confirm your signature", "<p>again</p>"));
        await mailer.WaitUntilIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ConfirmationMailer.MaxAttempts, transport.Attempts);
        Assert.Single(App.Emails.To(Address));
        Assert.Equal(owedSince, (await SignatureAsync()).ConfirmationMailDueAt);
        Assert.False(mailer.IsQueued(id));
    }

    [SkippableFact]
    public async Task Should_mail_a_new_link_for_an_email_that_never_left_and_retire_the_lost_one()
    {
        await SigningScenario.OpenLetterAsync(App);
        await App.SendAsync(SigningScenario.Individual());
        // As if the app stopped after storing the signature and before its e-mail left: the
        // link below stands for the one that was only in the lost queue.
        var lostLink = SigningScenario.Token(SigningScenario.LinkPath(App, Address, "/signatures/confirm/"));
        await OweTheEmailAgainAsync(App.Clock.GetUtcNow().UtcDateTime);

        App.Clock.Advance(OwedConfirmationSweep.OwedFor - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await SweepAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(0, await SweepAsync());

        var messages = App.Emails.To(Address);
        Assert.Equal(2, messages.Count);
        var newLink = SigningScenario.Token(SigningScenario.LinkPath(App, Address, "/signatures/confirm/"));
        Assert.NotEqual(lostLink, newLink);
        await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Confirm.Command(lostLink)));
        await App.SendAsync(new Confirm.Command(newLink));
        var signature = await SignatureAsync();
        Assert.Equal(SignatureState.Approved, signature.State);
        Assert.Null(signature.ConfirmationMailDueAt);
        Assert.Equal(2, signature.ConfirmationEmailsSent);
        Assert.Contains(signature.Events, e => e.Described == "Confirmation e-mail sent again (the first was not sent)");
    }

    [SkippableFact]
    public async Task Should_send_one_new_link_when_two_instances_sweep_at_once()
    {
        await SigningScenario.OpenLetterAsync(App);
        await App.SendAsync(SigningScenario.Individual());
        await OweTheEmailAgainAsync(App.Clock.GetUtcNow().UtcDateTime);
        App.Clock.Advance(OwedConfirmationSweep.OwedFor + TimeSpan.FromMinutes(1));
        var other = ActivatorUtilities.CreateInstance<OwedConfirmationSweep>(App.Factory.Services);

        var queued = await Task.WhenAll(SweepAsync(), other.ResendOwedAsync(CancellationToken.None));

        Assert.Equal(1, queued.Sum());
        Assert.Equal(2, App.Emails.To(Address).Count);
    }

    [SkippableFact]
    public async Task Should_drop_a_mark_it_can_no_longer_honour_without_mailing()
    {
        await SigningScenario.OpenLetterAsync(App);
        await App.SendAsync(SigningScenario.Individual());
        await OweTheEmailAgainAsync(App.Clock.GetUtcNow().UtcDateTime);
        App.Clock.Advance(Signature.ConfirmationLifetime + TimeSpan.FromMinutes(1));

        Assert.Equal(0, await SweepAsync());

        Assert.Single(App.Emails.To(Address));
        Assert.Null((await SignatureAsync()).ConfirmationMailDueAt);
    }

    [SkippableFact]
    public async Task Should_not_mail_a_signer_who_withdrew_meanwhile()
    {
        await SigningScenario.OpenLetterAsync(App);
        await App.SendAsync(SigningScenario.Individual());
        var withdraw = SigningScenario.Token(SigningScenario.LinkPath(App, Address, "/signatures/withdraw/"));
        await OweTheEmailAgainAsync(App.Clock.GetUtcNow().UtcDateTime);
        await App.SendAsync(new Withdraw.Command(withdraw));
        App.Clock.Advance(OwedConfirmationSweep.OwedFor + TimeSpan.FromMinutes(1));

        Assert.Equal(0, await SweepAsync());

        Assert.Single(App.Emails.To(Address));
        Assert.Null((await SignatureAsync()).ConfirmationMailDueAt);
    }

    private IMailTransport RealTransport => App.Factory.Services.GetRequiredService<IMailTransport>();

    private Task<int> SweepAsync() =>
        App.Factory.Services.GetRequiredService<OwedConfirmationSweep>().ResendOwedAsync(CancellationToken.None);

    private Task<Signature> SignatureAsync() =>
        App.ExecuteDbContextAsync(db => db.Signatures.AsNoTracking().Include(s => s.Events).SingleAsync(s => s.Email == Address));

    /// <summary>Puts the mark back, as it stands between the answer and the e-mail leaving.</summary>
    private async Task<int> OweTheEmailAgainAsync(DateTime since)
    {
        // The app's own mailer first clears the mark of the e-mail it sent.
        await App.WaitForQueuedEmailsAsync();
        return await App.ExecuteDbContextAsync(async db =>
        {
            var signature = await db.Signatures.SingleAsync(s => s.Email == Address);
            await db.Signatures.Where(s => s.Id == signature.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationMailDueAt, since));
            return signature.Id;
        });
    }

    private async Task<StartedMailer> StartMailerAsync(IMailTransport transport)
    {
        var mailer = ActivatorUtilities.CreateInstance<ConfirmationMailer>(App.Factory.Services, transport);
        mailer.FirstRetryDelay = TimeSpan.FromMilliseconds(5);
        var started = new StartedMailer(mailer);
        await mailer.StartAsync(CancellationToken.None);
        return started;
    }

    private sealed class StartedMailer(ConfirmationMailer mailer) : IAsyncDisposable
    {
        public void Enqueue(int id, EmailMessage message) => mailer.Enqueue(id, message);

        public bool IsQueued(int id) => mailer.IsQueued(id);

        public Task WaitUntilIdleAsync(TimeSpan timeout) => mailer.WaitUntilIdleAsync(timeout);

        public async ValueTask DisposeAsync()
        {
            await mailer.StopAsync(CancellationToken.None);
            mailer.Dispose();
        }
    }

    /// <summary>Refuses the first <c>failures</c> sends like an unreachable server, then passes them on.</summary>
    private sealed class FailingTransport(IMailTransport inner, int failures) : IMailTransport
    {
        public int Attempts { get; private set; }

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            Attempts++;
            return Attempts <= failures
                ? Task.FromException(new IOException("Connection refused"))
                : inner.SendAsync(message, cancellationToken);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ConfirmationMailerTestsOnSqlite(SqliteSlice app) : ConfirmationMailerTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ConfirmationMailerTestsOnPostgres(PostgresSlice app) : ConfirmationMailerTests(app);
