using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Pages.Letters;

namespace SignOnLetters.Tests.Infrastructure;

/// <summary>Steps many letter tests share, each through the real commands.</summary>
internal static class LetterTestData
{
    /// <summary>A draft led by a new organisation, as its coordinator (who the following sends run as).</summary>
    public static async Task<(ApplicationUser Coordinator, Organisation Organisation, string Slug)> CreateDraftAsync(
        this SliceFixture app, string title = "End the war on drugs", string? slug = null)
    {
        var (coordinator, organisation) = await app.CreateOrganisationAsync();
        var created = await app.SendAsync(new Create.Command { LeadOrganisationId = organisation.Id, Title = title, LanguageCode = "en", Slug = slug });
        return (coordinator, organisation, created);
    }

    /// <summary>The edit form as loaded now, filled with a complete draft (English and French, one addressee).</summary>
    public static async Task<Edit.Command> ReadyEditAsync(this SliceFixture app, string slug)
    {
        var (loaded, _) = await app.SendAsync(new Edit.Query(slug));
        return loaded with
        {
            Texts =
            [
                new TextInput { LanguageCode = "en", Title = "End the war on drugs", Body = "Dear Dr Doe,\n\nWe ask you to fund harm reduction.\n\nYours," },
                new TextInput { LanguageCode = "fr", Title = "Mettre fin à la guerre aux drogues", Body = "Madame,\n\nNous vous demandons de financer la réduction des risques." },
                new TextInput(),
            ],
            Addressees = [new AddresseeInput { Name = "Dr Jane Doe", Title = "Head of Public Health", Institution = "City of Example" }, new AddresseeInput()],
        };
    }

    public static async Task<string> OpenReadyLetterAsync(this SliceFixture app)
    {
        var (_, _, slug) = await app.CreateDraftAsync();
        await app.SendAsync(await app.ReadyEditAsync(slug));
        await app.SendAsync(new Manage.ChangeStatus(slug, Manage.LetterStep.Open, await app.ChangeCountAsync(slug)));
        return slug;
    }

    public static Task<int> ChangeCountAsync(this SliceFixture app, string slug) =>
        app.ExecuteDbContextAsync(db => db.Letters.Where(l => l.Slug == slug).Select(l => l.ChangeCount).SingleAsync());

    public static Task<Letter> LoadAsync(this SliceFixture app, string slug) =>
        app.ExecuteDbContextAsync(db => db.Letters.AsNoTracking()
            .Include(l => l.Revisions).Include(l => l.Versions).Include(l => l.Editors).Include(l => l.CoAuthors)
            .AsSplitQuery().SingleAsync(l => l.Slug == slug));

    /// <summary>A second person who is a representative (not a coordinator) of the organisation.</summary>
    public static Task<ApplicationUser> AddRepresentativeAsync(this SliceFixture app, Organisation organisation, string email) =>
        app.AddMemberAsync(organisation, email, OrganisationRole.Representative);

    /// <summary>A new confirmed user made a member of <paramref name="organisation"/> in <paramref name="role"/>.</summary>
    public static async Task<ApplicationUser> AddMemberAsync(this SliceFixture app, Organisation organisation, string email, OrganisationRole role)
    {
        var member = await app.CreateUserAsync(email);
        await app.ExecuteDbContextAsync(async db =>
        {
            var loaded = await db.Organisations.Include(o => o.Memberships).SingleAsync(o => o.Id == organisation.Id);
            loaded.AddMember(member.Id, role, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        return member;
    }
}
