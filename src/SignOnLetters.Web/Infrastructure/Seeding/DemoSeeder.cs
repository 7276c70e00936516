using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace SignOnLetters.Web.Infrastructure.Seeding;

/// <summary>
/// <c>--seed-demo</c> (or <c>SEED_DEMO=true</c>): creates, once, what a newcomer needs to see the
/// product at once: a demo organisation, its coordinator <c>demo@example.org</c>, and an open demo
/// letter at <c>/letters/demo</c> in four languages. Running it again changes nothing.
/// </summary>
public sealed class DemoSeeder(
    AppDbContext db,
    UserManager<ApplicationUser> users,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public const string CoordinatorEmail = "demo@example.org";
    public const string OrganisationName = "Global Network of People Who Use Drugs (demo)";

    public static bool IsRequested(string[] args, IConfiguration configuration) =>
        args.Contains("--seed-demo", StringComparer.OrdinalIgnoreCase)
        || string.Equals(configuration["SEED_DEMO"], "true", StringComparison.OrdinalIgnoreCase);

    /// <returns>The generated password when the coordinator was created now, otherwise null.</returns>
    public async Task<string?> SeedAsync(CancellationToken cancellationToken = default)
    {
        string? password = null;
        var coordinator = await users.FindByEmailAsync(CoordinatorEmail);
        if (coordinator is null)
            (coordinator, password) = await SeedCoordinatorAndOrganisationAsync(cancellationToken);
        else
        {
            logger.LogInformation("Demo coordinator is already present.");
            Console.WriteLine($"Demo data already present. Sign in as {CoordinatorEmail} with the password printed when it was first seeded (or delete App_Data/ to start again).");
        }
        // Checked on its own, so a database seeded before letters existed gains the demo letter too.
        await SeedDemoLetterAsync(coordinator, cancellationToken);
        if (password is not null)
        {
            Console.WriteLine();
            Console.WriteLine("  Demo data created.");
            Console.WriteLine($"  Sign in as {CoordinatorEmail} with the password: {password}");
            Console.WriteLine($"  The demo letter is at /letters/{DemoLetter.Slug}");
            Console.WriteLine();
        }
        return password;
    }

    private async Task<(ApplicationUser Coordinator, string Password)> SeedCoordinatorAndOrganisationAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var password = GeneratePassword();
        var coordinator = new ApplicationUser
        {
            UserName = CoordinatorEmail,
            Email = CoordinatorEmail,
            EmailConfirmed = true,
            DisplayName = "Demo Coordinator",
            CreatedAt = now,
        };
        var created = await users.CreateAsync(coordinator, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Could not create the demo coordinator: " + string.Join("; ", created.Errors.Select(e => e.Description)));

        db.Organisations.Add(Organisation.Create(OrganisationName, "NL", "https://example.org", coordinator.Id, now));
        await db.SaveChangesAsync(cancellationToken);
        return (coordinator, password);
    }

    /// <summary>
    /// The demo letter's text, addressee and settings as an open letter at <c>/letters/{slug}</c>,
    /// opened a month before <paramref name="now"/> (so the demo shows signatures arriving over time);
    /// the scale benchmark opens a second one beside the demo.
    /// </summary>
    internal static Letter OpenDemoLetter(string slug, Organisation organisation, string coordinatorId, DateTime now)
    {
        // Opened a month ago, so the demo shows signatures arriving over time.
        var opened = now.AddDays(-31);
        const string zone = "Europe/Amsterdam";
        var localToday = TimeZoneInfo.ConvertTimeFromUtc(now, TimeZoneInfo.FindSystemTimeZoneById(zone)).Date;
        var letter = Letter.CreateDraft(LetterKind.SignOnLetter, slug, organisation, DemoLetter.Texts[0].Copy(), coordinatorId, opened);
        letter.EditDraft(new LetterDraft(
            DemoLetter.Texts,
            [DemoLetter.Addressee],
            [],
            new HashSet<int>(),
            new LetterSettings(WhoMaySign.OrganisationsAndIndividuals, ModerationMode.Automatic, IndividualsMustGiveOrganisation: false),
            LetterDeadline.FromLocal(localToday.AddDays(60).AddHours(23).AddMinutes(59), zone),
            SignatureGoal: null), coordinatorId, opened);
        letter.Open(coordinatorId, opened);
        return letter;
    }

    /// <summary>An open letter at /letters/demo with automatic moderation, so a newcomer can sign and see it at once.</summary>
    private async Task SeedDemoLetterAsync(ApplicationUser coordinator, CancellationToken cancellationToken)
    {
        if (await db.Letters.AnyAsync(l => l.Slug == DemoLetter.Slug, cancellationToken))
            return;
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.NormalizedName == NameNormalizer.Normalize(OrganisationName), cancellationToken);
        if (organisation is null)
        {
            logger.LogWarning("The demo organisation is missing; the demo letter is not seeded.");
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var letter = OpenDemoLetter(DemoLetter.Slug, organisation, coordinator.Id, now);
        db.Letters.Add(letter);
        await db.SaveChangesAsync(cancellationToken);
        var version = letter.Versions.Single();
        db.Signatures.AddRange(DemoSignatories.For(letter.SigningTerms(version.Id), coordinator.Id, now));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the demo letter at /letters/{Slug}.", DemoLetter.Slug);
    }

    /// <summary>Random each time, so no two demo installations share a password that anyone could look up.</summary>
    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        // Identity's default rules ask for a digit, a lower and an upper case letter and a symbol.
        return $"Demo-{new string(chars)}-7a";
    }

    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
    }
}
