using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignOnLetters.Domain.Letters;

namespace SignOnLetters.Data.Configurations;

public sealed class LetterConfiguration : IEntityTypeConfiguration<Letter>
{
    // Identity's user ids (GUID strings); 450 is Identity's own key length.
    private const int UserIdLength = 450;

    public void Configure(EntityTypeBuilder<Letter> builder)
    {
        builder.Property(l => l.Slug).HasMaxLength(Letter.SlugMaxLength).IsRequired();
        builder.Property(l => l.EmbedHosts).HasMaxLength(2000).IsRequired();
        // Backs "slugs are unique" against two drafts created at the same moment.
        builder.HasIndex(l => l.Slug).IsUnique();
        builder.Property(l => l.ShortCode).HasMaxLength(LetterShortCode.Length).IsRequired();
        builder.HasIndex(l => l.ShortCode).IsUnique();
        // The deadline closer looks for open letters whose deadline passed.
        builder.HasIndex(l => new { l.Status, l.DeadlineUtc });
        builder.Property(l => l.PrimaryLanguage).HasMaxLength(LanguageCodeLength).IsRequired();
        builder.Property(l => l.DeadlineTimeZone).HasMaxLength(64);
        builder.Property(l => l.CreatedByUserId).HasMaxLength(UserIdLength).IsRequired();
        builder.Property(l => l.UpdatedByUserId).HasMaxLength(UserIdLength).IsRequired();
        builder.Property(l => l.ChangeCount).IsConcurrencyToken();
        builder.Ignore(l => l.Deadline);
        // The scheduler looks for drafts whose opening time came and open letters whose reminders are due.
        builder.HasIndex(l => new { l.Status, l.OpensAtUtc });
        builder.HasIndex(l => new { l.Status, l.NextReminderAtUtc });
        builder.Property(l => l.OpensAtTimeZone).HasMaxLength(64);
        builder.Property(l => l.OpeningScheduledByUserId).HasMaxLength(UserIdLength);
        builder.Property(l => l.ReminderCron).HasMaxLength(ReminderSchedule.CronMaxLength);
        builder.Property(l => l.ReminderTimeZone).HasMaxLength(64);
        builder.Ignore(l => l.OpensAt);
        builder.Ignore(l => l.Reminders);
        builder.ComplexProperty(l => l.PdfSettings, pdf =>
        {
            pdf.Property(p => p.Paper).HasColumnName("PdfPaper");
            pdf.Property(p => p.Grouping).HasColumnName("PdfGrouping");
            pdf.Property(p => p.IndividualsCountedOnly).HasColumnName("PdfIndividualsCountedOnly");
            pdf.Property(p => p.LogoWall).HasColumnName("PdfLogoWall");
            pdf.Property(p => p.CjkFaces).HasColumnName("PdfCjkFaces");
            pdf.Property(p => p.LatinCommaInArabic).HasColumnName("PdfLatinCommaInArabic");
            pdf.Property(p => p.LetterheadAddress).HasColumnName("PdfLetterheadAddress").HasMaxLength(LetterPdfSettings.AddressMaxLength);
            pdf.Property(p => p.ReplyTo).HasColumnName("PdfReplyTo").HasMaxLength(LetterPdfSettings.ReplyToMaxLength);
            pdf.Property(p => p.Place).HasColumnName("PdfPlace").HasMaxLength(LetterPdfSettings.PlaceMaxLength);
        });
        // Restrict, not cascade: deleting an organisation must not silently delete letters, and SQL
        // Server refuses two cascade paths (organisation → letter → co-author, organisation → co-author).
        builder.HasOne(l => l.LeadOrganisation).WithMany().HasForeignKey(l => l.LeadOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(l => l.Texts, text => ConfigureText(text, "LetterTexts"));
        builder.OwnsMany(l => l.Addressees, addressee =>
        {
            addressee.ToTable("LetterAddressees");
            addressee.Property<int>("Id");
            addressee.HasKey("Id");
            addressee.Property(a => a.Name).HasMaxLength(LetterAddressee.NameMaxLength).IsRequired();
            addressee.Property(a => a.Title).HasMaxLength(LetterAddressee.TitleMaxLength);
            addressee.Property(a => a.Institution).HasMaxLength(LetterAddressee.InstitutionMaxLength);
        });
        builder.HasMany(l => l.CoAuthors).WithOne().HasForeignKey(c => c.LetterId);
        builder.HasMany(l => l.Editors).WithOne().HasForeignKey(e => e.LetterId);
        builder.HasMany(l => l.Revisions).WithOne(r => r.Letter).HasForeignKey(r => r.LetterId);
        builder.HasMany(l => l.Versions).WithOne(v => v.Letter).HasForeignKey(v => v.LetterId);
    }

    internal const int LanguageCodeLength = 20;

    /// <summary>The same text shape is stored for the working copy, each revision and each version, each in its own table.</summary>
    internal static void ConfigureText<TOwner>(OwnedNavigationBuilder<TOwner, LetterText> text, string table) where TOwner : class
    {
        text.ToTable(table);
        // A surrogate key: per-language rows are updated, removed and added as editors change languages.
        text.Property<int>("Id");
        text.HasKey("Id");
        text.Property(t => t.LanguageCode).HasMaxLength(LanguageCodeLength).IsRequired();
        text.Property(t => t.Title).HasMaxLength(LetterText.TitleMaxLength).IsRequired();
        text.Property(t => t.Body).IsRequired();
    }
}

public sealed class LetterRevisionConfiguration : IEntityTypeConfiguration<LetterRevision>
{
    public void Configure(EntityTypeBuilder<LetterRevision> builder)
    {
        // Two editors saving at once cannot both write revision N.
        builder.HasIndex(r => new { r.LetterId, r.Number }).IsUnique();
        builder.Property(r => r.AuthorUserId).HasMaxLength(450).IsRequired();
        builder.HasOne(r => r.Author).WithMany().HasForeignKey(r => r.AuthorUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Addressees).IsRequired();
        builder.OwnsMany(r => r.Texts, text => LetterConfiguration.ConfigureText(text, "LetterRevisionTexts"));
    }
}

public sealed class LetterVersionConfiguration : IEntityTypeConfiguration<LetterVersion>
{
    public void Configure(EntityTypeBuilder<LetterVersion> builder)
    {
        builder.HasIndex(v => new { v.LetterId, v.Number }).IsUnique();
        builder.Property(v => v.PublishedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(v => v.ChangeNote).HasMaxLength(Letter.ChangeNoteMaxLength);
        builder.OwnsMany(v => v.Texts, text => LetterConfiguration.ConfigureText(text, "LetterVersionTexts"));
    }
}

public sealed class LetterCoAuthorConfiguration : IEntityTypeConfiguration<LetterCoAuthor>
{
    public void Configure(EntityTypeBuilder<LetterCoAuthor> builder)
    {
        builder.ToTable("LetterCoAuthors");
        builder.HasKey(c => new { c.LetterId, c.OrganisationId });
        builder.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.InvitedByUserId).HasMaxLength(450);
        builder.Property(c => c.AcceptedByUserId).HasMaxLength(450);
        builder.Ignore(c => c.IsAccepted);
        // The invitations an organisation's coordinators answer.
        builder.HasIndex(c => new { c.OrganisationId, c.AcceptedAt });
    }
}

public sealed class LetterEditorConfiguration : IEntityTypeConfiguration<LetterEditor>
{
    public void Configure(EntityTypeBuilder<LetterEditor> builder)
    {
        builder.HasKey(e => new { e.LetterId, e.UserId });
        builder.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId);
        builder.HasIndex(e => e.UserId);
    }
}

