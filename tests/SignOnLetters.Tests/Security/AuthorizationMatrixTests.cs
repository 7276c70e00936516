using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SignOnLetters.Domain;
using SignOnLetters.Tests.Infrastructure;

namespace SignOnLetters.Tests.Security;

/// <summary>Who may reach a route (pages and API): the rows of the authorisation matrix.</summary>
public enum Access
{
    /// <summary>Anyone, signed in or not.</summary>
    Public,

    /// <summary>Any signed-in account.</summary>
    SignedIn,

    /// <summary>Members of the organisation in the route (and site administrators).</summary>
    OrganisationMember,

    /// <summary>Coordinators of the organisation in the route (and site administrators).</summary>
    OrganisationCoordinator,

    /// <summary>Co-editors of the letter in the route: its lead organisation's coordinators, people invited to edit it, site administrators.</summary>
    LetterEditor,

    /// <summary>Coordinators of the letter's lead organisation (and site administrators).</summary>
    LetterLeadCoordinator,

    /// <summary>Site administrators only.</summary>
    Administrator,

    /// <summary>Only with an organisation's API key (the OSDI API): no signed-in visitor, whatever their role, gets in with a cookie.</summary>
    ApiKey,
}

public enum Persona
{
    Anonymous,
    SignedInStranger,
    CoordinatorOfAnotherOrganisation,
    Representative,
    Coordinator,
    Administrator,

    /// <summary>Invited to co-edit the letter in the route; member of no organisation.</summary>
    LetterEditor,

    /// <summary>Invited to co-edit another organisation's letter.</summary>
    EditorOfAnotherLetter,
}

