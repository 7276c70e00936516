using Icu;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Text;

/// <summary>
/// Line-break opportunities (UAX #14) and bidirectional order (UAX #9) from the system's ICU,
/// through icu.net. ICU objects are not thread-safe, so each thread keeps its own iterator.
/// </summary>
internal static class UnicodeAlgorithms
{
    private static readonly Lazy<bool> Initialised = new(() =>
    {
        Wrapper.Init();
        return true;
    });

    [ThreadStatic]
    private static BreakIterator? lineIterator;

    /// <summary>Positions after which a line may end, ascending, ending with the text's length.</summary>
    public static int[] LineBreakOpportunities(string text)
    {
        if (text.Length == 0)
            return [];
        EnsureInitialised();
        lineIterator ??= BreakIterator.CreateLineInstance(new Locale("en"));
        lineIterator.SetText(text);
        // Walking with MoveNext: the Boundaries property also fetches every rule-status vector,
        // which showed up in profiles and is not needed here.
        var boundaries = new List<int>();
        while (lineIterator.MoveNext() != BreakIterator.DONE)
            boundaries.Add(lineIterator.Current);
        return boundaries.ToArray();
    }

    /// <summary>
    /// Whether the text may contain right-to-left characters or explicit bidi controls. When it
    /// cannot and the paragraph is left-to-right, the bidi algorithm resolves every level to 0,
    /// so ICU is skipped: most signatory names are Latin.
    /// </summary>
    public static bool MayNeedBidi(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF'
                or '\u200F' or '\u061C' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'
                // High surrogates of the supplementary right-to-left blocks (U+10800..U+10FFF, U+1E800..U+1EFFF).
                or '\uD802' or '\uD803' or '\uD83A' or '\uD83B')
                return true;
        }
        return false;
    }

    public static BidiParagraph AnalyseBidi(string paragraph, TextDirection direction)
    {
        EnsureInitialised();
        return new BidiParagraph(paragraph, direction switch
        {
            TextDirection.LeftToRight => 0,
            TextDirection.RightToLeft => 1,
            _ => BiDi.DEFAULT_LTR,
        });
    }

    private static void EnsureInitialised() => _ = Initialised.Value;
}

/// <summary>
/// ICU's bidi analysis of one paragraph: resolved levels from ubidi_setPara. Lines are ordered
/// from those levels by rule L2 rather than through ICU's ubidi_setLine, because icu.net 4.0.0's
/// BiDi.SetLine passes an out pointer where ICU expects an allocated UBiDi, and the write corrupts
/// memory (an AccessViolationException here). Trailing whitespace, which rule L1 treats specially,
/// is never part of a line we order.
/// </summary>
internal sealed class BidiParagraph
{
    public BidiParagraph(string text, byte paragraphLevel)
    {
        using var bidi = new BiDi();
        bidi.SetPara(text, paragraphLevel, null);
        Levels = bidi.GetLevels().ToArray();
        IsRightToLeft = (bidi.GetParaLevel() & 1) == 1;
    }

    /// <summary>Resolved embedding level per UTF-16 unit; odd is right-to-left.</summary>
    public byte[] Levels { get; }

    public bool IsRightToLeft { get; }

    /// <summary>The line's logical ranges in visual order (left to right on the page).</summary>
    public List<(int Start, int End, bool IsRightToLeft)> VisualRuns(int lineStart, int lineEnd)
    {
        var runs = new List<(int Start, int End, byte Level)>();
        for (var i = lineStart; i < lineEnd;)
        {
            var runEnd = i + 1;
            while (runEnd < lineEnd && Levels[runEnd] == Levels[i])
                runEnd++;
            runs.Add((i, runEnd, Levels[i]));
            i = runEnd;
        }
        if (runs.Count == 0)
            return [];
        // L2: from the highest level down to the lowest odd level, reverse every maximal
        // sequence of runs at that level or higher.
        var highest = runs.Max(run => run.Level);
        var lowestOdd = runs.Where(run => run.Level % 2 == 1).Select(run => run.Level).DefaultIfEmpty(highest).Min();
        if (lowestOdd % 2 == 0)
            lowestOdd++;
        for (var level = highest; level >= lowestOdd; level--)
        {
            for (var i = 0; i < runs.Count;)
            {
                if (runs[i].Level < level)
                {
                    i++;
                    continue;
                }
                var end = i;
                while (end < runs.Count && runs[end].Level >= level)
                    end++;
                runs.Reverse(i, end - i);
                i = end;
            }
        }
        return runs.Select(run => (run.Start, run.End, run.Level % 2 == 1)).ToList();
    }
}
