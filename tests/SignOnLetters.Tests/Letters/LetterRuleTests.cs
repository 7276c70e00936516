using SignOnLetters.Domain;
using SignOnLetters.Domain.Letters;

namespace SignOnLetters.Tests.Letters;

/// <summary>The letter's own rules, without a database: what each state allows.</summary>
public class LetterRuleTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private const string Editor = "editor-1";

    internal static Letter Draft(string slug = "end-the-war-on-drugs")
    {
        var organisation = Organisation.Create("Harm Reduction International", "GB", null, Editor, Now);
        return Letter.CreateDraft(LetterKind.SignOnLetter, slug, organisation, new LetterText("en", "End the war on drugs", ""), Editor, Now);
    }

    internal static LetterDraft ReadyDraft(LetterDeadline? deadline = null, params LetterText[] texts) => new(
        texts.Length > 0 ? texts : [new LetterText("en", "End the war on drugs", "Dear Minister,\n\nWe write to you...")],
        [new LetterAddressee(1, "Dr Jane Doe", "Head of Public Health", "City of Example")],
        [],
        new HashSet<int>(),
        new LetterSettings(WhoMaySign.OrganisationsAndIndividuals, ModerationMode.Automatic, false),
        deadline,
        null);

    [Fact]
    public void Should_record_a_revision_for_creation_and_every_saved_edit()
    {
        var letter = Draft();
        letter.EditDraft(ReadyDraft(), "editor-2", Now.AddMinutes(5));
        letter.EditDraft(ReadyDraft(), Editor, Now.AddMinutes(9));

        Assert.Equal([1, 2, 3], letter.Revisions.Select(r => r.Number));
        Assert.Equal("editor-2", letter.Revisions[1].AuthorUserId);
        Assert.Equal("Dr Jane Doe, Head of Public Health, City of Example", letter.Revisions[2].Addressees);
        Assert.Equal(3, letter.LatestRevisionNumber);
        Assert.Equal(LetterStatus.Draft, letter.Status);
    }

    [Fact]
    public void Should_refuse_to_open_without_text_or_addressees()
    {
        var empty = Draft();
        Assert.Contains("no text yet", Assert.Throws<DomainRuleException>(() => empty.Open(Editor, Now)).Message);

        var withoutAddressee = Draft();
        withoutAddressee.EditDraft(ReadyDraft() with { Addressees = [] }, Editor, Now);
        Assert.Contains("addressee", Assert.Throws<DomainRuleException>(() => withoutAddressee.Open(Editor, Now)).Message);
        Assert.Equal(LetterStatus.Draft, withoutAddressee.Status);
        Assert.Empty(withoutAddressee.Versions);
    }

    [Fact]
    public void Should_freeze_the_text_as_version_one_when_opened_and_refuse_free_edits_afterwards()
    {
        var letter = Draft();
        letter.EditDraft(ReadyDraft(null, new LetterText("en", "Title", "English body"), new LetterText("fr", "Titre", "Texte français")), Editor, Now);

        var version = letter.Open(Editor, Now.AddHours(1));

        Assert.Equal(1, version.Number);
        Assert.Null(version.ChangeNote);
        Assert.Equal(["en", "fr"], version.Texts.Select(t => t.LanguageCode));
        Assert.Equal(LetterStatus.Open, letter.Status);
        Assert.Contains("frozen", Assert.Throws<DomainRuleException>(() => letter.EditDraft(ReadyDraft(), Editor, Now)).Message);
        Assert.Throws<DomainRuleException>(() => letter.Open(Editor, Now));
    }

    [Fact]
    public void Should_publish_version_n_plus_one_with_a_change_note_when_an_open_letter_is_amended()
    {
        var letter = Draft();
        letter.EditDraft(ReadyDraft(), Editor, Now);
        Assert.Contains("open letters", Assert.Throws<DomainRuleException>(() =>
            letter.Amend([new LetterText("en", "T", "B")], "note", Editor, Now)).Message);
        letter.Open(Editor, Now);

        Assert.Contains("change note", Assert.Throws<DomainRuleException>(() =>
            letter.Amend([new LetterText("en", "End the war on drugs", "Amended body")], "  ", Editor, Now)).Message);
        Assert.Contains("nothing to amend", Assert.Throws<DomainRuleException>(() =>
            letter.Amend([new LetterText("en", "End the war on drugs", "Dear Minister,\n\nWe write to you...")], "Typo", Editor, Now)).Message);
        var amended = letter.Amend([new LetterText("en", "End the war on drugs", "Amended body")], "Fixed the figures in paragraph 2.", Editor, Now.AddDays(1));

        Assert.Equal(2, amended.Number);
        Assert.Equal("Fixed the figures in paragraph 2.", amended.ChangeNote);
        Assert.Equal("Amended body", letter.Texts.Single().Body);
        Assert.Equal("Dear Minister,\n\nWe write to you...", letter.Versions[0].Texts.Single().Body);
        Assert.Equal(2, letter.LatestVersionNumber);
    }

    [Fact]
    public void Should_follow_the_lifecycle_and_refuse_every_step_out_of_order()
    {
        var letter = Draft();
        letter.EditDraft(ReadyDraft(), Editor, Now);
        Assert.Throws<DomainRuleException>(() => letter.Close(Editor, Now));
        Assert.Throws<DomainRuleException>(() => letter.MarkDelivered(Editor, Now));
        Assert.Throws<DomainRuleException>(() => letter.Reopen(null, Editor, Now));

        letter.Open(Editor, Now);
        Assert.Contains("still collecting", Assert.Throws<DomainRuleException>(() => letter.Archive(Editor, Now)).Message);
        letter.Close(Editor, Now);
        letter.Reopen(null, Editor, Now);
        letter.Close(Editor, Now);
        letter.MarkDelivered(Editor, Now);
        Assert.Equal(LetterStatus.Delivered, letter.Status);
        letter.Archive(Editor, Now);
        Assert.Equal(LetterStatus.Archived, letter.Status);
        Assert.Throws<DomainRuleException>(() => letter.Archive(Editor, Now));
    }

    [Fact]
    public void Should_bump_the_concurrency_token_on_every_change()
    {
        var letter = Draft();
        var seen = new List<int> { letter.ChangeCount };
        letter.EditDraft(ReadyDraft(), Editor, Now);
        seen.Add(letter.ChangeCount);
        letter.Open(Editor, Now);
        seen.Add(letter.ChangeCount);
        letter.Close(Editor, Now);
        seen.Add(letter.ChangeCount);

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public void Should_refuse_deadlines_in_the_past_and_require_a_new_one_to_reopen_after_it_passed()
    {
        var letter = Draft();
        Assert.Contains("in the past", Assert.Throws<DomainRuleException>(() =>
            letter.EditDraft(ReadyDraft(new LetterDeadline(Now.AddMinutes(-1), "Europe/Paris")), Editor, Now)).Message);

        letter.EditDraft(ReadyDraft(new LetterDeadline(Now.AddDays(7), "Europe/Paris")), Editor, Now);
        letter.Open(Editor, Now);
        Assert.False(letter.CloseIfDeadlinePassed(Now.AddDays(6)));
        Assert.True(letter.CloseIfDeadlinePassed(Now.AddDays(7)));
        Assert.Equal(LetterStatus.Closed, letter.Status);

        Assert.Contains("new deadline", Assert.Throws<DomainRuleException>(() => letter.Reopen(null, Editor, Now.AddDays(8))).Message);
        letter.Reopen(new LetterDeadline(Now.AddDays(14), "Africa/Nairobi"), Editor, Now.AddDays(8));
        Assert.Equal(LetterStatus.Open, letter.Status);
        Assert.Equal("Africa/Nairobi", letter.DeadlineTimeZone);
    }

    [Fact]
    public void Should_refuse_two_versions_in_one_language_and_the_lead_organisation_as_co_author()
    {
        var letter = Draft();
        Assert.Contains("two French versions", Assert.Throws<DomainRuleException>(() =>
            letter.EditDraft(ReadyDraft(null, new LetterText("fr", "A", "a"), new LetterText("FR", "B", "b")), Editor, Now)).Message);
        Assert.Contains("lead organisation", Assert.Throws<DomainRuleException>(() =>
            letter.EditDraft(ReadyDraft() with { CoAuthorOrganisationIds = [letter.LeadOrganisationId] }, Editor, Now)).Message);
    }

    [Theory]
    [InlineData("fr", "fr")]
    [InlineData("PT-br", "pt-BR")]
    [InlineData("ru", "ru")]
    [InlineData("ar", "ar")]
    [InlineData("xx", null)]
    [InlineData("klingon", null)]
    [InlineData("", null)]
    [InlineData("../en", null)]
    [InlineData("en<script>", null)]
    public void Should_accept_only_language_codes_known_to_the_culture_data(string code, string? expected) =>
        Assert.Equal(expected, LanguageCodes.Normalize(code));

    [Theory]
    [InlineData("End the War on Drugs!", "end-the-war-on-drugs")]
    [InlineData("Décriminalisez l'usage", "decriminalisez-l-usage")]
    [InlineData("Нет войне с наркотиками", null)]
    [InlineData("!!", null)]
    public void Should_make_readable_slugs_from_latin_titles(string title, string? expected) =>
        Assert.Equal(expected, LetterSlug.FromTitle(title));

    [Theory]
    [InlineData("demo", true)]
    [InlineData("end-the-war-on-drugs-2", true)]
    [InlineData("new", false)]
    [InlineData("ab", false)]
    [InlineData("Upper-Case", false)]
    [InlineData("double--hyphen", false)]
    [InlineData("-leading", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("%2e%2e", false)]
    [InlineData("a<script>", false)]
    [InlineData("ǆemo", false)]
    public void Should_accept_only_well_formed_slugs(string slug, bool expected) =>
        Assert.Equal(expected, LetterSlug.IsWellFormed(slug));

    [Fact]
    public void Should_store_a_deadline_as_the_utc_instant_of_the_wall_clock_time_in_its_zone()
    {
        var paris = LetterDeadline.FromLocal(new DateTime(2026, 7, 14, 23, 59, 0), "Europe/Paris");
        Assert.Equal(new DateTime(2026, 7, 14, 21, 59, 0, DateTimeKind.Utc), paris.Utc);
        Assert.Equal(new DateTime(2026, 7, 14, 23, 59, 0), paris.LocalTime);

        Assert.Contains("clocks change", Assert.Throws<DomainRuleException>(() =>
            LetterDeadline.FromLocal(new DateTime(2026, 3, 29, 2, 30, 0), "Europe/Paris")).Message);
        Assert.Contains("time zone", Assert.Throws<DomainRuleException>(() =>
            LetterDeadline.FromLocal(new DateTime(2026, 7, 14, 12, 0, 0), "Mars/Olympus_Mons")).Message);
    }

    [Fact]
    public void Should_refuse_titles_over_300_characters_and_bodies_over_200_kb()
    {
        Assert.Contains("300", Assert.Throws<DomainRuleException>(() => new LetterText("en", new string('t', 301), "")).Message);
        Assert.Contains("200 KB", Assert.Throws<DomainRuleException>(() => new LetterText("en", "T", new string('é', 110 * 1024))).Message);
        Assert.Contains("language code", Assert.Throws<DomainRuleException>(() => new LetterText("zz-ZZ", "T", "")).Message);
    }
}

public class TextDiffTests
{
    [Fact]
    public void Should_mark_the_changed_words_of_a_changed_paragraph()
    {
        var lines = SignOnLetters.Web.Infrastructure.Diff.TextDiff.Lines(
            "Dear Minister,\n\nWe ask you to fund harm reduction in every city.",
            "Dear Minister,\n\nWe ask you to fund naloxone in every city.");

        var deleted = Assert.Single(lines, l => l.Kind == SignOnLetters.Web.Infrastructure.Diff.DiffLineKind.Deleted);
        var inserted = Assert.Single(lines, l => l.Kind == SignOnLetters.Web.Infrastructure.Diff.DiffLineKind.Inserted);
        Assert.Equal(["harm reduction"], deleted.Words!.Where(w => w.Changed).Select(w => w.Text));
        Assert.Equal(["naloxone"], inserted.Words!.Where(w => w.Changed).Select(w => w.Text));
        Assert.Equal(inserted.Text, string.Concat(inserted.Words!.Select(w => w.Text)));
        Assert.True(lines.ToList().IndexOf(deleted) < lines.ToList().IndexOf(inserted));
    }

    [Fact]
    public void Should_keep_only_a_little_context_around_changes_in_a_long_text()
    {
        var before = string.Join("\n", Enumerable.Range(1, 100).Select(i => $"Paragraph {i}."));
        var after = before.Replace("Paragraph 50.", "Paragraph fifty.");

        var lines = SignOnLetters.Web.Infrastructure.Diff.TextDiff.Lines(before, after);

        Assert.Equal("47 unchanged lines", lines[0].Text);
        Assert.Equal(SignOnLetters.Web.Infrastructure.Diff.DiffLineKind.Skipped, lines[^1].Kind);
        Assert.True(lines.Count < 12, $"{lines.Count} lines");
    }
}
