using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Data.Configurations;

public sealed class SignatureConfiguration : IEntityTypeConfiguration<Signature>
{
    /// <summary>
    /// The filter of the "one active claim" unique indexes. Filtered (partial) unique indexes exist on
    /// SQLite, PostgreSQL and SQL Server, and this SQL reads the same on all three: double-quoted
    /// identifiers are standard (SQL Server reads them with QUOTED_IDENTIFIER ON, which SqlClient
    /// sets and filtered indexes require) and a plain comparison is within SQL Server's filter
    /// grammar (NOT IN is not). The IS NOT NULL keeps SQL Server, which treats NULLs as equal in
    /// unique indexes, from allowing only one individual or one address-less paper signature.
    /// Only signatures that took their claims at confirmation (<see cref="Signature.ClaimedAt"/>) are
    /// in it: an unconfirmed one blocks nobody. See docs/decisions/0004-signature-claims.md.
    /// </summary>
    private static string ActiveClaimFilter(string keyColumn) =>
        $"\"{keyColumn}\" IS NOT NULL AND \"{nameof(Signature.State)}\" < {Signature.ActiveStateLimit} AND \"{nameof(Signature.ClaimedAt)}\" IS NOT NULL";

    public void Configure(EntityTypeBuilder<Signature> builder)
    {
        builder.HasOne(s => s.Letter).WithMany().HasForeignKey(s => s.LetterId).OnDelete(DeleteBehavior.Restrict);
        // Restrict: a published version is never deleted while signatures point at it.
        builder.HasOne(s => s.LetterVersion).WithMany().HasForeignKey(s => s.LetterVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);

        builder.Property(s => s.OrganisationName).HasMaxLength(Domain.Organisation.NameMaxLength);
        builder.Property(s => s.OrganisationKey).HasMaxLength(Domain.NameNormalizer.KeyMaxLength);
        builder.Property(s => s.CountryCode).HasMaxLength(2).IsFixedLength().IsRequired();
        builder.Property(s => s.RecordSalt).HasMaxLength(Domain.Record.RecordEntry.SaltLength).IsUnicode(false);
        builder.Property(s => s.SignerName).HasMaxLength(Signature.NameMaxLength).IsRequired();
        builder.Property(s => s.Role).HasMaxLength(Signature.RoleMaxLength);
        builder.Property(s => s.Website).HasMaxLength(Signature.WebsiteMaxLength);
        builder.Property(s => s.Email).HasMaxLength(Signature.EmailMaxLength);
        builder.Property(s => s.EmailKey).HasMaxLength(Signature.EmailMaxLength);
        builder.Property(s => s.RejectionReason).HasMaxLength(Signature.ReasonMaxLength);
        builder.Property(s => s.RepresentativeUserId).HasMaxLength(450);
        builder.Property(s => s.ClientNetwork).HasMaxLength(Signature.ClientNetworkMaxLength);
        builder.Property(s => s.ConfirmationTokenHash).HasMaxLength(64);
        builder.Property(s => s.WithdrawTokenHash).HasMaxLength(64);
        builder.Property(s => s.LatestWithdrawTokenHash).HasMaxLength(64);
        builder.Property(s => s.EmbedHost).HasMaxLength(Domain.Letters.EmbedHosts.HostMaxLength);
        builder.Property(s => s.Language).HasMaxLength(Signature.LanguageMaxLength);
        builder.Property(s => s.ChangeCount).IsConcurrencyToken();

        // One claim-holding signature per organisation and one per mailbox on each letter, even when
        // two confirmations race: the database refuses the second.
        builder.HasIndex(s => new { s.LetterId, s.OrganisationKey }).IsUnique()
            .HasDatabaseName("IX_Signatures_ActiveOrganisation").HasFilter(ActiveClaimFilter(nameof(Signature.OrganisationKey)));
        builder.HasIndex(s => new { s.LetterId, s.EmailKey }).IsUnique()
            .HasDatabaseName("IX_Signatures_ActiveEmail").HasFilter(ActiveClaimFilter(nameof(Signature.EmailKey)));
        // "Resend the confirmation" finds a mailbox's unconfirmed signatures, which the partial index above does not hold.
        builder.HasIndex(s => new { s.LetterId, s.EmailKey }, "IX_Signatures_LetterEmail");
        // The public list filtered by country, in its order (organisations, then individuals, by id), and
        // the recount's approved rows of one letter. Both public-list indexes hold approved signatures
        // only (their queries name the state as a constant): a new signature waits for confirmation, so
        // signing writes neither, and each is written once, when a signature begins to count (what each
        // index costs a signature: docs/benchmarks.md, "Signing cost found (branch signcost)").
        // The state is the filter, never a column (see ApprovedOnlyIndexes).
        builder.HasIndex(s => new { s.LetterId, s.CountryCode, s.Kind, s.Id }).HasFilter(ApprovedFilter);
        // Lists that seek rather than count (issue 20): the public list in its order (organisations, then
        // individuals, by id), and the coordinators' table by date and by country.
        // Its last two columns are what PublicSignatory.IsListed reads, so the list's page of keys is read
        // from the index alone: a page number deep in the list skips index entries, not rows.
        builder.HasIndex(s => new { s.LetterId, s.Kind, s.Id, s.Visibility, s.OrganisationName }, "IX_Signatures_PublicList")
            .HasFilter(ApprovedFilter);
        builder.HasIndex(s => new { s.LetterId, s.CreatedAt, s.Id });
        // The table filtered by state (the review queue's "pending", "withdrawn") in date order seeks here.
        builder.HasIndex(s => new { s.LetterId, s.State, s.CreatedAt, s.Id });
        builder.HasIndex(s => new { s.LetterId, s.CountryCode, s.Id });
        // The table filtered by country in its default order (newest first) seeks here too.
        builder.HasIndex(s => new { s.LetterId, s.CountryCode, s.CreatedAt, s.Id });
        builder.HasIndex(s => s.ConfirmationTokenHash).IsUnique().HasFilter(NotNullFilter(nameof(Signature.ConfirmationTokenHash)));
        builder.HasIndex(s => s.WithdrawTokenHash).IsUnique().HasFilter(NotNullFilter(nameof(Signature.WithdrawTokenHash)));
        builder.HasIndex(s => s.LatestWithdrawTokenHash).IsUnique().HasFilter(NotNullFilter(nameof(Signature.LatestWithdrawTokenHash)));
        // The owed-confirmation sweep reads the few rows with the mark; the index holds only those.
        builder.HasIndex(s => s.ConfirmationMailDueAt).HasFilter(NotNullFilter(nameof(Signature.ConfirmationMailDueAt)));

        builder.HasMany(s => s.Events).WithOne().HasForeignKey(e => e.SignatureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Signature>().WithMany().HasForeignKey(s => s.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        // The foreign keys most signatures leave empty (a registered organisation, a merge) are indexed
        // where set: an equality (a lookup, or the database's own check when the row pointed at is
        // deleted) implies "not null", so the partial index serves it, and a new anonymous signature
        // writes neither index.
        builder.HasIndex(s => s.OrganisationId).HasFilter(NotNullFilter(nameof(Signature.OrganisationId)));
        builder.HasIndex(s => s.MergedIntoId).HasFilter(NotNullFilter(nameof(Signature.MergedIntoId)));
    }

    /// <summary>
    /// Approved signatures only, as the public list and the recount read them (a constant, so SQLite can match it).
    /// <para>
    /// ApprovedOnlyIndexes: an index with this filter must not have the state as a column too. PostgreSQL
    /// drops a query's <c>"State" = 2</c> as implied by the filter, so that column is left unconstrained
    /// and a btree can then position only on the columns before it: the list's seek
    /// <c>LetterId = l AND Kind = k AND Id &gt; i</c> in (LetterId, State, Kind, Id, …) started at the
    /// letter's first entry and stepped through every entry before the position (5,297 buffers, 592 ms
    /// for the middle of 1,000,000, when the planner chose that index; 5 buffers in (LetterId, Kind, Id, …)).
    /// </para>
    /// </summary>
    private static readonly string ApprovedFilter = $"\"{nameof(Signature.State)}\" = {(int)SignatureState.Approved}";

    private static string NotNullFilter(string column) => $"\"{column}\" IS NOT NULL";
}

public sealed class SignatureEventConfiguration : IEntityTypeConfiguration<SignatureEvent>
{
    public void Configure(EntityTypeBuilder<SignatureEvent> builder)
    {
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.Reason).HasMaxLength(Signature.ReasonMaxLength + 100);
        builder.Property(e => e.NoteArgument).HasMaxLength(SignatureEvent.NoteArgumentMaxLength);
        builder.HasIndex(e => new { e.SignatureId, e.At });
    }
}

public sealed class OrganisationAliasConfiguration : IEntityTypeConfiguration<OrganisationAlias>
{
    public void Configure(EntityTypeBuilder<OrganisationAlias> builder)
    {
        builder.HasOne<Domain.Letters.Letter>().WithMany().HasForeignKey(a => a.LetterId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Alias).HasMaxLength(Domain.Organisation.NameMaxLength).IsRequired();
        builder.Property(a => a.AliasKey).HasMaxLength(Domain.NameNormalizer.KeyMaxLength).IsRequired();
        builder.Property(a => a.OrganisationName).HasMaxLength(Domain.Organisation.NameMaxLength).IsRequired();
        builder.Property(a => a.OrganisationKey).HasMaxLength(Domain.NameNormalizer.KeyMaxLength).IsRequired();
        builder.Property(a => a.CreatedByUserId).HasMaxLength(450).IsRequired();
        // One meaning per name on a letter, even when two coordinators add it at once.
        builder.HasIndex(a => new { a.LetterId, a.AliasKey }).IsUnique();
    }
}

public sealed class PartnerInvitationConfiguration : IEntityTypeConfiguration<PartnerInvitation>
{
    public void Configure(EntityTypeBuilder<PartnerInvitation> builder)
    {
        builder.HasOne<Domain.Letters.Letter>().WithMany().HasForeignKey(i => i.LetterId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.OrganisationName).HasMaxLength(Domain.Organisation.NameMaxLength).IsRequired();
        builder.Property(i => i.OrganisationKey).HasMaxLength(Domain.NameNormalizer.KeyMaxLength).IsRequired();
        builder.Property(i => i.ContactEmail).HasMaxLength(Signature.EmailMaxLength).IsRequired();
        builder.Property(i => i.EmailKey).HasMaxLength(Signature.EmailMaxLength).IsRequired();
        builder.Property(i => i.Message).HasMaxLength(PartnerInvitation.MessageMaxLength);
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(i => i.CreatedByUserId).HasMaxLength(450).IsRequired();
        // Never e-mail one mailbox twice about one letter, even when two imports race.
        builder.HasIndex(i => new { i.LetterId, i.EmailKey }).IsUnique();
        builder.HasIndex(i => i.TokenHash).IsUnique();
    }
}

public sealed class SignatureTallyConfiguration : IEntityTypeConfiguration<SignatureTally>
{
    public void Configure(EntityTypeBuilder<SignatureTally> builder)
    {
        // The key is what the upserts in SignatureTallies conflict on; a letter's tallies are one range of it.
        builder.HasKey(t => new { t.LetterId, t.Facet, t.Key });
        builder.Property(t => t.Facet).HasMaxLength(SignatureTally.FacetMaxLength);
        builder.Property(t => t.Key).HasMaxLength(SignatureTally.KeyMaxLength);
        builder.HasOne<Domain.Letters.Letter>().WithMany().HasForeignKey(t => t.LetterId).OnDelete(DeleteBehavior.Cascade);
    }
}