/// <summary>
/// Every route of the app, every method it answers, for every kind of visitor: allowed or refused as
/// the table says. The table must name every route the app maps, so a new page or endpoint without a
/// rule fails <see cref="Should_have_a_rule_for_every_route_the_app_maps"/>.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class AuthorizationMatrixTests(SqliteSlice app) : SliceTest(app)
{
    /// <summary>Route pattern → method (page handlers as "POST Name") → who may use it.</summary>
    public static readonly IReadOnlyDictionary<string, Dictionary<string, Access>> Rules = new Dictionary<string, Dictionary<string, Access>>
    {
        ["/"] = new() { ["GET"] = Access.Public },
        ["/Index"] = new() { ["GET"] = Access.Public },
        ["/privacy"] = new() { ["GET"] = Access.Public },
        ["/Error"] = new() { ["GET"] = Access.Public },
        ["/healthz"] = new() { ["GET"] = Access.Public },
        ["/language"] = new() { ["POST"] = Access.Public },
        ["/organisations"] = new() { ["GET"] = Access.SignedIn },
        ["/organisations/new"] = new() { ["GET"] = Access.SignedIn, ["POST"] = Access.SignedIn },
        ["/organisations/{id:int}"] = new()
        {
            ["GET"] = Access.OrganisationMember,
            ["POST ChangeRole"] = Access.OrganisationCoordinator,
            ["POST Remove"] = Access.OrganisationCoordinator,
            ["POST Leave"] = Access.OrganisationMember,
        },
        ["/organisations/{id:int}/edit"] = new() { ["GET"] = Access.OrganisationCoordinator, ["POST"] = Access.OrganisationCoordinator },
        ["/organisations/{id:int}/invite"] = new() { ["GET"] = Access.OrganisationCoordinator, ["POST"] = Access.OrganisationCoordinator },
        ["/organisations/{id:int}/logo"] = new() { ["GET"] = Access.Public },
        ["/organisations/{id:int}/co-authorships"] = new()
        {
            ["GET"] = Access.OrganisationCoordinator,
            ["POST Accept"] = Access.OrganisationCoordinator,
            ["POST Decline"] = Access.OrganisationCoordinator,
        },
        ["/organisations/{id:int}/api"] = new()
        {
            ["GET"] = Access.OrganisationCoordinator,
            ["POST CreateKey"] = Access.OrganisationCoordinator,
            ["POST RevokeKey"] = Access.OrganisationCoordinator,
            ["POST AddWebhook"] = Access.OrganisationCoordinator,
            ["POST RemoveWebhook"] = Access.OrganisationCoordinator,
        },
        ["/organisations/{id:int}/signatures"] = new()
        {
            ["GET"] = Access.OrganisationCoordinator,
            ["POST Approve"] = Access.OrganisationCoordinator,
            ["POST Reject"] = Access.OrganisationCoordinator,
        },
        ["/invitations/{token}"] = new() { ["GET"] = Access.SignedIn, ["POST"] = Access.SignedIn },
        ["/letters"] = new() { ["GET"] = Access.Public },
        ["/letters/new"] = new() { ["GET"] = Access.SignedIn, ["POST"] = Access.SignedIn },
        ["/letters/{slug}"] = new() { ["GET"] = Access.Public },
        ["/letters/{slug}/edit"] = new() { ["GET"] = Access.LetterEditor, ["POST"] = Access.LetterEditor },
        ["/letters/{slug}/amend"] = new() { ["GET"] = Access.LetterEditor, ["POST"] = Access.LetterEditor },
        ["/letters/{slug}/history"] = new() { ["GET"] = Access.LetterEditor },
        ["/letters/{slug}/versions/{number:int?}"] = new() { ["GET"] = Access.Public },
        ["/letters/{slug}/manage"] = new()
        {
            ["GET"] = Access.LetterEditor,
            ["POST Invite"] = Access.LetterLeadCoordinator,
            ["POST RemoveEditor"] = Access.LetterLeadCoordinator,
            ["POST Reopen"] = Access.LetterLeadCoordinator,
            ["POST Step"] = Access.LetterLeadCoordinator,
            ["POST EmbedHosts"] = Access.LetterLeadCoordinator,
            ["POST Listing"] = Access.LetterLeadCoordinator,
        },
        ["/letters/{slug}/embed"] = new() { ["GET"] = Access.Public, ["POST"] = Access.Public },
        ["/letters/{slug}/contact"] = new() { ["GET"] = Access.Public, ["POST"] = Access.Public },
        ["/letters/{slug}/deliver"] = new()
        {
            ["GET"] = Access.LetterLeadCoordinator,
            ["POST Preview"] = Access.LetterLeadCoordinator,
            ["POST Send"] = Access.LetterLeadCoordinator,
        },
        ["/letters/{slug}/updates"] = new() { ["GET"] = Access.LetterLeadCoordinator, ["POST"] = Access.LetterLeadCoordinator },
        ["/signatures/unsubscribe/{token}"] = new() { ["GET"] = Access.Public, ["POST"] = Access.Public },
        ["/invitations/stop-reminders/{token}"] = new() { ["GET"] = Access.Public, ["POST"] = Access.Public },
        ["/letter-invitations/{token}"] = new() { ["GET"] = Access.SignedIn, ["POST"] = Access.SignedIn },
        ["/api/letters/{slug}"] = new() { ["GET"] = Access.Public },
        ["/letters/{slug}/sign"] = new() { ["GET"] = Access.Public, ["POST"] = Access.Public },
        ["/letters/{slug}/signatories"] = new() { ["GET"] = Access.Public },
        ["/letters/{slug}/sign/resend"] = new() { ["GET"] = Access.Public, ["POST"] = Access.Public },
        ["/letters/{slug}/moderation"] = new()
        {
            ["GET"] = Access.LetterLeadCoordinator,
            ["POST Approve"] = Access.LetterLeadCoordinator,
            ["POST Reject"] = Access.LetterLeadCoordinator,
            ["POST Verify"] = Access.LetterLeadCoordinator,
        },
        ["/letters/{slug}/signatures.csv"] = new() { ["GET"] = Access.LetterLeadCoordinator },
        ["/letters/{slug}/signatures.xlsx"] = new() { ["GET"] = Access.LetterLeadCoordinator },
        ["/letters/{slug}/letter.docx"] = new() { ["GET"] = Access.LetterEditor },
        ["/letters/{slug}/signatures"] = new() { ["GET"] = Access.LetterLeadCoordinator },
        ["/letters/{slug}/signatures/paper"] = new() { ["GET"] = Access.LetterLeadCoordinator, ["POST"] = Access.LetterLeadCoordinator },
        ["/letters/{slug}/signatures/import"] = new()
        {
            ["GET"] = Access.LetterLeadCoordinator,
            ["POST Upload"] = Access.LetterLeadCoordinator,
            ["POST Import"] = Access.LetterLeadCoordinator,
        },
        ["/letters/{slug}/signatures/{signatureId:int}/erase"] = new() { ["GET"] = Access.LetterLeadCoordinator, ["POST"] = Access.LetterLeadCoordinator },
        ["/letters/{slug}/close"] = new() { ["GET"] = Access.LetterEditor, ["POST"] = Access.LetterLeadCoordinator },
        ["/letters/{slug}/signatures/{signatureId:int}"] = new()
        {
            ["GET"] = Access.LetterLeadCoordinator,
            ["POST Erase"] = Access.LetterLeadCoordinator,
            ["POST Merge"] = Access.LetterLeadCoordinator,
        },
        ["/letters/{slug}/invitations"] = new()
        {
            ["GET"] = Access.LetterLeadCoordinator,
            ["POST Invite"] = Access.LetterLeadCoordinator,
            ["POST Import"] = Access.LetterLeadCoordinator,
            ["POST Remind"] = Access.LetterLeadCoordinator,
        },
        ["/letters/{slug}/invited/{token}"] = new() { ["GET"] = Access.Public, ["POST"] = Access.Public },
        ["/letters/{slug}/signatures/aliases"] = new()
        {
            ["GET"] = Access.LetterLeadCoordinator,
            ["POST Add"] = Access.LetterLeadCoordinator,
            ["POST Remove"] = Access.LetterLeadCoordinator,
        },
        ["/signatures/confirm/{token}"] = new() { ["GET"] = Access.Public, ["POST"] = Access.Public },
        ["/signatures/withdraw/{token}"] = new() { ["GET"] = Access.Public, ["POST"] = Access.Public },
        ["/api/letters/{slug}/signatures"] = new() { ["POST"] = Access.Public },
        ["/api/letters/{slug}/signatories"] = new() { ["GET"] = Access.Public },
        ["/letters/{slug}/pdf"] = new() { ["GET"] = Access.LetterEditor },
        ["/letters/{slug}/pdf/options"] = new() { ["GET"] = Access.LetterLeadCoordinator, ["POST"] = Access.LetterLeadCoordinator },
        ["/l/{code}"] = new() { ["GET"] = Access.Public },
        ["/letters/{slug}/qr.{format:regex(^(png|svg)$)}"] = new() { ["GET"] = Access.LetterEditor },
        ["/letters/{slug}/backup"] = new() { ["GET"] = Access.LetterLeadCoordinator },
        ["/admin/import"] = new() { ["GET"] = Access.Administrator, ["POST"] = Access.Administrator },
        ["/letters/{slug}/verify"] = new() { ["GET"] = Access.Public, ["POST Head"] = Access.Public, ["POST Receipt"] = Access.Public },
        ["/api/letters/{slug}/record"] = new() { ["GET"] = Access.Public },
        ["/api/osdi/v1/"] = new() { ["GET"] = Access.ApiKey },
        ["/api/osdi/v1/petitions"] = new() { ["GET"] = Access.ApiKey },
        ["/api/osdi/v1/petitions/{id}"] = new() { ["GET"] = Access.ApiKey },
        ["/api/osdi/v1/petitions/{id}/signatures"] = new() { ["GET"] = Access.ApiKey },
        ["/api/osdi/v1/petitions/{id}/signatures/{signatureId}"] = new() { ["GET"] = Access.ApiKey },
    };

    /// <summary>ASP.NET Core Identity's own pages: public, except managing one's account.</summary>
    private static Access? IdentityRule(string route) =>
        route.StartsWith("/Identity/Account/Manage", StringComparison.OrdinalIgnoreCase) ? Access.SignedIn
        : route.StartsWith("/Identity/", StringComparison.OrdinalIgnoreCase) ? Access.Public
        : null;

    [Fact]
    public void Should_have_a_rule_for_every_route_the_app_maps()
    {
        var routes = App.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Distinct()
            .ToList();

        Assert.NotEmpty(routes);
        var unruled = routes.Where(r => !Rules.ContainsKey(r) && IdentityRule(r) is null).ToList();
        Assert.True(unruled.Count == 0, "Routes without an authorisation rule: " + string.Join(", ", unruled));
        var stale = Rules.Keys.Where(r => !routes.Contains(r)).ToList();
        Assert.True(stale.Count == 0, "Rules for routes the app no longer maps: " + string.Join(", ", stale));
    }

    public static TheoryData<string, string> Probes()
    {
        var data = new TheoryData<string, string>();
        foreach (var (route, methods) in Rules)
            foreach (var method in methods.Keys)
                data.Add(route, method);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Probes))]
    public async Task Should_allow_exactly_the_visitors_the_rule_names(string route, string method)
    {
        var access = Rules[route][method];
        var world = await World.CreateAsync(App);
        var path = route.Replace("{id:int}", world.Organisation.Id.ToString())
            .Replace("{slug}", World.LetterSlug)
            .Replace("{signatureId:int}", world.SignatureId.ToString())
            .Replace("{signatureId}", "1")
            .Replace("{id}", World.LetterSlug)
            .Replace("{number:int?}", "1")
            .Replace("{code}", world.ShortCode)
            .Replace("{format:regex(^(png|svg)$)}", "svg")
            .Replace("{token}", route.StartsWith("/letter-invitations") ? world.LetterInvitationToken
                : route.Contains("/invited/") ? world.PartnerInvitationToken : world.InvitationToken)
            + (route.EndsWith("/embed", StringComparison.Ordinal) ? $"?host={World.EmbedHost}" : "");
        if (route == "/organisations/{id:int}/logo")
            await App.ExecuteDbContextAsync(async db =>
            {
                var organisation = await db.Organisations.SingleAsync(o => o.Id == world.Organisation.Id);
                organisation.ReplaceLogo(new OrganisationLogo([0x89, 0x50, 0x4E, 0x47], 1, 1));
                await db.SaveChangesAsync();
            });

        // Refused visitors first: an allowed POST may change what the next visitor finds.
        foreach (var persona in Enum.GetValues<Persona>().OrderBy(p => IsAllowed(access, p)))
        {
            var browser = await world.BrowserForAsync(persona);
            var response = await SendAsync(browser, method, path);
            var refused = IsRefusal(response);
            Assert.True(refused != IsAllowed(access, persona),
                $"{method} {route} as {persona}: expected {(IsAllowed(access, persona) ? "allowed" : "refused")}, got {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    private static bool IsAllowed(Access access, Persona persona) => access switch
    {
        Access.Public => true,
        Access.SignedIn => persona != Persona.Anonymous,
        Access.OrganisationMember => persona is Persona.Representative or Persona.Coordinator or Persona.Administrator,
        Access.OrganisationCoordinator => persona is Persona.Coordinator or Persona.Administrator,
        Access.LetterEditor => persona is Persona.Coordinator or Persona.LetterEditor or Persona.Administrator,
        Access.LetterLeadCoordinator => persona is Persona.Coordinator or Persona.Administrator,
        Access.Administrator => persona is Persona.Administrator,
        Access.ApiKey => false,
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    private static bool IsRefusal(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        return response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized
               || (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
                   && (location.Contains("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase)
                       || location.Contains("/Identity/Account/AccessDenied", StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task<HttpResponseMessage> SendAsync(BrowserlessClient browser, string method, string path)
    {
        if (method == "GET")
            return await browser.Http.GetAsync(path);
        // A valid antiforgery token for this visitor, so refusals come from authorisation, not from a missing token.
        var (_, login) = await browser.GetAsync("/Identity/Account/Login");
        var token = (login.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement)!.Value;
        var handler = method.Split(' ') is [_, var name] ? $"?handler={name}" : string.Empty;
        return await browser.Http.PostAsync(path + handler, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>An organisation with a coordinator and a representative, another organisation, a stranger and an administrator.</summary>
    private sealed class World
    {
        private const string Password = "Matrix-Password-1";
        private readonly Dictionary<Persona, string> _emails = [];
        private SliceFixture _app = null!;

        public Organisation Organisation { get; private set; } = null!;

        /// <summary>A real invitation link's token, so signed-in visitors meet the invitation, not a 404.</summary>
        public string InvitationToken { get; private set; } = null!;

        public const string LetterSlug = "matrix-letter";

        /// <summary>The host the letter's sign form may be embedded on.</summary>
        public const string EmbedHost = "partner.example";

        /// <summary>A real partner invitation's link token for the letter.</summary>
        public string PartnerInvitationToken { get; private set; } = null!;

        /// <summary>A signature on the letter, entered on paper by its coordinator.</summary>
        public int SignatureId { get; private set; }

        /// <summary>The letter's short link code (<c>/l/{code}</c>).</summary>
        public string ShortCode { get; private set; } = null!;

        /// <summary>A real invitation to co-edit the letter.</summary>
        public string LetterInvitationToken { get; private set; } = null!;

        public static async Task<World> CreateAsync(SliceFixture app)
        {
            var world = new World { _app = app };
            foreach (var persona in Enum.GetValues<Persona>().Where(p => p != Persona.Anonymous))
            {
                var email = persona == Persona.Administrator ? SliceFixture.AdministratorEmail : $"{persona.ToString().ToLowerInvariant()}@example.org";
                world._emails[persona] = email;
                await app.CreateUserAsync(email, password: Password);
            }
            await app.ExecuteScopeAsync(sp => sp.GetRequiredService<SignOnLetters.Web.Infrastructure.Seeding.AdministratorSetup>().ApplyAsync());
            await app.ExecuteDbContextAsync(async db =>
            {
                var users = await db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id);
                var now = app.Clock.GetUtcNow().UtcDateTime;
                var organisation = Organisation.Create("Matrix Network", "NL", null, users[world._emails[Persona.Coordinator]], now);
                organisation.AddMember(users[world._emails[Persona.Representative]], OrganisationRole.Representative, now);
                db.Organisations.Add(organisation);
                db.Organisations.Add(Organisation.Create("Other Network", "BE", null, users[world._emails[Persona.CoordinatorOfAnotherOrganisation]], now));
                var (token, hash) = SignOnLetters.Web.Infrastructure.Security.SecureToken.Create();
                db.OrganisationInvitations.Add(OrganisationInvitation.Create(organisation, "invitee@example.org", OrganisationRole.Representative,
                    hash, users[world._emails[Persona.Coordinator]], now));
                world.InvitationToken = token;
                await db.SaveChangesAsync();
                world.Organisation = organisation;
            });
            await world.CreateLettersAsync(app);
            return world;
        }

        /// <summary>An open letter led by the organisation, with an invited co-editor; another organisation's draft with its own.</summary>
        private async Task CreateLettersAsync(SliceFixture app)
        {
            var users = await app.ExecuteDbContextAsync(db => db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id));
            var coordinator = await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Email == _emails[Persona.Coordinator]));
            app.RunAs(coordinator);
            await app.SendAsync(new SignOnLetters.Web.Pages.Letters.Create.Command { LeadOrganisationId = Organisation.Id, Title = "Matrix letter", LanguageCode = "en", Slug = LetterSlug });
            await app.SendAsync(await SignOnLetters.Tests.Infrastructure.LetterTestData.ReadyEditAsync(app, LetterSlug));
            await app.SendAsync(new SignOnLetters.Web.Pages.Letters.Manage.ChangeStatus(LetterSlug, SignOnLetters.Web.Pages.Letters.Manage.LetterStep.Open,
                await SignOnLetters.Tests.Infrastructure.LetterTestData.ChangeCountAsync(app, LetterSlug)));
            var otherCoordinator = await app.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Email == _emails[Persona.CoordinatorOfAnotherOrganisation]));
            var otherOrganisation = await app.ExecuteDbContextAsync(db => db.Organisations.SingleAsync(o => o.Name == "Other Network"));
            app.RunAs(otherCoordinator);
            await app.SendAsync(new SignOnLetters.Web.Pages.Letters.Create.Command { LeadOrganisationId = otherOrganisation.Id, Title = "Other letter", LanguageCode = "en", Slug = "other-letter" });
            app.RunAs(null);

            await app.ExecuteDbContextAsync(async db =>
            {
                var now = app.Clock.GetUtcNow().UtcDateTime;
                var letter = await db.Letters.Include(l => l.Editors).SingleAsync(l => l.Slug == LetterSlug);
                letter.AddEditor(users[_emails[Persona.LetterEditor]], now);
                letter.SetEmbedHosts([EmbedHost], users[_emails[Persona.Coordinator]], now);
                var other = await db.Letters.Include(l => l.Editors).SingleAsync(l => l.Slug == "other-letter");
                other.AddEditor(users[_emails[Persona.EditorOfAnotherLetter]], now);
                var (token, hash) = SignOnLetters.Web.Infrastructure.Security.SecureToken.Create();
                db.Add(SignOnLetters.Domain.Letters.LetterEditorInvitation.Create(letter, "new-editor@example.org", hash, users[_emails[Persona.Coordinator]], now));
                LetterInvitationToken = token;
                ShortCode = letter.ShortCode;
                var versionId = await db.LetterVersions.Where(v => v.LetterId == letter.Id).Select(v => v.Id).SingleAsync();
                var signature = SignOnLetters.Domain.Signatures.LetterSigning.SigningTerms(letter, versionId).SignOnPaper(
                    new SignOnLetters.Domain.Signatures.SignerDetails(SignOnLetters.Domain.Signatures.SignerKind.Individual, null, "NL", "Matrix Signer",
                        null, null, "signer@example.org", SignOnLetters.Domain.Signatures.SignatureVisibility.NameAndOrganisation, false),
                    users[_emails[Persona.Coordinator]], now);
                db.Signatures.Add(signature);
                var (partnerToken, partnerHash) = SignOnLetters.Web.Infrastructure.Security.SecureToken.Create();
                db.Add(SignOnLetters.Domain.Signatures.PartnerInvitation.Create(letter.Id, "Partner Network", "partner@example.org", null, partnerHash,
                    users[_emails[Persona.Coordinator]], now));
                PartnerInvitationToken = partnerToken;
                await db.SaveChangesAsync();
                SignatureId = signature.Id;
            });
        }

        public async Task<BrowserlessClient> BrowserForAsync(Persona persona)
        {
            var browser = BrowserlessClient.For(_app);
            if (persona == Persona.Anonymous)
                return browser;
            var signedIn = await browser.SubmitFormAsync("/Identity/Account/Login", new Dictionary<string, string>
            {
                ["Input.Email"] = _emails[persona],
                ["Input.Password"] = Password,
            }, "form#account");
            BrowserlessClient.AssertRedirect(signedIn);
            return browser;
        }
    }
}
