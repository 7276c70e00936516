using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Data;

/// <summary>
/// The coordinators' table sorted by name (issue 20): by the name a row shows first, the
/// organisation's for an organisation and the person's for an individual, then in signing order
/// (the id). That key is an expression of two columns, which no index holds, so sorting by it read and sorted
/// all the letter's rows for any page. It is a generated column here (a shadow property: the
/// signature itself never sets it), indexed with the letter, so a page sorted by name walks that
/// index as a page by date does. The index holds the key and the id only: a page typed by number
/// skips index entries (counted from the nearer end), and the person's name as a second key made
/// each entry half as wide again, for an individual a copy of the key itself (page 10,000 of a
/// million: 49 ms of SQLite CPU to skip with it, 29 ms without; by date 33 ms). Ties are rare: an
/// organisation signs a letter once (one active claim), and people of the same name are then in
/// the order they signed. SQLite keeps the column virtual (computed when read, indexable, and
/// addable to an existing table without rebuilding it, which would drop the search index's
/// triggers); PostgreSQL and SQL Server store it.
/// </summary>
public static class SignatureSortKeys
{
    /// <summary>The shadow property and column: the organisation's name for an organisation, the person's otherwise.</summary>
    public const string Name = "NameOrder";

    /// <summary>The index the name order is read through: (LetterId, NameOrder, Id).</summary>
    public const string IndexName = "IX_Signatures_LetterId_NameOrder_Id";

    internal static void Model(ModelBuilder model, bool stored)
    {
        var signatures = model.Entity<Signature>();
        signatures.Property<string>(Name)
            .HasMaxLength(Math.Max(Organisation.NameMaxLength, Signature.NameMaxLength))
            // Organisation is 0 (SignerKind); double-quoted identifiers read the same on all three providers.
            .HasComputedColumnSql(
                $"CASE WHEN \"{nameof(Signature.Kind)}\" = {(int)SignerKind.Organisation} THEN \"{nameof(Signature.OrganisationName)}\" ELSE \"{nameof(Signature.SignerName)}\" END",
                stored);
        signatures.HasIndex(nameof(Signature.LetterId), Name, nameof(Signature.Id))
            .HasDatabaseName(IndexName);
    }
}
