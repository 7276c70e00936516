using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignOnLetters.Domain;

namespace SignOnLetters.Data.Configurations;

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength).IsRequired();
        builder.Property(o => o.NormalizedName).HasMaxLength(Domain.NameNormalizer.KeyMaxLength).IsRequired();
        // Backs the "one organisation per name" rule against two people creating it at once.
        builder.HasIndex(o => o.NormalizedName).IsUnique();
        builder.Property(o => o.CountryCode).HasMaxLength(2).IsFixedLength().IsRequired();
        builder.Property(o => o.Website).HasMaxLength(Organisation.WebsiteMaxLength);
        builder.OwnsOne(o => o.Logo, logo =>
        {
            logo.Property(l => l.Png).HasColumnName("LogoPng");
            logo.Property(l => l.Width).HasColumnName("LogoWidth");
            logo.Property(l => l.Height).HasColumnName("LogoHeight");
        });
        builder.Navigation(o => o.Logo).IsRequired(false);
        builder.HasMany(o => o.Memberships).WithOne(m => m.Organisation).HasForeignKey(m => m.OrganisationId);
        builder.HasMany(o => o.Invitations).WithOne(i => i.Organisation).HasForeignKey(i => i.OrganisationId);
    }
}

public sealed class OrganisationMembershipConfiguration : IEntityTypeConfiguration<OrganisationMembership>
{
    public void Configure(EntityTypeBuilder<OrganisationMembership> builder)
    {
        builder.HasKey(m => new { m.OrganisationId, m.UserId });
        builder.HasOne(m => m.User).WithMany(u => u.Memberships).HasForeignKey(m => m.UserId);
        builder.HasIndex(m => m.UserId);
    }
}

public sealed class OrganisationInvitationConfiguration : IEntityTypeConfiguration<OrganisationInvitation>
{
    public void Configure(EntityTypeBuilder<OrganisationInvitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(256).IsRequired();
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256).IsRequired();
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.OrganisationId, i.NormalizedEmail });
        builder.Property(i => i.InvitedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(i => i.AcceptedByUserId).HasMaxLength(450);
        // Single use even when the link is opened twice at once: the UPDATE only matches while
        // AcceptedAt is still null, so the second save fails with a concurrency conflict.
        builder.Property(i => i.AcceptedAt).IsConcurrencyToken();
    }
}
