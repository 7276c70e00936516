using SignOnLetters.Web.Infrastructure.Diff;

namespace SignOnLetters.Web.Pages.Letters;

/// <summary>Which part of a letter a comparison section covers; the page names it in the reader's language.</summary>
public enum DiffPart
{
    Addressees,
    Title,
    Text,
}

/// <summary>One part of a comparison: the addressees, or the title or text of one language version (<paramref name="LanguageCode"/>).</summary>
public sealed record DiffSection(DiffPart Part, string? LanguageCode, IReadOnlyList<DiffLine> Lines);

/// <summary>What the other editor did, shown to the one whose save was refused.</summary>
public sealed record LetterConflict(string? SavedBy, DateTime SavedAt, int ChangeCount, int LatestRevision, IReadOnlyList<DiffSection> Changes);

/// <summary>Reads revisions and published versions back and compares them, for the history and versions pages and for edit conflicts.</summary>
public static class LetterRevisions
{
    private sealed record Snapshot(string Addressees, IReadOnlyList<(string LanguageCode, string Title, string Body)> Texts);

    /// <summary>The changes from revision <paramref name="from"/> to revision <paramref name="to"/>; only sections that differ.</summary>
    public static async Task<IReadOnlyList<DiffSection>> CompareAsync(AppDbContext db, int letterId, int from, int to, CancellationToken cancellationToken) =>
        Compare(await SnapshotAsync(db, letterId, from, cancellationToken), await SnapshotAsync(db, letterId, to, cancellationToken));

    /// <summary>The changes from published version <paramref name="from"/> to <paramref name="to"/> (title and text of each language; versions keep no addressees).</summary>
    public static async Task<IReadOnlyList<DiffSection>> CompareVersionsAsync(AppDbContext db, int letterId, int from, int to, CancellationToken cancellationToken) =>
        Compare(await VersionSnapshotAsync(db, letterId, from, cancellationToken), await VersionSnapshotAsync(db, letterId, to, cancellationToken));

