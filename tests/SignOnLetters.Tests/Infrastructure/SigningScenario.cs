using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Letters;
using SignOnLetters.Web.Pages.Letters;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>Letters to sign and sign commands, for the signature slice tests.</summary>
internal static class SigningScenario
{
    public const string Slug = "end-the-war-on-drugs";
    public const string Title = "End the war on drugs";

    /// <summary>An open letter (or one taken on to <paramref name="status"/>) led by a new organisation.</summary>
    public static async Task<(Letter Letter, ApplicationUser Coordinator, Organisation Organisation)> OpenLetterAsync(
        SliceFixture app, LetterSettings? settings = null, LetterStatus status = LetterStatus.Open, string slug = Slug, IReadOnlyList<int>? coAuthorIds = null)
    {
        var (coordinator, organisation) = await app.CreateOrganisationAsync($"Lead of {slug}", coordinatorEmail: $"coordinator-{slug}@example.org");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var letter = await app.ExecuteDbContextAsync(async db =>
        {
            var lead = await db.Organisations.SingleAsync(o => o.Id == organisation.Id);
            var created = Letter.CreateDraft(LetterKind.SignOnLetter, slug, lead, new LetterText("en", Title, ""), coordinator.Id, now);
            created.EditDraft(LetterRuleTests.ReadyDraft(null, new LetterText("en", Title, "Dear Minister, we write to you.")) with
            {
                Settings = settings ?? new LetterSettings(WhoMaySign.OrganisationsAndIndividuals, ModerationMode.Automatic, false),
                CoAuthorOrganisationIds = coAuthorIds ?? [],
            }, coordinator.Id, now);
            if (status != LetterStatus.Draft)
                created.Open(coordinator.Id, now);
            if (status is LetterStatus.Closed or LetterStatus.Delivered or LetterStatus.Archived)
                created.Close(coordinator.Id, now);
            if (status is LetterStatus.Delivered)
                created.MarkDelivered(coordinator.Id, now);
            if (status is LetterStatus.Archived)
                created.Archive(coordinator.Id, now);
            db.Letters.Add(created);
            await db.SaveChangesAsync();
            return created;
        });
        app.RunAs(null);
        return (letter, coordinator, organisation);
    }

    public static Sign.Command Organisation(string organisation = "Médecins du Monde", string email = "ana@example.org", string slug = Slug) => new()
    {
        Slug = slug,
        Kind = SignerKind.Organisation,
        OrganisationName = organisation,
        CountryCode = "FR",
        SignerName = "Ana Silva",
        Role = "Director",
        Email = email,
        Visibility = SignatureVisibility.NameAndOrganisation,
        Consent = true,
    };

    public static Sign.Command Individual(string name = "Rui Costa", string email = "rui@example.org") => new()
    {
        Slug = Slug,
        Kind = SignerKind.Individual,
        CountryCode = "PT",
        SignerName = name,
        Email = email,
        Visibility = SignatureVisibility.NameAndOrganisation,
        Consent = true,
    };

    /// <summary>The letter's signing terms on its published version, for tests that build signatures directly.</summary>
    public static async Task<SigningTerms> TermsAsync(SliceFixture app, Letter letter) =>
        letter.SigningTerms(await app.ExecuteDbContextAsync(db =>
            db.LetterVersions.Where(v => v.LetterId == letter.Id).Select(v => v.Id).SingleAsync()));

    public static Task<List<Signature>> SignaturesAsync(SliceFixture app) =>
        app.ExecuteDbContextAsync(db => db.Signatures.AsNoTracking().Include(s => s.Events).OrderBy(s => s.Id).ToListAsync());

    /// <summary>The path of a link from the latest e-mail to <paramref name="address"/> ("/signatures/confirm/...").</summary>
    public static string LinkPath(SliceFixture app, string address, string fragment) =>
        new Uri(Infrastructure.EmailBox.LinkContaining(app.Emails.LatestTo(address), fragment)).PathAndQuery;

    /// <summary>Closes and delivers an open letter directly (after its signatures were collected), so that its PDF is public.</summary>
    public static Task CloseAndDeliverAsync(SliceFixture app, int letterId, string coordinatorId) =>
        app.ExecuteDbContextAsync(async db =>
        {
            var loaded = await db.Letters.SingleAsync(l => l.Id == letterId);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            loaded.Close(coordinatorId, now);
            loaded.MarkDelivered(coordinatorId, now);
            await db.SaveChangesAsync();
        });

    /// <summary>Signs anonymously and follows the confirmation link; returns the (latest) signature's id.</summary>
    public static async Task<int> SignAndConfirmAsync(SliceFixture app, Sign.Command command)
    {
        app.RunAs(null);
        await app.SendAsync(command);
        await app.SendAsync(new Web.Pages.Signing.Confirm.Command(Token(LinkPath(app, command.Email!, "/signatures/confirm/"))));
        return (await SignaturesAsync(app)).Last(s => s.Email == command.Email).Id;
    }

    /// <summary>A signature built directly and confirmed <paramref name="minutes"/> after the test clock's time, counted at once.</summary>
    public static Signature Approved(SliceFixture app, SigningTerms terms, Sign.Command command, int minutes)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(minutes);
        var signature = terms.Sign(command.Details, SignatureSource.PublicForm, NewTokens(), now);
        signature.Confirm(ModerationMode.Automatic, now);
        return signature;
    }

    /// <summary>Signatures built directly (<see cref="Approved"/>, a minute apart) and saved through EF at once, as an import or a paper entry saves them.</summary>
    public static async Task AddApprovedAsync(SliceFixture app, Letter letter, params Sign.Command[] commands)
    {
        var terms = await TermsAsync(app, letter);
        await app.ExecuteDbContextAsync(async db =>
        {
            for (var i = 0; i < commands.Length; i++)
                db.Signatures.Add(Approved(app, terms, commands[i], i + 1));
            await db.SaveChangesAsync();
        });
    }

    /// <summary>Fresh confirmation and withdraw hashes, for signatures built directly.</summary>
    public static ConfirmationTokens NewTokens() => new(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));

    public static string Token(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>A sign command as a partner's form posts it to <c>POST /api/letters/{slug}/signatures</c>.</summary>
    internal static object Json(Sign.Command command) => new
    {
        kind = command.Kind.ToString().ToLowerInvariant(), command.OrganisationName, command.CountryCode, command.SignerName, command.Role,
        command.Email, command.Website, visibility = command.Visibility.ToString(), command.Consent, command.KeepMeUpdated,
    };
}
