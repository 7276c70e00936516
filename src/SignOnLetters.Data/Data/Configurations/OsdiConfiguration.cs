using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Osdi;

namespace SignOnLetters.Data.Configurations;

public sealed class OrganisationApiKeyConfiguration : IEntityTypeConfiguration<OrganisationApiKey>
{
    public void Configure(EntityTypeBuilder<OrganisationApiKey> builder)
    {
        builder.HasOne<Organisation>().WithMany().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(k => k.Name).HasMaxLength(OrganisationApiKey.NameMaxLength).IsRequired();
        builder.Property(k => k.SecretHash).HasMaxLength(OrganisationApiKey.HashLength).IsFixedLength().IsRequired();
        builder.Property(k => k.CreatedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(k => k.RevokedByUserId).HasMaxLength(450);
        builder.HasIndex(k => k.OrganisationId);
    }
}

public sealed class OrganisationWebhookConfiguration : IEntityTypeConfiguration<OrganisationWebhook>
{
    public void Configure(EntityTypeBuilder<OrganisationWebhook> builder)
    {
        builder.HasOne<Organisation>().WithMany().HasForeignKey(w => w.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(w => w.Url).HasMaxLength(OrganisationWebhook.UrlMaxLength).IsRequired();
        builder.Property(w => w.ProtectedSecret).HasMaxLength(OrganisationWebhook.ProtectedSecretMaxLength).IsRequired();
        builder.Property(w => w.CreatedByUserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(w => w.OrganisationId);
    }
}
