using Microsoft.EntityFrameworkCore;
using MimeKit;
using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;
using SignOnLetters.Tests.Infrastructure;
using SignOnLetters.Tests.Letters;
using SignOnLetters.Web.Infrastructure.Mediation;
using SignOnLetters.Web.Pages.Letters;
using UglyToad.PdfPig;
using static SignOnLetters.Tests.Infrastructure.SigningScenario;

namespace SignOnLetters.Tests.Delivery;

/// <summary>
/// Delivery in several languages (issue 23): each addressee gets the language version chosen for them,
/// the PDF of that version (its own sealed edition file), and the subject and message written for that
/// language, as plain text and HTML, paragraphs as typed.
/// </summary>
public abstract class MultilingualDeliveryTests(SliceFixture app) : SliceTest(app)
{
    private const string Minister = "jane.doe@city.example";
    private const string Mayor = "omar.haddad@city.example";
    private const string FrenchTitle = "Mettre fin à la guerre contre les drogues";
    private const string ArabicTitle = "أوقفوا الحرب على المخدرات";

    private const string FrenchMessage = "Madame la Ministre,\n\nVoici notre lettre commune.\nElle compte un signataire.\n\n\nCordialement,\nLe réseau";

    [SkippableFact]
    public async Task Should_send_each_addressee_the_subject_message_and_pdf_of_the_language_chosen_for_them()
    {
        var coordinator = await ClosedLetterInThreeLanguagesAsync();
        App.RunAs(coordinator);
        var (form, model) = await App.SendAsync(new Deliver.Query(Slug));
        Assert.Equal(["en", "ar", "fr"], model.Languages.Select(l => l.Language));
        Assert.Equal(["en", "en"], form.AddresseeLanguages);
        Assert.Equal(FrenchTitle, form.Subjects["fr"]);

        var command = form with
        {
            AddresseeEmails = [Minister, Mayor],
            AddresseeLanguages = ["fr", "ar"],
            CoverMessages = new() { ["fr"] = FrenchMessage, ["ar"] = "السيد العمدة،\n\nنرسل إليكم رسالتنا." },
            Send = true,
        };
        var outcome = await App.SendAsync(command);
        Assert.Equal([("fr", 1), ("ar", 1)], outcome.Emails.Select(e => (e.Language, e.RecipientCount)));
        Assert.Equal(2, await App.SendQueuedAsync());

        var french = Assert.Single(App.Emails.To(Minister));
        Assert.Equal(FrenchTitle, french.Subject);
        AssertAlternative(french);
        Assert.StartsWith("<div lang=\"fr\" dir=\"ltr\"><p>Bonjour <bdi>Dr Jane Doe</bdi>", french.HtmlBody);
        // The message as typed: its paragraphs, and its line breaks inside them; the HTML splits it into <p>.
        Assert.Contains("<p>Madame la Ministre,</p><p>Voici notre lettre commune.<br>Elle compte un signataire.</p><p>Cordialement,<br>Le réseau</p>", french.HtmlBody);
        Assert.Contains("Madame la Ministre,\n\nVoici notre lettre commune.\nElle compte un signataire.\n\nCordialement,\nLe réseau\n\n", french.TextBody);
        Assert.Contains($"La lettre signée, \u2068{FrenchTitle}\u2069, est jointe en PDF.", french.TextBody);
        Assert.DoesNotContain("Please find", french.TextBody);
        Assert.DoesNotContain("Veuillez trouver", french.TextBody);
        Assert.Contains($"http://localhost/letters/{Slug}?lang=fr", french.TextBody);
        var frenchPdf = await PdfTextAsync(french, $"{Slug}-fr.pdf");
        Assert.Contains(FrenchTitle, frenchPdf);
        Assert.DoesNotContain(Title, frenchPdf);

        var arabic = Assert.Single(App.Emails.To(Mayor));
        Assert.Equal(ArabicTitle, arabic.Subject);
        AssertAlternative(arabic);
        Assert.StartsWith("<div lang=\"ar\" dir=\"rtl\">", arabic.HtmlBody);
        Assert.Contains("<p>نرسل إليكم رسالتنا.</p>", arabic.HtmlBody);
        Assert.Contains("مرفقة بصيغة PDF", arabic.TextBody);
        var arabicPdf = await PdfTextAsync(arabic, $"{Slug}-ar.pdf");
        Assert.DoesNotContain(Title, arabicPdf);
        Assert.DoesNotContain(FrenchTitle, arabicPdf);

        // Each language's PDF is its own sealed file of the edition, and the outbox keeps each e-mail's language.
        var editions = await App.ExecuteDbContextAsync(db => db.SealedEditions.AsNoTracking().Select(e => new { e.LanguageCode, e.Number }).ToListAsync());
        Assert.Equal([("ar", 1), ("fr", 1)], editions.Select(e => (e.LanguageCode, e.Number)).Order());
        var languages = await App.ExecuteDbContextAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Language).ToListAsync());
        Assert.Equal(["fr", "ar"], languages);

        // A later edition goes to the same addresses in the same languages, its subjects in them.
        var (again, _) = await App.SendAsync(new Deliver.Query(Slug));
        Assert.Equal([Minister, Mayor], again.AddresseeEmails);
        Assert.Equal(["fr", "ar"], again.AddresseeLanguages);
        Assert.StartsWith(FrenchTitle, again.Subjects["fr"]);
        Assert.DoesNotContain("updated edition", again.Subjects["fr"]);
    }

    [SkippableFact]
    public async Task Should_refuse_a_language_the_letter_does_not_have_and_a_language_without_a_subject()
    {
        var coordinator = await ClosedLetterInThreeLanguagesAsync();
        App.RunAs(coordinator);
        var (form, _) = await App.SendAsync(new Deliver.Query(Slug));

        foreach (var send in new[] { false, true })
        {
            var german = await Assert.ThrowsAsync<DomainRuleException>(() =>
                App.SendAsync(form with { AddresseeEmails = [Minister], AddresseeLanguages = ["de"], Send = send }));
            Assert.Equal("The letter has no German version to send to Dr Jane Doe, Head of Public Health, City of Example. Choose one of its languages.", german.Message);
            var madeUp = await Assert.ThrowsAsync<RequestValidationException>(() =>
                App.SendAsync(form with { AddresseeEmails = [Minister], AddresseeLanguages = ["<script>"], Send = send }));
            Assert.Contains(madeUp.Errors, e => e.ErrorMessage == "Choose each addressee's language from the letter's language versions.");
            var noSubject = await Assert.ThrowsAsync<DomainRuleException>(() =>
                App.SendAsync(form with { AddresseeEmails = [Minister], AddresseeLanguages = ["fr"], Subjects = new() { ["fr"] = "" }, Send = send }));
            Assert.Equal("Give the e-mail in French a subject.", noSubject.Message);
        }
        Assert.Equal(0, await App.OutboxCountAsync());
        Assert.Empty(await App.MailingsAsync());
        Assert.Equal(LetterStatus.Closed, (await App.LoadAsync(Slug)).Status);
    }

    public static TheoryData<string, string, string, string> HostileMessages() => new()
    {
        { "markup in a message", "cover", "Merci <script>alert(1)</script>", "The cover message cannot contain < or >." },
        { "hidden direction controls", "cover", "Payez \u202Egro.live\u202C maintenant", "The cover message contains hidden direction-changing characters" },
        { "100 KB message", "cover", new string('a', 100 * 1024), "The cover message is too long" },
        { "a header smuggled into the subject", "subject", "Lettre\r\nBcc: evil@example.org", "The subject contains characters that cannot be shown." },
    };

    [SkippableTheory]
    [MemberData(nameof(HostileMessages))]
    public async Task Should_refuse_hostile_messages_and_subjects_with_a_clear_message_storing_nothing(string _, string field, string value, string message)
    {
        var coordinator = await ClosedLetterInThreeLanguagesAsync();
        App.RunAs(coordinator);
        var (form, _) = await App.SendAsync(new Deliver.Query(Slug));
        var command = field == "cover"
            ? form with { CoverMessages = new() { ["fr"] = value } }
            : form with { Subjects = new(form.Subjects) { ["fr"] = value } };

        var refusal = await Assert.ThrowsAsync<RequestValidationException>(() =>
            App.SendAsync(command with { AddresseeEmails = [Minister], AddresseeLanguages = ["fr"], Send = true }));

        Assert.Contains(refusal.Errors, e => e.ErrorMessage.StartsWith(message, StringComparison.Ordinal));
        Assert.Equal(0, await App.OutboxCountAsync());
        Assert.Equal(LetterStatus.Closed, (await App.LoadAsync(Slug)).Status);
    }

    [SkippableFact]
    public async Task Should_keep_an_addressee_name_with_markup_and_line_breaks_out_of_the_headers_and_escaped_in_the_body()
    {
        var hostile = "Jane\r\nBcc: evil@example.org\r\n<script>alert(1)</script>";
        var coordinator = await ClosedLetterInThreeLanguagesAsync(firstAddressee: hostile);
        App.RunAs(coordinator);
        var (form, model) = await App.SendAsync(new Deliver.Query(Slug));
        Assert.StartsWith(hostile, model.Addressees[0]);

        await App.SendAsync(form with { AddresseeEmails = [Minister], AddresseeLanguages = ["ar"], Send = true });
        await App.SendQueuedAsync();

        var email = Assert.Single(App.Emails.To(Minister));
        Assert.Equal([Minister], email.To.Mailboxes.Select(m => m.Address));
        Assert.Empty(email.Bcc);
        Assert.DoesNotContain(email.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(ArabicTitle, email.Subject);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.HtmlBody);
        Assert.DoesNotContain("<script>", email.HtmlBody);
    }

    /// <summary>A multipart/alternative of a plain-text and an HTML part (inside multipart/mixed with the PDF).</summary>
    private static void AssertAlternative(MimeMessage email)
    {
        var alternative = FindAlternative(email.Body!);
        Assert.NotNull(alternative);
        Assert.Equal(["text/plain", "text/html"], alternative.OfType<TextPart>().Select(p => p.ContentType.MimeType));
        Assert.False(string.IsNullOrWhiteSpace(email.TextBody));
        Assert.False(string.IsNullOrWhiteSpace(email.HtmlBody));
    }

    private static MultipartAlternative? FindAlternative(MimeEntity entity) => entity switch
    {
        MultipartAlternative alternative => alternative,
        Multipart multipart => multipart.Select(part => FindAlternative(part!)).FirstOrDefault(a => a is not null),
        _ => null,
    };

    private static async Task<string> PdfTextAsync(MimeMessage email, string fileName)
    {
        var attachment = Assert.IsType<MimePart>(Assert.Single(email.Attachments));
        Assert.Equal(fileName, attachment.FileName);
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes);
        using var pdf = PdfDocument.Open(bytes.ToArray());
        return string.Join("\n", pdf.GetPages().Select(p => p.Text)).Normalize(System.Text.NormalizationForm.FormKC);
    }

    /// <summary>A closed letter in English (main), French and Arabic to two addressees, with one signature.</summary>
    private async Task<ApplicationUser> ClosedLetterInThreeLanguagesAsync(string firstAddressee = "Dr Jane Doe")
    {
        var (coordinator, organisation) = await App.CreateOrganisationAsync("Lead Network", coordinatorEmail: "lead@example.org");
        await App.ExecuteDbContextAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var letter = Letter.CreateDraft(LetterKind.SignOnLetter, Slug, await db.Organisations.SingleAsync(o => o.Id == organisation.Id),
                new LetterText("en", Title, ""), coordinator.Id, now);
            letter.EditDraft(LetterRuleTests.ReadyDraft(null,
                new LetterText("en", Title, "Dear Minister,\n\nWe write to you."),
                new LetterText("fr", FrenchTitle, "Madame la Ministre,\n\nNous vous écrivons."),
                new LetterText("ar", ArabicTitle, "السيدة الوزيرة،\n\nنكتب إليكم.")) with
            {
                Addressees =
                [
                    new LetterAddressee(1, firstAddressee, "Head of Public Health", "City of Example"),
                    new LetterAddressee(2, "Omar Haddad", "Mayor", "City of Example"),
                ],
            }, coordinator.Id, now);
            letter.Open(coordinator.Id, now);
            db.Letters.Add(letter);
            await db.SaveChangesAsync();
        });
        App.RunAs(null);
        await App.SignAndConfirmAsync(Organisation("Réseau Santé Solidarité", "ana@example.org"));
        await App.ExecuteDbContextAsync(async db =>
        {
            var loaded = await db.Letters.SingleAsync(l => l.Slug == Slug);
            loaded.Close(coordinator.Id, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        return coordinator;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MultilingualDeliveryTestsOnSqlite(SqliteSlice app) : MultilingualDeliveryTests(app);

[Collection(PostgresCollection.Name)]
public sealed class MultilingualDeliveryTestsOnPostgres(PostgresSlice app) : MultilingualDeliveryTests(app);
