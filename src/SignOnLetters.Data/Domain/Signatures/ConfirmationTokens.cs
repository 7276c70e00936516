namespace SignOnLetters.Domain.Signatures;

/// <summary>Hashes of the links sent in a confirmation e-mail (the tokens themselves are never stored).</summary>
public sealed record ConfirmationTokens(string ConfirmationHash, string WithdrawHash)
{
    /// <summary>How long the confirmation link works (the app's <c>Signing:ConfirmationLinkDays</c>).</summary>
    public TimeSpan Lifetime { get; init; } = Signature.ConfirmationLifetime;
}
