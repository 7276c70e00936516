using Microsoft.EntityFrameworkCore;
using SignOnLetters.Data;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Web.Infrastructure.Signing;

/// <summary>
/// "One active signature per organisation and per mailbox on each letter", as every way of signing
/// checks it before saving; the filtered unique indexes back it up when two submissions race.
/// </summary>
public static class SignatureClaims
{
    /// <summary>
    /// The active signature that already holds this one's address or organisation, after letting
    /// unconfirmed ones whose link lapsed give their claims up. An organisation signing under one
    /// of the letter's <see cref="OrganisationAlias"/>es claims the organisation's own name first.
    /// </summary>
    public static async Task<Signature?> FindClaimantAsync(AppDbContext db, Signature signature, DateTime now, CancellationToken cancellationToken)
    {
        await ApplyAliasAsync(db, signature, cancellationToken);
        // Two lookups, not one with OR: each is a seek in its unique partial index, where the OR form
        // made SQLite scan every active signature of the letter (a cost that grew with each signature).
        var claimants = new List<Signature>(2);
        if (signature.EmailKey is { } emailKey)
            claimants.AddRange(await Active(db, signature.LetterId).Where(s => s.EmailKey == emailKey).ToListAsync(cancellationToken));
        if (signature.OrganisationKey is { } organisationKey)
            claimants.AddRange((await Active(db, signature.LetterId).Where(s => s.OrganisationKey == organisationKey).ToListAsync(cancellationToken))
                .Where(c => !claimants.Contains(c)));
        foreach (var lapsed in claimants.Where(c => c.IsConfirmationExpired(now)))
            lapsed.Expire(now);
        return claimants.FirstOrDefault(c => c.IsActive);
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
    /// Saves the new signature; false when a unique index refused it because an identical
    /// submission won the race a moment earlier.
    /// </summary>
    public static async Task<bool> TrySaveAsync(AppDbContext db, Signature signature, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            if (!await IsClaimedAsync(db, signature, cancellationToken))
                throw;
            db.Entry(signature).State = EntityState.Detached;
            foreach (var entry in signature.Events)
                db.Entry(entry).State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>Whether another active signature holds this one's e-mail address or organisation.</summary>
    public static async Task<bool> IsClaimedAsync(AppDbContext db, Signature signature, CancellationToken cancellationToken) =>
        (signature.EmailKey is { } emailKey
         && await Active(db, signature.LetterId).AnyAsync(s => s.EmailKey == emailKey, cancellationToken))
        || (signature.OrganisationKey is { } organisationKey
            && await Active(db, signature.LetterId).AnyAsync(s => s.OrganisationKey == organisationKey, cancellationToken));

    /// <summary>A letter's signatures that hold claims; each lookup by one key is a seek in its unique partial index.</summary>
    private static IQueryable<Signature> Active(AppDbContext db, int letterId) =>
        db.Signatures.Where(s => s.LetterId == letterId && (int)s.State < Signature.ActiveStateLimit);
}
