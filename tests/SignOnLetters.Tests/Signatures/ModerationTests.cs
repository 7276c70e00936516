using System.Text;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Pages.Letters;
using SignOnLetters.Web.Pages.Signatures;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

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

        Assert.Equal(new Moderate.Approval(2, 0), await App.SendAsync(new Moderate.Approve(Slug, [queue.Signatures[0].Id, queue.Signatures[1].Id])));
        Assert.Equal(1, await App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureIds = [queue.Signatures[2].Id], Reason = "Not a real person" }));

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
        await Assert.ThrowsAsync<NotFoundException>(() => App.ExportCsvAsync(Slug));
        // A representative of the lead organisation is no co-editor: to them the queue does not exist either.
        App.RunAs(representative);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureIds = [id], Reason = "x" }));
        Assert.Equal(SignatureState.PendingConfirmation, Assert.Single(await SignaturesAsync(App)).State);
    }

    [SkippableFact]
    public async Task Should_send_the_confirmation_email_a_submission_held_over_the_network_limit_never_had_when_approved()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var held = (await TermsAsync(App, letter)).SignHeld(Individual().Details, SignatureSource.PublicForm, HoldReason.RateLimit, "hash", DateTime.UtcNow);
        held.RecordLanguage("ru");
        await App.InsertAsync(held);
        App.RunAs(coordinator);
        Assert.True(Assert.Single((await App.SendAsync(new Moderate.Query(Slug))).Signatures) is { Confirmed: false, Reason: HoldReason.RateLimit });
        Assert.Empty(App.Emails.To("rui@example.org"));

        Assert.Equal(new Moderate.Approval(0, 1), await App.SendAsync(new Moderate.Approve(Slug, [held.Id])));

        var released = Assert.Single(await SignaturesAsync(App));
        Assert.Equal((SignatureState.PendingConfirmation, HoldReason.None), (released.State, released.HoldReason));
        Assert.Equal((SignatureActor.Coordinator, coordinator.Id), (released.Events.OrderBy(e => e.Id).Last().Actor, released.Events.OrderBy(e => e.Id).Last().ActorUserId));
        Assert.Empty((await App.SendAsync(new Moderate.Query(Slug))).Signatures);
        // The e-mail the signer never got, in the language they signed in; its link counts the signature.
        var email = Assert.Single(App.Emails.To("rui@example.org"));
        Assert.StartsWith("Подтвердите подпись", email.Subject, StringComparison.Ordinal);
        App.RunAs(null);
        await App.SendAsync(new Confirm.Command(Token(LinkPath(App, "rui@example.org", "/signatures/confirm/"))));
        Assert.Equal(SignatureState.Approved, Assert.Single(await SignaturesAsync(App)).State);
        Assert.Equal(1, (await App.SendAsync(new Signatories.Query(Slug, 1))).Counts.Individuals);
    }

    [SkippableFact]
    public async Task Should_count_a_released_submission_when_confirmed_without_a_second_review_under_manual_moderation()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App, Manual);
        var held = (await TermsAsync(App, letter)).SignHeld(Individual().Details, SignatureSource.PublicForm, HoldReason.RateLimit, "hash", DateTime.UtcNow);
        await App.InsertAsync(held);
        App.RunAs(coordinator);
        await App.SendAsync(new Moderate.Approve(Slug, [held.Id]));

        App.RunAs(null);
        await App.SendAsync(new Confirm.Command(Token(LinkPath(App, "rui@example.org", "/signatures/confirm/"))));

        var confirmed = Assert.Single(await SignaturesAsync(App));
        Assert.Equal(SignatureState.Approved, confirmed.State);
        Assert.Equal(HistoryNoteKind.ApprovedOnReleaseConfirmed, confirmed.Events.OrderBy(e => e.Id).Last().Note);
        App.RunAs(coordinator);
        Assert.Empty((await App.SendAsync(new Moderate.Query(Slug))).Signatures);
    }

    [SkippableFact]
    public async Task Should_refuse_to_approve_a_signature_that_still_waits_for_its_confirmation()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, Manual);
        await App.SendAsync(Individual());
        var id = Assert.Single(await SignaturesAsync(App)).Id;

        App.RunAs(coordinator);
        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Moderate.Approve(Slug, [id])));

        Assert.Contains("waiting for review", refusal.Message);
        Assert.Equal(SignatureState.PendingConfirmation, Assert.Single(await SignaturesAsync(App)).State);
    }

    [SkippableFact]
    public async Task Should_reject_the_selected_signatures_with_one_reason_as_a_single_reject_does()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, Manual);
        foreach (var email in new[] { "a@example.org", "b@example.org", "c@example.org" })
            await SignAndConfirmAsync(App, Individual(email.ToUpperInvariant(), email));
        // Still waiting for its confirmation: rejecting it must also end its link.
        await App.SendAsync(Individual("D", "d@example.org"));
        var confirmLink = Token(LinkPath(App, "d@example.org", "/signatures/confirm/"));
        var before = App.Emails.All().Count;
        var ids = (await SignaturesAsync(App)).Select(s => s.Id).ToList();

        App.RunAs(coordinator);
        Assert.Equal(3, await App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureIds = [ids[0], ids[1], ids[3], ids[1]], Reason = "  Same person three times  " }));

        var all = await SignaturesAsync(App);
        foreach (var rejected in new[] { all[0], all[1], all[3] })
        {
            Assert.Equal((SignatureState.Rejected, "Same person three times"), (rejected.State, rejected.RejectionReason));
            var last = rejected.Events.OrderBy(e => e.Id).Last();
            Assert.Equal((SignatureActor.Coordinator, coordinator.Id, "Same person three times"), (last.Actor, last.ActorUserId, last.Reason));
            Assert.Null(rejected.ConfirmationTokenHash);
        }
        Assert.Equal(SignatureState.HeldForReview, all[2].State);
        // Like a single rejection: nothing is sent to the signers, and a pending link no longer confirms.
        Assert.Equal(before, App.Emails.All().Count);
        App.RunAs(null);
        await Assert.ThrowsAnyAsync<Exception>(() => App.SendAsync(new Confirm.Command(confirmLink)));
        Assert.Equal(SignatureState.Rejected, (await SignaturesAsync(App))[3].State);
    }

    [SkippableFact]
    public async Task Should_refuse_a_bulk_rejection_that_is_empty_or_names_signatures_of_another_letter_and_change_nothing()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App, Manual);
        var (_, otherCoordinator, _) = await OpenLetterAsync(App, Manual, slug: "another-letter");
        var ours = await SignAndConfirmAsync(App, Individual());
        var theirs = await SignAndConfirmAsync(App, Organisation(slug: "another-letter"));

        App.RunAs(coordinator);
        var empty = await Assert.ThrowsAsync<Web.Infrastructure.Mediation.RequestValidationException>(() =>
            App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureIds = [], Reason = "Spam" }));
        Assert.Contains(empty.Errors, e => e.ErrorMessage == "Select the signatures to reject.");
        await Assert.ThrowsAsync<Web.Infrastructure.Mediation.RequestValidationException>(() =>
            App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureIds = [ours], Reason = "   " }));
        await Assert.ThrowsAsync<Web.Infrastructure.Mediation.RequestValidationException>(() =>
            App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureIds = Enumerable.Range(1, Moderate.MaxSelected + 1).ToList(), Reason = "Spam" }));
        // Another letter's signature, or ids that name nothing, among ours: the whole selection is refused.
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureIds = [ours, theirs], Reason = "Spam" }));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureIds = [ours, 999_999], Reason = "Spam" }));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Moderate.Reject { Slug = Slug, SignatureIds = [-1], Reason = "Spam" }));
        // The other letter's coordinator cannot reach ours through their own letter either.
        App.RunAs(otherCoordinator);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Moderate.Reject { Slug = "another-letter", SignatureIds = [ours], Reason = "Spam" }));

        Assert.All(await SignaturesAsync(App), s => Assert.Equal(SignatureState.HeldForReview, s.State));
    }

    [SkippableFact]
    public async Task Should_export_csv_with_bom_private_fields_and_neutralised_formulas()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        await App.SendAsync(Organisation("=HYPERLINK(\"http://evil.example\",\"Click\")", "ana@example.org") with { SignerName = "@SUM(1+1)", Role = "Директор" });
        App.RunAs(coordinator);

        var bytes = await App.ExportCsvAsync(Slug);

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
