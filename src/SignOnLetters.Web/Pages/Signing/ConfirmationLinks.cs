namespace SignOnLetters.Web.Pages.Signing;

/// <summary>Configuration section <c>Signing</c>: settings of signing itself (its rate limit has a section of its own).</summary>
public sealed class SigningOptions
{
    public const string Section = "Signing";

    /// <summary>
    /// Days a confirmation link works. An unconfirmed signature claims nothing meanwhile, and lapses
    /// after this (<see cref="LapsedSignatureExpiry"/>): long enough for a signer who reads mail
    /// weekly, short enough that stale submissions do not linger in the coordinators' table.
    /// </summary>
    public int ConfirmationLinkDays { get; set; } = 7;

    public TimeSpan ConfirmationLifetime => TimeSpan.FromDays(ConfirmationLinkDays);
}

/// <summary>The links of one confirmation e-mail: the tokens go into the e-mail, only their hashes into the database.</summary>
public sealed record IssuedLinks(string ConfirmToken, string WithdrawToken, ConfirmationTokens Hashes);

/// <summary>Issues the confirm and withdraw links of confirmation e-mails, with the configured lifetime.</summary>
public sealed class ConfirmationLinks(IOptions<SigningOptions> options)
{
    public TimeSpan Lifetime => options.Value.ConfirmationLifetime;

    public IssuedLinks Issue()
    {
        var (confirmToken, confirmHash) = SecureToken.Create();
        var (withdrawToken, withdrawHash) = SecureToken.Create();
        return new IssuedLinks(confirmToken, withdrawToken, new ConfirmationTokens(confirmHash, withdrawHash) { Lifetime = Lifetime });
    }
}
