using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace SignOnLetters.Web.Infrastructure.Diff;

public enum DiffLineKind
{
    Unchanged,
    Inserted,
    Deleted,
    /// <summary>Stands for a run of unchanged lines left out.</summary>
    Skipped,
}

/// <param name="Words">For a changed line (deleted then inserted again in another form): its pieces, with the changed words marked.</param>
/// <param name="SkippedLines">For a <see cref="DiffLineKind.Skipped"/> line, how many unchanged lines it stands for (pages say so in the reader's language).</param>
public sealed record DiffLine(DiffLineKind Kind, string Text, IReadOnlyList<DiffWord>? Words = null, int SkippedLines = 0);

public sealed record DiffWord(string Text, bool Changed);

/// <summary>A line-by-line comparison of two texts for people: changed lines with a little context around them.</summary>
public static class TextDiff
{
    private const int ContextLines = 2;

    /// <summary>
    /// Line by line, as Markdown is written (a paragraph is one line). A line that was changed rather
    /// than added or removed comes out as the old line then the new one, each with its changed words
    /// marked, so a one-word edit in a long paragraph can be seen at a glance.
    /// </summary>
    public static IReadOnlyList<DiffLine> Lines(string before, string after)
    {
        var model = SideBySideDiffBuilder.Diff(before, after, ignoreWhiteSpace: false, ignoreCase: false);
        var lines = new List<DiffLine>();
        var pending = new List<DiffLine>();
        for (var i = 0; i < Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count); i++)
        {
            var old = i < model.OldText.Lines.Count ? model.OldText.Lines[i] : null;
            var @new = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
            if (old?.Type == ChangeType.Unchanged)
            {
                // Keep deletions before insertions within a run of changes: it reads like an edit.
                lines.AddRange(pending);
                pending.Clear();
                lines.Add(new DiffLine(DiffLineKind.Unchanged, old.Text ?? ""));
                continue;
            }
            if (old is { Type: ChangeType.Deleted or ChangeType.Modified })
                lines.Add(new DiffLine(DiffLineKind.Deleted, old.Text ?? "", Words(old, ChangeType.Deleted)));
            if (@new is { Type: ChangeType.Inserted or ChangeType.Modified })
                pending.Add(new DiffLine(DiffLineKind.Inserted, @new.Text ?? "", Words(@new, ChangeType.Inserted)));
        }
        lines.AddRange(pending);
        return WithContextOnly(lines);
    }

    /// <summary>The line's pieces, neighbours with the same state joined, so a changed phrase is one highlight.</summary>
    private static IReadOnlyList<DiffWord>? Words(DiffPiece line, ChangeType changed)
    {
        if (line.Type != ChangeType.Modified || line.SubPieces.Count == 0)
            return null;
        var words = new List<DiffWord>();
        foreach (var piece in line.SubPieces.Where(p => p.Type != ChangeType.Imaginary))
        {
            var isChanged = piece.Type == changed;
            if (words.Count > 0 && words[^1].Changed == isChanged)
                words[^1] = words[^1] with { Text = words[^1].Text + piece.Text };
            else
                words.Add(new DiffWord(piece.Text ?? "", isChanged));
        }
        return words;
    }

    public static bool HasChanges(IReadOnlyList<DiffLine> lines) => lines.Any(l => l.Kind is DiffLineKind.Inserted or DiffLineKind.Deleted);

    /// <summary>Keeps changed lines and <see cref="ContextLines"/> around each; longer unchanged runs become one "skipped" line.</summary>
    private static List<DiffLine> WithContextOnly(List<DiffLine> lines)
    {
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind == DiffLineKind.Unchanged)
                continue;
            for (var j = Math.Max(0, i - ContextLines); j <= Math.Min(lines.Count - 1, i + ContextLines); j++)
                keep[j] = true;
        }
        var result = new List<DiffLine>();
        var skipped = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
            {
                if (skipped > 0)
                    result.Add(Skipped(skipped));
                skipped = 0;
                result.Add(lines[i]);
            }
            else
            {
                skipped++;
            }
        }
        if (skipped > 0 && result.Count > 0)
            result.Add(Skipped(skipped));
        return result;
    }

    private static DiffLine Skipped(int count) =>
        new(DiffLineKind.Skipped, $"{count} unchanged line{(count == 1 ? "" : "s")}", SkippedLines: count);
}
