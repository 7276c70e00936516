using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Data;
using SignOnLetters.Domain;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Database;
using SignOnLetters.Web.Infrastructure.Seeding;

namespace SignOnLetters.Tests.Foundation;

public abstract partial class FoundationTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_report_a_reachable_database_as_healthy()
    {
        var response = await App.Factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Should_seed_the_demo_once_with_a_coordinator_who_can_sign_in()
    {
        var password = await App.ExecuteScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync());
        var again = await App.ExecuteScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedAsync());

        Assert.NotNull(password);
        Assert.Null(again);
        var (userCount, organisation) = await App.ExecuteDbContextAsync(async db =>
            (await db.Users.CountAsync(), await db.Organisations.Include(o => o.Memberships).ThenInclude(m => m.User).SingleAsync()));
        Assert.Equal(1, userCount);
        var coordinator = Assert.Single(organisation.Memberships);
        Assert.Equal(DemoSeeder.CoordinatorEmail, coordinator.User.Email);
        Assert.Equal(OrganisationRole.Coordinator, coordinator.Role);
        Assert.True(await App.ExecuteScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            return await users.CheckPasswordAsync((await users.FindByEmailAsync(DemoSeeder.CoordinatorEmail))!, password);
        }));

        // The demo letter is open, with a few hundred confirmed co-signers in many scripts, shown at once.
        var signatures = await App.ExecuteDbContextAsync(db => db.Signatures.Where(sig => sig.Letter.Slug == "demo").ToListAsync());
        Assert.InRange(signatures.Count, 250, 400);
        Assert.All(signatures, sig => Assert.Equal(SignOnLetters.Domain.Signatures.SignatureState.Approved, sig.State));
        Assert.Contains(signatures, sig => sig.SignerName.Any(c => c is >= '\u0600' and <= '\u06FF'));
        Assert.Contains(signatures, sig => sig.SignerName.Any(c => c is >= '\u0400' and <= '\u04FF'));
        var page = await App.Factory.CreateClient().GetStringAsync("/letters/demo");
        Assert.Contains("signatories from", page);
        Assert.DoesNotContain("@example.org", page);
    }

    [SkippableTheory]
    [InlineData("/")]
    [InlineData("/privacy")]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/Identity/Account/Register")]
    public async Task Should_send_strict_security_headers_and_load_nothing_from_other_hosts(string path)
    {
        var response = await App.Factory.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        // Anything the browser fetches by itself: scripts, styles, images, fonts, frames.
        var fetched = SubresourcePattern().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.NotEmpty(fetched);
        Assert.All(fetched, url => Assert.True(url.StartsWith('/') && !url.StartsWith("//"), $"{path} loads {url} from another host"));
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain(" style=\"", html);
    }

    [SkippableFact]
    public async Task Should_tell_browsers_to_use_https_only_outside_development()
    {
        // The tests run as "Testing", not Development, so the production pipeline applies. HSTS is
        // sent on HTTPS only, and never for localhost (ASP.NET Core's default exclusions).
        // The app answers only its public host (App:PublicBaseUrl): here letters.example.org.
        await using var published = App.Factory.WithWebHostBuilder(b => b.UseSetting("App:PublicBaseUrl", "https://letters.example.org"));
        var secure = published.CreateClient(new() { BaseAddress = new Uri("https://letters.example.org") });
        var plain = published.CreateClient(new() { BaseAddress = new Uri("http://letters.example.org") });

        var hsts = (await secure.GetAsync("/")).Headers.GetValues("Strict-Transport-Security").Single();

        Assert.Contains("max-age=", hsts);
        Assert.True(int.Parse(hsts.Split('=')[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture) >= 60 * 60 * 24 * 30, hsts);
        Assert.False((await plain.GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
    }

    [SkippableFact]
    public async Task Should_answer_unknown_pages_with_a_plain_404_page()
    {
        var response = await App.Factory.CreateClient().GetAsync("/no/such/page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", html);
    }

    [GeneratedRegex("<(?:script|link|img|iframe|source)\\b[^>]*\\b(?:src|href)=\"(?<url>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex SubresourcePattern();
}

[Collection(SqliteCollection.Name)]
public sealed class FoundationTestsOnSqlite(SqliteSlice app) : FoundationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class FoundationTestsOnPostgres(PostgresSlice app) : FoundationTests(app);

/// <summary>What only the embedded SQLite provider has to get right.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SqliteStorageTests(SqliteSlice app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_run_sqlite_in_wal_mode_so_readers_never_wait_for_a_signature_being_written()
    {
        var (journal, synchronous) = await App.ExecuteDbContextAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode";
                var mode = (string)(await command.ExecuteScalarAsync())!;
                command.CommandText = "PRAGMA synchronous";
                return (mode, Convert.ToInt32(await command.ExecuteScalarAsync()));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.Equal("wal", journal);
        Assert.Equal(1, synchronous); // NORMAL
    }
}

/// <summary>Checks that need no running app.</summary>
public class ModelAndReferenceDataTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused")]
    [InlineData(DatabaseProvider.SqlServer, "Server=127.0.0.1;Database=unused;TrustServerCertificate=True")]
    public void Should_have_migrations_matching_the_model_as_the_app_configures_it(DatabaseProvider provider, string connectionString)
    {
        // Built as Program.cs does (Identity's run-time options included), never connecting.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<AppDbContext>(options => options.UseProvider(provider, connectionString));
        services.AddAppIdentity();
        using var provider_ = services.BuildServiceProvider();
        using var scope = provider_.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations are behind the model: run scripts/add-migration.sh");
    }

    [Fact]
    public async Task Should_refuse_a_database_from_before_the_squashed_migrations_with_a_plain_message()
    {
        var file = Path.Combine(Path.GetTempPath(), $"stale-{Guid.NewGuid():N}.db");
        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddDbContext<AppDbContext>(options => options.UseProvider(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False"));
            services.AddAppIdentity();
            await using var provider = services.BuildServiceProvider();
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await db.Database.ExecuteSqlRawAsync("""
                    CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
                    INSERT INTO "__EFMigrationsHistory" VALUES ('20261122101010_Letters', '10.0.0');
                    """);
            }

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => provider.MigrateDatabaseAsync());

            Assert.Contains("20261122101010_Letters", refused.Message);
            Assert.Contains("delete it", refused.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Should_list_every_iso_country_from_icu_data_and_no_groupings()
    {
        var codes = Countries.Codes;

        Assert.InRange(codes.Count, 240, 260);
        foreach (var code in new[] { "NL", "UA", "PS", "TW", "XK", "SS", "KE", "BR", "IR", "CI" })
            Assert.Contains(code, codes);
        foreach (var notCountry in new[] { "EU", "UN", "ZZ", "QO", "AA", "CS", "IV" })
            Assert.DoesNotContain(notCountry, codes);
        Assert.Equal("Côte d’Ivoire", Countries.Name("ci"));
        Assert.False(Countries.IsKnown("XX"));
        Assert.False(Countries.IsKnown("<s"));
        Assert.False(Countries.IsKnown(null));
    }

    [Theory]
    [InlineData("Médecins du Monde", "medecins du monde")]
    [InlineData("MEDECINS-DU-MONDE!!", "medecins du monde")]
    [InlineData("  Médecins   du\tMonde ", "medecins du monde")]
    [InlineData("Сеть ЛЖВ", "сеть лжв")]
    [InlineData("شبکه\u200Cی ایران", "شبکهی ایران")]
    [InlineData("ＦＵＬＬ ＷＩＤＴＨ", "full width")]
    // Issue 18: look-alikes are the same organisation (UTS #39 skeletons).
    [InlineData("Ｈａｒｍ Reduction International", "Harm Reduction International")]
    [InlineData("H\u0430rm Reduction International", "Harm Reduction International")]
    [InlineData("Global Network of People Who Us\u0435 Drugs", "Global Network of People Who Use Drugs")]
    [InlineData("\u0412\u0415\u0422\u0410 \u041D\u041E\u0420\u0415", "BETA HOPE")] // all Cyrillic, looks Latin in capitals
    [InlineData("Harrn Reduction", "Harm Reduction")]
    [InlineData("GIobal Network", "Global Network")] // a capital I for the l
    public void Should_give_names_that_read_alike_the_same_duplicate_key(string name, string alike) =>
        Assert.Equal(NameNormalizer.Normalize(alike), NameNormalizer.Normalize(name));

    [Theory]
    [InlineData("Сеть ЛЖВ", "Set LZhV")]
    [InlineData("Harm Reduction International", "Harm Reduction Internacional")]
    [InlineData("Réseau 日本", "Réseau 中国")]
    public void Should_keep_different_names_apart(string name, string other) =>
        Assert.NotEqual(NameNormalizer.Normalize(other), NameNormalizer.Normalize(name));

    [Fact]
    public void Should_keep_a_long_skeleton_within_the_key_column_and_apart_from_another()
    {
        var mmm = NameNormalizer.Normalize(new string('m', Organisation.NameMaxLength)); // each m is "rn"
        var mmn = NameNormalizer.Normalize(new string('m', Organisation.NameMaxLength - 1) + "n");

        Assert.Equal(NameNormalizer.KeyMaxLength, mmm.Length);
        Assert.NotEqual(mmm, mmn);
    }

    [Theory]
    [InlineData("H\u0430rm Reduction International", true)] // Cyrillic а in a Latin word
    [InlineData("Us\u0435", true)]
    [InlineData("\u0421eть", true)] // Latin e in a Cyrillic word
    [InlineData("Harm Reduction International", false)]
    [InlineData("Сеть людей, употребляющих наркотики", false)]
    [InlineData("Réseau 日本", false)]
    [InlineData("日本のネットワーク", false)] // Han with kana is one writing system
    [InlineData("Ｈａｒｍ Reduction", false)] // full-width is still Latin: the key folds it instead
    [InlineData("Red 🌈 Latina 2030", false)]
    [InlineData("Việt Nam", false)]
    public void Should_tell_words_that_mix_scripts(string name, bool mixed) =>
        Assert.Equal(mixed, UnicodeSecurity.HasMixedScriptWord(name));

    [Fact]
    public void Should_write_a_readable_plain_text_part_for_every_html_email()
    {
        var text = SignOnLetters.Web.Infrastructure.Email.MailKitEmailSender.ToPlainText(
            "<p>Hello &amp; welcome</p><p><a href=\"https://x.example/i/abc\">Accept</a></p>");

        Assert.Equal("Hello & welcome\n\nAccept (https://x.example/i/abc)", text);
    }

    [Fact]
    public void Should_end_paragraphs_headings_lines_divisions_and_list_items_as_a_reader_types_them()
    {
        var text = SignOnLetters.Web.Infrastructure.Email.MailKitEmailSender.ToPlainText(
            "<div><H2>Title</H2><p>Line one<br>line two<BR />end</p></div><ul><li>a</li><li>b</li></ul>"
            + "<p><a href=\"https://x.example/\">https://x.example/</a> or <a href='https://y.example/'>the other</a></p><pre>kept</pre>");

        // A paragraph inside a division ends once (one blank line); a link that is its own text is written once.
        Assert.Equal("Title\n\nLine one\nline two\nend\n\na\nb\nhttps://x.example/ or the other (https://y.example/)\n\nkept", text);
    }
}
