using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignOnLetters.Domain.Record;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Data.Configurations;

public sealed class RecordEntryConfiguration : IEntityTypeConfiguration<RecordEntry>
{
    public void Configure(EntityTypeBuilder<RecordEntry> builder)
    {
        builder.ToTable("RecordEntries");
        // Restrict from the letter (its signatures are Restrict too); the entries go with their signature.
        builder.HasOne(e => e.Letter).WithMany().HasForeignKey(e => e.LetterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Signature).WithMany().HasForeignKey(e => e.SignatureId).OnDelete(DeleteBehavior.Cascade);
        // One entry per place in a letter's chain: a second writer after the same head is refused.
        builder.HasIndex(e => new { e.LetterId, e.Sequence }).IsUnique();
        builder.HasIndex(e => e.SignatureId);
        builder.Property(e => e.At).HasMaxLength(RecordEntry.DayLength).IsUnicode(false);
        builder.Property(e => e.Subject).HasMaxLength(RecordEntry.HashLength).IsUnicode(false);
        builder.Property(e => e.Leaf).HasMaxLength(RecordEntry.HashLength).IsUnicode(false);
        builder.Property(e => e.Head).HasMaxLength(RecordEntry.HashLength).IsUnicode(false);
        builder.Property(e => e.Salt).HasMaxLength(RecordEntry.SaltLength).IsUnicode(false);
        builder.Property(e => e.ShownName).HasMaxLength(Signature.NameMaxLength);
        builder.Property(e => e.ShownRole).HasMaxLength(Signature.RoleMaxLength);
        builder.Property(e => e.ShownOrganisation).HasMaxLength(Domain.Organisation.NameMaxLength);
        builder.Property(e => e.ShownCountry).HasMaxLength(2).IsUnicode(false);
    }

    public const string OwedReceiptsIndex = "IX_RecordEntries_ReceiptOwed";

    /// <summary>
    /// The entries whose receipt is still to be e-mailed, which <c>RecordReceipts</c> asks for every
    /// minute (<c>WHERE ReceiptOwed ORDER BY Id</c>): a partial index of those few. Without it each
    /// pass read every entry of every letter, 447 ms of SQLite CPU at 1,000,000 signatures even with
    /// none owed, once a minute inside the app. The filter names a boolean column, which PostgreSQL
    /// and SQLite take as it is and SQL Server (bit) only compared with 1.
    /// </summary>
    internal static void OwedReceipts(ModelBuilder model, bool sqlServer) =>
        model.Entity<RecordEntry>().HasIndex(e => e.Id).HasDatabaseName(OwedReceiptsIndex)
            .HasFilter(sqlServer ? $"[{nameof(RecordEntry.ReceiptOwed)}] = 1" : $"\"{nameof(RecordEntry.ReceiptOwed)}\"");
}
