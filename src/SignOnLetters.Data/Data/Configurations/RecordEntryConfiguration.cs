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
}
