namespace SignOnLetters.Web.Infrastructure.Database;

/// <summary>
/// Recomputes the stored name keys when <see cref="NameNormalizer"/> changes (issue 18: keys became
/// confusable skeletons), so a name typed today meets the rows stored before. Runs once, right after
/// the marker migration <c>ConfusableNameKeys</c> is applied; a key that would collide with one
/// already taken (two look-alike organisations registered before) keeps its old value and is logged
/// for the administrator, since merging them is a person's decision.
/// Since the migrations were squashed (issue 19) no database predates those keys, so start-up no
/// longer calls it; the next change of <see cref="NameNormalizer"/> calls it after a marker
/// migration of its own, as issue 18 did with <see cref="MarkerMigration"/>.
/// </summary>
public static class NameKeyUpgrade
{
    public const string MarkerMigration = "ConfusableNameKeys";

    public static async Task RunAsync(AppDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var kept = 0;
        foreach (var organisation in await db.Organisations.ToListAsync(cancellationToken))
            kept += await TrySetAsync(db, organisation, o => o.NormalizedName, NameNormalizer.Normalize(organisation.Name), cancellationToken);
        // Per name: a busy letter has thousands of signatures and a few hundred names.
        foreach (var name in await db.Signatures.Where(s => s.OrganisationKey != null).Select(s => s.OrganisationName!).Distinct().ToListAsync(cancellationToken))
        {
            var key = NameNormalizer.Normalize(name);
            foreach (var signature in await db.Signatures.Where(s => s.OrganisationName == name && s.OrganisationKey != null && s.OrganisationKey != key).ToListAsync(cancellationToken))
                kept += await TrySetAsync(db, signature, s => s.OrganisationKey!, key, cancellationToken);
        }
        foreach (var alias in await db.OrganisationAliases.ToListAsync(cancellationToken))
        {
            kept += await TrySetAsync(db, alias, a => a.AliasKey, NameNormalizer.Normalize(alias.Alias), cancellationToken);
            kept += await TrySetAsync(db, alias, a => a.OrganisationKey, NameNormalizer.Normalize(alias.OrganisationName), cancellationToken);
        }
        foreach (var invitation in await db.PartnerInvitations.ToListAsync(cancellationToken))
            kept += await TrySetAsync(db, invitation, i => i.OrganisationKey, NameNormalizer.Normalize(invitation.OrganisationName), cancellationToken);
        db.ChangeTracker.Clear();
        if (kept > 0)
            logger.LogWarning("{Count} stored names look like another stored name and kept their old duplicate key; look for look-alike organisations", kept);
    }

    /// <summary>Saves one new key; 1 when a unique index refused it (the row keeps its old key), else 0.</summary>
    private static async Task<int> TrySetAsync<TEntity>(AppDbContext db, TEntity entity, System.Linq.Expressions.Expression<Func<TEntity, string>> key,
        string value, CancellationToken cancellationToken) where TEntity : class
    {
        var property = db.Entry(entity).Property(key);
        if (property.CurrentValue == value)
            return 0;
        property.CurrentValue = value;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return 0;
        }
        catch (DbUpdateException)
        {
            property.CurrentValue = property.OriginalValue;
            property.IsModified = false;
            return 1;
        }
    }
}
