namespace SignOnLetters.Web.Pages.Signing;

/// <summary>
/// "One signature per organisation and per mailbox on each letter". A signature takes these claims
/// when its mailbox is proved (<see cref="Signature.ClaimedAt"/>): at confirmation, or at once for a
/// signed-in representative or a paper signature. Until then it claims nothing, so submitting a name
/// or an address neither blocks anybody nor meets anything that would tell the submitter it signed
/// before. The filtered unique indexes back the claims when two confirmations race.
/// </summary>
public static class SignatureClaims
{
    /// <summary>
    /// The signature that holds this one's address or organisation (the address first: the same
    /// mailbox signing twice is a duplicate, whatever organisation it named). An organisation
    /// signing under one of the letter's <see cref="OrganisationAlias"/>es claims the organisation's
    /// own name first.
    /// </summary>
    public static async Task<Signature?> FindHolderAsync(AppDbContext db, Signature signature, CancellationToken cancellationToken)
    {
        await ApplyAliasAsync(db, signature, cancellationToken);
        // Two lookups, not one with OR: each is a seek in its unique partial index, where the OR form
        // made SQLite scan every active signature of the letter (a cost that grew with each signature).
        if (signature.EmailKey is { } emailKey
            && await Holding(db, signature).FirstOrDefaultAsync(s => s.EmailKey == emailKey, cancellationToken) is { } byEmail)
            return byEmail;
        if (signature.OrganisationKey is { } organisationKey)
            return await Holding(db, signature).FirstOrDefaultAsync(s => s.OrganisationKey == organisationKey, cancellationToken);
        return null;
    }

    /// <summary>
    /// An organisation signing under one of the letter's aliases claims the organisation's own name.
    /// Applying it twice does nothing more: the claimed name is no alias.
    /// </summary>
    public static async Task ApplyAliasAsync(AppDbContext db, Signature signature, CancellationToken cancellationToken)
    {
        if (signature is { Kind: SignerKind.Organisation, OrganisationKey: { } key }
            && await db.OrganisationAliases.AsNoTracking().FirstOrDefaultAsync(a => a.LetterId == signature.LetterId && a.AliasKey == key, cancellationToken) is { } alias)
            signature.ClaimAliasedOrganisation(alias);
    }

    /// <summary>
    /// Saves a signature that takes its claims; false when a unique index refused it because another
    /// signature took the same claim a moment earlier (the race loser). The context is then cleared,
    /// so the caller can read the winner and decide again.
    /// </summary>
    public static async Task<bool> TrySaveAsync(AppDbContext db, Signature signature, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (signature.HoldsClaims)
        {
            db.ChangeTracker.Clear();
            if (!await IsClaimedByAnotherAsync(db, signature, cancellationToken))
                throw;
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="verified"/>, a verified organisation signature, takes the claim of
    /// <paramref name="holder"/>: an unverified signature of the same organisation ("a verified
    /// signature replaces an unverified claim", issue 18 row 3). The e-mail claim is never replaced.
    /// </summary>
    public static bool Replaces(Signature verified, OrganisationVerification verification, Signature holder) =>
        holder.OrganisationKey == verified.OrganisationKey && holder.EmailKey != verified.EmailKey
        && !holder.IsVerified && OrganisationSignatureVerification.IsVerified(verified.Kind, verification);

    /// <summary>
    /// Saves a verified signature that takes the organisation's claim from the unverified
    /// <paramref name="holder"/>, in one transaction: the holder gives its claim up first (so the unique
    /// index never sees two), then <paramref name="takeClaim"/> confirms or adds the verified one, then
    /// the holder points at it. False, with the context cleared, when a unique index refused (another
    /// signature took a claim meanwhile): the caller reads again.
    /// </summary>
    public static async Task<bool> TrySaveReplacingAsync(AppDbContext db, Signature holder, Signature verified, Action takeClaim, DateTime now,
        CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                holder.GiveWayToVerified(now);
                await db.SaveChangesAsync(cancellationToken);
                takeClaim();
                await db.SaveChangesAsync(cancellationToken);
                holder.PointAtReplacement(verified, now);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
            return true;
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static async Task<bool> IsClaimedByAnotherAsync(AppDbContext db, Signature signature, CancellationToken cancellationToken) =>
        (signature.EmailKey is { } emailKey && await Holding(db, signature).AnyAsync(s => s.EmailKey == emailKey, cancellationToken))
        || (signature.OrganisationKey is { } organisationKey && await Holding(db, signature).AnyAsync(s => s.OrganisationKey == organisationKey, cancellationToken));

    /// <summary>
    /// The letter's other signatures that hold claims. The conditions repeat the unique indexes'
    /// filter, so each lookup by one key is a seek in its partial index.
    /// </summary>
    private static IQueryable<Signature> Holding(AppDbContext db, Signature signature) =>
        db.Signatures.ActiveOf(signature.LetterId).Where(s => s.ClaimedAt != null && s.Id != signature.Id);
}
