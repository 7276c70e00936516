using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Mailings;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OrganisationMembership> OrganisationMemberships => Set<OrganisationMembership>();
    public DbSet<OrganisationInvitation> OrganisationInvitations => Set<OrganisationInvitation>();
    public DbSet<Letter> Letters => Set<Letter>();
    public DbSet<LetterRevision> LetterRevisions => Set<LetterRevision>();
    public DbSet<LetterVersion> LetterVersions => Set<LetterVersion>();
    public DbSet<LetterEditor> LetterEditors => Set<LetterEditor>();
    public DbSet<LetterEditorInvitation> LetterEditorInvitations => Set<LetterEditorInvitation>();
    public DbSet<Signature> Signatures => Set<Signature>();
    public DbSet<SignatureEvent> SignatureEvents => Set<SignatureEvent>();

    /// <summary>Running counts of each letter's signatures (see <see cref="SignatureTallies"/>).</summary>
    public DbSet<SignatureTally> SignatureTallies => Set<SignatureTally>();
    public DbSet<Mailing> Mailings => Set<Mailing>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<OrganisationAlias> OrganisationAliases => Set<OrganisationAlias>();
    public DbSet<PartnerInvitation> PartnerInvitations => Set<PartnerInvitation>();
    public DbSet<SealedEdition> SealedEditions => Set<SealedEdition>();
    public DbSet<Domain.Record.RecordEntry> RecordEntries => Set<Domain.Record.RecordEntry>();
    public DbSet<Domain.Osdi.OrganisationApiKey> OrganisationApiKeys => Set<Domain.Osdi.OrganisationApiKey>();
    public DbSet<Domain.Osdi.OrganisationWebhook> OrganisationWebhooks => Set<Domain.Osdi.OrganisationWebhook>();

    /// <summary>Data Protection keys live here so every app instance shares cookies and antiforgery tokens.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity sizes these keys from options found only at run time (AddDefaultIdentity sets 128),
        // so the design-time model used for migrations would differ: state the sizes here.
        builder.Entity<IdentityUserLogin<string>>(login =>
        {
            login.Property(l => l.LoginProvider).HasMaxLength(128);
            login.Property(l => l.ProviderKey).HasMaxLength(128);
        });
        builder.Entity<IdentityUserToken<string>>(token =>
        {
            token.Property(t => t.LoginProvider).HasMaxLength(128);
            token.Property(t => t.Name).HasMaxLength(128);
        });
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        SignatureSortKeys.Model(builder, stored: !Database.IsSqlite());
        Configurations.RecordEntryConfiguration.OwedReceipts(builder, sqlServer: !Database.IsSqlite() && !Database.IsNpgsql());
        if (Database.IsNpgsql())
            SignatureSearch.ModelOnPostgres(builder);
    }

    // Every save passes through the signatory record's one hook: a change to the public list is
    // recorded in the same SaveChanges, so in the same transaction (docs/decisions/0015-signatory-record.md).
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var locked = SignatoryRecordAppender.AppendAsync(this, CancellationToken.None).GetAwaiter().GetResult();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            SignatoryRecordAppender.Release(locked);
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var locked = await SignatoryRecordAppender.AppendAsync(this, cancellationToken);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            SignatoryRecordAppender.Release(locked);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC. Stored as DateTime (not DateTimeOffset) because SQLite cannot
        // order or compare DateTimeOffset in SQL; this keeps LINQ provider-neutral.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
