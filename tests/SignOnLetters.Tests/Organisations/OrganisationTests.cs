using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Organisations;
using SkiaSharp;

namespace SignOnLetters.Tests.Organisations;

public abstract class OrganisationTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_create_organisation_with_creator_as_coordinator()
    {
        var creator = await App.RunAsNewUserAsync("founder@example.org");

        var id = await App.SendAsync(new Create.Command { Name = "  Réseau Africain des Usagers  ", CountryCode = "sn", Website = "https://example.sn" });

        var organisation = await App.ExecuteDbContextAsync(db => db.Organisations.Include(o => o.Memberships).SingleAsync(o => o.Id == id));
        Assert.Equal("Réseau Africain des Usagers", organisation.Name);
        Assert.Equal(NameNormalizer.Normalize("RESEAU AFRICAIN DES USAGERS"), organisation.NormalizedName);
        Assert.Equal("SN", organisation.CountryCode);
        var membership = Assert.Single(organisation.Memberships);
        Assert.Equal(creator.Id, membership.UserId);
        Assert.Equal(OrganisationRole.Coordinator, membership.Role);
    }

    public static TheoryData<string, string, string?, string> HostileOrganisationInput => new()
    {
        { new string('A', 8 * 1024), "NL", null, "too long" },
        { "<script>alert(1)</script>", "NL", null, "cannot contain < or >" },
        { "Good\u202Egnp.exe Network", "NL", null, "direction-changing" },
        { "Zero\u200Bwidth Network", "NL", null, "invisible" },
        { "\u200B\u200B\u200B", "NL", null, "invisible" },
        { "Z\u0301\u0302\u0303\u0304\u0305\u0306algo", "NL", null, "accents" },
        { "Bell\u0007Network", "NL", null, "cannot be shown" },
        { "   ", "NL", null, "must not be empty" },
        { "Valid Name", "XX", null, "country from the list" },
        { "Valid Name", "", null, "Choose a country" },
        { "Valid Name", "NL", "javascript:alert(1)", "web address" },
        { "Valid Name", "NL", "not a url", "web address" },
        { "Global Network of People Who Us\u0435 Drugs", "NL", null, "one alphabet" }, // a Cyrillic е (issue 18)
    };

    [SkippableTheory]
    [MemberData(nameof(HostileOrganisationInput))]
    public async Task Should_reject_hostile_organisation_input_and_store_nothing(string name, string country, string? website, string expectedMessage)
    {
        await App.RunAsNewUserAsync("founder@example.org");

        var failure = await Assert.ThrowsAnyAsync<ValidationException>(() =>
            App.SendAsync(new Create.Command { Name = name, CountryCode = country, Website = website }));

        Assert.Contains(failure.Errors, e => e.ErrorMessage.Contains(expectedMessage, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.Organisations.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_accept_names_in_every_script()
    {
        await App.RunAsNewUserAsync("founder@example.org");
        string[] names = ["Сеть людей, употребляющих наркотики", "الشبكة العربية للحد من الضرر", "中国减害网络", "भारतीय नेटवर्क",
            "Ελληνικό Δίκτυο", "רשת ישראלית", "شبکه\u200Cی ایران", "Việt Nam Mạng lưới", "Red 🌈 Latina", "Réseau 日本", "日本のネットワーク", "한국 네트워크"];

        foreach (var (name, index) in names.Select((n, i) => (n, i)))
            await App.SendAsync(new Create.Command { Name = name, CountryCode = "FR" });

        Assert.Equal(names.Length, await App.ExecuteDbContextAsync(db => db.Organisations.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_reject_second_organisation_with_same_name_ignoring_case_accents_and_punctuation()
    {
        await App.RunAsNewUserAsync("one@example.org");
        await App.SendAsync(new Create.Command { Name = "Médecins du Monde", CountryCode = "FR" });
        await App.RunAsNewUserAsync("two@example.org");

        var failure = await Assert.ThrowsAnyAsync<ValidationException>(() =>
            App.SendAsync(new Create.Command { Name = "MEDECINS-DU-MONDE", CountryCode = "FR" }));

        Assert.Contains(failure.Errors, e => e.PropertyName == "Name" && e.ErrorMessage.Contains("already registered"));
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.Organisations.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_store_exactly_one_organisation_when_the_same_name_is_created_concurrently()
    {
        var users = new List<ApplicationUser>();
        for (var i = 0; i < 8; i++)
            users.Add(await App.CreateUserAsync($"racer{i}@example.org"));

        var attempts = users.Select(user => Task.Run(async () =>
        {
            try
            {
                await App.SendAsAsync(user, new Create.Command { Name = "Racing Network", CountryCode = "DE" });
                return true;
            }
            catch (ValidationException)
            {
                return false;
            }
        }));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(succeeded => succeeded));
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.Organisations.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_reencode_an_uploaded_logo_as_a_downscaled_png()
    {
        await App.RunAsNewUserAsync("founder@example.org");
        var jpeg = Images.Jpeg(1600, 800);

        var id = await App.SendAsync(new Create.Command { Name = "Logo Network", CountryCode = "KE", Logo = Images.Upload(jpeg, "logo.jpg") });

        var organisation = await App.ExecuteDbContextAsync(db => db.Organisations.SingleAsync(o => o.Id == id));
        Assert.NotNull(organisation.Logo);
        Assert.Equal((512, 256), (organisation.Logo.Width, organisation.Logo.Height));
        using var decoded = SKBitmap.Decode(organisation.Logo.Png);
        Assert.Equal(512, decoded.Width);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, organisation.Logo.Png[..4]);
    }

    public static TheoryData<string, string> HostileLogos => new()
    {
        { "not-an-image", "not a PNG or JPEG" },
        { "svg", "SVG" },
        { "gif", "PNG or JPEG" },
        { "oversized-20mb", "limit is 2 MB" },
        { "bomb-30000", "megapixels" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileLogos))]
    public async Task Should_reject_a_logo_that_is_not_a_safe_image_and_store_nothing(string kind, string expectedMessage)
    {
        await App.RunAsNewUserAsync("founder@example.org");
        var upload = kind switch
        {
            "not-an-image" => Images.Upload(Encoding.UTF8.GetBytes("MZ\x90\0 this is an executable, not a picture"), "logo.png"),
            "svg" => Images.Upload(Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"), "logo.svg"),
            "gif" => Images.Upload(Images.Encode(SKEncodedImageFormat.Gif, 10, 10) is { Length: > 0 } gif ? gif : Encoding.ASCII.GetBytes("GIF89a\x01\0\x01\0\0\0\0;"), "logo.gif"),
            "oversized-20mb" => Images.Upload(new byte[20 * 1024 * 1024], "logo.png"),
            "bomb-30000" => Images.Upload(Images.PngHeaderClaiming(30_000, 30_000), "logo.png"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var failure = await Assert.ThrowsAnyAsync<ValidationException>(() =>
            App.SendAsync(new Create.Command { Name = "Logo Network", CountryCode = "KE", Logo = upload }));

        Assert.Contains(failure.Errors, e => e.PropertyName == "Logo" && e.ErrorMessage.Contains(expectedMessage, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, await App.ExecuteDbContextAsync(db => db.Organisations.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_not_let_a_member_of_one_organisation_edit_or_view_another()
    {
        var (_, other) = await App.CreateOrganisationAsync("Other Network", "BR");
        await App.CreateOrganisationAsync("My Network", "AR");

        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(new Edit.Command { Id = other.Id, Name = "Hijacked", CountryCode = "BR" }));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Details.Query(other.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            App.SendAsync(new Invite.Command { OrganisationId = other.Id, Email = "spy@example.org" }));

        var stored = await App.FindAsync<Organisation>(other.Id);
        Assert.Equal("Other Network", stored!.Name);
        Assert.Empty(App.Emails.All());
    }

    [SkippableFact]
    public async Task Should_not_let_a_representative_manage_their_own_organisation()
    {
        var (coordinator, organisation) = await App.CreateOrganisationAsync();
        var representative = await App.CreateUserAsync("rep@example.org");
        await App.ExecuteDbContextAsync(async db =>
        {
            var loaded = await db.Organisations.Include(o => o.Memberships).SingleAsync(o => o.Id == organisation.Id);
            loaded.AddMember(representative.Id, OrganisationRole.Representative, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        App.RunAs(representative);

        await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(new Edit.Command { Id = organisation.Id, Name = "Renamed", CountryCode = "GB" }));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(new Details.ChangeRole(organisation.Id, representative.Id, OrganisationRole.Coordinator)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            App.SendAsync(new Details.RemoveMember(organisation.Id, coordinator.Id)));
        var details = await App.SendAsync(new Details.Query(organisation.Id));
        Assert.False(details.CanManage);
        Assert.Empty(details.Invitations);

        var membership = await App.ExecuteDbContextAsync(db => db.OrganisationMemberships.SingleAsync(m => m.UserId == representative.Id));
        Assert.Equal(OrganisationRole.Representative, membership.Role);
    }

    [SkippableFact]
    public async Task Should_invite_by_email_and_add_the_member_once_the_link_is_accepted()
    {
        var (_, organisation) = await App.CreateOrganisationAsync("Eurasian Harm Reduction Association", "LT");

        await App.SendAsync(new Invite.Command { OrganisationId = organisation.Id, Email = "New.Member@Example.org", Role = OrganisationRole.Coordinator, Message = "Welcome aboard" });

        var mail = App.Emails.LatestTo("New.Member@Example.org");
        Assert.Contains("Eurasian Harm Reduction Association", mail.Subject);
        var link = EmailBox.LinkContaining(mail, "/invitations/");
        var token = link[(link.LastIndexOf('/') + 1)..];
        var stored = await App.ExecuteDbContextAsync(db => db.OrganisationInvitations.SingleAsync());
        Assert.NotEqual(token, stored.TokenHash);
        Assert.DoesNotContain(token, stored.TokenHash);

        var invitee = await App.RunAsNewUserAsync("new.member@example.org");
        var preview = await App.SendAsync(new SignOnLetters.Web.Pages.Memberships.AcceptInvitation.Query(token));
        Assert.NotNull(preview);
        Assert.Null(preview.Problem);
        var joined = await App.SendAsync(new SignOnLetters.Web.Pages.Memberships.AcceptInvitation.Command(token));

        Assert.Equal(organisation.Id, joined);
        var membership = await App.ExecuteDbContextAsync(db => db.OrganisationMemberships.SingleAsync(m => m.UserId == invitee.Id));
        Assert.Equal(OrganisationRole.Coordinator, membership.Role);
    }

    [SkippableFact]
    public async Task Should_refuse_an_invitation_link_used_twice_expired_or_forged()
    {
        var (_, organisation) = await App.CreateOrganisationAsync();
        await App.SendAsync(new Invite.Command { OrganisationId = organisation.Id, Email = "a@example.org" });
        await App.SendAsync(new Invite.Command { OrganisationId = organisation.Id, Email = "b@example.org" });
        var tokenA = TokenFrom(App.Emails.LatestTo("a@example.org"));
        var tokenB = TokenFrom(App.Emails.LatestTo("b@example.org"));

        await App.RunAsNewUserAsync("a@example.org");
        await App.SendAsync(new SignOnLetters.Web.Pages.Memberships.AcceptInvitation.Command(tokenA));
        var second = await App.RunAsNewUserAsync("someone-else@example.org");
        var reused = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new SignOnLetters.Web.Pages.Memberships.AcceptInvitation.Command(tokenA)));
        Assert.Contains("already been used", reused.Message);

        App.Clock.Advance(OrganisationInvitation.Lifetime + TimeSpan.FromMinutes(1));
        var expired = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new SignOnLetters.Web.Pages.Memberships.AcceptInvitation.Command(tokenB)));
        Assert.Contains("expired", expired.Message);
        Assert.Equal("This invitation has expired. Ask the organisation's coordinator for a new one.",
            (await App.SendAsync(new SignOnLetters.Web.Pages.Memberships.AcceptInvitation.Query(tokenB)))!.Problem);

        foreach (var forged in new[] { "", "x", tokenB[..^1] + (tokenB[^1] == 'A' ? 'B' : 'A'), new string('A', 43), "../../etc/passwd", "<script>", new string('z', 10_000) })
        {
            Assert.Null(await App.SendAsync(new SignOnLetters.Web.Pages.Memberships.AcceptInvitation.Query(forged)));
            await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new SignOnLetters.Web.Pages.Memberships.AcceptInvitation.Command(forged)));
        }

        Assert.False(await App.ExecuteDbContextAsync(db => db.OrganisationMemberships.AnyAsync(m => m.UserId == second.Id)));
        Assert.Equal(2, await App.ExecuteDbContextAsync(db => db.OrganisationMemberships.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_reject_invalid_or_duplicate_invitations_and_send_nothing()
    {
        var (coordinator, organisation) = await App.CreateOrganisationAsync();
        await App.SendAsync(new Invite.Command { OrganisationId = organisation.Id, Email = "once@example.org" });

        foreach (var email in new[] { "", "not-an-email", "a@b", "spaces in@example.org", "<script>@example.org", new string('a', 300) + "@example.org" })
            await Assert.ThrowsAnyAsync<ValidationException>(() => App.SendAsync(new Invite.Command { OrganisationId = organisation.Id, Email = email }));
        var again = await Assert.ThrowsAsync<DomainRuleException>(() =>
            App.SendAsync(new Invite.Command { OrganisationId = organisation.Id, Email = "ONCE@example.org" }));
        Assert.Contains("already been invited", again.Message);
        var member = await Assert.ThrowsAsync<DomainRuleException>(() =>
            App.SendAsync(new Invite.Command { OrganisationId = organisation.Id, Email = coordinator.Email! }));
        Assert.Contains("already a member", member.Message);

        Assert.Single(App.Emails.All());
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.OrganisationInvitations.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_keep_at_least_one_coordinator()
    {
        var (coordinator, organisation) = await App.CreateOrganisationAsync();

        var leaving = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Details.Leave(organisation.Id)));
        var demoting = await Assert.ThrowsAsync<DomainRuleException>(() =>
            App.SendAsync(new Details.ChangeRole(organisation.Id, coordinator.Id, OrganisationRole.Representative)));

        Assert.Contains("at least one coordinator", leaving.Message);
        Assert.Contains("at least one coordinator", demoting.Message);
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.OrganisationMemberships.CountAsync(m => m.Role == OrganisationRole.Coordinator)));
    }

    [SkippableFact]
    public async Task Should_let_a_user_belong_to_several_organisations_and_leave_one()
    {
        var (coordinator, first) = await App.CreateOrganisationAsync("First Network", "PT");
        var second = await App.SendAsync(new Create.Command { Name = "Second Network", CountryCode = "ES" });
        var colleague = await App.CreateUserAsync("colleague@example.org");
        await App.ExecuteDbContextAsync(async db =>
        {
            var loaded = await db.Organisations.Include(o => o.Memberships).SingleAsync(o => o.Id == first.Id);
            loaded.AddMember(colleague.Id, OrganisationRole.Coordinator, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        var mine = await App.SendAsync(new SignOnLetters.Web.Pages.Organisations.Index.Query());
        Assert.Equal(["First Network", "Second Network"], mine.Memberships.Select(m => m.Name));

        await App.SendAsync(new Details.Leave(first.Id));
        mine = await App.SendAsync(new SignOnLetters.Web.Pages.Organisations.Index.Query());
        Assert.Equal(["Second Network"], mine.Memberships.Select(m => m.Name));
        Assert.Equal(second, mine.Memberships.Single().OrganisationId);
    }

    private static string TokenFrom(MimeKit.MimeMessage mail)
    {
        var link = EmailBox.LinkContaining(mail, "/invitations/");
        return link[(link.LastIndexOf('/') + 1)..];
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OrganisationTestsOnSqlite(SqliteSlice app) : OrganisationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class OrganisationTestsOnPostgres(PostgresSlice app) : OrganisationTests(app);

internal static class Images
{
    public static byte[] Jpeg(int width, int height) => Encode(SKEncodedImageFormat.Jpeg, width, height);

    public static byte[] Encode(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.DarkGreen);
            using var paint = new SKPaint { Color = SKColors.White };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data?.ToArray() ?? [];
    }

    /// <summary>A valid PNG whose header declares huge dimensions: a decompression bomb's first bytes.</summary>
    public static byte[] PngHeaderClaiming(int width, int height)
    {
        var forged = Encode(SKEncodedImageFormat.Png, 1, 1);
        // IHDR: length at 8, type at 12, width and height (big-endian) at 16..23, its CRC over type+data at 29.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(forged.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(forged.AsSpan(20), height);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(forged.AsSpan(29), Crc32(forged.AsSpan(12, 17)));
        return forged;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    public static IFormFile Upload(byte[] bytes, string fileName) =>
        new FormFile(new MemoryStream(bytes), 0, bytes.Length, "Data.Logo", fileName);
}
