using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Web.Infrastructure.Signing;

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

    private static async Task<bool> IsClaimedByAnotherAsync(AppDbContext db, Signature signature, CancellationToken cancellationToken) =>
        (signature.EmailKey is { } emailKey && await Holding(db, signature).AnyAsync(s => s.EmailKey == emailKey, cancellationToken))
        || (signature.OrganisationKey is { } organisationKey && await Holding(db, signature).AnyAsync(s => s.OrganisationKey == organisationKey, cancellationToken));

    /// <summary>
    /// The letter's other signatures that hold claims. The conditions repeat the unique indexes'
    /// filter, so each lookup by one key is a seek in its partial index.
    /// </summary>
    private static IQueryable<Signature> Holding(AppDbContext db, Signature signature) =>
        db.Signatures.Where(s => s.LetterId == signature.LetterId && (int)s.State < Signature.ActiveStateLimit && s.ClaimedAt != null
                                 && s.Id != signature.Id);
}
