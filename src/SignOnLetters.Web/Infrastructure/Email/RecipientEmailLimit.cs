using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SignOnLetters.Web.Infrastructure.Email;

/// <summary>Configuration section <c>Email:RecipientLimit</c>.</summary>
public sealed class RecipientLimitOptions
{
    public const string Section = "Email:RecipientLimit";

    /// <summary>On unless configuration says otherwise (load tests, which sign from one mailbox).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// E-mails to one mailbox in any 24 hours. Five: a person signs a few letters in a day, asks for a
    /// link again once, resets a password; thirty posts of a stranger's address are not that.
    /// </summary>
    public int PermitPerDay { get; set; } = 5;
}

/// <summary>
/// A stranger can type anyone's address into the sign form of every open letter, into "resend the
/// confirmation", "forgot password" and "register", and each would send that mailbox an e-mail: one
/// budget per mailbox (its canonical form, so case, dots and plus-tags count as one), across letters
/// and pages, caps that at <see cref="RecipientLimitOptions.PermitPerDay"/>. Over the budget the
/// e-mail is simply not sent; the answer to whoever asked is unchanged, so the limit reveals nothing.
/// Everything the app sends outside the outbox counts: all of it leaves through one background queue
/// (<see cref="ConfirmationMailer"/>, the <see cref="EmailKind.SingleUseLink"/> queue), and the
/// budget is taken as each message leaves (the outbox carries deliveries to addressees and updates to
/// signers who asked for them, which a stranger cannot trigger). In memory, per app instance, like
/// the other limits (docs/decisions/0004-signature-claims.md).
/// </summary>
public sealed class RecipientEmailLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public RecipientEmailLimit(IOptions<RecipientLimitOptions> options)
    {
        if (!options.Value.Enabled)
            return;
        var permits = Math.Max(1, options.Value.PermitPerDay);
        _limiter = PartitionedRateLimiter.Create<string, string>(mailbox => RateLimitPartition.GetSlidingWindowLimiter(mailbox, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromDays(1),
            SegmentsPerWindow = 24,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>True when one more e-mail may go to <paramref name="address"/> now (and counts it).</summary>
    public bool TryTake(string address)
    {
        if (_limiter is null)
            return true;
        using var lease = _limiter.AttemptAcquire(EmailCanonicalizer.Canonicalize(address));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter?.Dispose();
}

public static class RecipientEmailLimitSetup
{
    /// <summary>
    /// Puts the limit in front of every e-mail that does not go through the outbox: they all leave
    /// through the transport of the in-memory queue (<see cref="ConfirmationMailer"/>, the
    /// <see cref="EmailKind.SingleUseLink"/> implementation of <see cref="IEmailQueue"/>), so that transport is wrapped, once. Called after the mailer is registered.
    /// </summary>
    public static IServiceCollection AddRecipientEmailLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RecipientLimitOptions>(configuration.GetSection(RecipientLimitOptions.Section));
        services.AddSingleton<RecipientEmailLimit>();
        services.Replace(ServiceDescriptor.Singleton(sp => ActivatorUtilities.CreateInstance<ConfirmationMailer>(sp,
            new LimitedTransport(sp.GetRequiredService<IMailTransport>(), sp.GetRequiredService<RecipientEmailLimit>(), sp.GetRequiredService<ILogger<RecipientEmailLimit>>()))));
        return services;
    }

    private static void LogSkipped(ILogger logger) =>
        // Neither the address nor the subject: the subject names a letter, and together they say who signed what.
        logger.LogInformation("An e-mail was not sent: its recipient had reached the daily limit");

    /// <summary>A skipped message counts as handled, so the confirmation mailer does not try it again.</summary>
    private sealed class LimitedTransport(IMailTransport inner, RecipientEmailLimit limit, ILogger logger) : IMailTransport
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
            Allowed(message) ? inner.SendAsync(message, cancellationToken) : Task.CompletedTask;

        public async Task<IMailSession> OpenSessionAsync(CancellationToken cancellationToken) =>
            new LimitedSession(await inner.OpenSessionAsync(cancellationToken), this);

        internal bool Allowed(EmailMessage message)
        {
            if (limit.TryTake(message.To))
                return true;
            LogSkipped(logger);
            return false;
        }

        private sealed class LimitedSession(IMailSession inner, LimitedTransport transport) : IMailSession
        {
            public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
                transport.Allowed(message) ? inner.SendAsync(message, cancellationToken) : Task.CompletedTask;

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
