using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SignOnLetters.Data;
using SignOnLetters.Domain;
using SignOnLetters.Web.Infrastructure;

using SignOnLetters.Web.Infrastructure.Email;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>
/// The app with its real pipeline (Mediator behaviours, validators, EF Core on a real database) for
/// slice tests, after ContosoUniversity's SliceFixture: send a request as some user, insert and find
/// entities, read the e-mails the app wrote. One instance per provider collection; the database is
/// emptied before each test.
/// </summary>
public abstract class SliceFixture : IAsyncLifetime
{
    // Tests in a collection run one at a time, so "the current user" is fixture state; SendAsAsync
    // overrides it for one call (an AsyncLocal flows into that call only), for tests that race users.
    private string? _currentUserId;
    private readonly AsyncLocal<string?> _currentUserOverride = new();
    private WebApplicationFactory<Program>? _factory;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Why this provider's tests cannot run here; null when they can.</summary>
    public string? Unavailable { get; protected set; }

    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "sol-tests", Guid.NewGuid().ToString("N"), "mail");

    /// <summary>The app's clock; tests move it to expire tokens and pass deadlines.</summary>
    public TestClock Clock { get; } = new();

    public const string AdministratorEmail = "site-admin@example.org";

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException(Unavailable ?? "Fixture not initialised.");

    public EmailBox Emails => new(MailDirectory, () => WaitForQueuedEmailsAsync().GetAwaiter().GetResult());

    /// <summary>Until the e-mails the app queued are written (they leave after the answer).</summary>
    public Task WaitForQueuedEmailsAsync() => WaitForQueuedEmailsAsync(Factory);

    /// <summary>
    /// Until the e-mails queued by <paramref name="app"/> are written: a test's own variant of the app
    /// (<c>Factory.WithWebHostBuilder</c>) has a queue of its own, which <see cref="Emails"/> does not wait for.
    /// </summary>
    public static async Task WaitForQueuedEmailsAsync(WebApplicationFactory<Program> app)
    {
        // Resends queue their e-mails once handled: wait for them first.
        await app.Services.GetRequiredService<SignOnLetters.Web.Pages.Signing.ConfirmationResends>().WaitUntilIdleAsync(TimeSpan.FromSeconds(30));
        await app.Services.GetRequiredService<SignOnLetters.Web.Infrastructure.Email.ConfirmationMailer>().WaitUntilIdleAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Everything the app logged, from Debug up.</summary>
    public LogCapture Logs { get; } = new();

    protected abstract Task<string?> PrepareDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        var connectionString = await PrepareDatabaseAsync();
        if (connectionString is null)
            return;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", Provider.ToString());
            builder.UseSetting("ConnectionStrings:Default", connectionString);
            builder.UseSetting("Email:PickupDirectory", MailDirectory);
            // Each fixture its own PDF folder (beside its mailbox, deleted with it): fixtures hand out the same letter ids.
            builder.UseSetting("Pdf:CacheDirectory", Path.Combine(Path.GetDirectoryName(MailDirectory)!, "pdf-cache"));
            // and its own folder for uploads between an import's steps: tests count the files left there.
            builder.UseSetting("Imports:Directory", Path.Combine(Path.GetDirectoryName(MailDirectory)!, "imports"));
            builder.UseSetting("Email:Smtp:Host", string.Empty);
            builder.UseSetting("App:PublicBaseUrl", "http://localhost");
            builder.UseSetting("Administrators:Emails:0", AdministratorEmail);
            // Every test request comes from one (unknown) address: the signing rate limit is
            // switched off by configuration here, and on again by the tests of the limit itself.
            builder.UseSetting("Signing:RateLimit:Enabled", "false");
            // Likewise the two-factor rule for delivery and exports, on again in its own tests.
            builder.UseSetting("Security:RequireTwoFactorForPersonalData", "false");
            builder.UseSetting("Security:TokenLinkRateLimit:Enabled", "false");
            builder.UseSetting("Security:PublicCheckRateLimit:Enabled", "false");
            builder.UseSetting("Security:AccountEmailRateLimit:Enabled", "false");
            builder.UseSetting("Contact:RateLimit:Enabled", "false");
            builder.UseSetting("Osdi:RateLimit:Enabled", "false");
            builder.UseSetting("Verify:PdfRateLimit:Enabled", "false");
            // One throwaway sealing key for all the test hosts of this run (made on first use).
            builder.UseSetting("Sealing:KeyDirectory", TestSealingKeys.Directory);
            builder.UseSetting("Sealing:CreateKeyIfMissing", "true");
            // The test client speaks plain HTTP and would not send Secure cookies back; the flag's own
            // test turns it on over HTTPS (TransportSecurityTests).
            builder.UseSetting("Security:SecureCookies", "false");
            // Tests mail the same few addresses all day; the limit's own tests turn it on.
            builder.UseSetting("Email:RecipientLimit:Enabled", "false");
            builder.ConfigureLogging(logging =>
            {
                logging.AddProvider(Logs);
                logging.AddFilter<LogCapture>(null, LogLevel.Debug);
            });
            // Tests send queued e-mails when they choose (OutboxSender.SendDueAsync), not in the background.
            builder.UseSetting("Outbox:Enabled", "false");
            // Webhook tests receive on this machine's loopback (production allows https to public hosts only).
            builder.UseSetting("Webhooks:AllowLoopbackHttp", "true");
            // Every page by number but the first and last is reached from its boundary, so that the lists' short tests use the tables.
            builder.UseSetting("Lists:PageBoundaries:FromDepth", "1");
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<IStartupFilter, TestClientAddress>();
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
                services.RemoveAll<ICurrentUser>();
                services.AddScoped<ICurrentUser>(sp => new TestCurrentUser(
                    () => _currentUserOverride.Value ?? _currentUserId,
                    ActivatorUtilities.CreateInstance<HttpContextCurrentUser>(sp),
                    sp.GetRequiredService<UserManager<ApplicationUser>>()));
            });
        });
        // Starting the server applies the migrations.
        _ = _factory.Server;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        await DropDatabaseAsync();
        try { Directory.Delete(Path.GetDirectoryName(MailDirectory)!, recursive: true); } catch (IOException) { }
    }

    /// <summary>Empties every table but the migration history and the Data Protection keys, and the mailbox.</summary>
    public async Task ResetAsync()
    {
        // The previous test's queued e-mails land in its own mailbox, not the next test's.
        await WaitForQueuedEmailsAsync();
        Clock.Reset();
        Logs.Clear();
        // The tables are emptied with SQL the app does not see: its caches are told here.
        Factory.Services.GetRequiredService<SignOnLetters.Web.Pages.Signing.SigningLetterCache>().Clear();
        // A table still being built from the last test's rows would be stored after the clearing.
        var boundaries = Factory.Services.GetRequiredService<SignOnLetters.Web.Infrastructure.PageBoundaries>();
        await boundaries.LastBuild;
        boundaries.Clear();
        Factory.Services.GetRequiredService<SignOnLetters.Web.Documents.LetterPdfCache>().Clear();
        Factory.Services.GetRequiredService<SignOnLetters.Web.Documents.LetterPdfJobs>().Clear();
        Factory.Services.GetRequiredService<SignOnLetters.Web.Documents.LetterPdfFiles>().Clear();
        await Factory.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>()
            .EvictByTagAsync(SignOnLetters.Web.Infrastructure.Caching.PublicLetterPageCache.AllPagesTag, CancellationToken.None);
        _currentUserId = null;
        if (Directory.Exists(MailDirectory))
            Directory.Delete(MailDirectory, recursive: true);
        await ExecuteDbContextAsync(async db =>
        {
            // Owned types count too: those kept in a table of their own (a letter's texts) would
            // otherwise survive the reset and attach to the next test's letter with the same id.
            // Owned types sharing their owner's table collapse into it with Distinct.
            var tables = db.Model.GetEntityTypes()
                .Where(t => t.GetTableName() is not null && t.ClrType != typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey))
                .Select(t => (Schema: t.GetSchema(), Table: t.GetTableName()!))
                .Distinct()
                .ToList();
            var sql = Provider switch
            {
                DatabaseProvider.Postgres =>
                    $"TRUNCATE {string.Join(", ", tables.Select(t => $"\"{t.Table}\""))} RESTART IDENTITY CASCADE;",
                _ => "PRAGMA foreign_keys = OFF; " + string.Join(" ", tables.Select(t => $"DELETE FROM \"{t.Table}\";")) +
                     " DELETE FROM sqlite_sequence WHERE 1; PRAGMA foreign_keys = ON;",
            };
            await db.Database.OpenConnectionAsync();
            try
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
    }

    public async Task<T> ExecuteScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task ExecuteScopeAsync(Func<IServiceProvider, Task> action) =>
        ExecuteScopeAsync<object?>(async sp => { await action(sp); return null; });

    public Task<T> ExecuteDbContextAsync<T>(Func<AppDbContext, Task<T>> action) =>
        ExecuteScopeAsync(sp => action(sp.GetRequiredService<AppDbContext>()));

    public Task ExecuteDbContextAsync(Func<AppDbContext, Task> action) =>
        ExecuteScopeAsync(sp => action(sp.GetRequiredService<AppDbContext>()));

    public Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command) =>
        ExecuteScopeAsync(async sp => await sp.GetRequiredService<IMediator>().Send(command));

    public Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query) =>
        ExecuteScopeAsync(async sp => await sp.GetRequiredService<IMediator>().Send(query));

    public async Task InsertAsync(params object[] entities) =>
        await ExecuteDbContextAsync(async db =>
        {
            db.AddRange(entities);
            await db.SaveChangesAsync();
        });

    public Task<T?> FindAsync<T>(params object[] keys) where T : class =>
        ExecuteDbContextAsync(async db => await db.FindAsync<T>(keys));

    /// <summary>Creates a confirmed user and makes the following sends run as them.</summary>
    public async Task<ApplicationUser> RunAsNewUserAsync(string email, string? displayName = null)
    {
        var user = await CreateUserAsync(email, displayName);
        RunAs(user);
        return user;
    }

    /// <summary>The site administrator (<see cref="AdministratorEmail"/>), created and given the role on first use.</summary>
    public async Task<ApplicationUser> AdministratorAsync()
    {
        var existing = await ExecuteDbContextAsync(db => db.Users.SingleOrDefaultAsync(u => u.Email == AdministratorEmail));
        if (existing is not null)
            return existing;
        var admin = await CreateUserAsync(AdministratorEmail);
        await ExecuteScopeAsync(sp => sp.GetRequiredService<SignOnLetters.Web.Infrastructure.Seeding.AdministratorSetup>().ApplyAsync());
        return admin;
    }

    public async Task<ApplicationUser> CreateUserAsync(string email, string? displayName = null, string password = TestPasswords.Strong) =>
        await ExecuteScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = Clock.GetUtcNow().UtcDateTime };
            var result = await users.CreateAsync(user, password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            return user;
        });

    public void RunAs(ApplicationUser? user) => _currentUserId = user?.Id;

    /// <summary>Sends as <paramref name="user"/> without changing who the following sends run as.</summary>
    public async Task<TResponse> SendAsAsync<TResponse>(ApplicationUser user, ICommand<TResponse> command)
    {
        _currentUserOverride.Value = user.Id;
        return await SendAsync(command);
    }

    /// <summary>Creates an organisation coordinated by a new user and runs as that user.</summary>
    public async Task<(ApplicationUser Coordinator, Organisation Organisation)> CreateOrganisationAsync(
        string name = "Harm Reduction International", string country = "GB", string? coordinatorEmail = null)
    {
        var coordinator = await CreateUserAsync(coordinatorEmail ?? $"coord-{Guid.NewGuid():N}@example.org");
        var organisation = Organisation.Create(name, country, null, coordinator.Id, Clock.GetUtcNow().UtcDateTime);
        await InsertAsync(organisation);
        RunAs(coordinator);
        return (coordinator, organisation);
    }
}

public static class TestPasswords
{
    public const string Strong = "Correct-Horse-9-Battery";
}

/// <summary>The user a test runs as, or the signed-in user of an HTTP request when the test set none.</summary>
internal sealed class TestCurrentUser(Func<string?> testUserId, HttpContextCurrentUser http, UserManager<ApplicationUser> users) : ICurrentUser
{
    public string? UserId => testUserId() ?? http.UserId;

    public bool IsAdministrator
    {
        get
        {
            var id = testUserId();
            if (id is null)
                return http.IsAdministrator;
            var user = users.FindByIdAsync(id).GetAwaiter().GetResult();
            return user is not null && users.IsInRoleAsync(user, Roles.Administrator).GetAwaiter().GetResult();
        }
    }
}

/// <summary>A clock tests set and move, backwards too (each test starts at the same instant).</summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private DateTimeOffset _now = Start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset now) => _now = now;

    public void Reset() => _now = Start;
}
