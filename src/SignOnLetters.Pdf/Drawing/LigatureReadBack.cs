using System.Text;
using SignOnLetters.Pdf.Text;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// Right-to-left text whose glyph stands for several characters (the Arabic ligatures لا and لى) is
/// written with the font's presentation-form character for that glyph, not the characters.
/// <para>
/// Skia marks such a glyph with /ActualText "لى" in logical order, as the PDF specification asks;
/// but pdftotext (poppler), and so every tool built on it, lays the ActualText's characters out
/// left to right over the glyph and then reverses the right-to-left line, reading ليلى as ليىل.
/// Chromium's own PDFs read the same way. One presentation-form character (U+FC86 for لى) maps
/// one-to-one to the glyph through the ToUnicode map, needs no /ActualText, survives reversal, and
/// is the same text under NFKC, which search and screen readers apply.
/// </para>
/// </summary>
internal static class LigatureReadBack
{
    // Arabic Presentation Forms-A and -B whose compatibility decomposition is two or more characters.
    private static readonly Dictionary<string, List<char>> FormsByText = BuildForms();

    /// <summary>
    /// The fragment's text with each single-glyph ligature cluster replaced by its presentation
    /// form, and for each original character index (plus the end) its index in the new text;
    /// null when nothing is replaced.
    /// </summary>
    public static (string Text, int[] NewIndexOf)? Substitute(LineFragment fragment)
    {
        var run = fragment.Run;
        if (!run.IsRightToLeft)
            return null;
        var start = fragment.CharStart;
        var length = fragment.CharEnd - start;
        Dictionary<int, (int Length, char Form)>? replaced = null;
        for (var g = fragment.GlyphStart; g < fragment.GlyphEnd; g++)
        {
            var cluster = run.Clusters[g];
            if (GlyphCount(fragment, cluster) != 1)
                continue;
            var clusterLength = ClusterEnd(fragment, cluster) - cluster;
            if (clusterLength < 2)
                continue;
            var clusterText = run.Paragraph.Text.Substring(cluster, clusterLength);
            if (!FormsByText.TryGetValue(clusterText, out var forms))
                continue;
            foreach (var form in forms)
                if (run.Face.HarfBuzzFont.TryGetNominalGlyph(form, out var glyph) && glyph == run.Glyphs[g])
                {
                    (replaced ??= [])[cluster - start] = (clusterLength, form);
                    break;
                }
        }
        if (replaced is null)
            return null;

        var text = new StringBuilder(length);
        var newIndexOf = new int[length + 1];
        for (var i = 0; i < length;)
        {
            newIndexOf[i] = text.Length;
            if (replaced.TryGetValue(i, out var ligature))
            {
                for (var k = 1; k < ligature.Length; k++)
                    newIndexOf[i + k] = text.Length;
                text.Append(ligature.Form);
                i += ligature.Length;
            }
            else
            {
                text.Append(run.Paragraph.Text[start + i]);
                i++;
            }
        }
        newIndexOf[length] = text.Length;
        return (text.ToString(), newIndexOf);
    }

    private static int GlyphCount(LineFragment fragment, int cluster)
    {
        var count = 0;
        for (var g = fragment.GlyphStart; g < fragment.GlyphEnd; g++)
            if (fragment.Run.Clusters[g] == cluster)
                count++;
        return count;
    }

    /// <summary>The next cluster's first character after this one, or the fragment's end.</summary>
    private static int ClusterEnd(LineFragment fragment, int cluster)
    {
        var end = fragment.CharEnd;
        for (var g = fragment.GlyphStart; g < fragment.GlyphEnd; g++)
        {
            var other = fragment.Run.Clusters[g];
            if (other > cluster && other < end)
                end = other;
        }
        return end;
    }

    private static Dictionary<string, List<char>> BuildForms()
    {
        var forms = new Dictionary<string, List<char>>(StringComparer.Ordinal);
        foreach (var (first, last) in new[] { (0xFB50, 0xFDFF), (0xFE70, 0xFEFF) })
            for (var code = first; code <= last; code++)
            {
                var form = (char)code;
                if (char.GetUnicodeCategory(form) == System.Globalization.UnicodeCategory.OtherNotAssigned)
                    continue;
                var text = form.ToString().Normalize(NormalizationForm.FormKC);
                if (text.Length < 2)
                    continue;
                if (!forms.TryGetValue(text, out var list))
                    forms[text] = list = [];
                list.Add(form);
            }
        return forms;
    }
}
