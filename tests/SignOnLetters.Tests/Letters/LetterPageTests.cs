using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Background;
using SignOnLetters.Web.Infrastructure.Diff;
using SignOnLetters.Web.Pages.Letters;
using Microsoft.Extensions.DependencyInjection;

using SignOnLetters.Web.Infrastructure.Security;

namespace SignOnLetters.Tests.Letters;

/// <summary>Drafting, revisions, conflicts, the lifecycle and who may do what, through the real commands and queries.</summary>
public abstract class LetterPageTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_create_drafts_with_readable_unique_slugs()
    {
        var (_, organisation, first) = await App.CreateDraftAsync("End the War on Drugs!");
        var second = await App.SendAsync(new Create.Command { LeadOrganisationId = organisation.Id, Title = "End the war on drugs", LanguageCode = "en" });
        var cyrillic = await App.SendAsync(new Create.Command { LeadOrganisationId = organisation.Id, Title = "Нет войне с наркотиками", LanguageCode = "ru", Kind = LetterKind.Petition });
        var chosen = await App.SendAsync(new Create.Command { LeadOrganisationId = organisation.Id, Title = "Anything", LanguageCode = "en", Slug = "naloxone-2026" });

        Assert.Equal(["end-the-war-on-drugs", "end-the-war-on-drugs-2", "petition", "naloxone-2026"], new[] { first, second, cyrillic, chosen });
        var letter = await App.LoadAsync(first);
        Assert.Equal(LetterStatus.Draft, letter.Status);
        Assert.Equal(organisation.Id, letter.LeadOrganisationId);
        Assert.Equal(1, Assert.Single(letter.Revisions).Number);
    }

    public static TheoryData<string?, string, string> HostileCreateInput => new()
    {
        { "naloxone-2026", "Anything", "already taken" },
        { "../../etc/passwd", "Anything", "lower-case letters" },
        { "New", "Anything", "lower-case letters" },
        { "new", "Anything", "lower-case letters" },
        { "a<script>", "Anything", "lower-case letters" },
        { null, new string('t', 301), "too long" },
        { null, "<script>alert(1)</script>", "cannot contain" },
        { null, "", "title" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileCreateInput))]
    public async Task Should_refuse_bad_slugs_and_titles_and_store_nothing(string? slug, string title, string expected)
    {
        var (_, organisation, _) = await App.CreateDraftAsync("First", "naloxone-2026");

        var failure = await Assert.ThrowsAnyAsync<ValidationException>(() =>
            App.SendAsync(new Create.Command { LeadOrganisationId = organisation.Id, Title = title, LanguageCode = "en", Slug = slug }));

        Assert.Contains(failure.Errors, e => e.ErrorMessage.Contains(expected, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, await App.ExecuteDbContextAsync(db => db.Letters.CountAsync()));
    }

    [SkippableFact]
    public async Task Should_refuse_an_unknown_language_on_creation()
    {
        var (_, organisation) = await App.CreateOrganisationAsync();
        var failure = await Assert.ThrowsAnyAsync<ValidationException>(() =>
            App.SendAsync(new Create.Command { LeadOrganisationId = organisation.Id, Title = "T", LanguageCode = "xx-klingon" }));
        Assert.Contains(failure.Errors, e => e.PropertyName == "LanguageCode");
        Assert.False(await App.ExecuteDbContextAsync(db => db.Letters.AnyAsync()));
    }

    [SkippableFact]
    public async Task Should_only_let_coordinators_start_a_letter_for_their_organisation()
    {
        var (_, other) = await App.CreateOrganisationAsync("Other Network", "BR");
        var (_, mine) = await App.CreateOrganisationAsync("My Network", "AR");
        var representative = await App.AddRepresentativeAsync(mine, "rep@example.org");

        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Create.Command { LeadOrganisationId = other.Id, Title = "Hijack", LanguageCode = "en" }));
        App.RunAs(representative);
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new Create.Command { LeadOrganisationId = mine.Id, Title = "Mine", LanguageCode = "en" }));
        Assert.Empty((await App.SendAsync(new Create.Query())).Organisations);
        Assert.False(await App.ExecuteDbContextAsync(db => db.Letters.AnyAsync()));
    }

    [SkippableFact]
    public async Task Should_keep_every_saved_edit_as_a_revision_and_compare_any_two()
    {
        var (coordinator, _, slug) = await App.CreateDraftAsync();
        var ready = await App.ReadyEditAsync(slug);
        var revision = await App.SendAsync(ready with { CoAuthors = null, Deadline = "2026-06-30T23:59", DeadlineTimeZone = "Europe/Paris", SignatureGoal = "500" });
        var colleague = await App.CreateUserAsync("colleague@example.org", "Colleague");
        await AddCoEditorAsync(slug, colleague);
        App.RunAs(colleague);
        var edited = await App.ReadyEditAsync(slug);
        edited = edited with { Texts = [edited.Texts[0] with { Body = "Dear Dr Doe,\n\nWe ask you to fund naloxone.\n\nYours," }, edited.Texts[1]] };
        var third = await App.SendAsync(edited);

        Assert.Equal((2, 3), (revision, third));
        var letter = await App.LoadAsync(slug);
        Assert.Equal([coordinator.Id, coordinator.Id, colleague.Id], letter.Revisions.OrderBy(r => r.Number).Select(r => r.AuthorUserId));
        Assert.Equal(new DateTime(2026, 6, 30, 21, 59, 0, DateTimeKind.Utc), letter.DeadlineUtc);
        Assert.Equal(500, letter.SignatureGoal);

        var history = await App.SendAsync(new History.Query(slug, 2, 3));
        Assert.Equal([3, 2, 1], history.Revisions.Select(r => r.Number));
        Assert.Equal("Colleague", history.Revisions[0].Author);
        var text = Assert.Single(history.Changes);
        Assert.Equal((DiffPart.Text, "en"), (text.Part, text.LanguageCode));
        Assert.Contains(text.Lines, l => l.Kind == DiffLineKind.Deleted && l.Text == "We ask you to fund harm reduction.");
        Assert.Contains(text.Lines, l => l.Kind == DiffLineKind.Inserted && l.Text == "We ask you to fund naloxone.");

        var fromStart = await App.SendAsync(new History.Query(slug, 1, 3));
        Assert.Contains(fromStart.Changes, c => c.Part == DiffPart.Addressees);
        Assert.Contains(fromStart.Changes, c => c.Part == DiffPart.Text && c.LanguageCode == "fr");
        // Numbers that do not exist fall back to the latest pair instead of failing.
        var nonsense = await App.SendAsync(new History.Query(slug, -5, 999));
        Assert.Equal((2, 3), (nonsense.From, nonsense.To));
    }

    public static TheoryData<string, string> HostileEdits => new()
    {
        { "title-301", "too long" },
        { "body-over-200kb", "at most 200 KB" },
        { "script", "contains HTML" },
        { "iframe", "contains HTML" },
        { "javascript-link", "Links must start with" },
        { "data-image", "image" },
        { "unknown-language", "not a language code" },
        { "duplicate-language", "two French versions" },
        { "invalid-date", "not a valid date" },
        { "words-as-date", "not a valid date" },
        { "past-deadline", "in the past" },
        { "unknown-zone", "time zone" },
        { "dst-gap", "clocks change" },
        { "goal-not-a-number", "signature goal" },
        { "unknown-co-author", "No organisation named" },
        { "lead-as-co-author", "lead organisation" },
        { "addressee-without-name", "needs a name" },
        { "no-text", "at least one language" },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileEdits))]
    public async Task Should_refuse_bad_edits_with_a_clear_message_and_store_nothing(string kind, string expected)
    {
        var (_, organisation, slug) = await App.CreateDraftAsync();
        var ready = await App.ReadyEditAsync(slug);
        TextInput english = ready.Texts[0];
        var command = kind switch
        {
            "title-301" => ready with { Texts = [english with { Title = new string('t', 301) }] },
            "body-over-200kb" => ready with { Texts = [english with { Body = new string('a', 200 * 1024 + 1) }] },
            "script" => ready with { Texts = [english with { Body = "Hello <script>alert(1)</script>" }] },
            "iframe" => ready with { Texts = [english with { Body = "<iframe src=https://evil.example></iframe>" }] },
            "javascript-link" => ready with { Texts = [english with { Body = "[read](JaVaScRiPt:alert(1))" }] },
            "data-image" => ready with { Texts = [english with { Body = "![x](data:image/svg+xml;base64,PHN2Zz4=)" }] },
            "unknown-language" => ready with { Texts = [english with { LanguageCode = "zz-QQ" }] },
            "duplicate-language" => ready with { Texts = [english with { LanguageCode = "fr" }, english with { LanguageCode = "FR" }] },
            "invalid-date" => ready with { Deadline = "2026-02-30T10:00", DeadlineTimeZone = "Europe/Paris" },
            "words-as-date" => ready with { Deadline = "next friday", DeadlineTimeZone = "Europe/Paris" },
            "past-deadline" => ready with { Deadline = "2026-02-28T10:00", DeadlineTimeZone = "Europe/Paris" },
            "unknown-zone" => ready with { Deadline = "2026-06-30T10:00", DeadlineTimeZone = "Mars/Olympus_Mons" },
            "dst-gap" => ready with { Deadline = "2026-03-29T02:30", DeadlineTimeZone = "Europe/Paris" },
            "goal-not-a-number" => ready with { SignatureGoal = "lots" },
            "unknown-co-author" => ready with { CoAuthors = "Nobody Registered Network" },
            "lead-as-co-author" => ready with { CoAuthors = organisation.Name.ToUpperInvariant() },
            "addressee-without-name" => ready with { Addressees = [new AddresseeInput { Title = "Minister" }] },
            "no-text" => ready with { Texts = [new TextInput()] },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var failure = await Record.ExceptionAsync(() => App.SendAsync(command));

        var message = failure switch
        {
            ValidationException validation => string.Join(" | ", validation.Errors.Select(e => e.ErrorMessage)),
            DomainRuleException rule => rule.Message,
            _ => throw new Xunit.Sdk.XunitException($"Expected a refusal, got {failure?.GetType().Name ?? "success"}"),
        };
        Assert.Contains(expected, message, StringComparison.OrdinalIgnoreCase);
        var letter = await App.LoadAsync(slug);
        Assert.Single(letter.Revisions);
        Assert.Equal("", letter.Texts.Single().Body);
        Assert.Empty(letter.Addressees);
        Assert.Null(letter.DeadlineUtc);
    }

    [SkippableFact]
    public async Task Should_refuse_the_second_of_two_editors_and_show_what_the_first_changed()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        var colleague = await App.CreateUserAsync("colleague@example.org", "Amira");
        await AddCoEditorAsync(slug, colleague);
        var mine = await App.ReadyEditAsync(slug);
        var theirs = await App.ReadyEditAsync(slug);

        await App.SendAsAsync(colleague, theirs with { Texts = [theirs.Texts[0] with { Body = "Dear Dr Doe,\n\nAmira's paragraph.\n\nYours," }, theirs.Texts[1]] });
        var conflict = await Assert.ThrowsAsync<EditConflictException>(() =>
            App.SendAsync(mine with { Texts = [mine.Texts[0] with { Title = "My better title" }, mine.Texts[1]] }));

        Assert.Contains("Amira saved this letter", conflict.Message);
        var details = Assert.IsType<LetterConflict>(conflict.Details);
        Assert.Contains(details.Changes.SelectMany(c => c.Lines), l => l.Kind == DiffLineKind.Inserted && l.Text == "Amira's paragraph.");
        var stored = await App.LoadAsync(slug);
        Assert.Equal("End the war on drugs", stored.Texts.Single(t => t.LanguageCode == "en").Title);
        Assert.Equal(3, stored.Revisions.Count);

        // Having seen the other change, the editor saves deliberately over it: nothing was lost, both are revisions.
        var merged = mine with
        {
            ChangeCount = details.ChangeCount,
            BaseRevision = details.LatestRevision,
            Texts = [mine.Texts[0] with { Title = "My better title", Body = "Dear Dr Doe,\n\nAmira's paragraph.\n\nYours," }, mine.Texts[1]],
        };
        Assert.Equal(4, await App.SendAsync(merged));
    }

    [SkippableFact]
    public async Task Should_store_exactly_one_of_two_saves_racing_from_the_same_form()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        var colleague = await App.CreateUserAsync("colleague@example.org");
        await AddCoEditorAsync(slug, colleague);
        var (coordinator, form) = (await App.ExecuteDbContextAsync(db => db.Users.SingleAsync(u => u.Email!.StartsWith("coord-"))), await App.ReadyEditAsync(slug));

        var results = await Task.WhenAll(new[] { coordinator, colleague }.Select(user => Task.Run(async () =>
        {
            try
            {
                await App.SendAsAsync(user, form with { Texts = [form.Texts[0] with { Title = $"Title by {user.Email}" }] });
                return true;
            }
            catch (EditConflictException)
            {
                return false;
            }
        })));

        Assert.Equal(1, results.Count(saved => saved));
        Assert.Equal(2, (await App.LoadAsync(slug)).Revisions.Count);
    }

    [SkippableFact]
    public async Task Should_freeze_the_text_when_opened_and_publish_amendments_as_new_versions()
    {
        var slug = await App.OpenReadyLetterAsync();

        var frozen = await Assert.ThrowsAsync<DomainRuleException>(async () => await App.SendAsync(await App.ReadyEditAsync(slug)));
        Assert.Contains("frozen", frozen.Message);
        var (amend, model) = await App.SendAsync(new Amend.Query(slug));
        Assert.Equal(1, model.LatestVersion);
        var noNote = await Assert.ThrowsAnyAsync<ValidationException>(() =>
            App.SendAsync(amend with { Texts = [amend.Texts[0] with { Body = "Changed" }] }));
        Assert.Contains(noNote.Errors, e => e.PropertyName == "ChangeNote");

        var version = await App.SendAsync(amend with { Texts = [amend.Texts[0] with { Body = "Dear Dr Doe,\n\nCorrected figures." }, amend.Texts[1]], ChangeNote = "Corrected the figures.", PublishOutdatedTranslations = true });

        Assert.Equal(2, version);
        var letter = await App.LoadAsync(slug);
        Assert.Equal([1, 2], letter.Versions.Select(v => v.Number).Order());
        App.RunAs(null);
        var page = await App.SendAsync(new View.Query(slug, "en"));
        Assert.Equal(2, page.VersionNumber);
        Assert.Equal("Corrected the figures.", page.ChangeNote);
        Assert.Contains("Corrected figures.", page.BodyHtml);
    }

    [SkippableFact]
    public async Task Should_show_its_editors_a_never_published_letter_from_its_working_texts_in_the_language_asked_for()
    {
        // The page reads the working texts apart from the letter, and only for a preview.
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));

        var french = await App.SendAsync(new View.Query(slug, "fr"));
        var english = await App.SendAsync(new View.Query(slug, null));

        Assert.True(french.IsPreview);
        Assert.Equal(0, french.VersionNumber);
        Assert.Equal("fr", french.Language);
        Assert.Equal("Mettre fin à la guerre aux drogues", french.Title);
        Assert.Contains("réduction des risques", french.BodyHtml);
        Assert.Equal(["en", "fr"], french.Languages.Select(l => l.Code));
        Assert.Equal("End the war on drugs", english.Title);
        Assert.Contains("fund harm reduction", english.BodyHtml);
        Assert.Equal("Dr Jane Doe", Assert.Single(english.Addressees).Name);
    }

    [SkippableFact]
    public async Task Should_tell_signers_of_earlier_versions_by_email_what_an_amendment_changed()
    {
        var (coordinator, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        await App.SendAsync(new Manage.ChangeStatus(slug, Manage.LetterStep.Open, await App.ChangeCountAsync(slug)));
        App.RunAs(null);
        await App.SendAsync(SignOnLetters.Tests.Infrastructure.SigningScenario.Individual("Early Signer", "early@example.org") with { Slug = slug });
        var confirm = SignOnLetters.Tests.Infrastructure.SigningScenario.LinkPath(App, "early@example.org", "/signatures/confirm/");
        await BrowserlessClient.For(App).SubmitFormAsync(confirm, new Dictionary<string, string>());

        App.RunAs(coordinator);
        var (amend, _) = await App.SendAsync(new Amend.Query(slug));
        await App.SendAsync(amend with { Texts = [amend.Texts[0] with { Body = "Dear Dr Doe,\n\nCorrected figures." }, amend.Texts[1]], ChangeNote = "Corrected the figures & dates.", PublishOutdatedTranslations = true });
        App.RunAs(null);
        await App.SendAsync(SignOnLetters.Tests.Infrastructure.SigningScenario.Individual("Late Signer", "late@example.org") with { Slug = slug });
        Assert.DoesNotContain(App.Emails.To("early@example.org"), m => m.Subject!.Contains("amended")); // queued, not sent in the request
        await SignOnLetters.Tests.Infrastructure.DeliveryScenario.SendQueuedAsync(App);

        var told = App.Emails.LatestTo("early@example.org");
        Assert.StartsWith("The letter you signed was amended", told.Subject);
        Assert.Contains("Corrected the figures &amp; dates.", told.HtmlBody);
        Assert.Contains($"/letters/{slug}", told.HtmlBody);
        Assert.DoesNotContain(App.Emails.To("late@example.org"), m => m.Subject!.Contains("amended"));
    }

    [SkippableFact]
    public async Task Should_close_reopen_deliver_and_archive_in_order_only()
    {
        var slug = await App.OpenReadyLetterAsync();
        async Task Step(Manage.LetterStep step) => await App.SendAsync(new Manage.ChangeStatus(slug, step, await App.ChangeCountAsync(slug)));

        await Assert.ThrowsAsync<DomainRuleException>(() => Step(Manage.LetterStep.Open));
        await Assert.ThrowsAsync<DomainRuleException>(() => Step(default));
        await Assert.ThrowsAsync<DomainRuleException>(() => Step(Manage.LetterStep.Archive));
        await Step(Manage.LetterStep.Close);
        await App.SendAsync(new Manage.ReopenCommand { Slug = slug, Deadline = "2026-05-01T12:00", DeadlineTimeZone = "Africa/Nairobi" });
        Assert.Equal(LetterStatus.Open, (await App.LoadAsync(slug)).Status);
        await Step(Manage.LetterStep.Close);
        await Step(Manage.LetterStep.Deliver);
        await Step(Manage.LetterStep.Archive);

        var letter = await App.LoadAsync(slug);
        Assert.Equal(LetterStatus.Archived, letter.Status);
        Assert.NotNull(letter.DeliveredAt);
        Assert.Equal(new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc), letter.DeadlineUtc);
    }

    [SkippableFact]
    public async Task Should_refuse_to_open_a_text_that_changed_since_the_coordinator_looked()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        var seen = await App.ChangeCountAsync(slug);
        await App.SendAsync(await App.ReadyEditAsync(slug));

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Manage.ChangeStatus(slug, Manage.LetterStep.Open, seen)));

        Assert.Contains("changed since you loaded", refused.Message);
        Assert.Equal(LetterStatus.Draft, (await App.LoadAsync(slug)).Status);
    }

    [SkippableFact]
    public async Task Should_give_strangers_and_representatives_404_and_co_editors_403_for_coordinator_actions_changing_nothing()
    {
        var (coordinator, organisation, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        var representative = await App.AddRepresentativeAsync(organisation, "rep@example.org");
        var coEditor = await App.CreateUserAsync("co-editor@example.org");
        await AddCoEditorAsync(slug, coEditor);
        var stranger = await App.CreateUserAsync("stranger@example.org");
        var changeCount = await App.ChangeCountAsync(slug);
        var before = await App.LoadAsync(slug);

        foreach (var outsider in new ApplicationUser?[] { null, stranger, representative })
        {
            App.RunAs(outsider);
            await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Edit.Query(slug)));
            await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new History.Query(slug, null, null)));
            await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Manage.Query(slug)));
            await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new View.Query(slug, null)));
            await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Manage.ChangeStatus(slug, Manage.LetterStep.Open, changeCount)));
            await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Manage.InviteEditor { Slug = slug, Email = "x@example.org" }));
            await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Manage.ChangeDeadlineCommand { Slug = slug }));
            await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Edit.Command { Slug = slug, ChangeCount = changeCount, Texts = [new TextInput { LanguageCode = "en", Title = "Hijacked", Body = "x" }] }));
        }

        App.RunAs(coEditor);
        Assert.Equal(LetterRole.Editor, (await App.SendAsync(new Manage.Query(slug))).Role);
        foreach (var step in Enum.GetValues<Manage.LetterStep>())
            await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new Manage.ChangeStatus(slug, step, changeCount)));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new Manage.InviteEditor { Slug = slug, Email = "x@example.org" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new Manage.RemoveEditor(slug, coordinator.Id)));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new Manage.ReopenCommand { Slug = slug }));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsync(new Manage.ChangeDeadlineCommand { Slug = slug }));

        var after = await App.LoadAsync(slug);
        Assert.Equal((before.Status, before.ChangeCount, before.Revisions.Count), (after.Status, after.ChangeCount, after.Revisions.Count));
        Assert.Empty(App.Emails.All());
        Assert.False(await App.ExecuteDbContextAsync(db => db.LetterEditorInvitations.AnyAsync()));
    }

    [SkippableFact]
    public async Task Should_invite_a_co_editor_by_email_with_a_single_use_hashed_token()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(new Manage.InviteEditor { Slug = slug, Email = "Writer@Example.org" });
        var again = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Manage.InviteEditor { Slug = slug, Email = "writer@example.org" }));
        Assert.Contains("already been invited", again.Message);

        var link = EmailBox.LinkContaining(App.Emails.LatestTo("Writer@Example.org"), "/letter-invitations/");
        var token = link[(link.LastIndexOf('/') + 1)..];
        var stored = await App.ExecuteDbContextAsync(db => db.LetterEditorInvitations.SingleAsync());
        Assert.Equal(SignOnLetters.Web.Infrastructure.Security.SecureToken.Hash(token), stored.TokenHash);
        Assert.DoesNotContain(token, stored.TokenHash);

        var writer = await App.RunAsNewUserAsync("writer@example.org", "Writer");
        Assert.Null((await App.SendAsync(new AcceptEditorInvitation.Query(token)))!.Problem);
        Assert.Equal(slug, await App.SendAsync(new AcceptEditorInvitation.Command(token)));
        await App.SendAsync(await App.ReadyEditAsync(slug));
        Assert.Equal(writer.Id, (await App.LoadAsync(slug)).Revisions.OrderBy(r => r.Number).Last().AuthorUserId);

        await App.RunAsNewUserAsync("someone-else@example.org");
        Assert.Contains("already been used", (await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new AcceptEditorInvitation.Command(token)))).Message);
        foreach (var forged in new[] { "", "x", new string('A', 43), "../../etc/passwd", token[..^1] + (token[^1] == 'A' ? 'B' : 'A') })
            await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new AcceptEditorInvitation.Command(forged)));
        Assert.Single((await App.LoadAsync(slug)).Editors);
    }

    [SkippableFact]
    public async Task Should_show_the_dashboard_by_state_with_counts_and_only_my_letters()
    {
        var (me, organisation, draft) = await App.CreateDraftAsync("A draft");
        var open = await App.SendAsync(new Create.Command { LeadOrganisationId = organisation.Id, Title = "An open one", LanguageCode = "en" });
        await App.SendAsync(await App.ReadyEditAsync(open) with { Deadline = "2026-04-01T12:00", DeadlineTimeZone = "Europe/Paris" });
        await App.SendAsync(new Manage.ChangeStatus(open, Manage.LetterStep.Open, await App.ChangeCountAsync(open)));
        var (_, other) = await App.CreateOrganisationAsync("Other Network", "KE");
        await App.SendAsync(new Create.Command { LeadOrganisationId = other.Id, Title = "Someone else's", LanguageCode = "en" });
        App.RunAs(me);

        var dashboard = await App.SendAsync(new SignOnLetters.Web.Pages.Letters.Index.Query());

        Assert.Equal([LetterStatus.Open, LetterStatus.Draft], dashboard.Groups.Select(g => g.Status));
        Assert.Equal((1, 1, 0), (dashboard.Count(LetterStatus.Open), dashboard.Count(LetterStatus.Draft), dashboard.Count(LetterStatus.Closed)));
        var openItem = dashboard.Groups[0].Letters.Single();
        Assert.Equal("End the war on drugs", openItem.Title);
        Assert.Equal(new DateTime(2026, 4, 1, 10, 0, 0, DateTimeKind.Utc), openItem.DeadlineUtc);
        Assert.True(openItem.IsLeadCoordinator);
        Assert.Equal(draft, dashboard.Groups[1].Letters.Single().Slug);
    }

    [SkippableFact]
    public async Task Should_close_letters_when_their_deadline_passes()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug) with { Deadline = "2026-03-02T18:00", DeadlineTimeZone = "Europe/Paris" });
        await App.SendAsync(new Manage.ChangeStatus(slug, Manage.LetterStep.Open, await App.ChangeCountAsync(slug)));
        var closer = App.Factory.Services.GetRequiredService<LetterDeadlineCloser>();

        App.Clock.Set(new DateTimeOffset(2026, 3, 2, 16, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await closer.CloseDueLettersAsync(CancellationToken.None));
        Assert.Equal(LetterStatus.Open, (await App.LoadAsync(slug)).Status);

        App.Clock.Set(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await closer.CloseDueLettersAsync(CancellationToken.None));
        Assert.Equal(0, await closer.CloseDueLettersAsync(CancellationToken.None));
        var letter = await App.LoadAsync(slug);
        Assert.Equal(LetterStatus.Closed, letter.Status);
        Assert.Equal(new DateTime(2026, 3, 2, 17, 0, 0, DateTimeKind.Utc), letter.ClosedAt);
    }

    [SkippableFact]
    public async Task Should_name_co_authoring_organisations_matched_like_duplicates_and_show_them_publicly()
    {
        var (coordinator, _, slug) = await App.CreateDraftAsync();
        var (mdmCoordinator, mdm) = await App.CreateOrganisationAsync("Médecins du Monde", "FR");
        var (eharaCoordinator, ehara) = await App.CreateOrganisationAsync("Eurasian Harm Reduction Association", "LT");
        App.RunAs(coordinator);

        await App.SendAsync(await App.ReadyEditAsync(slug) with { CoAuthors = "eurasian harm-reduction association\r\nMEDECINS DU MONDE\n\n" });
        await App.SendAsync(new Manage.ChangeStatus(slug, Manage.LetterStep.Open, await App.ChangeCountAsync(slug)));
        // Shown once each organisation's own coordinator accepts (CoAuthorshipTests covers the refusals).
        var letterId = (await App.LoadAsync(slug)).Id;
        await App.SendAsAsync(mdmCoordinator, new SignOnLetters.Web.Pages.Organisations.CoAuthorships.Answer(mdm.Id, letterId, Accept: true));
        await App.SendAsAsync(eharaCoordinator, new SignOnLetters.Web.Pages.Organisations.CoAuthorships.Answer(ehara.Id, letterId, Accept: true));
        App.RunAs(null);
        var page = await App.SendAsync(new View.Query(slug, null));

        Assert.Equal(["Harm Reduction International", "Eurasian Harm Reduction Association", "Médecins du Monde"], page.Authors);
    }

    [SkippableFact]
    public async Task Should_let_the_lead_coordinator_remove_a_co_editor_who_then_gets_404()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        var coEditor = await App.CreateUserAsync("co-editor@example.org", "Co Editor");
        await AddCoEditorAsync(slug, coEditor);
        Assert.Equal("Co Editor", (await App.SendAsync(new Manage.Query(slug))).Editors.Single().Name);

        await App.SendAsync(new Manage.RemoveEditor(slug, coEditor.Id));
        App.RunAs(coEditor);

        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsync(new Edit.Query(slug)));
        Assert.Empty((await App.LoadAsync(slug)).Editors);
    }

    [SkippableFact]
    public async Task Should_require_a_new_future_deadline_to_reopen_a_letter_closed_by_its_deadline()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug) with { Deadline = "2026-03-05T12:00", DeadlineTimeZone = "UTC" });
        await App.SendAsync(new Manage.ChangeStatus(slug, Manage.LetterStep.Open, await App.ChangeCountAsync(slug)));
        App.Clock.Set(new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.Zero));
        await App.Factory.Services.GetRequiredService<LetterDeadlineCloser>().CloseDueLettersAsync(CancellationToken.None);

        var withoutDeadline = await Assert.ThrowsAsync<DomainRuleException>(() => App.SendAsync(new Manage.ReopenCommand { Slug = slug }));
        var pastDeadline = await Assert.ThrowsAsync<DomainRuleException>(() =>
            App.SendAsync(new Manage.ReopenCommand { Slug = slug, Deadline = "2026-03-05T23:00", DeadlineTimeZone = "UTC" }));
        var badDate = await Assert.ThrowsAnyAsync<ValidationException>(() =>
            App.SendAsync(new Manage.ReopenCommand { Slug = slug, Deadline = "2026-13-01T10:00", DeadlineTimeZone = "UTC" }));
        await App.SendAsync(new Manage.ReopenCommand { Slug = slug, Deadline = "2026-03-20T12:00", DeadlineTimeZone = "America/Bogota" });

        Assert.Contains("new deadline", withoutDeadline.Message);
        Assert.Contains("in the past", pastDeadline.Message);
        Assert.Contains(badDate.Errors, e => e.PropertyName == "Deadline");
        var letter = await App.LoadAsync(slug);
        Assert.Equal(LetterStatus.Open, letter.Status);
        Assert.Equal(new DateTime(2026, 3, 20, 17, 0, 0, DateTimeKind.Utc), letter.DeadlineUtc);
    }

    [SkippableFact]
    public async Task Should_let_the_lead_coordinator_move_or_remove_the_deadline_of_an_open_letter_only()
    {
        var (_, _, slug) = await App.CreateDraftAsync();
        await App.SendAsync(await App.ReadyEditAsync(slug));
        var onDraft = await Assert.ThrowsAsync<DomainRuleException>(() =>
            App.SendAsync(new Manage.ChangeDeadlineCommand { Slug = slug, Deadline = "2026-04-01T12:00", DeadlineTimeZone = "UTC" }));
        Assert.Contains("edit form", onDraft.Message);
        await App.SendAsync(new Manage.ChangeStatus(slug, Manage.LetterStep.Open, await App.ChangeCountAsync(slug)));

        await App.SendAsync(new Manage.ChangeDeadlineCommand { Slug = slug, Deadline = "2026-04-01T12:00", DeadlineTimeZone = "Asia/Kolkata" });
        Assert.Equal(new DateTime(2026, 4, 1, 6, 30, 0, DateTimeKind.Utc), (await App.LoadAsync(slug)).DeadlineUtc);
        var past = await Assert.ThrowsAsync<DomainRuleException>(() =>
            App.SendAsync(new Manage.ChangeDeadlineCommand { Slug = slug, Deadline = "2026-02-01T12:00", DeadlineTimeZone = "UTC" }));
        Assert.Contains("in the past", past.Message);
        Assert.Equal(new DateTime(2026, 4, 1, 6, 30, 0, DateTimeKind.Utc), (await App.LoadAsync(slug)).DeadlineUtc);

        await App.SendAsync(new Manage.ChangeDeadlineCommand { Slug = slug });
        Assert.Null((await App.LoadAsync(slug)).DeadlineUtc);
    }

    private Task AddCoEditorAsync(string slug, ApplicationUser user) =>
        App.ExecuteDbContextAsync(async db =>
        {
            var letter = await db.Letters.Include(l => l.Editors).SingleAsync(l => l.Slug == slug);
            letter.AddEditor(user.Id, DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
}

[Collection(SqliteCollection.Name)]
public sealed class LetterPageTestsOnSqlite(SqliteSlice app) : LetterPageTests(app);

[Collection(PostgresCollection.Name)]
public sealed class LetterPageTestsOnPostgres(PostgresSlice app) : LetterPageTests(app);
