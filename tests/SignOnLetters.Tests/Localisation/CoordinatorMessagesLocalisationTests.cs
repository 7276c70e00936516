using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Domain.Signatures;
using SignOnLetters.Tests.Delivery;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Web;
using SignOnLetters.Web.Infrastructure;
using SignOnLetters.Web.Infrastructure.Mediation;
using SignOnLetters.Web.Infrastructure.Security;
using SignOnLetters.Web.Pages.Letters;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

using SignOnLetters.Web.Pages.Signing;

namespace SignOnLetters.Tests.Localisation;

/// <summary>
/// What coordinators' actions write, beyond the pages' own labels: broken domain rules and
/// validation messages with their arguments, the e-mails those actions send (each in its reader's
/// language) and dates, in the reader's language and culture.
/// </summary>
public abstract partial class CoordinatorMessagesLocalisationTests(SliceFixture app) : SliceTest(app)
{
    [SkippableFact]
    public async Task Should_show_a_broken_domain_rule_to_a_french_coordinator_in_french()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var browser = await SignedInAsync(coordinator.Email!, "fr");
        var (_, page) = await browser.GetAsync($"/letters/{Slug}/close");
        BrowserlessClient.AssertRedirect(await browser.SubmitAsync(page, $"/letters/{Slug}/close", new Dictionary<string, string>(), "#confirm-close form"));