public sealed class LetterEditorInvitationConfiguration : IEntityTypeConfiguration<LetterEditorInvitation>
{
    public void Configure(EntityTypeBuilder<LetterEditorInvitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(256).IsRequired();
        builder.Property(i => i.NormalizedEmail).HasMaxLength(256).IsRequired();
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.LetterId, i.NormalizedEmail });
        builder.Property(i => i.InvitedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(i => i.AcceptedByUserId).HasMaxLength(450);
        // Single use even when opened twice at once (see OrganisationInvitationConfiguration).
        builder.Property(i => i.AcceptedAt).IsConcurrencyToken();
        builder.HasOne(i => i.Letter).WithMany().HasForeignKey(i => i.LetterId);
    }
}

public sealed class SealedEditionConfiguration : IEntityTypeConfiguration<SealedEdition>
{
    public void Configure(EntityTypeBuilder<SealedEdition> builder)
    {
        builder.Property(e => e.LanguageCode).HasMaxLength(LetterConfiguration.LanguageCodeLength).IsRequired();
        builder.Property(e => e.Sha256).HasMaxLength(SealedEdition.Sha256Length).IsRequired();
        // The PDF check looks a file up by its hash; the same file is recorded once.
        builder.HasIndex(e => e.Sha256).IsUnique();
        builder.HasIndex(e => new { e.LetterId, e.Number });
        builder.Property(e => e.SignatureIds).IsRequired();
        builder.Ignore(e => e.TotalCount);
        builder.HasOne<Letter>().WithMany().HasForeignKey(e => e.LetterId).OnDelete(DeleteBehavior.Cascade);
    }
}
