using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Mailings;

namespace SignOnLetters.Data.Configurations;

public sealed class MailingConfiguration : IEntityTypeConfiguration<Mailing>
{
    public void Configure(EntityTypeBuilder<Mailing> builder)
    {
        builder.HasOne<Letter>().WithMany().HasForeignKey(m => m.LetterId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Subject).HasMaxLength(Mailing.SubjectMaxLength).IsRequired();
        builder.Property(m => m.Message).IsRequired();
        builder.Property(m => m.CreatedByUserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(m => new { m.LetterId, m.Kind, m.CreatedAt });
        builder.HasMany(m => m.Messages).WithOne(o => o.Mailing).HasForeignKey(o => o.MailingId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(o => o.Recipient).HasMaxLength(OutboxMessage.RecipientMaxLength).IsRequired();
        builder.Property(o => o.RecipientKey).HasMaxLength(OutboxMessage.RecipientMaxLength).IsRequired();
        builder.Property(o => o.RecipientName).HasMaxLength(OutboxMessage.RecipientNameMaxLength);
        builder.Property(o => o.Subject).HasMaxLength(Mailing.SubjectMaxLength + 200).IsRequired();
        builder.Property(o => o.HtmlBody).IsRequired();
        builder.Property(o => o.AttachmentLanguage).HasMaxLength(35);
        builder.Property(o => o.Language).HasMaxLength(35);
        builder.Property(o => o.ListUnsubscribeUrl).HasMaxLength(OutboxMessage.UrlMaxLength);
        builder.Property(o => o.ReplyTo).HasMaxLength(OutboxMessage.RecipientMaxLength);
        builder.Property(o => o.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        // Each recipient once per mailing, even if a mailing were queued twice in a race.
        builder.HasIndex(o => new { o.MailingId, o.RecipientKey }).IsUnique();
        // The sender's scan: due messages by state and time.
        builder.HasIndex(o => new { o.State, o.NextAttemptAt });
        // A webhook's deliveries, newest first, for its organisation's page.
        builder.HasOne<Domain.Osdi.OrganisationWebhook>().WithMany().HasForeignKey(o => o.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.WebhookId, o.Id });
        // One delivery per event and webhook, even if a save were retried.
        builder.HasIndex(o => new { o.WebhookId, o.EventId }).IsUnique();
    }
}