    /// <summary>The translations of version <paramref name="upTo"/> that are behind its main text, with the version each was last updated in (<see cref="TranslationFreshness"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, int>> OutdatedTranslationsAsync(
        AppDbContext db, int letterId, int upTo, string mainLanguage, CancellationToken cancellationToken)
    {
        var versions = await db.LetterVersions.AsNoTracking()
            .Where(v => v.LetterId == letterId && v.Number <= upTo)
            .Select(v => new { v.Number, Texts = v.Texts.Select(t => new { t.LanguageCode, t.Title, t.Body }).ToList() })
            .ToListAsync(cancellationToken);
        return TranslationFreshness.OutdatedTranslations(
            versions.Select(v => new PublishedTexts(v.Number, v.Texts.Select(t => new LetterText(t.LanguageCode, t.Title, t.Body)).ToList())),
            mainLanguage);
    }

    private static IReadOnlyList<DiffSection> Compare(Snapshot? before, Snapshot? after)
    {
        if (before is null || after is null)
            return [];
        var sections = new List<DiffSection> { new(DiffPart.Addressees, null, TextDiff.Lines(before.Addressees, after.Addressees)) };
        var languages = before.Texts.Select(t => t.LanguageCode).Union(after.Texts.Select(t => t.LanguageCode));
        foreach (var language in languages)
        {
            var old = before.Texts.FirstOrDefault(t => t.LanguageCode == language);
            var @new = after.Texts.FirstOrDefault(t => t.LanguageCode == language);
            sections.Add(new DiffSection(DiffPart.Title, language, TextDiff.Lines(old.Title ?? "", @new.Title ?? "")));
            sections.Add(new DiffSection(DiffPart.Text, language, TextDiff.Lines(old.Body ?? "", @new.Body ?? "")));
        }
        return sections.Where(s => TextDiff.HasChanges(s.Lines)).ToList();
    }

    /// <summary>
    /// Runs an editor's change and saves it, unless someone saved the letter since the editor loaded
    /// it (<paramref name="expectedChangeCount"/>): then nothing is stored and the editor is shown
    /// the other person's changes. A race past the first check is caught by the change count in the
    /// UPDATE, or by the unique revision number, whichever the database meets first.
    /// </summary>
    public static async Task SaveEditAsync(this AppDbContext db, Letter letter, int expectedChangeCount, int baseRevision, Action edit, CancellationToken cancellationToken)
    {
        if (letter.ChangeCount != expectedChangeCount)
            throw await ConflictExceptionAsync(db, letter.Id, baseRevision, cancellationToken);
        edit();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.Letters.AsNoTracking().Where(l => l.Id == letter.Id).Select(l => l.ChangeCount).SingleAsync(cancellationToken);
            if (stored == expectedChangeCount)
                throw;
            throw await ConflictExceptionAsync(db, letter.Id, baseRevision, cancellationToken);
        }
    }

    private static async Task<EditConflictException> ConflictExceptionAsync(AppDbContext db, int letterId, int baseRevision, CancellationToken cancellationToken)
    {
        var conflict = await ConflictAsync(db, letterId, baseRevision, cancellationToken);
        return conflict.SavedBy is { } savedBy
            ? new EditConflictException("{0} saved this letter at {1:t} UTC, after you opened it. Your text is still in the form below, " +
                "not saved. Compare with their changes, bring yours together with theirs, and save again.", [savedBy, conflict.SavedAt], conflict)
            : new EditConflictException("Another editor saved this letter at {0:t} UTC, after you opened it. Your text is still in the form below, " +
                "not saved. Compare with their changes, bring yours together with theirs, and save again.", [conflict.SavedAt], conflict);
    }

    /// <summary>Describes the letter as it is now in the database, against the revision the refused editor started from.</summary>
    public static async Task<LetterConflict> ConflictAsync(AppDbContext db, int letterId, int baseRevision, CancellationToken cancellationToken)
    {
        var current = await db.Letters.AsNoTracking()
            .Where(l => l.Id == letterId)
            .Select(l => new { l.UpdatedByUserId, l.UpdatedAt, l.ChangeCount, l.LatestRevisionNumber })
            .SingleAsync(cancellationToken);
        var savedBy = await db.Users.AsNoTracking()
            .Where(u => u.Id == current.UpdatedByUserId)
            .Select(u => u.DisplayName ?? u.Email)
            .SingleOrDefaultAsync(cancellationToken);
        var changes = await CompareAsync(db, letterId, baseRevision, current.LatestRevisionNumber, cancellationToken);
        return new LetterConflict(savedBy, current.UpdatedAt, current.ChangeCount, current.LatestRevisionNumber, changes);
    }

    private static async Task<Snapshot?> VersionSnapshotAsync(AppDbContext db, int letterId, int number, CancellationToken cancellationToken)
    {
        var version = await db.LetterVersions.AsNoTracking()
            .Where(v => v.LetterId == letterId && v.Number == number)
            .Select(v => new { Texts = v.Texts.Select(t => new { t.LanguageCode, t.Title, t.Body }).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        return version is null ? null : new Snapshot(string.Empty, version.Texts.Select(t => (t.LanguageCode, t.Title, t.Body)).ToList());
    }

    private static async Task<Snapshot?> SnapshotAsync(AppDbContext db, int letterId, int number, CancellationToken cancellationToken)
    {
        var revision = await db.LetterRevisions.AsNoTracking()
            .Where(r => r.LetterId == letterId && r.Number == number)
            .Select(r => new { r.Addressees, Texts = r.Texts.Select(t => new { t.LanguageCode, t.Title, t.Body }).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        return revision is null
            ? null
            : new Snapshot(revision.Addressees, revision.Texts.Select(t => (t.LanguageCode, t.Title, t.Body)).ToList());
    }
}
