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

public sealed record DiffLine(DiffLineKind Kind, string Text);

/// <summary>A line-by-line comparison of two texts for people: changed lines with a little context around them.</summary>
public static class TextDiff
{
    private const int ContextLines = 2;

    public static IReadOnlyList<DiffLine> Lines(string before, string after)
    {
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false, ignoreCase: false, new DiffPlex.Chunkers.LineChunker());
        var lines = model.Lines.Select(l => new DiffLine(l.Type switch
        {
            ChangeType.Inserted => DiffLineKind.Inserted,
            ChangeType.Deleted => DiffLineKind.Deleted,
            _ => DiffLineKind.Unchanged,
        }, l.Text ?? string.Empty)).ToList();
        return WithContextOnly(lines);
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
                    result.Add(new DiffLine(DiffLineKind.Skipped, $"{skipped} unchanged line{(skipped == 1 ? "" : "s")}"));
                skipped = 0;
                result.Add(lines[i]);
            }
            else
            {
                skipped++;
            }
        }
        if (skipped > 0 && result.Count > 0)
            result.Add(new DiffLine(DiffLineKind.Skipped, $"{skipped} unchanged line{(skipped == 1 ? "" : "s")}"));
        return result;
    }
}
