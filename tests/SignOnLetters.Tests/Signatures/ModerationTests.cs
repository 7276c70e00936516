using System.Text;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Signatures.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Signatures;

/// <summary>The review queue, the CSV export and the unique indexes behind the duplicate rules.</summary>
public abstract class ModerationTests(SliceFixture app) : SliceTest(app)
{
    private static readonly LetterSettings Manual = new(WhoMaySign.OrganisationsAndIndividuals, ModerationMode.Manual, false);

    [SkippableFact]
    public async Task Should_let_lead_coordinators_bulk_approve_and_reject_with_a_reason()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, Manual);
        foreach (var email in new[] { "a@example.org", "b@example.org", "c@example.org" })
        {
            await App.SendAsync(Individual(email.ToUpperInvariant(), email));
            await App.SendAsync(new Confirm.Command(Token(LinkPath(App, email, "/signatures/confirm/"))));
        }
        App.RunAs(coordinator);
        var queue = await App.SendAsync(new Moderate.Query(Slug));
        Assert.Equal(3, queue.Signatures.Count);
        Assert.All(queue.Signatures, s => Assert.Contains("@example.org", s.Email));

        Assert.Equal(2, await App.SendAsync(new Moderate.Approve(Slug, [queue.Signatures[0].Id, queue.Signatures[1].Id])));
        await App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureId = queue.Signatures[2].Id, Reason = "Not a real person" });

        Assert.Equal(2, (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts.Individuals);
        var rejected = (await SignaturesAsync(App))[2];
        Assert.Equal((SignatureState.Rejected, "Not a real person"), (rejected.State, rejected.RejectionReason));
        Assert.Equal(coordinator.Id, rejected.Events.OrderBy(e => e.Id).Last().ActorUserId);
        Assert.Empty((await App.SendAsync(new Moderate.Query(Slug))).Signatures);
    }

    [SkippableFact]
    public async Task Should_hide_the_queue_from_everyone_but_the_lead_coordinators()
    {
        var (_, _, lead) = await OpenLetterAsync(App, Manual);
        await App.SendAsync(Individual());
        var id = Assert.Single(await SignaturesAsync(App)).Id;
        var representative = await App.CreateUserAsync("rep@example.org");
        await App.ExecuteDbContextAsync(async db =>
        {
            (await db.Organisations.Include(o => o.Memberships).SingleAsync(o => o.Id == lead.Id)).AddMember(representative.Id, OrganisationRole.Representative, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });

        App.RunAs(null);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Moderate.Query(Slug)));
        await App.RunAsNewUserAsync("stranger@example.org");
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Moderate.Approve(Slug, [id])));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Export.Query(Slug)));
        // A representative of the lead organisation is no co-editor: to them the queue does not exist either.
        App.RunAs(representative);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureId = id, Reason = "x" }));
        Assert.Equal(SignatureState.PendingConfirmation, Assert.Single(await SignaturesAsync(App)).State);
    }

    [SkippableFact]
    public async Task Should_refuse_to_approve_a_signature_that_was_never_confirmed()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App, Manual);
        var held = (await TermsAsync(App, letter)).SignHeld(Individual().Details, SignatureSource.PublicForm, HoldReason.RateLimit, "hash", DateTime.UtcNow);
        await App.InsertAsync(held);

        App.RunAs(coordinator);
        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Moderate.Approve(Slug, [held.Id])));

        Assert.Contains("never confirmed", refusal.Message);
        Assert.Equal(SignatureState.HeldForReview, Assert.Single(await SignaturesAsync(App)).State);
    }

    [SkippableFact]
    public async Task Should_export_csv_with_bom_private_fields_and_neutralised_formulas()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await App.SendAsync(Organisation("=HYPERLINK(\"http://evil.example\",\"Click\")", "ana@example.org") with { SignerName = "@SUM(1+1)", Role = "Директор" });
        App.RunAs(coordinator);

        var bytes = await App.SendAsync(new Export.Query(Slug));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Id,Kind,State,OrganisationName,SignerName", csv);
        Assert.Contains("ana@example.org", csv);
        Assert.Contains("Директор", csv);
        Assert.Contains("'=HYPERLINK", csv);
        Assert.Contains("'@SUM(1+1)", csv);
        Assert.DoesNotContain(",=", csv);
        Assert.DoesNotContain(",@", csv);
    }

    [SkippableFact]
    public async Task Should_back_one_claim_per_organisation_and_per_mailbox_with_unique_indexes()
    {
        var (letter, _, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        Signature New(Sign.Command command) =>
            terms.Sign(command.Details, SignatureSource.PublicForm, new ConfirmationTokens(Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N")), DateTime.UtcNow);

        // Claims are taken at confirmation (issue 18): only confirmed signatures are in the indexes.
        Signature Claimed(Sign.Command command)
        {
            var signature = New(command);
            signature.Confirm(ModerationMode.Automatic, DateTime.UtcNow);
            return signature;
        }

        var first = Claimed(Organisation("Médecins du Monde", "ana@example.org"));
        await App.InsertAsync(first);
        // Unconfirmed signatures claim nothing: any number may name the organisation or the address.
        await App.InsertAsync(New(Organisation("MEDECINS DU MONDE", "other@example.org")), New(Individual(email: "Ana@Example.org")));
        await Assert.ThrowsAsync<DbUpdateException>(() => App.InsertAsync(Claimed(Organisation("MEDECINS DU MONDE", "other@example.org"))));
        await Assert.ThrowsAsync<DbUpdateException>(() => App.InsertAsync(Claimed(Individual(email: "Ana@Example.org"))));
        // Individuals have no organisation key: many may sign (SQL Server would otherwise see NULLs as equal).
        await App.InsertAsync(Claimed(Individual(email: "one@example.org")), Claimed(Individual(email: "two@example.org")));

        await App.ExecuteDbContextAsync(async db =>
        {
            (await db.Signatures.SingleAsync(s => s.Id == first.Id)).Withdraw(SignatureActor.Signer, null, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        await App.InsertAsync(Claimed(Organisation("Médecins du Monde", "ana@example.org")));
        Assert.Equal(6, (await SignaturesAsync(App)).Count);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ModerationTestsOnSqlite(SqliteSlice app) : ModerationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class ModerationTestsOnPostgres(PostgresSlice app) : ModerationTests(app);
