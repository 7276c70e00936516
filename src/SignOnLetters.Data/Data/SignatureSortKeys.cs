using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Data;

/// <summary>
/// The coordinators' table sorted by name (issue 20): by the name a row shows first, the
/// organisation's for an organisation and the person's for an individual, then the person's name.
/// That key is an expression of two columns, which no index holds, so sorting by it read and sorted
/// all the letter's rows for any page. It is a generated column here (a shadow property: the
/// signature itself never sets it), indexed with the letter, so a page sorted by name walks that
/// index as a page by date does. SQLite keeps the column virtual (computed when read, indexable, and
/// addable to an existing table without rebuilding it, which would drop the search index's
/// triggers); PostgreSQL and SQL Server store it.
/// </summary>
public static class SignatureSortKeys
{
    /// <summary>The shadow property and column: the organisation's name for an organisation, the person's otherwise.</summary>
    public const string Name = "NameOrder";

    internal static void Model(ModelBuilder model, bool stored)
    {
        var signatures = model.Entity<Signature>();
        signatures.Property<string>(Name)
            .HasMaxLength(Math.Max(Organisation.NameMaxLength, Signature.NameMaxLength))
            // Organisation is 0 (SignerKind); double-quoted identifiers read the same on all three providers.
            .HasComputedColumnSql(
                $"CASE WHEN \"{nameof(Signature.Kind)}\" = {(int)SignerKind.Organisation} THEN \"{nameof(Signature.OrganisationName)}\" ELSE \"{nameof(Signature.SignerName)}\" END",
                stored);
        signatures.HasIndex(nameof(Signature.LetterId), Name, nameof(Signature.SignerName), nameof(Signature.Id))
            .HasDatabaseName("IX_Signatures_LetterId_NameOrder_SignerName_Id");
    }
}