        // The same form again, loaded before the letter was closed: the rule refuses it.
        var stale = await browser.SubmitAsync(page, $"/letters/{Slug}/close", new Dictionary<string, string>(), "#confirm-close form");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var text = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("La lettre a changé depuis le chargement de cette page. Vérifiez le dernier texte, puis réessayez.", text);
        Assert.DoesNotContain("The letter changed since you loaded this page", text);
    }

    [SkippableTheory]
    [InlineData("fr", "La version en espagnol doit avoir un titre.")]
    [InlineData("ru", "Версии на языке «испанский» нужен заголовок.")]
    [InlineData("en", "The Spanish version needs a title.")]
    public void Should_name_a_rules_language_and_numbers_in_the_readers_language(string language, string expected)
    {
        var T = App.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        using var _ = ReaderLanguage.Use(language);

        Assert.Equal(expected, T.Describe(new DomainRuleException("The {0} version needs a title.", new LanguageName("es"))));
        // Numbers in the reader's digits and grouping ("20 000" in French), not the invariant "20,000".
        var limit = T.Describe(new DomainRuleException("The message may have at most {0:N0} characters.", 20_000));
        Assert.Contains(20_000.ToString("N0", CultureInfo.GetCultureInfo(language)), limit);
        Assert.Equal(language == "en", limit.StartsWith("The message", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Should_name_a_signatures_state_in_a_rule_in_the_readers_language()
    {
        var T = App.Factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        using var _ = ReaderLanguage.Use("es");

        Assert.Equal("La firma 7 está en estado «Rechazada»: solo se pueden fusionar firmas pendientes, retenidas o aprobadas.",
            T.Describe(new DomainRuleException("Signature {0} is {1}: only pending, held or approved signatures can be merged.", 7, SignatureState.Rejected)));
    }

    [SkippableFact]
    public void Should_refuse_a_letters_markdown_in_the_readers_language_naming_the_link()
    {
        Assert.NotNull(App.Factory.Services); // the app sets up the localised validation messages as it starts
        using var _ = ReaderLanguage.Use("fr");

        var result = new TextInputValidator().Validate(new TextInput { LanguageCode = "fr", Title = "Titre", Body = "Lisez [ceci](javascript:alert(1))." });

        Assert.Equal(["Le texte contient un lien vers « javascript:alert(1) ». Les liens doivent commencer par https://, http:// ou mailto:."],
            result.Errors.Select(e => e.ErrorMessage));
    }

    [SkippableFact]
    public async Task Should_say_which_lines_of_a_partner_list_are_refused_in_the_readers_language()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var browser = await SignedInAsync(coordinator.Email!, "fr");

        var refused = await browser.SubmitFormAsync($"/letters/{Slug}/invitations",
            new Dictionary<string, string> { ["List.Csv"] = "organisation,email\n=cmd,x@example.org\nBonne Asso,pas-une-adresse\n<b>Asso</b>,b@example.org\n" }, "form#import-form");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var text = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Ligne 2 : l’organisation commence par « = », ce que les tableurs exécutent comme une formule. Supprimez ce caractère.", text);
        Assert.Contains("Ligne 3 : l’adresse e-mail n’est pas valide.", text);
        Assert.Contains("Ligne 4 : le nom de l’organisation : ne peut pas contenir < ou >.", text);
        Assert.Contains("Rien n’a été envoyé : corrigez ces lignes et importez de nouveau la liste.", text);
        Assert.DoesNotContain("Line ", text);
    }

    [SkippableFact]
    public async Task Should_write_a_member_invitation_in_the_inviting_coordinators_language()
    {
        var (coordinator, organisation) = await App.CreateOrganisationAsync("Red de Salud", coordinatorEmail: "coordinadora@example.org");
        var browser = await SignedInAsync(coordinator.Email!, "es");

        var sent = await browser.SubmitFormAsync($"/organisations/{organisation.Id}/invite",
            new Dictionary<string, string> { ["Data.Email"] = "nuevo@example.org", ["Data.Role"] = "Coordinator" });

        BrowserlessClient.AssertRedirect(sent);
        var invitation = App.Emails.LatestTo("nuevo@example.org");
        Assert.Equal("Invitación a unirse a Red de Salud en SignOnLetters", invitation.Subject);
        Assert.Contains("Le han invitado a unirse a <strong><bdi>Red de Salud</bdi></strong> como coordinador/a en SignOnLetters.", invitation.HtmlBody);
        Assert.Contains(">Aceptar la invitación</a>", invitation.HtmlBody);
        Assert.Contains("El enlace funciona una sola vez y caduca el", invitation.HtmlBody);
        Assert.DoesNotContain("invited", invitation.HtmlBody);
        Assert.DoesNotContain("expires", invitation.HtmlBody);
    }

    [SkippableFact]
    public async Task Should_write_a_co_editor_invitation_in_the_inviting_coordinators_language()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        var browser = await SignedInAsync(coordinator.Email!, "ar");

        var sent = await browser.SubmitFormAsync($"/letters/{Slug}/manage", new Dictionary<string, string> { ["Invite.Email"] = "writer@example.org" }, "form.invite-form");

        BrowserlessClient.AssertRedirect(sent);
        var invitation = App.Emails.LatestTo("writer@example.org");
        Assert.Equal($"دعوة للمشاركة في تحرير «{Title}» على SignOnLetters", invitation.Subject);
        Assert.Contains($"تمت دعوتك للمشاركة في تحرير الرسالة <strong><bdi>{Title}</bdi></strong> على SignOnLetters.", invitation.HtmlBody);
        Assert.Contains(">قبول الدعوة</a>", invitation.HtmlBody);
        Assert.DoesNotContain("Accept the invitation", invitation.HtmlBody);
    }

    [SkippableFact]
    public async Task Should_tell_each_signer_of_an_amendment_in_the_language_they_signed_in()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var russian = Confirmed(terms, Individual("Пётр", "petr@example.org"), "ru");
        var unknown = Confirmed(terms, Individual("Noor", "noor@example.org"), null);
        await App.InsertAsync(russian, unknown);
        App.RunAs(coordinator);
        var (amend, _) = await App.SendAsync(new Amend.Query(Slug));

        await App.SendAsync(amend with
        {
            Texts = [amend.Texts[0] with { Body = "Dear Minister, we write to you again." }, .. amend.Texts[1..]],
            ChangeNote = "Clearer opening.",
        });
        await App.SendQueuedAsync();

        var toPetr = App.Emails.LatestTo("petr@example.org");
        Assert.Equal($"Подписанное вами письмо изменено: \u2068{Title}\u2069", toPetr.Subject);
        Assert.Contains("Здравствуйте, Пётр!", toPetr.HtmlBody);
        Assert.Contains($"Текст письма <strong><bdi>{Title}</bdi></strong> изменился после того, как вы его подписали. Теперь это версия 2.", toPetr.HtmlBody);
        Assert.Contains("<blockquote>Clearer opening.</blockquote>", toPetr.HtmlBody); // the coordinator's note as written
        Assert.Contains(">Прочитать новую версию и что изменилось</a>", toPetr.HtmlBody);
        Assert.Contains($"/letters/{Slug}/versions/2", toPetr.HtmlBody);
        Assert.DoesNotContain("signed", toPetr.HtmlBody);
        // No language of their own: the letter's, English.
        Assert.Equal($"The letter you signed was amended: \u2068{Title}\u2069", App.Emails.LatestTo("noor@example.org").Subject);
    }

    [SkippableFact]
    public async Task Should_count_the_unchanged_lines_of_a_comparison_in_the_readers_language()
    {
        var (_, coordinator, _) = await OpenLetterAsync(App);
        App.RunAs(coordinator);
        var paragraphs = Enumerable.Range(1, 12).Select(i => $"Paragraph {i}.").ToList();
        foreach (var ending in new[] { "The end.", "The very end." })
        {
            var (amend, _) = await App.SendAsync(new Amend.Query(Slug));
            await App.SendAsync(amend with
            {
                Texts = [amend.Texts[0] with { Body = string.Join("\n\n", [.. paragraphs, ending]) }, .. amend.Texts[1..]],
                ChangeNote = "Another ending.",
            });
        }
        var browser = await SignedInAsync(coordinator.Email!, "ru");

        var (_, page) = await browser.GetAsync($"/letters/{Slug}/history");

        var skipped = page.QuerySelector("li.diff-skipped")!.TextContent;
        Assert.Matches(@"^… \d+ строк(а|и)? без изменений …$", skipped);
    }

    [SkippableFact]
    public async Task Should_wrap_a_delivery_in_the_letters_language_and_keep_the_coordinators_message()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App, status: LetterStatus.Closed);
        // The only letter of the test: its one text becomes French.
        await App.ExecuteDbContextAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Letters\" SET \"PrimaryLanguage\" = 'fr' WHERE \"Id\" = {0}", letter.Id);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"LetterTexts\" SET \"LanguageCode\" = 'fr'");
            return await db.Database.ExecuteSqlRawAsync("UPDATE \"LetterVersionTexts\" SET \"LanguageCode\" = 'fr'");
        });
        App.RunAs(coordinator);
        var (command, _) = await App.SendAsync(new Deliver.Query(Slug));

        // Asked for in English by the coordinator; written to the addressees in the letter's French.
        var outcome = await App.SendAsync(command with
        {
            AddresseeEmails = [.. command.AddresseeEmails.Select((_, i) => $"addressee{i}@example.org")],
            CoverMessages = new() { ["fr"] = "Please read this before Friday." },
            AttachPdf = false,
        });

        var email = Assert.Single(outcome.Emails);
        Assert.StartsWith("<div lang=\"fr\" dir=\"ltr\"><p>Bonjour ", email.HtmlBody);
        Assert.Contains("<p>Please read this before Friday.</p>", email.HtmlBody);
        Assert.Contains("La lettre signée, <strong>", email.HtmlBody);
        Assert.Contains("peut être téléchargée en PDF : <a href=", email.HtmlBody);
        Assert.Contains("La lettre et ses signataires sont aussi publiés à l’adresse", email.HtmlBody);
        Assert.DoesNotContain("Dear", email.HtmlBody);
        Assert.DoesNotContain("published at", email.HtmlBody);
    }

    [SkippableFact]
    public async Task Should_show_dates_on_a_french_coordinators_signature_pages_in_french_not_iso()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var signature = Confirmed(terms, Organisation("Médecins du Monde", "a@example.org"), "fr");
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.InsertAsync(signature,
            OrganisationAlias.Create(letter.Id, "MdM", "Médecins du Monde", [], coordinator.Id, now),
            PartnerInvitation.Create(letter.Id, "Partner Network", "partner@example.org", null, SecureToken.Create().Hash, coordinator.Id, now));
        var browser = await SignedInAsync(coordinator.Email!, "fr");
        var french = CultureInfo.GetCultureInfo("fr");
        var day = Dates.Day(signature.CreatedAt, french); // "1 mars 2026": the one style of dates (issue 17)

        foreach (var path in new[] { $"/letters/{Slug}/signatures", $"/letters/{Slug}/signatures/{signature.Id}", $"/letters/{Slug}/signatures/aliases", $"/letters/{Slug}/invitations" })
        {
            var (response, page) = await browser.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var main = page.QuerySelector("main")!.TextContent;
            Assert.DoesNotMatch(@"\d{1,2}/\d{1,2}/\d{4}", main);
            Assert.Contains(day, main);
            Assert.DoesNotMatch(IsoDate(), main);
        }
    }

    [SkippableFact]
    public async Task Should_show_a_signatures_history_to_a_french_coordinator_in_french_and_a_coordinators_words_as_typed()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var signature = Confirmed(terms, Organisation("Médecins du Monde", "a@example.org"), "fr");
        signature.Reject(coordinator.Id, "Not a harm reduction group", App.Clock.GetUtcNow().UtcDateTime);
        await App.InsertAsync(signature);
        var browser = await SignedInAsync(coordinator.Email!, "fr");

        var (response, page) = await browser.GetAsync($"/letters/{Slug}/signatures/{signature.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = page.QuerySelector("#signature-history")!.TextContent;
        Assert.Contains("Signée ; e-mail de confirmation envoyé", history);
        Assert.Contains("Approuvée automatiquement", history);
        Assert.Contains("le signataire", history);
        Assert.Contains("le système", history);
        Assert.Contains("Not a harm reduction group", history);
        Assert.DoesNotContain("Approved automatically", history);
    }

    /// <summary>Issue 19: the history stores a kind and its argument, rendered in the reader's language,
    /// arguments (a signature's number, a hold reason) in their places.</summary>
    [SkippableFact]
    public async Task Should_show_a_signatures_history_to_a_russian_coordinator_in_russian()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var kept = Confirmed(terms, Organisation("Médecins du Monde", "a@example.org"), "ru");
        var duplicate = Confirmed(terms, Organisation("Врачи мира", "b@example.org"), "ru");
        await App.InsertAsync(kept, duplicate);
        await App.ExecuteDbContextAsync(async db =>
        {
            var signatures = await db.Signatures.Include(s => s.Events).Where(s => s.Id == kept.Id || s.Id == duplicate.Id).ToListAsync();
            signatures.Single(s => s.Id == duplicate.Id).MergeInto(signatures.Single(s => s.Id == kept.Id), coordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        var browser = await SignedInAsync(coordinator.Email!, "ru");

        var keptHistory = (await browser.GetAsync($"/letters/{Slug}/signatures/{kept.Id}")).Document.QuerySelector("#signature-history")!.TextContent;
        var mergedHistory = (await browser.GetAsync($"/letters/{Slug}/signatures/{duplicate.Id}")).Document.QuerySelector("#signature-history")!.TextContent;

        Assert.Contains("Подписано; письмо для подтверждения отправлено", keptHistory);
        Assert.Contains("Одобрено автоматически", keptHistory);
        Assert.Contains($"Подпись {duplicate.Id} объединена с этой как дубликат", keptHistory);
        Assert.Contains($"Объединено с подписью {kept.Id} как дубликат", mergedHistory);
        Assert.DoesNotContain("duplicate", keptHistory + mergedHistory);
        var stored = await App.ExecuteDbContextAsync(db => db.SignatureEvents.AsNoTracking().Where(e => e.SignatureId == duplicate.Id).ToListAsync());
        Assert.Contains(stored, e => e.Note == HistoryNoteKind.MergedInto && e.NoteArgument == kept.Id.ToString(CultureInfo.InvariantCulture) && e.Reason is null);
    }

    /// <summary>Entries written before notes had kinds hold the English sentence and no kind: they are
    /// read as the kind whose sentence they are, so old history shows in the reader's language too.</summary>
    [SkippableFact]
    public async Task Should_show_history_entries_written_before_notes_had_kinds_in_the_readers_language()
    {
        var (letter, coordinator, _) = await OpenLetterAsync(App);
        var terms = await TermsAsync(App, letter);
        var signature = Confirmed(terms, Organisation("Médecins du Monde", "a@example.org"), "ru");
        await App.InsertAsync(signature);
        // The rows as the app wrote them until now: the sentence in Reason, no Note.
        await App.ExecuteDbContextAsync(async db =>
        {
            await db.SignatureEvents.Where(e => e.SignatureId == signature.Id && e.Note == HistoryNoteKind.ApprovedAutomatically)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Note, (HistoryNoteKind?)null).SetProperty(x => x.Reason, "Approved automatically"));
            await db.SignatureEvents.Where(e => e.SignatureId == signature.Id && e.Note == HistoryNoteKind.Signed)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Note, (HistoryNoteKind?)null).SetProperty(x => x.Reason, "Held for review: RateLimit"));
        });
        var browser = await SignedInAsync(coordinator.Email!, "ru");

        var history = (await browser.GetAsync($"/letters/{Slug}/signatures/{signature.Id}")).Document.QuerySelector("#signature-history")!.TextContent;

        Assert.Contains("Одобрено автоматически", history);
        Assert.Contains("Отложено на проверку: ", history);
        Assert.DoesNotContain("Approved automatically", history);
        Assert.DoesNotContain("Held for review", history);
        Assert.DoesNotContain("RateLimit", history);
    }

    private Signature Confirmed(SigningTerms terms, Sign.Command command, string? language)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var signature = terms.Sign(command.Details, SignatureSource.PublicForm, NewTokens(), now);
        signature.RecordLanguage(language);
        signature.Confirm(ModerationMode.Automatic, now);
        return signature;
    }

    private Task<BrowserlessClient> SignedInAsync(string email, string language) => BrowserlessClient.SignedInAsync(App, email, language);

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();
}

[Collection(SqliteCollection.Name)]
public sealed class CoordinatorMessagesLocalisationTestsOnSqlite(SqliteSlice app) : CoordinatorMessagesLocalisationTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CoordinatorMessagesLocalisationTestsOnPostgres(PostgresSlice app) : CoordinatorMessagesLocalisationTests(app);
